"""The ``users`` table: plain verbs, the database first. Names are stored lower-case."""

from __future__ import annotations

from typing import NamedTuple

from counter_app.storage.engine import Database

_COLUMNS = (
    "username, full_name, role, password_hash, active, failed_attempts, locked_until, "
    "created_at, updated_at"
)


class UserRow(NamedTuple):
    username: str
    full_name: str
    role: str
    password_hash: str
    active: bool
    failed_attempts: int
    locked_until: str
    created_at: str
    updated_at: str


def _row(values: tuple[object, ...]) -> UserRow:
    row = list(values)
    row[4] = bool(row[4])
    return UserRow(*row)  # type: ignore[arg-type]


def get_user(db: Database, username: str) -> UserRow | None:
    found = db.conn.execute(
        f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username,)
    ).fetchone()
    return None if found is None else _row(tuple(found))


def list_users(db: Database) -> list[UserRow]:
    rows = db.conn.execute(f"SELECT {_COLUMNS} FROM users ORDER BY username")
    return [_row(tuple(values)) for values in rows]


def count_users(db: Database, *, role: str | None = None, active_only: bool = False) -> int:
    sql, params = "SELECT COUNT(*) FROM users WHERE 1 = 1", []
    if role is not None:
        sql, params = sql + " AND role = ?", [role]
    if active_only:
        sql += " AND active = 1"
    return int(db.conn.execute(sql, params).fetchone()[0])


def insert_user(
    db: Database, *, username: str, full_name: str, role: str, password_hash: str, now: str
) -> None:
    db.conn.execute(
        "INSERT INTO users (username, full_name, role, password_hash, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (username, full_name, role, password_hash, now, now),
    )


def set_active(db: Database, username: str, *, active: bool, now: str) -> None:
    db.conn.execute(
        "UPDATE users SET active = ?, updated_at = ? WHERE username = ?",
        (int(active), now, username),
    )


def set_password_hash(db: Database, username: str, password_hash: str, *, now: str) -> None:
    """A new password also clears the throttle: the person has a fresh start."""
    db.conn.execute(
        "UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = '', "
        "updated_at = ? WHERE username = ?",
        (password_hash, now, username),
    )


def record_failure(db: Database, username: str, *, attempts: int, locked_until: str) -> None:
    db.conn.execute(
        "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE username = ?",
        (attempts, locked_until, username),
    )


def clear_failures(db: Database, username: str) -> None:
    db.conn.execute(
        "UPDATE users SET failed_attempts = 0, locked_until = '' WHERE username = ? "
        "AND (failed_attempts != 0 OR locked_until != '')",
        (username,),
    )
