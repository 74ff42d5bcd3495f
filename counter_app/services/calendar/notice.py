"""When to tell a clerk that a year's calendar is not confirmed: once per year and counter.

A warning on every intake is one clerks learn to ignore. So a year that is ``statutory`` or
missing is shown on the day this counter first meets it (all that day, so it does not vanish
while a form is being filled), then no more at the counter; ``counter-app calendar status``
keeps listing it until a supervisor confirms the year (``calendar confirm``, audited) or IT
imports the year's notice as ``official``. Both are kept in the counter's store.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from counter_app.domain.due_date import DueDate
from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import BadInputError
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.settings import all_settings, set_setting

SHOWN_PREFIX = "calendar.warned."  # + year: the day this counter first showed the warning
CONFIRMED_PREFIX = "calendar.confirmed."  # + year: who confirmed the year, when
AUDIT_ACTION = "calendar.confirm"
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a year outside is a typing mistake


class CalendarYearInvalidError(BadInputError):
    code = "CALENDAR_YEAR_INVALID"


def warnings_to_show(store: Store, due: DueDate, *, now: datetime) -> DueDate:
    """``due`` with only the warnings this counter should still show today.

    The first warning of a year records today's date; the warning shows again only that day.
    """
    if not due.warnings:
        return due
    settings = all_settings(store)
    today = now.astimezone(VN_TZ).date().isoformat()
    kept = []
    for warning in due.warnings:
        year = str(warning.year)
        if CONFIRMED_PREFIX + year in settings:
            continue
        first_shown = settings.get(SHOWN_PREFIX + year)
        if first_shown is None:
            with store.action() as db:
                set_setting(db, SHOWN_PREFIX + year, today)
            first_shown = today
        if first_shown == today:
            kept.append(warning)
    return replace(due, warnings=tuple(kept))


def confirm_calendar_year(store: Store, year: int, *, actor: str, now: datetime) -> None:
    """A supervisor has checked ``year`` against the government's notice (or accepts it as
    it is): its warning stops on this counter. Audited; the calendar data is unchanged."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarYearInvalidError(str(year))
    stamp = iso_vn(now)
    with store.action() as db:
        set_setting(db, CONFIRMED_PREFIX + str(year), {"by": actor, "at": stamp})
        append_audit(db, at=stamp, actor=actor, action=AUDIT_ACTION, subject=str(year),
                     details={"year": year})  # fmt: skip


def calendar_notices(store: Store) -> dict[str, Any]:
    """Years confirmed here (who, when) and years whose warning was shown (first day)."""
    settings = all_settings(store)
    return {
        "confirmed": {
            key.removeprefix(CONFIRMED_PREFIX): value
            for key, value in settings.items()
            if key.startswith(CONFIRMED_PREFIX)
        },
        "warned": {
            key.removeprefix(SHOWN_PREFIX): value
            for key, value in settings.items()
            if key.startswith(SHOWN_PREFIX)
        },
    }
