"""Roles and settings as docs/USERS.md says: a clerk sees a supervisor's buttons disabled with
the reason (never a refusal after the click), every user has their own text size, a sign-out
hands the counter to the next person, and the idle time applies at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.store.opening import Store
from tests.gui.counter_window import PASSWORD, counter_window, prepare_counter
from tests.gui.dossier_screens import fill_store
from tests.gui.intake_helpers import focused, person_types, press
from ui.dossiers.actions import Action
from ui.look import BASE_POINT_SIZE
from ui.sync_area import sync_area
from ui.users.personal import signed_in_language

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _points() -> float:
    return QApplication.font().pointSizeF()


def test_a_clerk_sees_the_supervisors_buttons_disabled_with_the_reason(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    _older, today = fill_store(new_store)
    folder = prepare_counter(new_store, configured=True)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        counter.window.dossier_requested.emit(today[0].code)
        qtbot.waitUntil(lambda: counter.dossiers.detail.code.text() == today[0].code)
        bar = counter.dossiers.actions_bar
        qtbot.waitUntil(lambda: bar.buttons[Action.TRANSITION].isEnabled())
        for action in (Action.CORRECT, Action.VOID):
            assert not bar.buttons[action].isEnabled()
            assert "supervisor" in bar.buttons[action].toolTip()
        settings = counter.window.findChild(QAction, "openSettings")
        assert settings is not None and not settings.isEnabled() and settings.toolTip()
    with counter_window(qtbot, folder, tmp_path / "pdf", username="minh") as counter:
        counter.window.dossier_requested.emit(today[0].code)
        bar = counter.dossiers.actions_bar
        qtbot.waitUntil(lambda: bar.buttons[Action.VOID].isEnabled())
        assert bar.buttons[Action.CORRECT].toolTip() == ""


def test_my_text_size_applies_at_once_and_leaves_with_me(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        assert _points() == BASE_POINT_SIZE
        dialog = counter.users.open_personal()
        qtbot.waitUntil(dialog.isEnabled)
        dialog.font_scale.setCurrentIndex(dialog.font_scale.findData(130))
        dialog.save()
        qtbot.waitUntil(lambda: abs(_points() - BASE_POINT_SIZE * 1.3) < 0.01)
        counter.window.activateWindow()
        qtbot.waitActive(counter.window)
        counter.intake.focus_scan_box()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        press(Qt.Key.Key_Q, CTRL_SHIFT)  # sign out; the supervisor signs in at the same PC
        lock = counter.users.lock_screen
        qtbot.waitUntil(lambda: counter.users.idle.locked)
        assert counter.window.session.user == "" and focused() is lock.username
        assert lock.unlock_button.text() == lock.tr("Sign in")  # a sign-in now, not an unlock
        person_types("minh", gap_ms=40)
        press(Qt.Key.Key_Return)
        person_types(PASSWORD, gap_ms=40)
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not counter.users.idle.locked, timeout=10_000)
        assert counter.window.session.role == "supervisor"
        assert counter.window.user_label.text() == "Trần Văn Minh"
        qtbot.waitUntil(lambda: _points() == BASE_POINT_SIZE)  # the counter's, not Lan's
        settings = counter.window.findChild(QAction, "openSettings")
        assert settings is not None and settings.isEnabled()


def test_a_new_idle_time_applies_without_a_restart(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf", username="quan") as counter:
        area = sync_area(counter.window)
        assert area is not None
        dialog = area.open_settings()
        assert dialog is not None
        qtbot.waitUntil(dialog.isEnabled)
        assert dialog.idle_lock.isEnabled()
        dialog.idle_lock.setValue(2)
        dialog.save()
        qtbot.waitUntil(lambda: counter.users.idle.idle_ms == 2 * 60_000)


def test_the_language_at_start_is_the_signed_in_users_own(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    from counter_app.services.settings.personal import save_personal_settings
    from tests.dossier_helpers import vn

    save_personal_settings(new_store, "lan", {"language": "en"}, now=vn(2026, 3, 2))
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        assert signed_in_language(counter.window.session) == "en"
    with counter_window(qtbot, folder, tmp_path / "pdf", username="minh") as counter:
        assert signed_in_language(counter.window.session) == "vi"  # the counter's
