"""How long the window waits without input before it locks (``ui.idle_lock_minutes``).

Kept in the store with the other settings, so it travels with backups; changed by an
administrator and audited like every setting.
"""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.store import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.settings import get_setting, set_setting

IDLE_LOCK_KEY = "ui.idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 5  # a clerk turning to a citizen's papers rarely idles that long
MAX_IDLE_MINUTES = 60  # beyond an hour an unattended counter is simply open


class IdleMinutesInvalidError(BadInputError):
    code = "IDLE_MINUTES_INVALID"


def idle_lock_minutes(store: Store) -> int:
    value = get_setting(store, IDLE_LOCK_KEY, DEFAULT_IDLE_MINUTES)
    return (
        value if isinstance(value, int) and 1 <= value <= MAX_IDLE_MINUTES else DEFAULT_IDLE_MINUTES
    )


def set_idle_lock_minutes(store: Store, minutes: int, *, actor: str, now: datetime) -> int:
    if not 1 <= minutes <= MAX_IDLE_MINUTES:
        raise IdleMinutesInvalidError("")
    with store.action() as db:
        old = get_setting(db, IDLE_LOCK_KEY, DEFAULT_IDLE_MINUTES)
        set_setting(db, IDLE_LOCK_KEY, minutes)
        append_audit(db, at=iso_vn(now), actor=actor, action="settings.change", subject="ui",
                     details={IDLE_LOCK_KEY: {"old": old, "new": minutes}})  # fmt: skip
    return minutes
