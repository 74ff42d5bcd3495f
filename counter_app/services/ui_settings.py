"""The window's own settings (keys ``ui.*``): language, text size, scanner port, preview, lock.

Kept in the store so they travel with backups, like the form and sync settings. Every change
is validated and audited with its old and new values (none of them personal). A stored value
that no longer passes validation reads as its default, so a hand-edited store never stops the
window from opening.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from counter_app.domain.text import nfc
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.lock_settings import DEFAULT_IDLE_MINUTES, MAX_IDLE_MINUTES
from counter_app.services.lock_settings import idle_lock_minutes as lock_idle_minutes
from counter_app.services.store import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.settings import all_settings, set_setting

PREFIX = "ui."
LANGUAGES = ("vi", "en")
FONT_SCALES = (100, 115, 130, 150)  # percent of the 11 pt base: "larger text" steps
# Minutes; the same limits as the lock's own setting (services/lock_settings.py).
IDLE_LOCK_RANGE = (1, MAX_IDLE_MINUTES)
MAX_PORT_NAME = 100  # "COM3", "/dev/ttyUSB0": far shorter in practice


class UiSettingInvalidError(BadInputError):
    """A window setting is out of its range (the detail names the setting, never a value)."""

    code = "UI_SETTING_INVALID"


@dataclass(frozen=True)
class UiSettings:
    language: str = LANGUAGES[0]  # applies at the next start
    font_scale: int = FONT_SCALES[0]
    scanner_port: str = ""  # empty: no COM-port scanner (keyboard-wedge scanners need none)
    print_preview: bool = False  # ux.md: print at once; a preview only when asked for
    idle_lock_minutes: int = DEFAULT_IDLE_MINUTES  # the screen locks after this idle time


def load_ui_settings(store: Store) -> UiSettings:
    stored = {
        key.removeprefix(PREFIX): value
        for key, value in all_settings(store.db).items()
        if key.startswith(PREFIX)
    }
    valid = {}
    for name, value in stored.items():
        try:
            valid[name] = check_ui_setting(name, value)
        except UiSettingInvalidError:
            continue  # a bad stored value reads as its default
    return replace(UiSettings(), **valid)


def idle_lock_minutes(store: Store) -> int:
    """Minutes without input before the screen locks: the lock's own reading of the setting."""
    return lock_idle_minutes(store)


def save_ui_settings(
    store: Store, changes: dict[str, Any], *, actor: str, now: datetime
) -> UiSettings:
    """Validate and store ``changes`` (name → value); one audited action, old and new values."""
    current = load_ui_settings(store)
    checked = {name: check_ui_setting(name, value) for name, value in changes.items()}
    changed = {k: v for k, v in checked.items() if getattr(current, k) != v}
    if changed:
        with store.action() as db:
            for name, value in changed.items():
                set_setting(db, PREFIX + name, value)
            details = {n: {"old": getattr(current, n), "new": v} for n, v in changed.items()}
            append_audit(
                db, at=iso_vn(now), actor=actor, action="settings.ui", subject="ui",
                details=details,
            )  # fmt: skip
    return replace(current, **changed)


def check_ui_setting(name: str, value: Any) -> Any:
    """The value in its type, or UiSettingInvalidError naming the setting."""
    check = _CHECKS.get(name)
    if check is None:
        raise UiSettingInvalidError(name)
    checked = check(value)
    if checked is None:
        raise UiSettingInvalidError(name)
    return checked


def _language(value: Any) -> str | None:
    return value if value in LANGUAGES else None


def _font_scale(value: Any) -> int | None:
    return value if _is_int(value) and value in FONT_SCALES else None


def _scanner_port(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = nfc(value.strip())
    return text if len(text) <= MAX_PORT_NAME and text.isprintable() else None


def _print_preview(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _idle_lock(value: Any) -> int | None:
    low, high = IDLE_LOCK_RANGE
    return value if _is_int(value) and low <= value <= high else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_CHECKS = {
    "language": _language,
    "font_scale": _font_scale,
    "scanner_port": _scanner_port,
    "print_preview": _print_preview,
    "idle_lock_minutes": _idle_lock,
}
assert set(_CHECKS) == {f.name for f in fields(UiSettings)}
