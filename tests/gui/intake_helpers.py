"""Driving the intake screen from tests: a window on a real store, keys as a scanner sends them."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.services.store.opening import Store, open_store
from ui.intake import install
from ui.intake.screen import IntakeScreen
from ui.main_window import MainWindow
from ui.printing import PrintDesk
from ui.session import Session
from ui.tasks import Background, StoreRunner

NO_MOD = Qt.KeyboardModifier.NoModifier
SCANNER_GAP_MS = 2  # a USB-HID scanner's key rate: well under the 30 ms threshold


def make_window(qtbot: QtBot, folder: Path, pdf_folder: Path) -> tuple[MainWindow, IntakeScreen]:
    session = Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=pdf_folder),
        data_dir=folder,
        user="user:lan",
    )
    window = MainWindow(session)
    qtbot.addWidget(window)
    screen = install(window)
    assert isinstance(screen, IntakeScreen)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: screen.is_ready)
    return window, screen


def close_window(window: MainWindow, screen: IntakeScreen) -> None:
    """Leave nothing half-filled (closing would ask) and stop the screen's scanner filter."""
    app = QApplication.instance()
    assert app is not None
    app.removeEventFilter(screen.wedge)
    screen.drafts.pause()
    screen.applicant.clear()
    screen.procedure.clear()
    window.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def shift_types(char: str) -> None:
    shift = Qt.KeyboardModifier.ShiftModifier
    QTest.sendKeyEvent(QTest.KeyAction.Press, focused(), Qt.Key.Key_Shift, "", shift)
    QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), Qt.Key.Key_unknown, char, shift)
    QTest.sendKeyEvent(QTest.KeyAction.Release, focused(), Qt.Key.Key_Shift, "", NO_MOD)


def type_char(char: str) -> None:
    QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), Qt.Key.Key_unknown, char, NO_MOD)


# Characters a USB-HID scanner types with Shift held on a US layout, as real scanners do.
SHIFTED = set('ABCDEFGHIJKLMNOPQRSTUVWXYZ~!@#$%^&*()_+{}|:"<>?')


def scanner_types(text: str, *, terminator: Qt.Key = Qt.Key.Key_Return) -> int:
    """A wedge scanner's burst: one key event per character a few ms apart, then the suffix;
    Shift pressed and released around the characters that need it, as a scanner does.
    Returns the number of characters sent (with the suffix)."""
    for char in text:
        if char in SHIFTED:
            shift_types(char)
        else:
            type_char(char)
        # The keys of a burst queue up faster than they are handled; sleeping (rather than
        # running the event loop) keeps a loaded test machine from stretching the gaps.
        time.sleep(SCANNER_GAP_MS / 1000)
    suffix = "\t" if terminator == Qt.Key.Key_Tab else "\r"
    QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), terminator, suffix, NO_MOD)
    return len(text) + 1


def person_types(text: str, *, gap_ms: int = 60) -> None:
    for char in text:
        type_char(char)
        QTest.qWait(gap_ms)


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MOD) -> None:
    QTest.keyClick(focused(), key, modifiers)


def on_store(qtbot: QtBot, screen: IntakeScreen, work: Callable[[Store], Any]) -> Any:
    """Run ``work`` on the screen's store thread and wait for its answer."""
    box: list[Any] = []
    screen.session.store.run(work, on_done=box.append, on_error=box.append)
    qtbot.waitUntil(lambda: bool(box))
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@contextmanager
def opened(
    qtbot: QtBot, folder: Path, pdf_folder: Path
) -> Iterator[tuple[MainWindow, IntakeScreen]]:
    window, screen = make_window(qtbot, folder, pdf_folder)
    try:
        yield window, screen
    finally:
        close_window(window, screen)
