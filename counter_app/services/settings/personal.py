"""Each user's own window settings (keys ``personal.<user name>.*``): text size and language.

A clerk with weaker eyes picks a larger text without changing the counter's setting for the
others; empty values mean "the counter's". Any signed-in user may change their own, so the
change is audited with that user as the actor (the values are not personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.services.settings.group import SettingsGroup, one_of
from counter_app.services.settings.ui import (
    FONT_SCALES,
    LANGUAGES,
    UiSettingInvalidError,
    UiSettings,
)
from counter_app.services.store.opening import Store

COUNTERS = ""  # the language that follows the counter's setting
COUNTERS_SCALE = 0  # the text size that follows the counter's setting


@dataclass(frozen=True)
class PersonalSettings:
    language: str = COUNTERS
    font_scale: int = COUNTERS_SCALE

    def effective(self, counter: UiSettings) -> tuple[str, int]:
        """(language, text size) in force for this user at this counter."""
        return (self.language or counter.language, self.font_scale or counter.font_scale)


def _group(username: str) -> SettingsGroup:
    return SettingsGroup(
        f"personal.{username}.",
        PersonalSettings(),
        {
            "language": one_of((COUNTERS, *LANGUAGES)),
            "font_scale": one_of((COUNTERS_SCALE, *FONT_SCALES)),
        },
        UiSettingInvalidError,
    )


def load_personal_settings(store: Store, username: str) -> PersonalSettings:
    settings: PersonalSettings = _group(username).load(store)
    return settings


def save_personal_settings(
    store: Store, username: str, changes: dict[str, Any], *, now: datetime
) -> PersonalSettings:
    """The user's own choice, audited with them as the actor."""
    group = _group(username)
    settings: PersonalSettings = group.save(store, changes, actor=f"user:{username}", now=now)
    return settings
