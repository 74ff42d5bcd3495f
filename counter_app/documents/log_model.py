"""The tracking log (Sổ theo dõi hồ sơ, Mẫu 06 of 2018 / 07 of 2025) as data, before any file.

Its columns are data per form set (``tracking_log`` in ``resources/forms/vpcp-*.json``): the
2025 column set is unconfirmed and local variants add columns, so a new set is a new file. The
writers (``log_xlsx``, ``log_csv``, ``log_pdf``) draw a ``TrackingLog``; ``cell_value`` is
the one place that says what a column key shows.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, Literal

from counter_app.documents.errors import FormSetBrokenError, FormSetUnknownError
from counter_app.domain.vn_time import VN_TZ
from counter_app.resources import resource_path

ColumnKind = Literal["text", "number", "date"]
CellValue = str | int | date | None

# Column keys ``cell_value`` knows; a form set naming anything else is refused when loaded.
COLUMN_KEYS: Final = frozenset(
    {
        "line", "code", "procedure", "sets", "applicant", "address_phone", "agency", "received",
        "due", "transferred", "result_received", "returned", "note", "clerk", "status",
    }
)  # fmt: skip


@dataclass(frozen=True)
class LogColumn:
    key: str
    label: str
    group: str = ""  # the grouped header above it ("Ngày, tháng, năm"); empty: none
    width: float = 12.0  # in characters, as a spreadsheet measures; the PDF shares by it
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class LogLayout:
    """One form set's log: its number, title and columns in printed order."""

    number: str
    title: str
    columns: tuple[LogColumn, ...]


@dataclass(frozen=True, slots=True)
class LogRow:
    """One dossier's line in the log. Times are aware (Vietnam time) or None."""

    line: int | None
    code: str
    procedure: str
    sets: int
    applicant: str
    address: str
    phone: str
    agency: str
    received: datetime
    due: datetime | None
    transferred: datetime | None
    result_received: datetime | None
    returned: datetime | None
    note: str
    clerk: str = ""
    status: str = ""


@dataclass(frozen=True)
class SignOff:
    """A supervisor's end-of-day sign-off, as the audit log recorded it."""

    day: date
    name: str
    at: datetime


@dataclass(frozen=True)
class TrackingLog:
    """What an export prints: the unit, the period, the book, the rows and the chain head."""

    layout: LogLayout
    unit: str  # the one-stop unit's name, as the forms' header prints it
    authority: str  # its parent authority (UBND …)
    first_day: date
    last_day: date
    book: str  # the log book(s) the rows belong to, e.g. "2026"; empty: none
    counter: int | None  # None: the whole store
    rows: tuple[LogRow, ...]
    chain_seq: int  # the audit chain's head when exported: a cut tail shows on paper
    chain_hash: str
    exported_at: datetime
    sign_offs: tuple[SignOff, ...] = ()


def cell_value(row: LogRow, column: LogColumn) -> CellValue:
    """What ``column`` shows for ``row``: text, a whole number, a day, or nothing."""
    key = column.key
    if key == "address_phone":
        return ", ".join(part for part in (row.address, row.phone) if part)
    value = getattr(row, key)
    if isinstance(value, datetime):
        return value.astimezone(VN_TZ).date()
    return value  # type: ignore[no-any-return]


def load_log_layout(set_id: str) -> LogLayout:
    """The tracking log of form set ``set_id`` (read once); a set may inherit its parent's."""
    return _load(set_id.strip().lower().removeprefix("vpcp-"))


@functools.cache
def _load(set_id: str) -> LogLayout:
    raw = _read(set_id)
    section = raw.get("tracking_log")
    if section is None:
        parent = raw.get("extends")
        if not isinstance(parent, str):
            raise FormSetBrokenError(f"{set_id}: no tracking_log")
        return _load(parent)
    try:
        return _parse(section)
    except (KeyError, TypeError, ValueError) as exc:
        raise FormSetBrokenError(f"{set_id}: tracking_log: {exc}") from exc


def _read(set_id: str) -> dict[str, Any]:
    if not set_id or "/" in set_id or "." in set_id:
        raise FormSetUnknownError(set_id[:40])
    path = resource_path("forms", f"vpcp-{set_id}.json")
    if not path.is_file():
        raise FormSetUnknownError(set_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormSetBrokenError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise FormSetBrokenError(f"{path.name}: not a JSON object")
    return data


def _parse(section: Mapping[str, Any]) -> LogLayout:
    columns = tuple(_column(raw) for raw in section["columns"])
    if not columns:
        raise ValueError("no columns")
    return LogLayout(_nfc(section.get("number", "")), _nfc(section["title"]), columns)


def _column(raw: Mapping[str, Any]) -> LogColumn:
    key = str(raw["key"])
    if key not in COLUMN_KEYS:
        raise ValueError(f"unknown column {key}")
    kind = raw.get("kind", "text")
    if kind not in ("text", "number", "date"):
        raise ValueError(f"unknown kind {kind}")
    width = float(raw.get("width", 12))
    return LogColumn(key, _nfc(raw["label"]), _nfc(raw.get("group", "")), width, kind)


def _nfc(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value))
