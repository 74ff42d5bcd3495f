"""A record the city rejected, fixed by the clerk: the count stands out, the row is marked,
the reason names the field in words (never its path) and what to do, Enter opens the dossier
to correct, and the corrected version goes out on the next sync (the shipped simulator on
loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from counter_app.services.clock import now_vn
from counter_app.services.dossiers.changes import get_dossier
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.outbox import needs_attention
from tests.city_sim_process import running_city_sim
from tests.dossier_helpers import CLERK, citizen, configure, intake
from tests.gui.test_sync_ui import STILL, area_of, make_window, set_url
from ui import dossiers
from ui.attention import FIELDS, ROW_MARK
from ui.i18n import install_translations
from ui.sync_area import install

CTRL = Qt.KeyboardModifier.ControlModifier
WRONG, RIGHT = "00118900421", "001189004217"  # a digit lost when typed by hand


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "vi")
    yield
    for translator in translators:
        app.removeTranslator(translator)


@pytest.fixture
def folder(new_store: Store) -> Path:
    configure(new_store)
    receive_dossier(new_store, intake(citizen(id_number=WRONG)), clerk=CLERK, now=now_vn())
    path = new_store.folder
    new_store.close()
    return path


def test_a_rejection_is_corrected_in_the_window_and_the_new_version_is_accepted(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with running_city_sim(tmp_path / "city.db", *STILL) as url:
        set_url(folder, url)
        window = make_window(qtbot, folder, tmp_path)
        dossiers.install(window)
        install(window)
        area = area_of(window)
        window.show()
        qtbot.waitUntil(lambda: area.runner.status.rejected == 1, timeout=20_000)
        button = area.status_widget.attention_button
        assert button.isVisible() and "#b00020" in button.styleSheet()
        button.click()
        dialog = area.attention
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5_000)
        model = dialog.model
        assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == ROW_MARK
        assert model.index(0, FIELDS).data() == "Số giấy tờ của người nộp"
        detail = dialog.detail.text()
        assert "hoSo" not in detail and "CNTT" not in detail  # what to do, and only that
        assert "Enter" in detail
        code = dialog.current_row().code  # type: ignore[union-attr]
        dialog.table.setFocus()
        QTest.keyClick(dialog.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: area.correction is not None and area.correction.isEnabled())
        correction = area.correction
        assert correction is not None
        box = correction.findChild(QLineEdit, "correct_id_number")
        qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
        assert box.text() == WRONG and box.styleSheet()
        QTest.keyClick(box, Qt.Key.Key_End)
        QTest.keyClicks(box, "7")
        QTest.keyClick(box, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: area.runner.status.rejected == 0, timeout=20_000)
        qtbot.waitUntil(lambda: area.runner.status.pending == 0, timeout=20_000)
    store = open_store(folder)
    try:
        dossier = get_dossier(store, code)
        assert dossier.applicant.id_number == RIGHT and dossier.synced_version == dossier.version
        assert needs_attention(store) == []
    finally:
        store.close()
