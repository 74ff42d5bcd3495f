"""The ``cli_sessions`` table: a token's SHA-256, its user and its expiry (migration 10)."""

from __future__ import annotations

from typing import NamedTuple

from counter_app.storage.engine import Database


class SessionRow(NamedTuple):
    username: str
    expires_at: str


def insert_session(
    db: Database, *, token_hash: str, username: str, created_at: str, expires_at: str
) -> None:
    db.conn.execute(
        "INSERT INTO cli_sessions (token_hash, username, created_at, expires_at) "
        "VALUES (?, ?, ?, ?)",
        (token_hash, username, created_at, expires_at),
    )


def get_session(db: Database, token_hash: str) -> SessionRow | None:
    row = db.conn.execute(
        "SELECT username, expires_at FROM cli_sessions WHERE token_hash = ?", (token_hash,)
    ).fetchone()
    return None if row is None else SessionRow(str(row[0]), str(row[1]))


def set_expiry(db: Database, token_hash: str, expires_at: str) -> None:
    db.conn.execute(
        "UPDATE cli_sessions SET expires_at = ? WHERE token_hash = ?", (expires_at, token_hash)
    )


def delete_session(db: Database, token_hash: str) -> None:
    db.conn.execute("DELETE FROM cli_sessions WHERE token_hash = ?", (token_hash,))


def delete_expired(db: Database, now: str) -> None:
    db.conn.execute("DELETE FROM cli_sessions WHERE expires_at <= ?", (now,))
