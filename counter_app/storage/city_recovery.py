"""The city's answers about the dossiers a restore took back (table ``city_recovery``)."""

from __future__ import annotations

from collections.abc import Iterable

from counter_app.storage.engine import Database

RECOVERED = "recovered"  # rebuilt from the city's record
HELD = "held"  # the city holds it but its record cannot be read back: do not type it again
MISSING = "missing"  # the city does not hold it: re-enter it from the papers


def note_answers(db: Database, answers: Iterable[tuple[str, str, str]], *, at: str) -> None:
    """(uuid, code, outcome) as the city answered at ``at``; a later answer replaces one."""
    db.conn.executemany(
        "INSERT INTO city_recovery (uuid, code, outcome, asked_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (uuid) DO UPDATE SET outcome = excluded.outcome, asked_at = excluded.asked_at",
        [(uuid, code, outcome, at) for uuid, code, outcome in answers],
    )


def answered(db: Database, uuids: list[str]) -> dict[str, str]:
    """uuid → outcome for those of ``uuids`` the city has answered about."""
    if not uuids:
        return {}
    marks = ", ".join("?" for _ in uuids)
    rows = db.conn.execute(
        f"SELECT uuid, outcome FROM city_recovery WHERE uuid IN ({marks})", uuids
    )
    return {str(uuid): str(outcome) for uuid, outcome in rows}


def answered_since(db: Database, since: str) -> list[tuple[str, str]]:
    """(code, outcome) of the answers noted at or after ``since`` (ISO), in code order."""
    rows = db.conn.execute(
        "SELECT code, outcome FROM city_recovery WHERE asked_at >= ? ORDER BY code", (since,)
    )
    return [(str(code), str(outcome)) for code, outcome in rows]


def recovered_code_for(db: Database, *, id_number: str, procedure_code: str) -> str | None:
    """The code of a dossier recovered from the city, not voided, for this person and
    procedure (a re-entry of it would make a second dossier at the city)."""
    row = db.conn.execute(
        "SELECT d.code FROM dossiers d JOIN city_recovery r ON r.uuid = d.uuid "
        "WHERE r.outcome = ? AND d.id_number = ? AND d.procedure_code = ? "
        "AND d.voided_at IS NULL ORDER BY d.received_at DESC LIMIT 1",
        (RECOVERED, id_number, procedure_code),
    ).fetchone()
    return None if row is None else str(row[0])


def log_line_taken(db: Database, book: str, line: int) -> bool:
    row = db.conn.execute(
        "SELECT 1 FROM dossiers WHERE log_book = ? AND log_line = ?", (book, line)
    ).fetchone()
    return row is not None


def raise_log_book(db: Database, book: str, line: int) -> None:
    """The book's last line at least ``line``: a recovered line is never handed out again."""
    db.conn.execute(
        "INSERT INTO log_books (book, last_line) VALUES (?, ?) ON CONFLICT (book) "
        "DO UPDATE SET last_line = max(last_line, excluded.last_line)",
        (book, line),
    )
