"""Each user's own text size and language, over the counter's."""

from __future__ import annotations

import pytest

from counter_app.services.settings.personal import (
    PersonalSettings,
    load_personal_settings,
    save_personal_settings,
)
from counter_app.services.settings.ui import UiSettingInvalidError, UiSettings
from counter_app.services.store.opening import Store
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import vn


def test_a_users_own_text_size_leaves_the_others_on_the_counters(new_store: Store) -> None:
    save_personal_settings(new_store, "lan", {"font_scale": 130}, now=vn(2026, 3, 2))
    lan, minh = (load_personal_settings(new_store, u) for u in ("lan", "minh"))
    counter = UiSettings(language="vi", font_scale=100)
    assert lan.effective(counter) == ("vi", 130)
    assert minh == PersonalSettings() and minh.effective(counter) == ("vi", 100)
    rows = [r for r in iter_audit(new_store.db) if r.action == "settings.personal.lan"]
    assert [r.actor for r in rows] == ["user:lan"]


def test_a_text_size_the_window_does_not_offer_is_refused(new_store: Store) -> None:
    with pytest.raises(UiSettingInvalidError):
        save_personal_settings(new_store, "lan", {"font_scale": 300}, now=vn(2026, 3, 2))
