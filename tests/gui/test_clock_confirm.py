"""Settings' clock group: a supervisor confirms the PC clock when a dossier saved a year ahead
blocks intake; the confirmation is audited and intake resumes (a real store)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import open_store
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import CLERK, intake
from tests.gui.test_settings_dialog import folder, make_window, open_loaded, vietnamese_and_font

__all__ = ["folder", "vietnamese_and_font"]  # fixtures, shared with the settings tests


def _receive(folder: Path, *, ahead: timedelta) -> str:
    store = open_store(folder)
    try:
        return receive_dossier(store, intake(), clerk=CLERK, now=now_vn() + ahead).code
    finally:
        store.close()


def test_a_supervisor_confirms_the_clock_and_intake_resumes(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    code = _receive(folder, ahead=timedelta(days=365))
    window = make_window(qtbot, folder, tmp_path, "supervisor")
    dialog = open_loaded(qtbot, window)
    clock = dialog.clock
    qtbot.waitUntil(clock.confirm_button.isEnabled, timeout=5_000)
    assert clock.state_label.text().startswith("Đang dừng tiếp nhận")
    assert code in clock.state_label.text()
    clock.confirm_button.click()
    qtbot.waitUntil(lambda: "bình thường" in clock.state_label.text(), timeout=5_000)
    assert not clock.confirm_button.isEnabled() and code in clock.state_label.text()
    store = open_store(folder)
    try:
        actions = [(row.action, row.actor) for row in iter_audit(store.db)]
        assert ("clock.confirm", "user:admin") in actions
        assert receive_dossier(store, intake(), clerk=CLERK, now=now_vn()).code  # resumed
    finally:
        store.close()


def test_a_right_clock_offers_nothing_to_confirm(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    _receive(folder, ahead=timedelta(0))
    window = make_window(qtbot, folder, tmp_path, "administrator")
    clock = open_loaded(qtbot, window).clock
    qtbot.waitUntil(lambda: "bình thường" in clock.state_label.text(), timeout=5_000)
    assert not clock.confirm_button.isEnabled()
