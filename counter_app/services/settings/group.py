"""A group of settings under one key prefix: read with defaults, saved validated and audited.

Every settings module is such a group: the window's (``ui.*``, with the idle lock), the intake
screen's (``intake.*``), each user's (``user.<name>.*``), the forms' (``forms.*``) and sync's
(``sync.*``). A stored value that no longer passes its check reads as the default, so a
hand-edited store never stops the window from opening; each save is one audited action with
the old and new values (never personal data). The counter's identity (``counter.*``) is set up
by ``setup`` (services/settings/counter.py): it is checked as a whole, not setting by setting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from datetime import datetime
from typing import Any, TypeVar

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.settings import all_settings, set_setting

# The value in its type, or None when refused (the group raises its ``invalid`` error); a
# check may also raise a more precise error of its own (COUNTER_PHONE_INVALID …).
Check = Callable[[Any], Any]
G = TypeVar("G")


class SettingsGroup:
    def __init__(
        self,
        prefix: str,
        defaults: Any,
        checks: Mapping[str, Check],
        invalid: type[BadInputError],
        *,
        defaults_for: Callable[[Store], Any] | None = None,
        audit_action: str = "",
    ) -> None:
        """``defaults_for``: defaults that depend on the store (the forms' header names come
        from the counter's settings); ``audit_action``: the audit's name for a save, by
        default ``settings.<prefix>``."""
        names = {f.name for f in fields(defaults)}
        assert set(checks) == names, f"{prefix}: a check for every setting, and only those"
        self.prefix, self.defaults, self.checks, self.invalid = prefix, defaults, checks, invalid
        self._defaults_for = defaults_for
        self.audit_action = audit_action or "settings." + prefix.rstrip(".")

    def check(self, name: str, value: Any) -> Any:
        """The value in its type, or the group's error naming the setting (never the value)."""
        check = self.checks.get(name)
        checked = None if check is None else check(value)
        if checked is None:
            raise self.invalid(name)
        return checked

    def load(self, store: Store) -> Any:
        defaults = self._defaults_for(store) if self._defaults_for else self.defaults
        valid = {}
        for key, value in all_settings(store).items():
            if not key.startswith(self.prefix):
                continue
            name = key.removeprefix(self.prefix)
            try:
                valid[name] = self.check(name, value)
            except BadInputError:
                continue  # a bad stored value reads as its default
        return replace(defaults, **valid)

    def save(self, store: Store, changes: Mapping[str, Any], *, actor: str, now: datetime) -> Any:
        """Validate and store ``changes`` (name → value): one audited action, or none when
        nothing differs from what is stored."""
        current = self.load(store)
        checked = {name: self.check(name, value) for name, value in changes.items()}
        changed = {k: v for k, v in checked.items() if getattr(current, k) != v}
        if changed:
            with store.action() as db:
                for name, value in changed.items():
                    set_setting(db, self.prefix + name, value)
                details = {n: {"old": getattr(current, n), "new": v} for n, v in changed.items()}
                append_audit(db, at=iso_vn(now), actor=actor, action=self.audit_action,
                             subject=self.prefix.rstrip("."), details=details)  # fmt: skip
        return replace(current, **changed)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def int_in(low: int, high: int) -> Check:
    return lambda value: value if is_int(value) and low <= value <= high else None


def one_of(choices: tuple[Any, ...]) -> Check:
    return lambda value: value if not isinstance(value, bool) and value in choices else None


def a_bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None
