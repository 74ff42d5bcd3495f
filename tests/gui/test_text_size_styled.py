"""The coloured sentences (an ID-card finding, a procedure the counter does not receive, a
possible duplicate) follow the counter's text size like every other text: the clerk's day at
130 % showed them still at the base size, because a widget with a style sheet keeps the font it
had when the sheet was applied."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.settings.ui import save_ui_settings
from counter_app.services.store.opening import Store
from tests.dossier_helpers import vn
from tests.gui.counter_window import counter_window, prepare_counter
from ui.look import BASE_POINT_SIZE
from ui.settings_dialog import apply_font_scale


@pytest.mark.parametrize("percent", [130, 150])
def test_coloured_sentences_follow_the_text_size(
    qtbot: QtBot, new_store: Store, tmp_path: Path, percent: int
) -> None:
    save_ui_settings(new_store, {"font_scale": percent}, actor="it", now=vn(2026, 3, 1))
    folder = prepare_counter(new_store)
    points = BASE_POINT_SIZE * percent / 100
    try:
        with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
            qtbot.waitUntil(lambda: QApplication.font().pointSizeF() == pytest.approx(points))
            intake = counter.intake
            coloured = [intake.procedure.no_match, intake.history.duplicate,
                        *intake.applicant.notes.values()]  # fmt: skip
            assert all(label.styleSheet() for label in coloured)
            sizes = {label.objectName(): label.font().pointSizeF() for label in coloured}
            assert sizes == {name: pytest.approx(points) for name in sizes}
    finally:
        apply_font_scale(100)
