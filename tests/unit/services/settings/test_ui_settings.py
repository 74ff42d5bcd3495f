"""The window's settings (``ui.*``): defaults, validation, audit, and the idle-lock read."""

from __future__ import annotations

import json
from typing import Any

import pytest

from counter_app.services.settings.ui import (
    UiSettingInvalidError,
    UiSettings,
    idle_lock_minutes,
    load_ui_settings,
    save_ui_settings,
)
from counter_app.services.store.opening import Store
from counter_app.storage.audit import iter_audit
from counter_app.storage.settings import set_setting
from tests.dossier_helpers import configure, vn

NOW = vn(2026, 11, 20, 10)


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def test_defaults_then_saved_values_read_back_and_are_audited(store: Store) -> None:
    assert load_ui_settings(store) == UiSettings()
    assert idle_lock_minutes(store) == 5
    changes = {"language": "en", "font_scale": 130, "idle_lock_minutes": 10}
    saved = save_ui_settings(store, changes, actor="user:admin", now=NOW)
    assert saved == load_ui_settings(store) == UiSettings(**changes)
    assert idle_lock_minutes(store) == 10
    (row,) = [r for r in iter_audit(store.db) if r.action == "settings.ui"]
    assert row.actor == "user:admin"
    assert json.loads(row.details)["idle_lock_minutes"] == {"old": 5, "new": 10}
    save_ui_settings(store, changes, actor="user:admin", now=NOW)  # nothing changed: no row
    assert len([r for r in iter_audit(store.db) if r.action == "settings.ui"]) == 1


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("language", "fr"),
        ("font_scale", 120),
        ("font_scale", True),
        ("idle_lock_minutes", 0),
        ("idle_lock_minutes", 121),
        ("idle_lock_minutes", "5"),
        ("scanner_port", "COM3"),  # an intake setting (intake.*), not the window's
        ("colour", "red"),
    ],
)
def test_out_of_range_values_are_refused_naming_the_setting(
    store: Store, name: str, value: Any
) -> None:
    with pytest.raises(UiSettingInvalidError) as refused:
        save_ui_settings(store, {name: value}, actor="user:admin", now=NOW)
    assert str(refused.value) == name and refused.value.code == "UI_SETTING_INVALID"
    assert load_ui_settings(store) == UiSettings()


def test_a_bad_stored_value_reads_as_its_default(store: Store) -> None:
    with store.action() as db:
        set_setting(db, "ui.idle_lock_minutes", -3)
        set_setting(db, "ui.font_scale", 115)
        set_setting(db, "ui.scanner_port", "COM9")  # an old key: ignored
    assert load_ui_settings(store) == UiSettings(font_scale=115)
