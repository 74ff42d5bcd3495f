"""The dossiers and returns screens speak Vietnamese (each string: test_translations.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.services.store.opening import Store
from tests.gui.dossier_screens import make_window, vietnamese
from ui import dossiers, returns


@pytest.mark.usefixtures(vietnamese.__name__)
def test_the_tabs_read_in_vietnamese(qtbot: QtBot, new_store: Store, tmp_path: Path) -> None:
    window = make_window(qtbot, new_store, tmp_path)
    dossiers.install(window)
    returns.install(window)
    assert [window.tabs.tabText(i) for i in range(2)] == ["Hồ sơ", "Trả kết quả"]
    header = window.screen_widget("dossiers").model.headerData  # type: ignore[attr-defined]
    assert header(0, Qt.Orientation.Horizontal) == "Mã hồ sơ"
