"""QR scan, then the card on the (emulated) reader: the chip's identity fills the intake.

pcscd, the virtual reader and vsmartcard's emulator run for real (tests/chip/); the screen's
card watcher sees the card arrive and reads it on the background lane. Set
``COUNTER_APP_SCREENSHOT_DIR`` to keep a picture of the filled screen (docs/screenshots/).
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.dossiers.queries import list_dossiers
from counter_app.services.settings.intake import save_intake_settings
from counter_app.services.store.opening import Store
from counter_app.storage.portraits import find_portrait
from tests.chip import cards
from tests.chip.fixtures import ServeCard
from tests.dossier_helpers import configure
from tests.gui.intake_helpers import (
    close_window,
    make_window,
    on_store,
    person_types,
    press,
)
from tests.integration.chip.test_chip_cli import QR
from ui.dossiers.detail import DetailPane
from ui.i18n import install_translations

READ_TIMEOUT_MS = 60_000  # BAC and about 40 APDUs through the emulator on two shared cores


@pytest.fixture
def folder(new_store: Store) -> Path:
    configure(new_store)
    path = new_store.folder
    new_store.close()
    return path


def test_qr_scan_then_card_gives_the_verified_chip_identity_with_portrait(
    qtbot: QtBot, folder: Path, tmp_path: Path, serve_card: ServeCard, trust_folder: Path
) -> None:
    translators = _vietnamese_for_screenshot()
    window, screen = make_window(qtbot, folder, tmp_path / "pdf")
    try:
        other_name = QR.replace("Trần Quốc Bảo", "Trần Quốc Báo")
        screen.on_scan(other_name)
        qtbot.waitUntil(lambda: screen.applicant.edits["full_name"].text() != "")
        with serve_card("good"), qtbot.waitSignal(screen.chip.read_done, timeout=READ_TIMEOUT_MS):
            qtbot.waitUntil(lambda: screen.chip._stop_watching is not None, timeout=20_000)
        assert screen.applicant.edits["full_name"].text() == "Trần Quốc Bảo"
        assert screen.chip.status.property("state") == "chip_verified"
        assert not screen.chip.portrait.isHidden() and screen.chip.portrait.pixmap() is not None
        assert "CHIP_QR_DIFFER" in screen.applicant.confirms
        _keep_screenshot(window, "intake-chip-vi.png")
    finally:
        screen.chip.stop()
        close_window(window, screen)
        for translator in translators:
            QApplication.removeTranslator(translator)


def test_a_tampered_card_is_refused_and_the_qr_data_stays(
    qtbot: QtBot, folder: Path, tmp_path: Path, serve_card: ServeCard, trust_folder: Path
) -> None:
    translators = _vietnamese_for_screenshot()
    window, screen = make_window(qtbot, folder, tmp_path / "pdf")
    try:
        screen.on_scan(QR)  # the scanner's own path is tested in test_intake_inputs
        qtbot.waitUntil(lambda: screen.applicant.edits["full_name"].text() != "")
        with serve_card("tampered"):
            press(Qt.Key.Key_F6)
            qtbot.waitUntil(
                lambda: screen.chip.status.property("state") == "chip_failed",
                timeout=READ_TIMEOUT_MS,
            )
        assert "sửa" in screen.chip.status.text()  # "the card may have been altered"
        assert screen.applicant.edits["full_name"].text() == "Trần Quốc Bảo"
        assert screen.chip.portrait.isHidden()
        _keep_screenshot(window, "intake-chip-refused-vi.png")
    finally:
        screen.chip.stop()
        close_window(window, screen)
        for translator in translators:
            QApplication.removeTranslator(translator)


def _vietnamese_for_screenshot() -> list[QTranslator]:
    """The window in Vietnamese, as at the counter, when a screenshot is wanted."""
    app = QApplication.instance()
    if not os.environ.get("COUNTER_APP_SCREENSHOT_DIR") or app is None:
        return []
    return install_translations(app, "vi")


def _keep_screenshot(window: object, name: str) -> None:
    folder = os.environ.get("COUNTER_APP_SCREENSHOT_DIR")
    if folder:
        window.grab().save(str(Path(folder) / name))  # type: ignore[attr-defined]


@pytest.mark.parametrize("keep", [True, False])
def test_the_dossier_records_the_chip_and_keeps_the_portrait_only_if_the_ward_does(
    qtbot: QtBot,
    new_store: Store,
    tmp_path: Path,
    serve_card: ServeCard,
    trust_folder: Path,
    keep: bool,
) -> None:
    configure(new_store)
    now = datetime.now().astimezone()
    save_intake_settings(new_store, {"keep_chip_portrait": keep}, actor="it", now=now)
    folder = new_store.folder
    new_store.close()
    window, screen = make_window(qtbot, folder, tmp_path / "pdf")
    try:
        screen.on_scan(QR)  # the scanner's own path is tested in test_intake_inputs
        qtbot.waitUntil(lambda: screen.applicant.edits["full_name"].text() != "")
        with serve_card("good"), qtbot.waitSignal(screen.chip.read_done, timeout=READ_TIMEOUT_MS):
            pass
        person_types("ks")
        press(Qt.Key.Key_Return)
        with qtbot.waitSignal(screen.printed, timeout=30_000):
            press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        [dossier] = on_store(qtbot, screen, list_dossiers)
        assert dossier.applicant.source == "chip"
        assert dossier.applicant.identity_verification == "verified"
        assert DetailPane(lang="en")._identity_source(dossier) == "the card's chip, verified"
        stored = on_store(qtbot, screen, lambda store: find_portrait(store.db, dossier.id))
        if keep:
            assert stored is not None and stored.verification == "verified"
            assert stored.image.startswith(b"\xff\xd8\xff") and len(stored.sha256) == 64
        else:
            assert stored is None
    finally:
        screen.chip.stop()
        close_window(window, screen)


def test_when_the_derived_keys_fail_the_typed_expiry_opens_the_chip_once(
    qtbot: QtBot, folder: Path, tmp_path: Path, serve_card: ServeCard, trust_folder: Path
) -> None:
    window, screen = make_window(qtbot, folder, tmp_path / "pdf")
    odd_expiry = cards.Person(expiry=date(2031, 1, 1))  # not what birth and issue dates give
    try:
        screen.on_scan(QR)  # the scanner's own path is tested in test_intake_inputs
        qtbot.waitUntil(lambda: screen.applicant.edits["full_name"].text() != "")
        with serve_card("good", person=odd_expiry):
            qtbot.waitUntil(lambda: not screen.chip.expiry.isHidden(), timeout=READ_TIMEOUT_MS)
            assert screen.chip.status.property("state") == "chip_failed"
            assert "Có giá trị đến" in screen.chip.status.text()
            qtbot.wait(500)  # no second read starts by itself
            assert not screen.chip.reading_now
            screen.chip.expiry.setText("01/01/2031")
            with qtbot.waitSignal(screen.chip.read_done, timeout=READ_TIMEOUT_MS):
                press(Qt.Key.Key_Return)
        assert screen.chip.status.property("state") == "chip_verified"
    finally:
        screen.chip.stop()
        close_window(window, screen)
