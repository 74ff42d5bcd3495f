"""Driving the users' modal dialogs by keyboard in tests (offscreen Qt)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.services.store.opening import open_store
from ui.printing import PrintDesk
from ui.session import Session
from ui.tasks import Background, StoreRunner


def make_session(folder: Path, tmp_path: Path) -> Session:
    return Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=tmp_path),
        data_dir=folder,
    )


def type_text(widget: QWidget | None, text: str) -> None:
    """One key event per character: keyClicks cannot send Vietnamese offscreen."""
    assert widget is not None
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def when_modal(name: str, act: Callable[[QWidget], None]) -> None:
    """Run ``act`` once the modal dialog named ``name`` is up (its ``exec`` loop runs it)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.objectName() == name and widget.isVisible():
            if not widget.isActiveWindow():  # offscreen: keys need an active window
                widget.activateWindow()
                QTimer.singleShot(20, poll)
                return
            try:
                act(widget)
            except BaseException:
                _close_modals()  # let the test's exec() return; pytest-qt reports the error
                raise
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _close_modals() -> None:
    while (widget := QApplication.activeModalWidget()) is not None:
        widget.close()
        if hasattr(widget, "reject"):
            widget.reject()
