"""What the simulated city does with a batch, a status pull and the passing of time.

Each record gets one answer per idempotency key, kept for good: the same key with the same
content replays it (``duplicate`` for a stored record), with other content it is ``rejected``.
Received dossiers move 2 → 4 → 9 over time (or on ``city-sim advance``), and every move is a
change item for ``GET /v1/dossiers/changes``. Callers hold the transaction (``store.atomic``).
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from counter_app.domain.dossier_code import full_code_shape
from counter_app.domain.vn_time import iso_vn
from sync.protocol import (
    FieldCode,
    FieldError,
    Outcome,
    RecordResult,
    dumps,
    field_error,
    format_national,
    parse_national,
    record_digest,
    validate_record,
)
from sync.simulator import store
from sync.simulator.faults import CodePolicy
from sync.simulator.store import CityDossier

# The city's own processing chain: 2 (received) → 4 (in process) → 9 (result ready).
NEXT_STATUS = {"2": "4", "4": "9"}
STEP_TEXT = {"4": "Chuyển xử lý", "9": "Đã xử lý xong"}
CITY_OFFICER = "Chuyên viên xử lý"  # a role, never a person's name: the feed may reach logs
CITY_UNIT = "Bộ phận chuyên môn"


@dataclass(frozen=True)
class Intake:
    """What one batch (or offline file) brings: its envelope and the city's context."""

    counter_id: str
    agency: str
    known_procedures: Container[str]
    codes: CodePolicy
    now: datetime
    retry_later: Callable[[], bool] = lambda: False


def receive_records(
    db: sqlite3.Connection, records: list[Mapping[str, Any]], intake: Intake
) -> list[RecordResult]:
    """One answer per record, in order (call inside ``store.atomic``)."""
    return [_receive(db, record, intake) for record in records]


def _receive(db: sqlite3.Connection, record: Mapping[str, Any], intake: Intake) -> RecordResult:
    key, digest = str(record["idempotency_key"]), record_digest(record)
    stored = store.get_key(db, key)
    if stored is not None:
        return _replay(db, key, stored, digest, intake)
    if intake.retry_later():
        return RecordResult(key, Outcome.RETRY_LATER)  # not kept: the next attempt is fresh
    result = _decide(db, record, intake)
    dossier = str(record.get("dossier_uuid", ""))
    store.put_key(
        db, key, dossier_uuid=dossier, digest=digest, result=dumps(result.to_json()).decode(),
        at=iso_vn(intake.now),
    )  # fmt: skip
    return result


def _replay(
    db: sqlite3.Connection, key: str, stored: store.StoredKey, digest: str, intake: Intake
) -> RecordResult:
    if stored.digest != digest:
        return _rejected(key, [field_error("idempotency_key", FieldCode.KEY_REUSED)])
    first = RecordResult.from_json(json.loads(stored.result))
    if first.outcome is not Outcome.ACCEPTED:
        return first
    store.count_receipt(db, stored.dossier_uuid, iso_vn(intake.now))
    current = store.get_dossier(db, stored.dossier_uuid)
    version = current.version if current else first.server_version
    return replace(first, outcome=Outcome.DUPLICATE, server_version=version)


def _decide(db: sqlite3.Connection, record: Mapping[str, Any], intake: Intake) -> RecordResult:
    key = str(record["idempotency_key"])
    errors = validate_record(record, known_procedures=intake.known_procedures)
    if errors:
        return _rejected(key, errors)
    existing = store.get_dossier(db, record["dossier_uuid"])
    if existing is not None and existing.version >= record["version"]:
        return RecordResult(key, Outcome.STALE, existing.code, existing.version)
    if existing is not None:
        return _accept_version(db, record, existing, intake)
    return _accept_new(db, record, intake)


def _accept_new(db: sqlite3.Connection, record: Mapping[str, Any], intake: Intake) -> RecordResult:
    key, hoso = str(record["idempotency_key"]), record["hoSo"]
    code = _official_code(db, hoso, intake)
    if store.dossier_with_code(db, code) is not None:
        return _rejected(key, [field_error("hoSo.MaHoSo", FieldCode.CODE_TAKEN)])
    at = iso_vn(intake.now)
    store.insert_dossier(
        db,
        CityDossier(
            dossier_uuid=record["dossier_uuid"], counter_id=intake.counter_id,
            agency=intake.agency, code=code, local_code=record["local_code"],
            version=record["version"], payload=dumps(record).decode(),
            sent_status=hoso["TrangThaiHoSo"], status=hoso["TrangThaiHoSo"],
            due_at=hoso.get("NgayHenTra", ""), finished_at="",
            status_changed_at=intake.now.timestamp(), first_received_at=at,
            last_received_at=at, times_received=1,
        ),
    )  # fmt: skip
    return RecordResult(key, Outcome.ACCEPTED, code, record["version"])


def _accept_version(
    db: sqlite3.Connection, record: Mapping[str, Any], existing: CityDossier, intake: Intake
) -> RecordResult:
    """A newer version: the counter's status move applies; a plain edit keeps the city's status."""
    sent = record["hoSo"]["TrangThaiHoSo"]
    moved = sent != existing.sent_status
    updated = replace(
        existing,
        version=record["version"],
        payload=dumps(record).decode(),
        local_code=record["local_code"],
        sent_status=sent,
        status=sent if moved else existing.status,
        due_at=record["hoSo"].get("NgayHenTra") or existing.due_at,
        status_changed_at=intake.now.timestamp() if moved else existing.status_changed_at,
    )
    store.update_version(db, updated)
    store.count_receipt(db, existing.dossier_uuid, iso_vn(intake.now))
    return RecordResult(
        str(record["idempotency_key"]), Outcome.ACCEPTED, existing.code, updated.version
    )


def _official_code(db: sqlite3.Connection, hoso: Mapping[str, Any], intake: Intake) -> str:
    """The counter's code when it fits the official shape, else the city's next number."""
    local = str(hoso["MaHoSo"])
    if intake.codes is CodePolicy.KEEP and full_code_shape(intake.agency).match(local):
        return local
    day = parse_national(hoso["NgayTiepNhan"]).strftime("%y%m%d")
    # The city numbers from 0001: counters' ranges start at 1001 (dossier.md §2 option A).
    number = store.next_code_number(db, f"{intake.agency}|{day}")
    return f"{intake.agency}-{day}-{number:04d}"


def _rejected(key: str, errors: list[FieldError]) -> RecordResult:
    return RecordResult(key, Outcome.REJECTED, errors=tuple(errors))


# --- the city's own progress --------------------------------------------------------------------


def advance_due(db: sqlite3.Connection, now: datetime, after_s: float) -> int:
    """Move every dossier unchanged for ``after_s`` seconds one step; 0 disables it."""
    if after_s <= 0:
        return 0
    due = store.dossiers_in_status(db, tuple(NEXT_STATUS), now.timestamp() - after_s)
    for dossier in due:
        _step(db, dossier, now)
    return len(due)


def advance_all(db: sqlite3.Connection, now: datetime, *, postpone_days: int = 0) -> int:
    """``city-sim advance``: every open dossier one step now; due dates ``postpone_days`` later."""
    moved = store.dossiers_in_status(db, tuple(NEXT_STATUS))
    for dossier in moved:
        if postpone_days:
            later = parse_national(dossier.due_at) if dossier.due_at else now
            dossier = replace(dossier, due_at=format_national(later + timedelta(postpone_days)))
        _step(db, dossier, now)
    return len(moved)


def _step(db: sqlite3.Connection, dossier: CityDossier, now: datetime) -> None:
    status = NEXT_STATUS[dossier.status]
    finished = format_national(now) if status == "9" else dossier.finished_at
    store.set_city_state(
        db, dossier.dossier_uuid, status=status, due_at=dossier.due_at, finished_at=finished,
        changed_at=now.timestamp(),
    )  # fmt: skip
    item = {
        "dossier_uuid": dossier.dossier_uuid,
        "MaHoSo": dossier.code,
        "TrangThaiHoSo": status,
        "NgayHenTra": dossier.due_at,
        "NgayTra": "",
        "NgayKetThucXuLy": finished,
        "tienTrinh": [_city_step(dossier, status, now)],
        "changed_at": iso_vn(now),
    }
    store.add_change(
        db, dossier_uuid=dossier.dossier_uuid, counter_id=dossier.counter_id,
        item=dumps(item).decode(),
    )  # fmt: skip


def _city_step(dossier: CityDossier, status: str, now: datetime) -> dict[str, str]:
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": CITY_OFFICER,
        "ChucDanh": "Chuyên viên",
        "ThoiDiemXuLy": format_national(now),
        "PhongBanXuLy": CITY_UNIT,
        "NoiDungXuLy": STEP_TEXT[status],
        "TrangThai": status,
        "NgayBatDau": format_national(now),
        "NgayKetThucTheoQuyDinh": dossier.due_at,
    }


# --- the changes feed ---------------------------------------------------------------------------

_CURSOR_PREFIX = "c1:"


class BadCursorError(ValueError):
    """A cursor this server did not issue."""


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except ValueError:
        raise BadCursorError(cursor) from None
    if not text.startswith(_CURSOR_PREFIX) or not text[len(_CURSOR_PREFIX) :].isdigit():
        raise BadCursorError(cursor)
    return int(text[len(_CURSOR_PREFIX) :])


def changes_page(
    db: sqlite3.Connection, cursor: str, *, counter_id: str | None, limit: int
) -> dict[str, Any]:
    """One page of changes after ``cursor``; raises BadCursorError for a foreign cursor."""
    seq = decode_cursor(cursor)
    rows = store.changes_after(db, seq, counter_id=counter_id, limit=limit + 1)
    page, has_more = rows[:limit], len(rows) > limit
    last = page[-1][0] if page else seq
    return {
        "items": [json.loads(item) for _, item in page],
        "next_cursor": encode_cursor(last),
        "has_more": has_more,
    }
