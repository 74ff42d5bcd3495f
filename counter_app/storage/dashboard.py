"""The supervisor's dashboard figures: counts of a span of days, and the due-date lists.

Counts read the span's rows once, found through the ``dossiers_received (received_day, status)``
index (a month of a busy ward: tens of thousands). The due
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


class SpanRow(NamedTuple):
    status: int
    procedure_code: str
    clerk: str
    dossiers: int


def span_rows(db: Database, *, first_day: str, last_day: str) -> list[SpanRow]:
    """Dossiers received from ``first_day`` to ``last_day`` (inclusive, ISO), voided ones left
    out, counted per (status, procedure, clerk): one pass over the span's rows for all three
    breakdowns."""
    rows = db.conn.execute(
        "SELECT status, procedure_code, clerk, count(*) FROM dossiers "
        "WHERE received_day BETWEEN ? AND ? AND voided_at IS NULL "
        "GROUP BY status, procedure_code, clerk",
        (first_day, last_day),
    )
    return [SpanRow(int(s), str(p), str(c), int(n)) for s, p, c, n in rows]


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
