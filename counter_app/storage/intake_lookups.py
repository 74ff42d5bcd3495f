"""Small counted queries the intake screen asks while the clerk types."""

from __future__ import annotations

from counter_app.storage.engine import Database


def codes_of_applicant_procedure_since(
    db: Database, id_number: str, procedure_code: str, since: str
) -> list[tuple[str, str]]:
    """(code, received_at) of the ID's dossiers of one procedure received at or after ``since``."""
    rows = db.conn.execute(
        "SELECT code, received_at FROM dossiers WHERE id_number = ? AND procedure_code = ? "
        "AND received_at >= ? AND voided_at IS NULL ORDER BY received_at DESC",
        (id_number, procedure_code, since),
    )
    return [(str(code), str(at)) for code, at in rows]


def procedure_counts(db: Database, counter: int, limit: int) -> list[tuple[str, int]]:
    """The procedures this counter received most, as (code, count), most used first."""
    rows = db.conn.execute(
        "SELECT procedure_code, count(*) AS n FROM dossiers WHERE counter = ? "
        "GROUP BY procedure_code ORDER BY n DESC, procedure_code LIMIT ?",
        (counter, limit),
    )
    return [(str(code), int(n)) for code, n in rows]
