"""The settings dialog: saved through the services and read back, larger text at once, roles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from counter_app.services.settings.forms import load_form_settings
from counter_app.services.settings.intake import load_intake_settings
from counter_app.services.settings.ui import idle_lock_minutes, load_ui_settings
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.settings import load_sync_settings
from tests.dossier_helpers import configure
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.printing import PrintDesk
from ui.session import Session
from ui.settings_dialog import BASE_POINT_SIZE, SettingsDialog
from ui.sync_area import SyncArea, install, sync_area
from ui.tasks import Background, StoreRunner


@pytest.fixture(autouse=True)
def vietnamese_and_font() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "vi")
    font = QFont(app.font())
    yield
    app.setFont(font)
    for translator in translators:
        app.removeTranslator(translator)


@pytest.fixture
def folder(new_store: Store) -> Iterator[Path]:
    configure(new_store)
    path = new_store.folder
    new_store.close()
    yield path


def make_window(qtbot: QtBot, folder: Path, tmp_path: Path, role: str) -> MainWindow:
    session = Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=tmp_path),
        data_dir=folder,
        user="user:admin",
        role=role,
    )
    window = MainWindow(session)
    qtbot.addWidget(window)
    install(window)
    return window


def area_of(window: MainWindow) -> SyncArea:
    area = sync_area(window)
    assert area is not None
    return area


def open_loaded(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    dialog = area_of(window).open_settings()
    assert dialog is not None
    qtbot.waitUntil(dialog.isEnabled, timeout=5_000)
    return dialog


def test_settings_are_saved_read_back_and_larger_text_applies_at_once(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, folder, tmp_path, "administrator")
    dialog = open_loaded(qtbot, window)
    assert dialog.windowTitle() == "Cài đặt"
    assert dialog.idle_lock.value() == 5 and dialog.sync_url.isEnabled()
    notes = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Ngôn ngữ mới có hiệu lực từ lần mở ứng dụng sau." in notes
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.font_scale.setCurrentIndex(dialog.font_scale.findData(130))
    dialog.idle_lock.setValue(12)
    dialog.scanner_port.setCurrentText("COM3")
    dialog.print_preview.setChecked(True)
    dialog.camera.setChecked(True)
    dialog.receipt_layout.setCurrentIndex(dialog.receipt_layout.findData("a4"))
    dialog.sync_url.setText("http://127.0.0.1:8765")
    dialog.batch_size.setValue(20)
    assert dialog.send_refused.isChecked()  # sent by default
    dialog.send_refused.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert QApplication.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.3)
    store = open_store(folder)
    try:
        ui, scanning = load_ui_settings(store), load_intake_settings(store)
        assert (ui.language, ui.font_scale) == ("en", 130)
        # The intake screen reads these: the port it opens, the preview, the webcam.
        assert (scanning.scanner_port, scanning.print_preview, scanning.camera) == (
            "COM3", True, True,
        )  # fmt: skip
        assert idle_lock_minutes(store) == 12
        assert load_form_settings(store).receipt_layout == "a4"
        sync = load_sync_settings(store)
        assert (sync.url, sync.batch_size) == ("http://127.0.0.1:8765", 20)
        assert sync.send_refused_at_intake is False
    finally:
        store.close()
    again = open_loaded(qtbot, window)  # read back into a fresh dialog
    assert again.language.currentData() == "en" and again.idle_lock.value() == 12
    assert again.scanner_port.currentText() == "COM3" and again.print_preview.isChecked()
    assert again.camera.isChecked()
    assert again.receipt_layout.currentData() == "a4" and again.batch_size.value() == 20


def test_a_refused_address_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, folder, tmp_path, "administrator")
    dialog = open_loaded(qtbot, window)
    dialog.sync_url.setText("http://city.example.vn/sync")
    dialog.idle_lock.setValue(9)
    dialog.save()
    qtbot.waitUntil(lambda: "SYNC_URL_INSECURE" in dialog.error_label.text(), timeout=5_000)
    assert dialog.isVisible() and dialog.isEnabled()
    store = open_store(folder)
    try:
        assert idle_lock_minutes(store) == 5  # the address is checked before anything is saved
    finally:
        store.close()


def test_a_clerk_is_refused_and_a_supervisor_changes_the_city_address_not_the_lock_time(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    clerk_window = make_window(qtbot, folder, tmp_path, "clerk")
    assert area_of(clerk_window).open_settings() is None
    assert clerk_window.statusBar().currentMessage() == (
        "Chỉ tổ trưởng hoặc quản trị viên mới thay đổi được phần cài đặt."
    )
    supervisor = make_window(qtbot, folder, tmp_path, "supervisor")
    dialog = open_loaded(qtbot, supervisor)
    # docs/USERS.md: sync.configure is a supervisor's, the idle lock time an administrator's.
    assert dialog.sync_url.isEnabled() and not dialog.idle_lock.isEnabled()
    assert "idle_lock_minutes" not in dialog.changes().ui


def test_a_supervisor_names_who_signs_letters_04_and_05(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, folder, tmp_path, "supervisor")
    dialog = open_loaded(qtbot, window)
    assert dialog.signers.edits["apology_signer_title"].text() == "CHỦ TỊCH"
    dialog.signers.edits["apology_signer_title"].setText("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    dialog.signers.edits["apology_signer_name"].setText("Nguyễn Văn Phó")
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    store = open_store(folder)
    try:
        forms = load_form_settings(store)
        assert (forms.apology_signer_title, forms.apology_signer_name) == (
            "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Nguyễn Văn Phó",
        )  # fmt: skip
        assert forms.stop_signer_title == "CHỦ TỊCH"  # each form its own signer
    finally:
        store.close()
    again = open_loaded(qtbot, make_window(qtbot, folder, tmp_path, "administrator"))
    assert again.signers.edits["apology_signer_name"].text() == "Nguyễn Văn Phó"
    assert not again.signers.edits["stop_signer_title"].isReadOnly()
