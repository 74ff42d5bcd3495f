"""Checks of a batch envelope and of one record, returning field-level errors, never raising.

The simulator answers with these errors; the client may run the same checks before sending so
that a clerk fixes a dossier before it ever leaves the counter.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Container, Iterator, Mapping
from typing import Any

from counter_app.domain.dossier_code import AGENCY_SHAPE
from sync.protocol.formats import idempotency_key, is_national_date, parse_iso_with_offset
from sync.protocol.wire import (
    ALLOWED_VALUES,
    HOSO_DATES,
    HOSO_LISTS,
    HOSO_REQUIRED,
    HOSO_SCALARS,
    LIST_DATES,
    MAX_LENGTHS,
    MAX_RECORDS,
    PROTOCOL,
    STEP_DATES,
    STEP_FIELDS,
    STEP_REQUIRED,
    FieldCode,
    FieldError,
    field_error,
)

_NATIONAL_CODE = re.compile(r"[123]\.\d{6}")  # MaTTHC: the national code, no agency suffix
_DOSSIER_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-_/]*")
_ID_DIGITS = {"1": 12, "2": 9}  # LoaiDinhDanh → digits of SoDinhDanh


def validate_envelope(body: object, *, max_records: int = MAX_RECORDS) -> list[FieldError]:
    """Errors that make a whole batch unanswerable (422); records are checked one by one later.

    Each record must at least be an object with a string ``idempotency_key`` (the reply needs
    it) and name a dossier once: a batch holds at most one version per dossier.
    """
    if not isinstance(body, dict):
        return [field_error("", FieldCode.WRONG_TYPE)]
    errors = list(_envelope_fields(body))
    records = body.get("records")
    if not isinstance(records, list) or not records:
        errors.append(field_error("records", FieldCode.REQUIRED))
        return errors
    if len(records) > max_records:
        errors.append(field_error("records", FieldCode.TOO_LONG))
    errors.extend(_records_answerable(records))
    return errors


def _envelope_fields(body: Mapping[str, Any]) -> Iterator[FieldError]:
    if body.get("protocol") != PROTOCOL:
        yield field_error("protocol", FieldCode.UNSUPPORTED_PROTOCOL)
    if not _is_uuid(body.get("batch_id")):
        yield field_error("batch_id", FieldCode.BAD_FORMAT)
    yield from _required_text(body, "counter_id", "counter_id")
    agency = body.get("MaDonVi")
    if not isinstance(agency, str) or not AGENCY_SHAPE.match(agency):
        yield field_error("MaDonVi", FieldCode.BAD_FORMAT)
    if not _is_iso_with_offset(body.get("sent_at")):
        yield field_error("sent_at", FieldCode.BAD_DATE)
    skew = body.get("clock_skew_s", 0)
    if not isinstance(skew, int) or isinstance(skew, bool):
        yield field_error("clock_skew_s", FieldCode.WRONG_TYPE)


def _records_answerable(records: list[Any]) -> Iterator[FieldError]:
    seen: set[str] = set()
    for index, record in enumerate(records):
        path = f"records[{index}]"
        if not isinstance(record, dict) or not isinstance(record.get("idempotency_key"), str):
            yield field_error(f"{path}.idempotency_key", FieldCode.REQUIRED)
            continue
        dossier = record.get("dossier_uuid")
        if isinstance(dossier, str) and dossier in seen:
            yield field_error(f"{path}.dossier_uuid", FieldCode.DUPLICATE_DOSSIER)
        seen.add(str(dossier))


def validate_record(
    record: Mapping[str, Any], *, known_procedures: Container[str] | None = None
) -> list[FieldError]:
    """Every problem of one record, each with its field path; empty when it may be stored.

    ``known_procedures`` holds the national codes the receiver knows; None skips that check.
    """
    errors = list(_record_frame(record))
    hoso = record.get("hoSo")
    if not isinstance(hoso, dict):
        errors.append(field_error("hoSo", FieldCode.WRONG_TYPE))
        return errors
    errors.extend(_hoso_errors(hoso, known_procedures))
    steps = record.get("tienTrinh", [])
    if not isinstance(steps, list):
        errors.append(field_error("tienTrinh", FieldCode.WRONG_TYPE))
    else:
        for index, step in enumerate(steps):
            errors.extend(_step_errors(step, f"tienTrinh[{index}]", hoso.get("MaHoSo")))
    errors.extend(_nfc_errors(record, ""))
    return errors


def _record_frame(record: Mapping[str, Any]) -> Iterator[FieldError]:
    dossier, version = record.get("dossier_uuid"), record.get("version")
    if not _is_uuid(dossier):
        yield field_error("dossier_uuid", FieldCode.BAD_FORMAT)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        yield field_error("version", FieldCode.WRONG_TYPE)
    elif record.get("idempotency_key") != idempotency_key(str(dossier), version):
        yield field_error("idempotency_key", FieldCode.MISMATCH)
    yield from _required_text(record, "local_code", "local_code")


def _hoso_errors(hoso: Mapping[str, Any], known: Container[str] | None) -> Iterator[FieldError]:
    yield from _scalars(hoso, "hoSo", HOSO_SCALARS, HOSO_REQUIRED, HOSO_DATES)
    code = hoso.get("MaHoSo")
    if isinstance(code, str) and code and not _DOSSIER_CODE.fullmatch(code):
        yield field_error("hoSo.MaHoSo", FieldCode.BAD_FORMAT)
    procedure = hoso.get("MaTTHC")
    if isinstance(procedure, str) and procedure:
        if not _NATIONAL_CODE.fullmatch(procedure):
            yield field_error("hoSo.MaTTHC", FieldCode.BAD_FORMAT)
        elif known is not None and procedure not in known:
            yield field_error("hoSo.MaTTHC", FieldCode.UNKNOWN_PROCEDURE)
    yield from _applicant_id(hoso)
    for name, columns in HOSO_LISTS.items():
        yield from _list_errors(hoso.get(name, []), f"hoSo.{name}", columns)


def _applicant_id(hoso: Mapping[str, Any]) -> Iterator[FieldError]:
    """A citizen's document number made of digits must be a 9-digit CMND or a 12-digit ID."""
    number = hoso.get("SoGiayToChuHoSo")
    citizen = hoso.get("LoaiDoiTuong") == "1"
    if citizen and isinstance(number, str) and number.isdigit() and len(number) not in (9, 12):
        yield field_error("hoSo.SoGiayToChuHoSo", FieldCode.BAD_ID_NUMBER)
    entries = hoso.get("DinhDanhCHS", [])
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue  # reported by _list_errors
        digits = _ID_DIGITS.get(str(entry.get("LoaiDinhDanh")))
        number = entry.get("SoDinhDanh")
        if digits and not (isinstance(number, str) and number.isdigit() and len(number) == digits):
            yield field_error(f"hoSo.DinhDanhCHS[{index}].SoDinhDanh", FieldCode.BAD_ID_NUMBER)


def _list_errors(value: object, path: str, columns: tuple[str, ...]) -> Iterator[FieldError]:
    if not isinstance(value, list):
        yield field_error(path, FieldCode.WRONG_TYPE)
        return
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            yield field_error(f"{path}[{index}]", FieldCode.WRONG_TYPE)
            continue
        dates = tuple(name for name in columns if name in LIST_DATES)
        yield from _scalars(item, f"{path}[{index}]", columns, (), dates)


def _step_errors(step: object, path: str, dossier_code: object) -> Iterator[FieldError]:
    if not isinstance(step, dict):
        yield field_error(path, FieldCode.WRONG_TYPE)
        return
    yield from _scalars(step, path, STEP_FIELDS, STEP_REQUIRED, STEP_DATES)
    code = step.get("MaHoSo")
    if isinstance(code, str) and code and code != dossier_code:
        yield field_error(f"{path}.MaHoSo", FieldCode.MISMATCH)


def _scalars(
    obj: Mapping[str, Any],
    path: str,
    names: tuple[str, ...],
    required: tuple[str, ...],
    dates: tuple[str, ...],
) -> Iterator[FieldError]:
    """The A2 rules for scalar fields: strings, required ones non-empty, dates, enums, lengths."""
    for name in names:
        where, value = f"{path}.{name}", obj.get(name)
        if value is None or value == "":
            if name in required:
                yield field_error(where, FieldCode.REQUIRED)
            continue
        if not isinstance(value, str):
            yield field_error(where, FieldCode.NOT_STRING)
        elif name in dates and not is_national_date(value):
            yield field_error(where, FieldCode.BAD_DATE)
        elif name in ALLOWED_VALUES and value not in ALLOWED_VALUES[name]:
            yield field_error(where, FieldCode.NOT_ALLOWED)
        elif len(value) > MAX_LENGTHS.get(name, len(value)):
            yield field_error(where, FieldCode.TOO_LONG)


def _required_text(obj: Mapping[str, Any], name: str, path: str) -> Iterator[FieldError]:
    value = obj.get(name)
    if not isinstance(value, str) or not value.strip():
        yield field_error(path, FieldCode.REQUIRED)
    elif len(value) > MAX_LENGTHS.get(name, len(value)):
        yield field_error(path, FieldCode.TOO_LONG)


def _nfc_errors(value: object, path: str) -> Iterator[FieldError]:
    """Every string must be NFC (B1): two spellings of one name would never match in search."""
    if isinstance(value, str):
        if not unicodedata.is_normalized("NFC", value):
            yield field_error(path, FieldCode.NOT_NFC)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nfc_errors(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nfc_errors(item, f"{path}[{index}]")


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _is_iso_with_offset(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse_iso_with_offset(value)
    except ValueError:
        return False
    return True
