"""The supervisor's dashboard figures: counts of a span of days, and the due-date lists.

Counts read the ``dossiers_received (received_day, status)`` index for the span; by procedure
and by clerk they read the span's rows (a month of a busy ward: tens of thousands). The due
lists walk ``dossiers_status (status, due_at)`` for the open statuses whose clock runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from counter_app.storage.engine import Database


class DueRow(NamedTuple):
    code: str
    procedure_code: str
    full_name: str
    clerk: str
    status: int
    due_at: str


def counts_by(db: Database, column: str, *, first_day: str, last_day: str) -> dict[str, int]:
    """Dossiers received from ``first_day`` to ``last_day`` (inclusive, ISO) per ``column``,
    voided ones left out."""
    if column not in {"status", "procedure_code", "clerk"}:
        raise ValueError(column)
    rows = db.conn.execute(
        f"SELECT {column}, count(*) FROM dossiers WHERE received_day BETWEEN ? AND ? "
        f"AND voided_at IS NULL GROUP BY {column}",
        (first_day, last_day),
    )
    return {str(value): int(count) for value, count in rows}


def due_between(
    db: Database, statuses: Iterable[int], *, after: str, before: str, limit: int
) -> tuple[list[DueRow], int]:
    """Open dossiers due in [``after``, ``before``), soonest first (at most ``limit``), and
    how many there are in all."""
    codes = sorted(set(statuses))
    marks = ", ".join("?" * len(codes))
    where = f"status IN ({marks}) AND due_at >= ? AND due_at < ? AND voided_at IS NULL"
    params = [*codes, after, before]
    rows = db.conn.execute(
        "SELECT code, procedure_code, full_name, clerk, status, due_at FROM dossiers "
        f"WHERE {where} ORDER BY due_at LIMIT ?",
        [*params, limit],
    )
    found = [DueRow(*row) for row in rows]
    total = db.conn.execute(f"SELECT count(*) FROM dossiers WHERE {where}", params).fetchone()
    return found, int(total[0])
