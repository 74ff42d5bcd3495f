"""The ``send_backs`` table (migration 10): a dossier a supervisor sent back for fixing.

A row is open until a supervisor checks the fix (``checked_at``); at most one is open per
dossier (a partial unique index).
"""

from __future__ import annotations

from typing import NamedTuple

from counter_app.storage.engine import Database

_COLUMNS = (
    "s.id, d.code, s.clerk, s.reason, s.sent_by, s.sent_at, s.fixed_by, s.fixed_at, "
    "s.fix_note, s.checked_by, s.checked_at"
)


class SendBackRow(NamedTuple):
    id: int
    code: str
    clerk: str
    reason: str
    sent_by: str
    sent_at: str
    fixed_by: str | None
    fixed_at: str | None
    fix_note: str
    checked_by: str | None
    checked_at: str | None


def insert_send_back(
    db: Database, *, dossier_id: int, clerk: str, reason: str, sent_by: str, sent_at: str
) -> int:
    cursor = db.conn.execute(
        "INSERT INTO send_backs (dossier_id, clerk, reason, sent_by, sent_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (dossier_id, clerk, reason, sent_by, sent_at),
    )
    return int(cursor.lastrowid or 0)


def open_send_back(db: Database, dossier_id: int) -> SendBackRow | None:
    row = db.conn.execute(
        f"SELECT {_COLUMNS} FROM send_backs s JOIN dossiers d ON d.id = s.dossier_id "
        "WHERE s.dossier_id = ? AND s.checked_at IS NULL",
        (dossier_id,),
    ).fetchone()
    return None if row is None else SendBackRow(*row)


def mark_fixed(db: Database, send_back_id: int, *, by: str, at: str, note: str) -> None:
    db.conn.execute(
        "UPDATE send_backs SET fixed_by = ?, fixed_at = ?, fix_note = ? WHERE id = ?",
        (by, at, note, send_back_id),
    )


def mark_checked(db: Database, send_back_id: int, *, by: str, at: str) -> None:
    db.conn.execute(
        "UPDATE send_backs SET checked_by = ?, checked_at = ? WHERE id = ?", (by, at, send_back_id)
    )


def open_send_backs(db: Database, *, clerk: str | None = None) -> list[SendBackRow]:
    """Open rows, oldest first; of one clerk's dossiers when ``clerk`` is given."""
    where, params = "s.checked_at IS NULL", []
    if clerk is not None:
        where, params = where + " AND s.clerk = ?", [clerk]
    rows = db.conn.execute(
        f"SELECT {_COLUMNS} FROM send_backs s JOIN dossiers d ON d.id = s.dossier_id "
        f"WHERE {where} ORDER BY s.sent_at, s.id",
        params,
    )
    return [SendBackRow(*row) for row in rows]
