"""After a restore, a counter asks which of its own dossiers the city holds (the other copy).

``POST /v1/dossiers/lookup`` with ``{protocol, counter_id, MaDonVi, dossier_uuids}`` (at most
500): the reply names, for each uuid this ward's counter sent, the code, version, status, whether
and when it was cancelled, when the city first received it, and the record of its latest
accepted version exactly as the counter sent it (``record``, with its ``counter_copy``), so
that the counter can rebuild it. The others are listed as unknown. Another counter's
dossiers are unknown to it: a counter learns nothing about its neighbours, and gets back only
personal data it sent itself (the call is authenticated like every other).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from counter_app.domain.dossier_code import AGENCY_SHAPE
from sync.protocol import MAX_LOOKUP, PROTOCOL, FieldCode, FieldError, field_error
from sync.simulator import store


def validate_lookup(body: object, *, counter_header: str) -> list[FieldError]:
    if not isinstance(body, dict):
        return [field_error("", FieldCode.WRONG_TYPE)]
    errors = []
    if body.get("protocol") != PROTOCOL:
        errors.append(field_error("protocol", FieldCode.UNSUPPORTED_PROTOCOL))
    if body.get("counter_id") != counter_header:
        errors.append(field_error("counter_id", FieldCode.MISMATCH))
    agency = body.get("MaDonVi")
    if not isinstance(agency, str) or not AGENCY_SHAPE.fullmatch(agency):
        errors.append(field_error("MaDonVi", FieldCode.BAD_FORMAT))
    uuids = body.get("dossier_uuids")
    if not isinstance(uuids, list) or not uuids or len(uuids) > MAX_LOOKUP:
        errors.append(field_error("dossier_uuids", FieldCode.REQUIRED))
    elif not all(_is_uuid(u) for u in uuids):
        errors.append(field_error("dossier_uuids", FieldCode.BAD_FORMAT))
    return errors


def answer_lookup(db: sqlite3.Connection, body: dict[str, Any]) -> dict[str, Any]:
    uuids = [str(u) for u in body["dossier_uuids"]]
    held = store.own_dossiers(
        db, uuids, counter_id=str(body["counter_id"]), agency=str(body["MaDonVi"])
    )
    found = [_found(db, d) for d in held]
    known = {d.dossier_uuid for d in held}
    return {"found": found, "unknown": [u for u in uuids if u not in known]}


def _found(db: sqlite3.Connection, dossier: store.CityDossier) -> dict[str, Any]:
    cancelled_at = store.cancelled_at(db, dossier.dossier_uuid)
    return {
        "dossier_uuid": dossier.dossier_uuid, "MaHoSo": dossier.code,
        "local_code": dossier.local_code, "version": dossier.version,
        "TrangThaiHoSo": dossier.status, "cancelled": cancelled_at is not None,
        "cancelled_at": cancelled_at or "", "received_at": dossier.first_received_at,
        "record": json.loads(dossier.payload),
    }  # fmt: skip


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False
