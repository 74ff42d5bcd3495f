"""Due dates and appointments (dossier.md §5): the spec's examples, holidays, policies."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.calendar import WorkCalendar, parse_calendar
from counter_app.domain.due_date import (
    CALENDAR_UNCONFIRMED,
    DuePolicy,
    DueWarning,
    compute_due,
    remaining_after_supplement,
    remaining_working_days,
)
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import VN_TZ
from counter_app.resources import resource_path

CALENDAR = parse_calendar(
    json.loads(resource_path("calendar", "holidays.json").read_text(encoding="utf-8"))
)


def procedure(
    days: int = 0, *, same_day: bool = False, calendar_days: int = 0, cutoff: time | None = None
) -> Procedure:
    return Procedure(
        code="1.000000",
        name_vi="Thủ tục thử",
        name_en="Test procedure",
        field="test",
        processing_days=days,
        same_day=same_day,
        fee_vnd=0,
        documents=(),
        confidence="high",
        calendar_days=calendar_days,
        cutoff=cutoff,
    )


CHUNG_THUC = procedure(same_day=True)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VN_TZ)


def due(proc: Procedure, received: str, policy: DuePolicy | None = None) -> datetime:
    return compute_due(proc, at(received), CALENDAR, policy).due_at


# The spec's examples ---------------------------------------------------------------------


def test_three_working_days_keep_the_receipt_clock() -> None:
    result = compute_due(procedure(3), at("2026-10-15 10:05"), CALENDAR)
    assert result.due_at == at("2026-10-20 10:05")
    assert result.due_date == date(2026, 10, 20)
    assert result.due_at.utcoffset() == timedelta(hours=7)


def test_same_day_after_the_cutoff_is_due_the_next_working_day() -> None:
    assert due(CHUNG_THUC, "2026-10-15 15:20") == at("2026-10-16 08:00")


def test_two_working_days_over_30_april_and_1_may() -> None:
    assert due(procedure(2), "2026-04-29 09:30").date() == date(2026, 5, 5)


# Holidays --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        ("2026-02-13 09:00", 1, "2026-02-23"),  # Fri before Tết eve: 16-20/2 off
        ("2026-02-12 09:00", 2, "2026-02-23"),
        ("2026-02-16 09:00", 1, "2026-02-23"),  # received on Tết eve (counter open)
        ("2026-04-24 09:00", 1, "2026-04-28"),  # Hùng Kings on Sunday 26/4, compensated 27/4
        ("2026-08-21 09:00", 1, "2026-08-22"),  # the Saturday worked in the 31/8 swap
        ("2026-08-28 09:00", 1, "2026-09-03"),  # 31/8 swapped, 1/9 and 2/9 National Day
        ("2026-11-23 09:00", 1, "2026-11-25"),  # 24/11 Ngày Văn hóa Việt Nam
        ("2025-04-25 09:00", 1, "2025-04-26"),  # Saturday worked in the 2/5/2025 swap
        ("2025-04-29 09:00", 2, "2025-05-06"),  # 30/4, 1/5 and swapped 2/5 off
    ],
)
def test_holidays_are_skipped(received: str, days: int, expected: str) -> None:
    assert due(procedure(days), received).date() == date.fromisoformat(expected)


def test_same_day_before_the_cutoff_is_due_that_afternoon() -> None:
    assert due(CHUNG_THUC, "2026-10-15 09:00") == at("2026-10-15 16:00")


def test_same_day_received_on_a_day_off_is_due_the_next_working_morning() -> None:
    assert due(CHUNG_THUC, "2026-02-17 09:00") == at("2026-02-23 08:00")  # Tết
    assert due(CHUNG_THUC, "2026-10-17 09:00") == at("2026-10-19 08:00")  # Saturday


def test_same_day_is_never_due_before_the_receipt() -> None:
    late_cutoff = procedure(same_day=True, cutoff=time(16, 45))
    assert due(late_cutoff, "2026-10-15 16:30") == at("2026-10-15 16:30")


def test_received_on_a_day_off_counts_from_the_next_working_day() -> None:
    assert due(procedure(1), "2026-10-17 09:00").date() == date(2026, 10, 19)


def test_a_multi_day_cutoff_moves_the_receipt_to_the_next_working_day() -> None:
    assert due(procedure(1, cutoff=time(16)), "2026-10-15 16:30").date() == date(2026, 10, 19)
    assert due(procedure(1, cutoff=time(16)), "2026-10-15 15:30").date() == date(2026, 10, 16)


def test_calendar_days_roll_forward_to_a_working_day() -> None:
    adoption = procedure(20, calendar_days=30)
    assert due(adoption, "2026-01-18 10:00").date() == date(2026, 2, 23)  # 17/2 is Tết
    assert due(adoption, "2026-10-01 10:00").date() == date(2026, 11, 2)  # 31/10 a Saturday


# Appointment time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        ("2026-10-15 07:40", "08:00"),
        ("2026-10-15 12:20", "13:00"),
        ("2026-10-15 17:45", "17:00"),
        ("2026-10-15 11:59:59", "11:59"),
    ],
)
def test_same_clock_is_clamped_into_office_hours(received: str, expected: str) -> None:
    assert due(procedure(3), received).time() == time.fromisoformat(expected)


def test_fixed_appointment_time() -> None:
    policy = DuePolicy(fixed_time=time(16, 0))
    assert due(procedure(3), "2026-10-15 10:05", policy) == at("2026-10-20 16:00")


def test_ward_office_hours() -> None:
    policy = DuePolicy(office_hours=((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0))))
    assert due(procedure(3), "2026-10-15 07:35", policy).time() == time(7, 35)
    assert due(CHUNG_THUC, "2026-10-15 15:20", policy).time() == time(7, 30)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        compute_due(procedure(1), datetime(2026, 10, 15, 10, 5), CALENDAR)


# Warnings --------------------------------------------------------------------------------


def test_statutory_and_missing_years_warn_once_each() -> None:
    result = compute_due(procedure(5), at("2030-12-27 10:00"), CALENDAR)
    assert result.warnings == (
        DueWarning(CALENDAR_UNCONFIRMED, 2030),
        DueWarning(CALENDAR_UNCONFIRMED, 2031),
    )
    assert result.warning_codes == [CALENDAR_UNCONFIRMED]
    assert result.warnings[1].params == {"year": "2031"}


def test_an_official_year_gives_no_warning() -> None:
    official = parse_calendar(
        {"years": {"2026": {"status": "official", "source": "Thông báo", "days": []}}}
    )
    assert compute_due(procedure(3), at("2026-10-15 10:05"), official).warnings == ()


# Supplements (§5.5) ----------------------------------------------------------------------


def test_supplement_gets_the_remaining_days_from_the_day_after_arrival() -> None:
    first = compute_due(procedure(5), at("2026-10-12 09:00"), CALENDAR)  # Mon → Mon 19
    assert first.due_date == date(2026, 10, 19)
    left = remaining_working_days(CALENDAR, paused_on=date(2026, 10, 14), due_on=date(2026, 10, 19))
    assert left == 3
    new = remaining_after_supplement(
        received_at=first.received_at,
        due_at=first.due_at,
        paused_on=date(2026, 10, 14),  # Wed: Thu, Fri, Mon left
        resumed_at=at("2026-10-21 14:10"),
        calendar=CALENDAR,
    )
    assert new.due_at == at("2026-10-26 14:10")


def test_supplement_after_the_due_date_still_gets_one_day() -> None:
    new = remaining_after_supplement(
        received_at=at("2026-10-12 09:00"),
        due_at=at("2026-10-13 09:00"),
        paused_on=date(2026, 10, 13),
        resumed_at=at("2026-11-23 10:00"),
        calendar=CALENDAR,
    )
    assert new.due_date == date(2026, 11, 25)  # 24/11 is a day off
    assert new.warning_codes == [CALENDAR_UNCONFIRMED]


def test_supplement_pause_outside_the_period_is_refused() -> None:
    with pytest.raises(ValueError):
        remaining_after_supplement(
            received_at=at("2026-10-12 09:00"),
            due_at=at("2026-10-19 09:00"),
            paused_on=date(2026, 10, 1),
            resumed_at=at("2026-10-21 09:00"),
            calendar=CALENDAR,
        )


# Properties ------------------------------------------------------------------------------

received_times = st.datetimes(datetime(2025, 1, 1), datetime(2030, 12, 31)).map(
    lambda moment: moment.replace(tzinfo=VN_TZ)
)
procedures = st.one_of(
    st.just(CHUNG_THUC),
    st.integers(1, 40).map(procedure),
    st.integers(1, 60).map(lambda n: procedure(20, calendar_days=n)),
)
policies = st.sampled_from([DuePolicy(), DuePolicy(fixed_time=time(16, 0))])


def working(calendar: WorkCalendar, moment: datetime) -> bool:
    return calendar.is_working_day(moment.date())


@given(proc=procedures, received=received_times, policy=policies)
def test_due_is_a_working_day_never_before_receipt(
    proc: Procedure, received: datetime, policy: DuePolicy
) -> None:
    result = compute_due(proc, received, CALENDAR, policy)
    assert working(CALENDAR, result.due_at)
    assert result.due_at >= received
    assert result.due_at.tzinfo is not None and result.due_at.utcoffset() == timedelta(hours=7)


@given(proc=procedures, first=received_times, gap=st.timedeltas(timedelta(0), timedelta(days=20)))
def test_due_date_is_monotone_in_the_receipt_time(
    proc: Procedure, first: datetime, gap: timedelta
) -> None:
    earlier = compute_due(proc, first, CALENDAR)
    later = compute_due(proc, first + gap, CALENDAR)
    assert later.due_date >= earlier.due_date
