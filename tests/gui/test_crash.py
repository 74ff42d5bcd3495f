"""Unexpected errors in the window: in the error log without the data they quoted, one box."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from counter_app.errors import BadInputError
from ui.crash import CrashGuard
from ui.tasks import Background

SECRET = "001089004217 Trần Quốc Bảo"  # what an exception message might quote


def error_log(data_dir: Path) -> str:
    path = data_dir / "logs" / "errors.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def failing_job() -> None:
    raise ValueError(SECRET)


def refused_job() -> None:
    raise BadInputError("")


def test_a_job_that_fails_unexpectedly_is_logged_without_its_message(
    qtbot: QtBot, private_data_dir: Path
) -> None:
    background = Background()
    errors: list[BaseException] = []
    background.run(failing_job, on_done=lambda _r: None, on_error=errors.append)
    background.run(refused_job, on_done=lambda _r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 2)
    log = error_log(private_data_dir)
    assert "builtins.ValueError" in log and "failing_job" in log and "window job" in log
    assert SECRET not in log and "001089004217" not in log
    assert "BadInputError" not in log  # a typed refusal is the clerk's, not IT's


def test_an_error_escaping_a_slot_is_logged_and_told_in_one_box(
    qtbot: QtBot, private_data_dir: Path
) -> None:
    guard = CrashGuard("vi")
    previous = sys.excepthook
    guard.install()
    try:
        assert sys.excepthook == guard.handle
        for _ in range(3):  # a repeating error (a paint handler, say) shows one box
            try:
                failing_job()
            except ValueError as error:
                sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "unexpected_error"]
    assert len(boxes) == 1 and isinstance(boxes[0], QMessageBox) and boxes[0].isVisible()
    qtbot.addWidget(boxes[0])  # closed and deleted after the test
    assert "Mã lỗi: UNEXPECTED" in boxes[0].text() and SECRET not in boxes[0].text()
    log = error_log(private_data_dir)
    assert log.count("builtins.ValueError") == 3 and SECRET not in log
