"""The working-day calendar: weekend, days off and Saturdays worked, year by year.

Built from the calendar file's JSON (dossier.md §6) and nothing else, so the rules that put a
date on a receipt are data a ward can correct, never code. Parsing validates everything and
names the year and entry at fault, because IT fixes the file by hand from that sentence.
Periods follow Civil Code 2015 Art. 147–148: the start day is not counted, and a period
ending on a day off ends on the next working day.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from counter_app.errors import BadInputError

WEEKDAY_NAMES = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")  # date.weekday() order
DEFAULT_WEEKEND = ("SAT", "SUN")  # 5-day week for civil servants (QĐ 188/1999/QĐ-TTg)
# A period longer than this is a typo, not a procedure (the longest known run 30 to 60 days);
# it also bounds every loop below.
MAX_PERIOD_DAYS = 3660
_YEAR_KEY = re.compile(r"^\d{4}$")


class CalendarInvalidError(BadInputError):
    """A calendar file breaks a rule; ``detail`` names the year and entry, for IT."""

    code = "CALENDAR_INVALID"


class DayKind(StrEnum):
    OFF = "off"  # holiday, compensatory day, weekday off in a swap
    WORK = "work"  # a weekend day worked in a swap


class YearStatus(StrEnum):
    STATUTORY = "statutory"  # fixed rules and lunar dates, not checked against the notice
    OFFICIAL = "official"  # checked against the year's notice, cited in ``source``


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: DayKind
    name: str


@dataclass(frozen=True)
class CalendarYear:
    year: int
    status: YearStatus
    source: str
    days: tuple[CalendarDay, ...]

    def count(self, kind: DayKind) -> int:
        return sum(1 for entry in self.days if entry.kind is kind)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days; years without data fall back to the weekend rule."""

    weekend: frozenset[int] = frozenset({5, 6})  # date.weekday() numbers
    years: Mapping[int, CalendarYear] = field(default_factory=dict)
    _off: frozenset[date] = field(init=False, repr=False, compare=False)
    _work: frozenset[date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        entries = [entry for year in self.years.values() for entry in year.days]
        off = frozenset(e.day for e in entries if e.kind is DayKind.OFF)
        work = frozenset(e.day for e in entries if e.kind is DayKind.WORK)
        object.__setattr__(self, "_off", off)
        object.__setattr__(self, "_work", work)

    def is_working_day(self, day: date) -> bool:
        if day in self._work:
            return True
        return day.weekday() not in self.weekend and day not in self._off

    def year_status(self, year: int) -> YearStatus | None:
        """The year's status, or None when the calendar has no data for it."""
        entry = self.years.get(year)
        return entry.status if entry else None

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        for offset in range(1, MAX_PERIOD_DAYS + 1):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("no working day within the longest period")

    def roll_forward(self, day: date) -> date:
        """``day`` if it is a working day, else the next one (Art. 148: a period ending on a day
        off ends on the next working day)."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, start_day: date, n: int) -> date:
        """The day ``n`` working days after ``start_day``; ``start_day`` itself never counts.

        A start on a day off therefore counts from the next working day. ``n == 0`` gives
        ``start_day`` rolled forward to a working day.
        """
        _check_period(n)
        day = start_day
        for _ in range(n):
            day = self.next_working_day(day)
        return self.roll_forward(day)

    def add_calendar_days(self, start_day: date, n: int) -> date:
        """``n`` calendar days after ``start_day``, rolled forward to a working day."""
        _check_period(n)
        return self.roll_forward(start_day + timedelta(days=n))

    def working_days_between(self, after: date, until: date) -> int:
        """Working days in ``(after, until]``: the ones a period has not used yet."""
        if (until - after).days > MAX_PERIOD_DAYS:
            raise ValueError("range longer than the longest period")
        days = (after + timedelta(days=k) for k in range(1, (until - after).days + 1))
        return sum(1 for day in days if self.is_working_day(day))

    def merged(self, override: WorkCalendar) -> WorkCalendar:
        """This calendar with ``override``'s years replacing its own; the override's weekend."""
        return WorkCalendar(weekend=override.weekend, years={**self.years, **override.years})


def _check_period(n: int) -> None:
    if not 0 <= n <= MAX_PERIOD_DAYS:
        raise ValueError(f"period of {n} days outside 0..{MAX_PERIOD_DAYS}")


# Parsing ---------------------------------------------------------------------------------


def parse_calendar(data: object) -> WorkCalendar:
    """A ``WorkCalendar`` from the file's JSON value; raises CalendarInvalidError naming the
    year and entry at fault."""
    if not isinstance(data, Mapping):
        raise CalendarInvalidError("the file is not a JSON object")
    weekend = _parse_weekend(data.get("weekend", list(DEFAULT_WEEKEND)))
    years_data = data.get("years")
    if not isinstance(years_data, Mapping):
        raise CalendarInvalidError("'years' is missing or not an object")
    parsed = [_parse_year(key, value) for key, value in years_data.items()]
    _check_no_duplicates(parsed)
    years = {year.year: year for year in parsed}
    return WorkCalendar(weekend=weekend, years=years)


def _parse_weekend(value: object) -> frozenset[int]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CalendarInvalidError("'weekend' must be a list of day names such as \"SAT\"")
    unknown = [v for v in value if v not in WEEKDAY_NAMES]
    if unknown:
        raise CalendarInvalidError(f"weekend: unknown day name {unknown[0]!r}")
    days = frozenset(WEEKDAY_NAMES.index(v) for v in value)
    if len(days) != len(value) or len(days) >= len(WEEKDAY_NAMES):
        raise CalendarInvalidError("weekend: repeated days, or no working day left in a week")
    return days


def _parse_year(key: object, value: object) -> CalendarYear:
    if not isinstance(key, str) or not _YEAR_KEY.match(key):
        raise CalendarInvalidError(f"year {key!r}: the key must be a four-digit year")
    if not isinstance(value, Mapping):
        raise CalendarInvalidError(f"year {key}: not an object")
    status = value.get("status")
    if status not in {s.value for s in YearStatus}:
        raise CalendarInvalidError(f"year {key}: status {status!r} is not statutory or official")
    source = value.get("source", "")
    if not isinstance(source, str):
        raise CalendarInvalidError(f"year {key}: 'source' must be text")
    if status == YearStatus.OFFICIAL and not source.strip():
        raise CalendarInvalidError(f"year {key}: an official year must cite its notice in source")
    days = value.get("days")
    if not isinstance(days, list):
        raise CalendarInvalidError(f"year {key}: 'days' is missing or not a list")
    year = int(key)
    parsed = tuple(_parse_day(year, index, entry) for index, entry in enumerate(days, start=1))
    return CalendarYear(year=year, status=YearStatus(status), source=source, days=parsed)


def _parse_day(year: int, index: int, entry: object) -> CalendarDay:
    where = f"year {year}, day {index}"
    if not isinstance(entry, Mapping):
        raise CalendarInvalidError(f"{where}: not an object")
    text, kind, name = entry.get("date"), entry.get("kind"), entry.get("name", "")
    day = _parse_iso_date(text, where)
    if day.year != year:
        raise CalendarInvalidError(f"{where}: {text} is not in {year}")
    if kind not in {k.value for k in DayKind}:
        raise CalendarInvalidError(f"{where}: kind {kind!r} is not off or work")
    if not isinstance(name, str):
        raise CalendarInvalidError(f"{where}: 'name' must be text")
    return CalendarDay(day=day, kind=DayKind(kind), name=name)


def _parse_iso_date(text: object, where: str) -> date:
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise CalendarInvalidError(f"{where}: date {text!r} is not YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CalendarInvalidError(f"{where}: {text} is not a real date") from None


def _check_no_duplicates(years: Iterable[CalendarYear]) -> None:
    for year in years:
        seen: set[date] = set()
        for index, entry in enumerate(year.days, start=1):
            if entry.day in seen:
                raise CalendarInvalidError(
                    f"year {year.year}, day {index}: {entry.day.isoformat()} is listed twice"
                )
            seen.add(entry.day)


# Writing ---------------------------------------------------------------------------------


def calendar_to_dict(calendar: WorkCalendar) -> dict[str, Any]:
    """The JSON value of ``calendar``, years and days in order (the file's format)."""
    return {
        "weekend": [WEEKDAY_NAMES[d] for d in sorted(calendar.weekend)],
        "years": {str(y): _year_to_dict(calendar.years[y]) for y in sorted(calendar.years)},
    }


def _year_to_dict(year: CalendarYear) -> dict[str, Any]:
    days = sorted(year.days, key=lambda e: e.day)
    return {
        "status": year.status.value,
        "source": year.source,
        "days": [{"date": e.day.isoformat(), "kind": e.kind.value, "name": e.name} for e in days],
    }


def dumps_calendar(data: Mapping[str, Any]) -> str:
    """The file's text: indented, one day per line, so a diff shows one changed day per line."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # Fold each day object (three keys) onto one line.
    text = re.sub(
        r"\{\n\s+(\"date\": [^\n]+)\n\s+(\"kind\": [^\n]+)\n\s+(\"name\": [^\n]+)\n\s+\}",
        r"{\1 \2 \3}",
        text,
    )
    # And the weekend's day names onto one line.
    text = re.sub(
        r"\[\n\s+(\"[A-Z]{3}\"(?:,\n\s+\"[A-Z]{3}\")*)\n\s+\]",
        lambda found: "[" + re.sub(r",\n\s+", ", ", found.group(1)) + "]",
        text,
    )
    return text + "\n"
