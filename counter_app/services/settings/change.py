"""One way to change any settings group: ``counter-app settings --set forms.place=…`` and the
window's settings dialog.

Each group (services/settings/group.py) checks its own values; this module only routes
``group.name`` to the group's save, all in one action: a refused value saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from counter_app.domain.roles import setting_action
from counter_app.errors import BadInputError
from counter_app.services.settings.forms import change_form_settings
from counter_app.services.settings.intake import save_intake_settings
from counter_app.services.settings.ui import save_ui_settings
from counter_app.services.store.opening import Store
from counter_app.services.syncing.settings import save_sync_settings
from counter_app.services.users import require

# group → its save (validated, audited); a new group adds one line.
SAVES: Mapping[str, Callable[..., Any]] = {
    "forms": change_form_settings,
    "sync": save_sync_settings,
    "ui": save_ui_settings,
    "intake": save_intake_settings,
}


class SettingUnknownError(BadInputError):
    """``--set`` names no group this command changes (detail: the key as given)."""

    code = "SETTING_UNKNOWN"


def change_settings(
    store: Store, assignments: Mapping[str, Any], *, actor: str, role: str, now: datetime
) -> dict[str, dict[str, Any]]:
    """Save ``group.name → value`` assignments; return each changed group's settings.

    ``role`` must reach every setting's action (``domain/roles.py``: the sync address needs
    a supervisor, the idle lock an administrator): one refused setting saves nothing."""
    by_group: dict[str, dict[str, Any]] = {}
    for key, value in assignments.items():
        group, _, name = key.partition(".")
        if group not in SAVES or not name:
            raise SettingUnknownError(key)
        by_group.setdefault(group, {})[name] = value
    for key in assignments:
        require(role, setting_action(key))
    with store.action():  # one action: every group's save nests in it
        saved = {
            group: SAVES[group](store, changes, actor=actor, now=now)
            for group, changes in by_group.items()
        }
    return {group: asdict(settings) for group, settings in saved.items()}
