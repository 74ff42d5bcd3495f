"""The working-day calendar: the shipped file, validation, Civil Code periods."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.calendar import (
    WEEKDAY_NAMES,
    CalendarInvalidError,
    DayKind,
    WorkCalendar,
    YearStatus,
    calendar_to_dict,
    dumps_calendar,
    parse_calendar,
)
from counter_app.resources import resource_path

REPO = Path(__file__).resolve().parents[3]
SHIPPED_FILE = resource_path("calendar", "holidays.json")


def shipped_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHIPPED_FILE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def shipped() -> WorkCalendar:
    return parse_calendar(shipped_data())


def one_year(*days: dict[str, Any], status: str = "statutory", year: str = "2026") -> Any:
    return {"weekend": ["SAT", "SUN"], "years": {year: {"status": status, "days": list(days)}}}


def day(text: str, kind: str = "off", name: str = "x") -> dict[str, Any]:
    return {"date": text, "kind": kind, "name": name}


# The shipped file ------------------------------------------------------------------------


def test_shipped_file_covers_2025_to_2030_all_statutory(shipped: WorkCalendar) -> None:
    assert sorted(shipped.years) == list(range(2025, 2031))
    assert {y.status for y in shipped.years.values()} == {YearStatus.STATUTORY}
    assert all("Điều 112" in y.source for y in shipped.years.values())


@pytest.mark.parametrize(
    ("text", "working"),
    [
        ("2026-02-16", False),  # Tết eve
        ("2026-02-17", False),
        ("2026-02-20", False),
        ("2026-02-23", True),  # Monday after Tết
        ("2026-04-27", False),  # Hùng Kings compensatory day (26/4 is a Sunday)
        ("2026-04-30", False),
        ("2026-05-01", False),
        ("2026-08-22", True),  # Saturday worked in exchange for 31/8
        ("2026-08-31", False),
        ("2026-09-01", False),
        ("2026-09-02", False),
        ("2026-11-24", False),  # Ngày Văn hóa Việt Nam
        ("2025-04-26", True),  # Saturday worked in exchange for 2/5/2025
        ("2025-05-02", False),
        ("2026-08-29", False),  # an ordinary Saturday
        ("2031-01-01", True),  # beyond the file: only the weekend rule
    ],
)
def test_shipped_days(shipped: WorkCalendar, text: str, working: bool) -> None:
    assert shipped.is_working_day(date.fromisoformat(text)) is working


def test_shipped_swaps_pair_a_saturday_with_a_weekday(shipped: WorkCalendar) -> None:
    work = [e.day for y in shipped.years.values() for e in y.days if e.kind is DayKind.WORK]
    # 10/1/2026 is worked for Friday 2/1 (văn bản 12729/VPCP-KGVX, as reported).
    assert work == [date(2025, 4, 26), date(2026, 1, 10), date(2026, 8, 22)]


def test_shipped_file_is_what_the_script_generates() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_holidays.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_app_never_imports_the_holidays_package() -> None:
    for path in (REPO / "counter_app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import holidays" not in text and "from holidays" not in text, path


def test_round_trip_keeps_the_file_text(shipped: WorkCalendar) -> None:
    assert dumps_calendar(calendar_to_dict(shipped)) == SHIPPED_FILE.read_text(encoding="utf-8")


# Validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        ([], "not a JSON object"),
        ({"years": []}, "'years'"),
        ({"weekend": ["SAT", "SUNDAY"], "years": {}}, "unknown day name"),
        ({"weekend": list(WEEKDAY_NAMES), "years": {}}, "no working day"),
        (one_year(year="26"), "four-digit year"),
        (one_year(status="final"), "year 2026: status 'final'"),
        (one_year(status="official"), "official year must cite"),
        (one_year(day("2026-02-30")), "year 2026, day 1: 2026-02-30 is not a real date"),
        (one_year(day("2026-2-3")), "year 2026, day 1: date '2026-2-3' is not YYYY-MM-DD"),
        (one_year(day("2027-01-01")), "year 2026, day 1: 2027-01-01 is not in 2026"),
        (one_year(day("2026-01-01", kind="holiday")), "day 1: kind 'holiday'"),
        (one_year(day("2026-01-01"), day("2026-01-01", "work")), "day 2: 2026-01-01 is listed"),
        (one_year(day("2026-01-01", name=5)), "'name' must be text"),
        (one_year("2026-01-01"), "year 2026, day 1: not an object"),
    ],
)
def test_invalid_calendars_name_year_and_entry(data: Any, detail: str) -> None:
    with pytest.raises(CalendarInvalidError) as raised:
        parse_calendar(data)
    assert detail in raised.value.detail
    assert raised.value.code == "CALENDAR_INVALID"


def test_weekend_defaults_to_saturday_and_sunday() -> None:
    calendar = parse_calendar({"years": {}})
    assert calendar.weekend == frozenset({5, 6})
    assert calendar.year_status(2026) is None


def test_merge_replaces_whole_years() -> None:
    base = parse_calendar(shipped_data())
    notice = copy.deepcopy(one_year(day("2026-12-31"), status="official"))
    notice["years"]["2026"]["source"] = "Thông báo của Bộ Nội vụ"
    merged = base.merged(parse_calendar(notice))
    assert merged.year_status(2026) is YearStatus.OFFICIAL
    assert merged.is_working_day(date(2026, 2, 17))  # the shipped 2026 is gone entirely
    assert not merged.is_working_day(date(2026, 12, 31))
    assert not merged.is_working_day(date(2027, 2, 8))  # other years stay


# Periods (Civil Code Art. 147-148) -------------------------------------------------------


def test_receipt_day_is_not_counted(shipped: WorkCalendar) -> None:
    assert shipped.add_working_days(date(2026, 10, 15), 3) == date(2026, 10, 20)


def test_start_on_a_day_off_counts_from_the_next_working_day(shipped: WorkCalendar) -> None:
    assert shipped.add_working_days(date(2026, 10, 17), 1) == date(2026, 10, 19)  # Sat → Mon


def test_zero_days_rolls_forward_only(shipped: WorkCalendar) -> None:
    assert shipped.add_working_days(date(2026, 10, 15), 0) == date(2026, 10, 15)
    assert shipped.add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 23)


def test_calendar_days_ending_on_a_day_off_end_on_the_next_working_day(
    shipped: WorkCalendar,
) -> None:
    assert shipped.add_calendar_days(date(2026, 1, 18), 30) == date(2026, 2, 17) + timedelta(6)


def test_working_days_through_tet(shipped: WorkCalendar) -> None:
    assert shipped.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_negative_or_absurd_periods_are_refused(shipped: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        shipped.add_working_days(date(2026, 1, 5), -1)
    with pytest.raises(ValueError):
        shipped.add_calendar_days(date(2026, 1, 5), 100_000)


@given(start=st.dates(date(2024, 6, 1), date(2031, 6, 1)), n=st.integers(0, 80))
def test_periods_end_on_a_working_day_after_the_start(start: date, n: int) -> None:
    calendar = parse_calendar(shipped_data())
    end = calendar.add_working_days(start, n)
    assert calendar.is_working_day(end)
    assert end > start or (n == 0 and end == start)
    assert calendar.working_days_between(start, end) == max(n, 1 if end > start else 0)
