"""A data folder that cannot be made stops the window's start with a sentence, not a trace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.errors import EXIT_ENVIRONMENT
from ui.app import run_app


@pytest.fixture(autouse=True)
def keep_app_font(qapp: QApplication) -> Iterator[None]:
    """run_app sets up the shared test QApplication like a real start: undo it."""
    saved = QFont(qapp.font())
    yield
    qapp.setFont(saved)


def test_a_data_folder_behind_a_file_is_refused_with_its_sentence_and_code(
    qapp: QApplication, tmp_path: Path
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_bytes(b"")
    shown: list[str] = []

    def answer() -> None:
        box = qapp.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        shown.append(f"{box.objectName()}|{box.text()}")
        box.accept()

    QTimer.singleShot(0, answer)
    status = run_app(data_dir=blocker / "data", lang="vi")
    assert status == EXIT_ENVIRONMENT
    name, text = shown[0].split("|", 1)
    assert name == "start_refused"
    assert text.startswith("Không tạo hoặc dùng được thư mục dữ liệu")
    assert text.endswith("Mã lỗi: DATA_FOLDER_UNUSABLE (NotADirectoryError)")
    assert not (blocker / "data").exists()
