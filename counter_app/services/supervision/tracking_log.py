"""Export the tracking log (Sổ theo dõi hồ sơ) of a period as XLSX, CSV or PDF.

A supervisor's action (``log.export``): the rows are read, the export is audited with the
actor, the period and the row count, and the audit chain's head after that row is what the
PDF's footer prints, all in one transaction; the file is drawn afterwards, so a long export
never holds the store's write lock while it renders.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from counter_app.documents.log_csv import log_csv
from counter_app.documents.log_model import LogRow, SignOff, TrackingLog, load_log_layout
from counter_app.documents.log_pdf import log_pdf
from counter_app.documents.log_xlsx import log_xlsx
from counter_app.domain.dossier import STATUS_NAMES, Status
from counter_app.domain.vn_time import VN_TZ
from counter_app.errors import BadInputError
from counter_app.services.settings.counter import load_config
from counter_app.services.settings.forms import load_form_settings
from counter_app.services.store.opening import Store
from counter_app.services.users import printed_name, require
from counter_app.storage import tracking_log as table
from counter_app.storage.audit import append_audit, audit_head
from counter_app.storage.engine import Database

EXPORT_ACTION: Final = "log.export"
SIGN_OFF_ACTION: Final = "report.eod.sign_off"  # the audit row of a supervisor's sign-off
# A year's log at most: a longer period is a mistake in a date, not a book anyone prints.
MAX_DAYS: Final = 366
# Statuses that close a dossier without a result: the "Ghi chú" column says which.
_NOTED: Final = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED})
_VOIDED_NOTE: Final = "Đã hủy"


class LogFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    PDF = "pdf"


class LogPeriodInvalidError(BadInputError):
    """The period ends before it starts, or is longer than a year."""

    code = "LOG_PERIOD_INVALID"


@dataclass(frozen=True)
class LogRequest:
    first_day: date
    last_day: date
    format: LogFormat
    counter: int | None = None  # None: every counter of the store


@dataclass(frozen=True)
class ExportedLog:
    data: bytes
    rows: int
    format: LogFormat


WRITERS: Final[dict[LogFormat, Callable[[TrackingLog], bytes]]] = {
    LogFormat.XLSX: log_xlsx,
    LogFormat.CSV: log_csv,
    LogFormat.PDF: log_pdf,
}


def check_period(first_day: date, last_day: date) -> None:
    if last_day < first_day or (last_day - first_day).days >= MAX_DAYS:
        raise LogPeriodInvalidError("")


def export_tracking_log(
    store: Store, request: LogRequest, *, actor: str, role: str, now: datetime
) -> ExportedLog:
    """The log of ``request``'s period as file bytes; the export is in the audit log."""
    require(role, EXPORT_ACTION)
    check_period(request.first_day, request.last_day)
    log = read_tracking_log(
        store, request.first_day, request.last_day, counter=request.counter, now=now,
        audit=(actor, request.format),
    )  # fmt: skip
    return ExportedLog(WRITERS[request.format](log), len(log.rows), request.format)


def read_tracking_log(
    store: Store,
    first_day: date,
    last_day: date,
    *,
    counter: int | None,
    now: datetime,
    audit: tuple[str, LogFormat] | None = None,
) -> TrackingLog:
    """The log's rows and heading; with ``audit`` (actor, format), the export is recorded."""
    now = now.astimezone(VN_TZ)
    settings = load_form_settings(store)
    with store.action() as db:
        config = load_config(store)
        agencies = {config.agency_code: settings.processing_unit or config.agency_name}
        found = list(
            table.iter_log_rows(
                db, first_day=first_day.isoformat(), last_day=last_day.isoformat(),
                counter=counter,
            )
        )  # fmt: skip
        rows = tuple(_row(each, agencies) for each in found)
        if audit is not None:
            head_seq, head_hash = _record(db, audit, first_day, last_day, counter, rows, now)
        else:
            head_seq, head_hash = audit_head(db)
        sign_offs = read_sign_offs(store, first_day, last_day)
    return TrackingLog(
        layout=load_log_layout(config.form_set),
        unit=settings.unit_name,
        authority=settings.parent_authority,
        first_day=first_day,
        last_day=last_day,
        book=", ".join(sorted({each.log_book for each in found if each.log_book})),
        counter=counter,
        rows=rows,
        chain_seq=head_seq,
        chain_hash=head_hash,
        exported_at=now,
        sign_offs=sign_offs,
    )


def read_sign_offs(store: Store, first_day: date, last_day: date) -> tuple[SignOff, ...]:
    """The latest sign-off of each day in the period, with the supervisor's printed name."""
    latest: dict[str, SignOff] = {}
    for at, actor, subject in table.audit_rows(
        store, action=SIGN_OFF_ACTION, first=first_day.isoformat(), last=last_day.isoformat()
    ):
        day = date.fromisoformat(subject)
        latest[subject] = SignOff(
            day, printed_name(store, actor) or actor, datetime.fromisoformat(at)
        )
    return tuple(latest[key] for key in sorted(latest))


def _record(
    db: Database,
    audit: tuple[str, LogFormat],
    first_day: date,
    last_day: date,
    counter: int | None,
    rows: tuple[LogRow, ...],
    now: datetime,
) -> tuple[int, str]:
    actor, fmt = audit
    details = {"format": fmt.value, "rows": len(rows), "counter": counter}
    head = append_audit(
        db, at=now.isoformat(), actor=actor, action=EXPORT_ACTION,
        subject=f"{first_day.isoformat()}..{last_day.isoformat()}", details=details,
    )  # fmt: skip
    return head.seq, head.hash


def _row(found: table.LogQueryRow, agencies: dict[str, str]) -> LogRow:
    applicant = json.loads(found.applicant)
    return LogRow(
        line=found.log_line or None,
        code=found.code,
        procedure=found.procedure_name,
        sets=found.sets,
        applicant=found.full_name,
        address=str(applicant.get("address", "")),
        phone=str(applicant.get("phone", "")),
        agency=agencies.get(found.competent_agency, found.competent_agency),
        received=_moment(found.received_at) or datetime.min.replace(tzinfo=VN_TZ),
        due=_moment(found.due_at),
        transferred=_moment(found.transferred_at),
        result_received=_moment(found.result_at),
        returned=_moment(found.returned_at),
        note=_note(found),
        clerk=found.clerk,
        status=STATUS_NAMES.get(found.status, STATUS_NAMES[0])["vi"],
    )


def _note(found: table.LogQueryRow) -> str:
    if found.voided_at:
        return _VOIDED_NOTE
    if found.status in _NOTED:
        return STATUS_NAMES[found.status]["vi"]
    return ""


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).astimezone(VN_TZ) if text else None
