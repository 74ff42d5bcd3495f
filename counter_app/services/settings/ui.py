"""The window's own settings (keys ``ui.*``): language, text size, the idle lock.

Kept in the store so they travel with backups, like the form and sync settings. Every change
is validated and audited with its old and new values (none of them personal). A stored value
that no longer passes validation reads as its default, so a hand-edited store never stops the
window from opening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.domain.roles import setting_action
from counter_app.errors import BadInputError
from counter_app.services.settings.group import SettingsGroup, int_in, one_of
from counter_app.services.store.opening import Store
from counter_app.services.users import require

PREFIX = "ui."
LANGUAGES = ("vi", "en")
FONT_SCALES = (100, 115, 130, 150)  # percent of the 11 pt base: "larger text" steps
DEFAULT_IDLE_MINUTES = 5  # a clerk turning to a citizen's papers rarely idles that long
MAX_IDLE_MINUTES = 60  # beyond an hour an unattended counter is simply open
IDLE_LOCK_RANGE = (1, MAX_IDLE_MINUTES)  # minutes without input before the window locks


class UiSettingInvalidError(BadInputError):
    """A window setting is out of its range (the detail names the setting, never a value)."""

    code = "UI_SETTING_INVALID"


class IdleMinutesInvalidError(UiSettingInvalidError):
    code = "IDLE_MINUTES_INVALID"


@dataclass(frozen=True)
class UiSettings:
    language: str = LANGUAGES[0]  # applies at the next start
    font_scale: int = FONT_SCALES[0]
    idle_lock_minutes: int = DEFAULT_IDLE_MINUTES  # the screen locks after this idle time


_GROUP = SettingsGroup(
    PREFIX,
    UiSettings(),
    {
        "language": one_of(LANGUAGES),
        "font_scale": one_of(FONT_SCALES),
        "idle_lock_minutes": int_in(*IDLE_LOCK_RANGE),
    },
    UiSettingInvalidError,
)


def load_ui_settings(store: Store) -> UiSettings:
    settings: UiSettings = _GROUP.load(store)
    return settings


def idle_lock_minutes(store: Store) -> int:
    """Minutes without input before the screen locks (the default when the stored value
    is out of range)."""
    return load_ui_settings(store).idle_lock_minutes


def set_idle_lock_minutes(
    store: Store, minutes: int, *, actor: str, role: str, now: datetime
) -> int:
    """The administrator's change of the idle lock: the group's save, audited as any setting."""
    require(role, setting_action("ui.idle_lock_minutes"))
    if not IDLE_LOCK_RANGE[0] <= minutes <= IDLE_LOCK_RANGE[1]:
        raise IdleMinutesInvalidError("")
    return save_ui_settings(
        store, {"idle_lock_minutes": minutes}, actor=actor, now=now
    ).idle_lock_minutes


def save_ui_settings(
    store: Store, changes: dict[str, Any], *, actor: str, now: datetime
) -> UiSettings:
    """Validate and store ``changes`` (name → value); one audited action, old and new values."""
    settings: UiSettings = _GROUP.save(store, changes, actor=actor, now=now)
    return settings


def check_ui_setting(name: str, value: Any) -> Any:
    """The value in its type, or UiSettingInvalidError naming the setting."""
    return _GROUP.check(name, value)
