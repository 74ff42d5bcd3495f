"""Dossier rows: insert, update, read back; their versions, due dates and events."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from counter_app.domain.dossier import Applicant, DocumentReceived, Dossier, Proxy
from counter_app.storage.engine import Database
from counter_app.storage.search import add_search_words

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
        "FROM dossiers d WHERE d.status IN (2, 4, 6) AND d.voided_at IS NULL "
        "AND d.due_at IS NOT NULL AND (SELECT reason FROM due_dates x WHERE x.dossier_id = d.id "
        "ORDER BY x.id DESC LIMIT 1) = 'original' ORDER BY d.due_at"
    )
    return [(str(c), str(p), int(v), str(r), str(d)) for c, p, v, r, d in rows]
