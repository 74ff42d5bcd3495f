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

from counter_app.errors import BadInputError
from counter_app.services.lock_settings import DEFAULT_IDLE_MINUTES, MAX_IDLE_MINUTES
from counter_app.services.lock_settings import idle_lock_minutes as lock_idle_minutes
from counter_app.services.settings_group import SettingsGroup, int_in, one_of
from counter_app.services.store import Store

PREFIX = "ui."
LANGUAGES = ("vi", "en")
FONT_SCALES = (100, 115, 130, 150)  # percent of the 11 pt base: "larger text" steps
# Minutes; the same limits as the lock's own setting (services/lock_settings.py).
IDLE_LOCK_RANGE = (1, MAX_IDLE_MINUTES)


class UiSettingInvalidError(BadInputError):
    """A window setting is out of its range (the detail names the setting, never a value)."""

    code = "UI_SETTING_INVALID"


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
    """Minutes without input before the screen locks: the lock's own reading of the setting."""
    return lock_idle_minutes(store)


def save_ui_settings(
    store: Store, changes: dict[str, Any], *, actor: str, now: datetime
) -> UiSettings:
    """Validate and store ``changes`` (name → value); one audited action, old and new values."""
    settings: UiSettings = _GROUP.save(store, changes, actor=actor, now=now)
    return settings


def check_ui_setting(name: str, value: Any) -> Any:
    """The value in its type, or UiSettingInvalidError naming the setting."""
    return _GROUP.check(name, value)
