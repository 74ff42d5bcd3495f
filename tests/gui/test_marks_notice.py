"""A start that rebuilt a lost marks file says so in the window, once, in the clerk's language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store, take_notices
from counter_app.storage.marks import MARKS_FILE_NAME
from tests.dossier_helpers import CLERK, configure, intake, vn
from tests.gui.dossier_screens import make_window
from tests.gui.users_helpers import when_modal
from ui.app import show_repairs


def test_a_rebuilt_marks_file_is_told_in_the_window(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    configure(new_store)
    receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 12, 7, 9))
    folder = new_store.folder
    new_store.close()
    take_notices()  # nothing left over from other opens
    (folder / MARKS_FILE_NAME).unlink()
    open_store(folder).close()  # the window's first open at start

    store = open_store(folder)
    window = make_window(qtbot, store, tmp_path)
    seen: list[tuple[str, QMessageBox.Icon]] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.icon()))
        box.accept()

    when_modal("marks_notice", read)
    show_repairs(window)
    store.close()
    assert len(seen) == 1
    text, icon = seen[0]
    assert "dựng lại" in text and "1 hồ sơ" in text and icon == QMessageBox.Icon.Warning
    assert take_notices() == []  # told once
