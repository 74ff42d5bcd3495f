"""The end-of-day reconciliation: received, printed, sent, acknowledged by the city, returned.

A supervisor (``report.eod``) checks a day before leaving: every dossier received that day
should have its receipt (or the intake outcome's form) printed, have left for the city and
been acknowledged by it. Each dossier that falls short is listed with what it lacks. The
sign-off is an audit row (``report.eod.sign_off``, subject the day) that the day's tracking
log prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from counter_app.documents.log_model import SignOff
from counter_app.domain.dossier import Status
from counter_app.domain.vn_time import VN_TZ
from counter_app.services.store.opening import Store
from counter_app.services.supervision.tracking_log import SIGN_OFF_ACTION, read_sign_offs
from counter_app.services.users import require
from counter_app.storage import tracking_log as table
from counter_app.storage.audit import append_audit

REPORT_ACTION: Final = "report.eod"


class Gap(StrEnum):
    """What a dossier received that day lacks, in the order a supervisor chases them."""

    NOT_PRINTED = "not_printed"  # no receipt nor other intake form was ever printed
    NOT_SENT = "not_sent"  # it never left for the city (no batch, no offline file)
    NOT_ACKNOWLEDGED = "not_acknowledged"  # it left, the city never confirmed holding it
    REJECTED = "rejected"  # the city refused it: the "needs attention" list
    VOIDED = "voided"  # voided the same day: no gap, but the supervisor sees it


@dataclass(frozen=True)
class Discrepancy:
    code: str
    gap: Gap


@dataclass(frozen=True)
class DayReport:
    day: date
    counter: int | None
    received: int
    printed: int
    sent: int
    acknowledged: int
    returned: int  # results handed over that day, whenever received
    discrepancies: tuple[Discrepancy, ...]
    sign_offs: tuple[SignOff, ...] = field(default=())

    @property
    def balanced(self) -> bool:
        return not any(d.gap is not Gap.VOIDED for d in self.discrepancies)


def end_of_day_report(
    store: Store, day: date, *, counter: int | None = None, role: str
) -> DayReport:
    """The day's figures and every discrepancy; reading it changes nothing."""
    require(role, REPORT_ACTION)
    with store.action() as db:
        rows = table.day_rows(db, day=day.isoformat(), counter=counter)
        sign_offs = read_sign_offs(store, day, day)
    return _report(day, counter, rows, sign_offs)


def sign_off_day(
    store: Store, day: date, *, counter: int | None = None, actor: str, role: str, now: datetime
) -> DayReport:
    """Record the supervisor's sign-off of ``day`` with its figures; return the report."""
    require(role, REPORT_ACTION)
    with store.action() as db:
        rows = table.day_rows(db, day=day.isoformat(), counter=counter)
        report = _report(day, counter, rows, ())
        append_audit(
            db, at=now.astimezone(VN_TZ).isoformat(), actor=actor, action=SIGN_OFF_ACTION,
            subject=day.isoformat(), details=_figures(report),
        )  # fmt: skip
        sign_offs = read_sign_offs(store, day, day)
    return replace(report, sign_offs=sign_offs)


def _figures(report: DayReport) -> dict[str, object]:
    """Counts and codes only: audit details never hold personal data."""
    return {
        "counter": report.counter,
        "received": report.received,
        "printed": report.printed,
        "sent": report.sent,
        "acknowledged": report.acknowledged,
        "returned": report.returned,
        "discrepancies": len([d for d in report.discrepancies if d.gap is not Gap.VOIDED]),
    }


def _report(
    day: date, counter: int | None, rows: Sequence[table.DayRow], sign_offs: tuple[SignOff, ...]
) -> DayReport:
    today = day.isoformat()
    received = [row for row in rows if row.received_day == today]
    returned = [row for row in rows if row.returned_at and row.returned_at[:10] == today]
    return DayReport(
        day=day,
        counter=counter,
        received=len(received),
        printed=sum(row.printed for row in received),
        sent=sum(row.sent for row in received),
        acknowledged=sum(row.acknowledged for row in received),
        returned=len(returned),
        discrepancies=tuple(_gaps(received)),
        sign_offs=sign_offs,
    )


def _gaps(received: Sequence[table.DayRow]) -> list[Discrepancy]:
    found = []
    for row in received:
        if row.voided:
            found.append(Discrepancy(row.code, Gap.VOIDED))
            continue
        if not row.printed and row.status != Status.SUBMITTED_ONLINE:
            found.append(Discrepancy(row.code, Gap.NOT_PRINTED))
        if row.rejected and not row.acknowledged:
            found.append(Discrepancy(row.code, Gap.REJECTED))
        elif not row.sent:
            found.append(Discrepancy(row.code, Gap.NOT_SENT))
        elif not row.acknowledged:
            found.append(Discrepancy(row.code, Gap.NOT_ACKNOWLEDGED))
    return found
