"""The due date and appointment time printed on a receipt (dossier.md §5).

Pure: the receipt time, the procedure, the calendar and the ward's policy go in, a ``DueDate``
comes out. The date follows the law (Civil Code Art. 147–148, NĐ 23/2015 Art. 7 for same-day
work); the hour is ward practice, so it lives in ``DuePolicy``. A year of the calendar not
checked against its notice still computes, with a warning the clerk sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from counter_app.domain.calendar import WorkCalendar, YearStatus
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import VN_TZ

CALENDAR_UNCONFIRMED = "CALENDAR_UNCONFIRMED"  # WARN: a year of the period is not official

# Office hours (dossier.md §5, per ward, unconfirmed): morning and afternoon sessions.
DEFAULT_OFFICE_HOURS = ((time(8, 0), time(12, 0)), (time(13, 0), time(17, 0)))
# Same-day results are handed back an hour before closing: time to finish the afternoon's
# certifications, and still inside office hours.
DEFAULT_SAME_DAY_TIME = time(16, 0)


@dataclass(frozen=True)
class DuePolicy:
    """How a due date becomes an appointment time (ward practice, unconfirmed)."""

    office_hours: tuple[tuple[time, time], ...] = DEFAULT_OFFICE_HOURS
    fixed_time: time | None = None  # None: "same clock" (receipt time, clamped into hours)
    same_day_time: time = DEFAULT_SAME_DAY_TIME  # same-day work received before the cut-off

    @property
    def opening(self) -> time:
        """The first opening of the day: same-day work not done on its day is due then."""
        return self.office_hours[0][0]

    def clamp(self, clock: time) -> time:
        """``clock`` moved into office hours: before or between sessions to the next opening,
        after closing to the closing time."""
        for start, end in self.office_hours:
            if clock < start:
                return start
            if clock <= end:
                return clock
        return self.office_hours[-1][1]


@dataclass(frozen=True)
class DueWarning:
    code: str
    year: int

    @property
    def params(self) -> Mapping[str, str]:
        return {"year": str(self.year)}


@dataclass(frozen=True)
class DueDate:
    received_at: datetime  # when the period starts: the receipt, or a supplement's arrival
    due_at: datetime  # aware, Vietnam time
    warnings: tuple[DueWarning, ...] = ()

    @property
    def due_date(self) -> date:
        return self.due_at.date()

    @property
    def warning_codes(self) -> list[str]:
        return list(dict.fromkeys(w.code for w in self.warnings))


def compute_due(
    procedure: Procedure,
    received_at: datetime,
    calendar: WorkCalendar,
    policy: DuePolicy | None = None,
) -> DueDate:
    """The due date and appointment for a dossier of ``procedure`` received at ``received_at``."""
    procedure.check_period()  # a catalogue stored before the bound was checked
    policy = policy or DuePolicy()
    received = _vn(received_at)
    if is_same_day(procedure):
        due_at = _same_day_due(procedure, received, calendar, policy)
    else:
        day = _period_end(procedure, received, calendar)
        due_at = _appointment(day, received.time(), policy)
    return DueDate(received, due_at, _warnings(calendar, received.date(), due_at.date()))


def is_same_day(procedure: Procedure) -> bool:
    """Same-day work: flagged so, or a period of zero days."""
    return procedure.same_day or (procedure.processing_days == 0 and procedure.calendar_days == 0)


def _same_day_due(
    procedure: Procedure, received: datetime, calendar: WorkCalendar, policy: DuePolicy
) -> datetime:
    """That day when possible; after the cut-off or on a day off, the next working morning."""
    day = received.date()
    if calendar.is_working_day(day) and not _after_cutoff(procedure, received):
        # Never before the receipt itself (a cut-off later than the hand-back time).
        clock = max(policy.same_day_time, received.timetz().replace(tzinfo=None))
        return _at(day, clock)
    return _at(calendar.next_working_day(day), policy.opening)


def _period_end(procedure: Procedure, received: datetime, calendar: WorkCalendar) -> date:
    """The last day of the period; the receipt day is not counted (Art. 147)."""
    start = received.date()
    if _after_cutoff(procedure, received):
        # A multi-day cut-off (none by default) makes the next working day the receipt day.
        start = calendar.next_working_day(start)
    if procedure.calendar_days > 0:
        return calendar.add_calendar_days(start, procedure.calendar_days)
    return calendar.add_working_days(start, procedure.processing_days)


def _after_cutoff(procedure: Procedure, received: datetime) -> bool:
    cutoff = procedure.effective_cutoff
    return cutoff is not None and received.time() > cutoff


def _appointment(day: date, receipt_clock: time, policy: DuePolicy) -> datetime:
    """The hour on the due date: the fixed time, or the receipt's clock in office hours."""
    if policy.fixed_time is not None:
        return _at(day, policy.fixed_time)
    minute = receipt_clock.replace(second=0, microsecond=0, tzinfo=None)  # receipts show minutes
    return _at(day, policy.clamp(minute))


def _warnings(calendar: WorkCalendar, first: date, last: date) -> tuple[DueWarning, ...]:
    """One CALENDAR_UNCONFIRMED per year of the period that is missing or only statutory."""
    return tuple(
        DueWarning(CALENDAR_UNCONFIRMED, year)
        for year in range(first.year, last.year + 1)
        if calendar.year_status(year) is not YearStatus.OFFICIAL
    )


def _vn(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    return moment.astimezone(VN_TZ)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=VN_TZ)


# Supplements -----------------------------------------------------------------------------


def remaining_working_days(calendar: WorkCalendar, *, paused_on: date, due_on: date) -> int:
    """Working days the period had left when it paused (the pause day itself is used).

    At least one: a dossier paused on or after its due date still needs a day's work.
    """
    if due_on <= paused_on:
        return 1
    return max(1, calendar.working_days_between(paused_on, due_on))


def remaining_after_supplement(
    *,
    received_at: datetime,
    due_at: datetime,
    paused_on: date,
    resumed_at: datetime,
    calendar: WorkCalendar,
    policy: DuePolicy | None = None,
) -> DueDate:
    """The proposed new due date when a supplement arrives (dossier.md §5.5, a proposal the
    clerk may edit): the days left at the pause, counted from the day after the arrival."""
    policy = policy or DuePolicy()
    resumed = _vn(resumed_at)
    if paused_on < _vn(received_at).date() or resumed.date() < paused_on:
        raise ValueError("the pause must fall between the receipt and the supplement")
    left = remaining_working_days(calendar, paused_on=paused_on, due_on=_vn(due_at).date())
    day = calendar.add_working_days(resumed.date(), left)
    due = _appointment(day, resumed.time(), policy)
    return DueDate(resumed, due, _warnings(calendar, resumed.date(), due.date()))
