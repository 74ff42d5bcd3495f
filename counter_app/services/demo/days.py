"""Which days demo dossiers fall on, and how many each: working days, office hours, the range.

Split from ``demo`` so that each module stays small: this part only plans, it writes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from counter_app.domain.calendar import WorkCalendar
from counter_app.domain.due_date import DEFAULT_OFFICE_HOURS
from counter_app.errors import BadInputError
from counter_app.services.settings.counter import CounterConfig
from counter_app.services.store.opening import Store
from counter_app.storage import seed as bulk

DEFAULT_FILL = 0.8
MIN_DEFAULT_SPAN_DAYS = 90  # without --days at least a quarter: old and recent dossiers both
DAY_WEIGHT_SPREAD = (0.7, 1.3)  # busy and quiet days around the average
MAX_DAYS = 36_500  # a century of history is already absurd for a ward
SESSION_SECONDS = tuple(
    (start.hour * 3600 + start.minute * 60, end.hour * 3600 + end.minute * 60)
    for start, end in DEFAULT_OFFICE_HOURS
)


class DemoTooManyError(BadInputError):
    """The days asked for cannot hold that many dossiers within the counter's daily range."""

    code = "DEMO_TOO_MANY"


@dataclass
class PlannedDay:
    day: date
    floor: int  # the last code number already used that day
    open_seconds: int  # office seconds of the day that are already past at ``now``
    quota: int = 0


def plan_days(
    store: Store,
    config: CounterConfig,
    calendar: WorkCalendar,
    *,
    count: int,
    days: int | None,
    now: datetime,
    rng: random.Random,
) -> list[PlannedDay]:
    """Working days (oldest first) with how many dossiers each receives, within the range."""
    floors = bulk.code_numbers_of(store, config.counter)
    candidates: list[PlannedDay] = []
    capacity, day = 0, now.date()
    while True:
        span = (now.date() - day).days
        if days is not None and span >= days:
            break
        if days is None and span >= MIN_DEFAULT_SPAN_DAYS and capacity * DEFAULT_FILL >= count:
            break
        if span >= MAX_DAYS:
            raise DemoTooManyError(str(count))
        planned = _candidate(store, config, calendar, day, floors, now)
        if planned is not None:
            candidates.append(planned)
            capacity += config.code_range.end - planned.floor
        day -= timedelta(days=1)
    candidates.reverse()
    _spread(candidates, count, config, rng)
    return candidates


def _candidate(
    store: Store,
    config: CounterConfig,
    calendar: WorkCalendar,
    day: date,
    floors: dict[str, int],
    now: datetime,
) -> PlannedDay | None:
    if not calendar.is_working_day(day):
        return None
    key = day.isoformat()
    floor = max(
        floors.get(key, 0),
        store.marks.last_code_number(key, config.counter),
        config.code_range.start - 1,
    )
    open_seconds = _open_seconds(day, now)
    if floor >= config.code_range.end or open_seconds <= 0:
        return None
    return PlannedDay(day, floor, open_seconds)


def _open_seconds(day: date, now: datetime) -> int:
    """Office seconds of ``day`` before ``now`` (all of them for a past day)."""
    limit = 24 * 3600 if day < now.date() else now.hour * 3600 + now.minute * 60 + now.second
    return sum(max(0, min(end, limit) - start) for start, end in SESSION_SECONDS)


def _spread(plan: list[PlannedDay], count: int, config: CounterConfig, rng: random.Random) -> None:
    """Share ``count`` among the days by random weights, none above its room in the range."""
    full_day = sum(end - start for start, end in SESSION_SECONDS)
    weights = [rng.uniform(*DAY_WEIGHT_SPREAD) * p.open_seconds / full_day for p in plan]
    rooms = [config.code_range.end - p.floor for p in plan]
    remaining = count
    active = [i for i in range(len(plan)) if rooms[i] > 0]
    while remaining > 0 and active:
        total = sum(weights[i] for i in active)
        given = 0
        for i in active:
            share = min(rooms[i] - plan[i].quota, int(remaining * weights[i] / total))
            plan[i].quota += share
            given += share
        if given == 0:  # fewer left than days: one each, busiest first
            for i in sorted(active, key=lambda k: -weights[k])[:remaining]:
                plan[i].quota += 1
                given += 1
        remaining -= given
        active = [i for i in active if plan[i].quota < rooms[i]]
    if remaining > 0:
        raise DemoTooManyError(str(count))
