"""The rows of the tracking log and of the end-of-day reconciliation: read-only queries.

One query each, walking the ``received_day`` index: a year's log of a busy ward (tens of
thousands of dossiers) is one pass, with the first move to the processing agency (status 4)
and the first result (status 9) found through the events index of each dossier.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from counter_app.storage.engine import Database

IN_PROCESS, RESULT_READY = 4, 9  # the statuses of columns 10 and 11 (domain.dossier.Status)


class LogQueryRow(NamedTuple):
    code: str
    log_book: str
    log_line: int
    procedure_name: str  # empty when the catalogue version no longer holds the procedure
    sets: int
    full_name: str
    applicant: str  # JSON: the address and phone are read from it
    competent_agency: str
    received_at: str
    due_at: str | None
    transferred_at: str | None
    result_at: str | None
    returned_at: str | None
    status: int
    voided_at: str | None
    counter: int
    clerk: str


class DayRow(NamedTuple):
    """One dossier's end-of-day facts: printed, sent, acknowledged, returned."""

    code: str
    counter: int
    status: int
    voided: bool
    printed: bool  # an original (not a reprint) of any form was issued
    sent: bool  # some version left for the city (a batch posted or a file exported)
    acknowledged: bool  # the city holds some version
    rejected: bool  # the city refused its newest sent version
    received_day: str
    returned_at: str | None
    due_at: str | None


_LOG_SQL = """
SELECT d.code, d.log_book, d.log_line, coalesce(p.name_vi, ''), d.sets, d.full_name,
       d.applicant, d.competent_agency, d.received_at, d.due_at,
       (SELECT min(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.to_status = ?),
       (SELECT min(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.to_status = ?),
       d.returned_at, d.status, d.voided_at, d.counter, d.clerk
FROM dossiers d
LEFT JOIN procedures p ON p.catalogue_version = d.catalogue_version AND p.code = d.procedure_code
WHERE d.received_day BETWEEN ? AND ? {counter}
ORDER BY d.received_at, d.id
"""


def iter_log_rows(
    db: Database, *, first_day: str, last_day: str, counter: int | None
) -> Iterator[LogQueryRow]:
    """Dossiers received from ``first_day`` to ``last_day`` (ISO days), in order of receipt."""
    sql = _LOG_SQL.format(counter="" if counter is None else "AND d.counter = ?")
    params: tuple[object, ...] = (IN_PROCESS, RESULT_READY, first_day, last_day)
    if counter is not None:
        params += (counter,)
    for row in db.conn.execute(sql, params):
        yield LogQueryRow(*row)


_DAY_SQL = """
SELECT d.code, d.counter, d.status, d.voided_at IS NOT NULL,
       EXISTS (SELECT 1 FROM issued_documents i WHERE i.dossier_id = d.id
               AND i.reprint_of IS NULL),
       EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND o.sent_at IS NOT NULL)
           OR d.first_synced_at IS NOT NULL,
       d.first_synced_at IS NOT NULL
           OR EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND o.state = 'acked'),
       EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND o.state = 'rejected'),
       d.received_day, d.returned_at, d.due_at
FROM dossiers d
WHERE (d.received_day = ? OR substr(d.returned_at, 1, 10) = ?) {counter}
ORDER BY d.received_at, d.id
"""


def day_rows(db: Database, *, day: str, counter: int | None) -> list[DayRow]:
    """Dossiers received on ``day`` or whose result was handed over that day."""
    sql = _DAY_SQL.format(counter="" if counter is None else "AND d.counter = ?")
    params: tuple[object, ...] = (day, day) if counter is None else (day, day, counter)
    return [
        DayRow(r[0], r[1], r[2], bool(r[3]), bool(r[4]), bool(r[5]), bool(r[6]), bool(r[7]),
               r[8], r[9], r[10])
        for r in db.conn.execute(sql, params)
    ]  # fmt: skip


def audit_rows(db: Database, *, action: str, first: str, last: str) -> list[tuple[str, str, str]]:
    """(at, actor, subject) of the audit rows of ``action`` whose subject is a day in range."""
    rows = db.conn.execute(
        "SELECT at, actor, subject FROM audit_log WHERE action = ? AND subject BETWEEN ? AND ? "
        "ORDER BY seq",
        (action, first, last),
    )
    return [(str(at), str(actor), str(subject)) for at, actor, subject in rows]
