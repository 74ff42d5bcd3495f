"""After a restore, the window says what the city gave back: waiting while the city is down,
then the codes taken back and those to re-enter, once a pass (F5) reaches it.

The shipped simulator on loopback and a real restore of a real backup. A screenshot of the
window lands in ``RECOVERY_SHOT`` when that variable names a file (for a person to look at).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app.messages import message_for
from counter_app.services.backup.city_recovery import PENDING_ACK
from counter_app.services.backup.copies import make_backup
from counter_app.services.backup.restore import restore_backup
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.changes import dossier_detail
from counter_app.services.store.opening import Store, open_store
from tests.city_sim_process import running_city_sim
from tests.dossier_helpers import CLERK, configure
from tests.gui.intake_helpers import on_store, opened, person_types, press, scanner_types
from tests.gui.test_sync_ui import (
    STILL,
    area_of,
    closed_port_url,
    make_window,
    receive,
    set_url,
    vietnamese,  # noqa: F401  (the autouse fixture: Vietnamese texts)
)
from tests.integration.sync_helpers import FAST as ENGINE_FAST
from tests.integration.sync_helpers import sync_once
from tests.payloads import T1
from ui.intake.recovery_confirm import confirm_new_after_restore
from ui.sync_area import install
from ui.sync_runner import CityLink


@pytest.fixture
def folder(new_store: Store) -> Iterator[Path]:
    """A configured counter's data folder, its store closed (the window opens its own)."""
    configure(new_store)
    path = new_store.folder
    new_store.close()
    yield path


def _lose_two(folder: Path, tmp_path: Path) -> tuple[str, str]:
    """Back up, receive a dossier and send it, receive another, restore: (held, unsent)."""
    store = open_store(folder)
    try:
        backup = make_backup(store, actor=CLERK, now=now_vn()).path
    finally:
        store.close()
    (held,) = receive(folder, 1)
    store = open_store(folder)
    try:
        with running_city_sim(tmp_path / "city.db", *STILL) as url:
            assert sync_once(store, url, ENGINE_FAST).acknowledged == 1
    finally:
        store.close()
    (unsent,) = receive(folder, 1, procedure="2.000815")
    restore_backup(folder, backup, key_file=None, actor=CLERK, now=now_vn())
    return held.code, unsent.code


def test_the_status_bar_tells_the_recovery(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    held, unsent = _lose_two(folder, tmp_path)
    set_url(folder, closed_port_url())
    window = make_window(qtbot, folder, tmp_path)
    install(window)
    area = area_of(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: area.runner.status.state is CityLink.OFFLINE, timeout=20_000)
    warning = area.status_widget.warning_label
    assert warning.text() == "⚠ Sau khi khôi phục: 2 hồ sơ chờ thành phố trả lại; chưa nhập lại"
    with running_city_sim(tmp_path / "city.db", *STILL) as url:
        set_url(folder, url)
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: area.runner.status.state is CityLink.ONLINE, timeout=20_000)
    assert warning.text() == (
        f"Đã lấy lại từ thành phố: {held} · "
        f"⚠ Thành phố không có, cần nhập lại từ hồ sơ giấy: {unsent}"
    )
    shot = os.environ.get("RECOVERY_SHOT")
    if shot:
        window.resize(1366, 768)
        qtbot.wait(200)
        window.grab().save(shot)


def test_a_new_intake_waits_for_the_clerks_yes(qtbot: QtBot, tmp_path: Path) -> None:
    """The question defaults to No: Enter alone never saves a possible second dossier."""
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(200, answer)
    assert confirm_new_after_restore(parent, "vi") is False
    assert seen and seen[0].startswith("Sau khi khôi phục dữ liệu, thành phố chưa trả lời")


def _lost_while_the_city_is_down(folder: Path) -> None:
    """A backup, a dossier after it, the backup restored; the city set up but unreachable."""
    store = open_store(folder)
    try:
        backup = make_backup(store, actor=CLERK, now=now_vn()).path
    finally:
        store.close()
    receive(folder, 1)
    restore_backup(folder, backup, key_file=None, actor=CLERK, now=now_vn())
    set_url(folder, closed_port_url())


def _answer_the_question(seen: list[str], button: QMessageBox.StandardButton) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)  # the save runs on the store's thread first
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(50, answer)


def test_an_intake_while_the_city_has_not_answered_saves_only_on_yes(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    _lost_while_the_city_is_down(folder)
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scanner_types(T1)
        person_types("ks")
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.procedure.due.text() != "", timeout=20_000)
        seen: list[str] = []
        _answer_the_question(seen, QMessageBox.StandardButton.No)
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(seen) and not screen.busy, timeout=20_000)
        assert not screen.last_code  # No: nothing saved, the form kept, the reason said
        assert screen.message.text().startswith(message_for("RECOVERY_PENDING", "vi"))
        assert screen.applicant.edits["full_name"].text() == "Trần Quốc Bảo"
        _answer_the_question(seen, QMessageBox.StandardButton.Yes)
        with qtbot.waitSignal(screen.printed, timeout=20_000):
            screen.receive()  # Ctrl+Enter's action (offscreen, the closed box left no focus)
        assert screen.last_code and len(seen) == 2
        assert seen[1].startswith("Sau khi khôi phục dữ liệu, thành phố chưa trả lời")
        code = screen.last_code
        detail = on_store(qtbot, screen, lambda store: dossier_detail(store, code))
    assert PENDING_ACK in detail.events[0]["details"]["acknowledged"]  # the clerk's yes, kept
