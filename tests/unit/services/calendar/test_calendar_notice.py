"""The 2026 New Year swap in the shipped calendar, and the unconfirmed-year warning told once
per year and counter until a supervisor confirms the year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.services.calendar.notice import (
    CalendarYearInvalidError,
    calendar_notices,
    confirm_calendar_year,
)
from counter_app.services.calendar.work_days import load_calendar
from counter_app.services.intake.receive import preview_due_date
from counter_app.services.store.opening import Store, create_store
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import configure, vn

PROCEDURE = "1.004873"  # 3 working days


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def test_new_year_2026_is_thursday_to_sunday_and_saturday_10_is_worked() -> None:
    calendar = load_calendar()
    assert [calendar.is_working_day(date(2026, 1, d)) for d in range(1, 6)] == [
        False, False, False, False, True,
    ]  # fmt: skip
    assert calendar.is_working_day(date(2026, 1, 10))  # worked for Friday 2/1
    assert calendar.next_working_day(date(2025, 12, 31)) == date(2026, 1, 5)
    assert calendar.next_working_day(date(2026, 1, 9)) == date(2026, 1, 10)


def _warned(store: Store, year: int, month: int, day: int) -> list[int]:
    due = preview_due_date(store, PROCEDURE, vn(year, month, day, 10, 0))
    return [w.year for w in due.warnings]


def test_an_unconfirmed_year_is_told_on_the_first_day_only(store: Store) -> None:
    assert _warned(store, 2027, 3, 2) == [2027]  # shipped 2027 is statutory
    assert _warned(store, 2027, 3, 2) == [2027]  # the same day: still shown while typing
    assert _warned(store, 2027, 3, 3) == []  # not on every intake after that
    assert calendar_notices(store)["warned"] == {"2027": "2027-03-02"}


def test_each_counter_is_told_once_and_a_confirmed_year_never(store: Store, tmp_path: Path) -> None:
    assert _warned(store, 2027, 3, 2) == [2027]
    other = create_store(tmp_path / "counter-2")  # another counter of the ward, its own store
    try:
        configure(other, counter=2)
        assert _warned(other, 2027, 3, 3) == [2027]
    finally:
        other.close()
    confirm_calendar_year(store, 2028, actor="cli:sup", now=vn(2027, 3, 2))
    assert _warned(store, 2028, 3, 2) == []
    [row] = [r for r in iter_audit(store.db) if r.action == "calendar.confirm"]
    assert row.subject == "2028" and row.actor == "cli:sup"


def test_a_year_out_of_range_is_refused(store: Store) -> None:
    with pytest.raises(CalendarYearInvalidError):
        confirm_calendar_year(store, 202, actor="cli:sup", now=vn(2027, 3, 2))


def test_the_cli_confirms_and_lists(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    _warned(store, 2027, 3, 2)
    store.close()
    assert main(["calendar", "confirm", "--year", "2027"]) == 0
    assert main(["calendar", "status"]) == 0
    out = capsys.readouterr().out
    assert "2027: warned 2027-03-02; confirmed" in out
