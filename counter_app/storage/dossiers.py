"""Dossier rows: insert, update, read back; their versions, due dates and events."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from counter_app.domain.dossier import Applicant, DocumentReceived, Dossier, Proxy
from counter_app.domain.lifecycle import CLOCK_RUNNING, status_list_sql
from counter_app.storage.engine import Database
from counter_app.storage.search import add_search_words

_CLOCK_RUNNING = status_list_sql(CLOCK_RUNNING)  # "(2, 4, 6)", from the lifecycle table

_COLUMNS = (
    "id, uuid, code, official_code, version, status, channel, receiving_agency, "
    "competent_agency, counter, procedure_code, catalogue_version, applicant, proxy, documents, "
    "sets, fee_vnd, fee_exemption, received_at, due_at, notes, clerk, queue_ticket, log_book, "
    "log_line, form_set, outcome_reason, voided_at, returned_at, first_synced_at, "
    "synced_version, updated_at"
)


def insert_dossier(db: Database, row: Mapping[str, Any]) -> int:
    add_search_words(db, (row["folded_name"], row["folded_address"]))
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = db.conn.execute(
        f"INSERT INTO dossiers ({names}) VALUES ({marks})", tuple(row.values())
    )
    return int(cursor.lastrowid or 0)


def update_dossier(db: Database, dossier_id: int, changes: Mapping[str, Any]) -> None:
    add_search_words(db, (changes.get("folded_name", ""), changes.get("folded_address", "")))
    assignments = ", ".join(f"{name} = ?" for name in changes)
    db.conn.execute(
        f"UPDATE dossiers SET {assignments} WHERE id = ?", (*changes.values(), dossier_id)
    )


def get_dossier_by_code(db: Database, code: str) -> Dossier | None:
    """By the local code or the official code the city assigned."""
    row = db.conn.execute(
        f"SELECT {_COLUMNS} FROM dossiers WHERE code = ? "
        f"UNION ALL SELECT {_COLUMNS} FROM dossiers WHERE official_code = ? LIMIT 1",
        (code, code),
    ).fetchone()
    return None if row is None else _dossier(row)


def get_dossier_by_uuid(db: Database, uuid: str) -> Dossier | None:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM dossiers WHERE uuid = ?", (uuid,)).fetchone()
    return None if row is None else _dossier(row)


def get_dossiers_by_ids(db: Database, ids: list[int]) -> list[Dossier]:
    """Rows for ``ids``, in the order given (search returns ids ranked)."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = db.conn.execute(f"SELECT {_COLUMNS} FROM dossiers WHERE id IN ({marks})", ids)
    by_id = {row[0]: _dossier(row) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def list_dossiers(
    db: Database,
    *,
    day: str | None = None,
    status: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Dossier]:
    where, params = _filters(day=day, status=status)
    rows = db.conn.execute(
        f"SELECT {_COLUMNS} FROM dossiers {where} ORDER BY received_at DESC, id DESC "
        "LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [_dossier(row) for row in rows]


def dossiers_of_applicant(db: Database, id_number: str, *, limit: int = 50) -> list[Dossier]:
    rows = db.conn.execute(
        f"SELECT {_COLUMNS} FROM dossiers WHERE id_number = ? ORDER BY received_at DESC LIMIT ?",
        (id_number, limit),
    )
    return [_dossier(row) for row in rows]


def count_dossiers(db: Database) -> int:
    return int(db.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0])


def _filters(*, day: str | None, status: int | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if day is not None:
        clauses.append("received_day = ?")
        params.append(day)
    if status is not None:
        clauses.append("status = ?")
        params.append(status)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


_NAMES = tuple(name.strip() for name in _COLUMNS.split(","))


def _dossier(row: tuple[Any, ...]) -> Dossier:
    values = dict(zip(_NAMES, row, strict=True))
    values["applicant"] = Applicant.from_json(json.loads(values["applicant"]))
    values["proxy"] = Proxy.from_json(json.loads(values["proxy"])) if values["proxy"] else None
    values["documents"] = tuple(DocumentReceived(**d) for d in json.loads(values["documents"]))
    return Dossier(**values)


def insert_version(
    db: Database, *, dossier_id: int, version: int, at: str, actor: str, snapshot: str
) -> None:
    db.conn.execute(
        "INSERT INTO dossier_versions (dossier_id, version, saved_at, actor, snapshot) "
        "VALUES (?, ?, ?, ?, ?)",
        (dossier_id, version, at, actor, snapshot),
    )


def list_versions(db: Database, dossier_id: int) -> list[tuple[int, str, str, str]]:
    rows = db.conn.execute(
        "SELECT version, saved_at, actor, snapshot FROM dossier_versions WHERE dossier_id = ? "
        "ORDER BY version",
        (dossier_id,),
    )
    return [(int(v), str(at), str(actor), str(snap)) for v, at, actor, snap in rows]


def insert_due_date(
    db: Database, *, dossier_id: int, due_at: str, reason: str, at: str, actor: str
) -> None:
    db.conn.execute(
        "INSERT INTO due_dates (dossier_id, due_at, reason, set_at, actor) VALUES (?, ?, ?, ?, ?)",
        (dossier_id, due_at, reason, at, actor),
    )


def list_due_dates(db: Database, dossier_id: int) -> list[dict[str, str]]:
    rows = db.conn.execute(
        "SELECT due_at, reason, set_at, actor FROM due_dates WHERE dossier_id = ? ORDER BY id",
        (dossier_id,),
    )
    return [{"due_at": r[0], "reason": r[1], "set_at": r[2], "actor": r[3]} for r in rows]


def insert_event(
    db: Database,
    *,
    dossier_id: int,
    at: str,
    actor: str,
    kind: str,
    from_status: int | None = None,
    to_status: int | None = None,
    reason: str = "",
    details: Mapping[str, Any] | None = None,
    origin: str = "local",
) -> None:
    db.conn.execute(
        "INSERT INTO dossier_events (dossier_id, at, actor, kind, from_status, to_status, reason, "
        "details, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            dossier_id,
            at,
            actor,
            kind,
            from_status,
            to_status,
            reason,
            json.dumps(dict(details or {}), ensure_ascii=False),
            origin,
        ),
    )


def list_events(db: Database, dossier_id: int) -> Iterator[dict[str, Any]]:
    rows = db.conn.execute(
        "SELECT at, actor, kind, from_status, to_status, reason, details, origin "
        "FROM dossier_events WHERE dossier_id = ? ORDER BY id",
        (dossier_id,),
    )
    for at, actor, kind, from_status, to_status, reason, details, origin in rows:
        yield {
            "at": at,
            "actor": actor,
            "kind": kind,
            "from_status": from_status,
            "to_status": to_status,
            "reason": reason,
            "details": json.loads(details),
            "origin": origin,
        }


def open_dossiers_with_original_due(db: Database) -> list[tuple[str, str, int, str, str]]:
    """Open dossiers (clock running) whose due date is still the one computed at receipt.

    (code, procedure_code, catalogue_version, received_at, due_at). A due date edited by a
    person (an extension, an apology) is theirs to keep, so those are left out.
    """
    rows = db.conn.execute(
        "SELECT d.code, d.procedure_code, d.catalogue_version, d.received_at, d.due_at "
        f"FROM dossiers d WHERE d.status IN {_CLOCK_RUNNING} AND d.voided_at IS NULL "
        "AND d.due_at IS NOT NULL AND (SELECT reason FROM due_dates x WHERE x.dossier_id = d.id "
        "ORDER BY x.id DESC LIMIT 1) = 'original' ORDER BY d.due_at"
    )
    return [(str(c), str(p), int(v), str(r), str(d)) for c, p, v, r, d in rows]


# --- Pages of the dossiers view: newest first, keyset paging, never a full count --------------
# Each page starts after the last row shown (its received_at and id), so page 5,000 costs what
# page 1 costs; OFFSET would walk every earlier row again. Times are ISO text with one fixed
# offset (+07:00), so text order is time order.

_LISTED = (
    "d.id, d.code, d.received_at, d.due_at, d.status, d.full_name, d.id_number, "
    "d.procedure_code, coalesce(p.name_vi, ''), d.voided_at"
)


def listed_rows(db: Database, ids: list[int]) -> list[tuple[Any, ...]]:
    """The view's columns for ``ids``, in the order given, with the procedure's name."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = db.conn.execute(
        f"SELECT {_LISTED} FROM dossiers d LEFT JOIN procedures p "
        "ON p.catalogue_version = d.catalogue_version AND p.code = d.procedure_code "
        f"WHERE d.id IN ({marks})",
        ids,
    )
    by_id = {row[0]: tuple(row) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def _match_clause(
    *, status: int | None, procedure_code: str | None, overdue_before: str | None
) -> tuple[str, list[Any]]:
    """The filters other than the receipt time, as one SQL condition ("1" when none).

    Overdue (dossier.md §4): the clock is running (``CLOCK_RUNNING``), not voided, and the due
    day is before ``overdue_before`` (today, ``YYYY-MM-DD``; a due time that day is not late yet).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if status is not None:
        clauses.append("status = ?")
        params.append(status)
    if procedure_code is not None:
        clauses.append("procedure_code = ?")
        params.append(procedure_code)
    if overdue_before is not None:
        clauses.append(f"status IN {_CLOCK_RUNNING} AND voided_at IS NULL AND due_at < ?")
        params.append(overdue_before)
    return (" AND ".join(clauses) or "1"), params


def _time_clause(
    *, received_from: str | None, received_before: str | None, after: tuple[str, int] | None
) -> tuple[str, list[Any]]:
    """Receipt-time bounds and the keyset position: rows strictly older than ``after``."""
    clauses: list[str] = []
    params: list[Any] = []
    if received_from is not None:
        clauses.append("received_at >= ?")
        params.append(received_from)
    if received_before is not None:
        clauses.append("received_at < ?")
        params.append(received_before)
    if after is not None:
        # The range on received_at uses the index; the second clause only sorts out ties.
        clauses.append("received_at <= ? AND NOT (received_at = ? AND id >= ?)")
        params.extend((after[0], after[0], after[1]))
    return (" AND ".join(clauses) or "1"), params


def scan_newest(
    db: Database,
    *,
    received_from: str | None,
    received_before: str | None,
    after: tuple[str, int] | None,
    status: int | None,
    procedure_code: str | None,
    overdue_before: str | None,
    budget: int,
) -> list[tuple[int, str, bool]]:
    """(id, received_at, matches) of at most ``budget`` dossiers, newest first.

    Walks the receipt-time index and stops after ``budget`` rows whatever the filters, so a
    filter that matches little can never make one call read the whole table: the caller
    continues from the last row scanned.
    """
    time_sql, time_params = _time_clause(
        received_from=received_from, received_before=received_before, after=after
    )
    match_sql, match_params = _match_clause(
        status=status, procedure_code=procedure_code, overdue_before=overdue_before
    )
    rows = db.conn.execute(
        f"SELECT id, received_at, ({match_sql}) FROM dossiers INDEXED BY dossiers_received_at "
        f"WHERE {time_sql} ORDER BY received_at DESC, id DESC LIMIT ?",
        (*match_params, *time_params, budget),
    )
    return [(int(i), str(at), bool(hit)) for i, at, hit in rows]


def count_by_status_up_to(
    db: Database, *, status: int | None, overdue_before: str | None, cap: int
) -> int:
    """How many dossiers have ``status`` (or are overdue), counting no further than ``cap``.

    Walks the status index only, at most ``cap`` entries: a cheap test of whether a status
    filter is selective enough to be served by that index.
    """
    where, params = _match_clause(status=status, procedure_code=None, overdue_before=overdue_before)
    row = db.conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM dossiers INDEXED BY dossiers_status "
        f"WHERE {where} LIMIT ?)",
        (*params, cap),
    ).fetchone()
    return int(row[0])


def page_by_status(
    db: Database,
    *,
    received_from: str | None,
    received_before: str | None,
    after: tuple[str, int] | None,
    status: int | None,
    procedure_code: str | None,
    overdue_before: str | None,
    limit: int,
) -> list[tuple[int, str]]:
    """(id, received_at) of the newest matching dossiers, found through the status index.

    For a selective status filter (a few thousand rows at most, see
    ``count_by_status_up_to``): sorting those is cheaper than walking the time index past
    the many rows with other statuses.
    """
    match = _match_clause(
        status=status, procedure_code=procedure_code, overdue_before=overdue_before
    )
    bounds = _time_clause(received_from=received_from, received_before=received_before, after=after)
    return _newest_through(db, "dossiers_status", match, bounds, limit)


# A column the dossiers view filters on alone → its (column, received_at, id) index.
_FILTER_INDEXES = {
    "status": "dossiers_status_received",
    "procedure_code": "dossiers_procedure_received",
}


def page_of_one_value(
    db: Database,
    *,
    received_from: str | None,
    received_before: str | None,
    after: tuple[str, int] | None,
    column: str,
    value: int | str,
    limit: int,
) -> list[tuple[int, str]]:
    """(id, received_at) of the newest dossiers whose ``column`` (status or procedure_code)
    is ``value``: a walk of that column's time index in its own order, so no sort and no row
    read, however common the value."""
    bounds = _time_clause(received_from=received_from, received_before=received_before, after=after)
    match = (f"{column} = ?", [value])
    return _newest_through(db, _FILTER_INDEXES[column], match, bounds, limit)


def _newest_through(
    db: Database,
    index: str,
    match: tuple[str, list[Any]],
    bounds: tuple[str, list[Any]],
    limit: int,
) -> list[tuple[int, str]]:
    """(id, received_at) of the newest rows matching ``match`` within ``bounds`` (SQL and its
    parameters each), found through ``index``."""
    (match_sql, match_params), (time_sql, time_params) = match, bounds
    rows = db.conn.execute(
        f"SELECT id, received_at FROM dossiers INDEXED BY {index} "
        f"WHERE {match_sql} AND {time_sql} ORDER BY received_at DESC, id DESC LIMIT ?",
        (*match_params, *time_params, limit),
    )
    return [(int(i), str(at)) for i, at in rows]


def rejection_of(db: Database, dossier_id: int, version: int) -> tuple[str, str] | None:
    """(the city's rejection JSON, when) of a rejected version, None when not rejected."""
    row = db.conn.execute(
        "SELECT rejection, coalesce(done_at, '') FROM outbox "
        "WHERE dossier_id = ? AND version = ? AND state = 'rejected' ORDER BY id DESC LIMIT 1",
        (dossier_id, version),
    ).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))
