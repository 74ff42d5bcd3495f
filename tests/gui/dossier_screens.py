"""Shared set-up for the dossiers and returns screen tests: a real store, a real window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.domain.dossier import Dossier, Status
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.changes import transition_dossier
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.printing import PrintDesk
from ui.session import Session
from ui.tasks import Background, StoreRunner

# Today's applicants (folded names differ so that a search can tell them apart).
TODAY_PEOPLE = (
    ("Nguyễn Thị Hoa", "001189001001"),
    ("Trần Văn Bình", "001089001002"),
    ("Lê Thị Cúc", "001189001003"),
    ("Phạm Văn Dũng", "001089001004"),
    ("Nguyễn Văn Hải", "001089001005"),
)


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[None]:
    """The window in Vietnamese, as at the counter (the translations from the .ts files)."""
    translators = install_translations(qapp, "vi")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def fill_store(store: Store) -> tuple[list[Dossier], list[Dossier]]:
    """Three dossiers received in early November and five received today, oldest first."""
    configure(store)
    older = [
        receive_dossier(
            store,
            intake(citizen(name="Đỗ Văn Cũ", id_number=f"00108900200{day}")),
            clerk=CLERK,
            now=vn(2026, 11, day, 9),
        )
        for day in (3, 4, 5)
    ]
    start = _today_start()
    today = [
        receive_dossier(
            store,
            intake(citizen(name=name, id_number=number)),
            clerk=CLERK,
            now=start + timedelta(seconds=index),
        )
        for index, (name, number) in enumerate(TODAY_PEOPLE)
    ]
    return older, today


def _today_start() -> datetime:
    """A minute ago, or just after midnight when the day is younger than that."""
    now = now_vn()
    return max(now - timedelta(minutes=1), now.replace(hour=0, minute=0, second=1))


def make_ready(store: Store, code: str) -> Dossier:
    """Received → result ready (same-day work done on the spot, 2 → 9)."""
    return transition_dossier(store, code, Status.RESULT_READY, actor=CLERK, now=now_vn())


def make_window(qtbot: QtBot, store: Store, tmp_path: Path, *, role: str = "clerk") -> MainWindow:
    folder = store.folder
    session = Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=tmp_path / "pdf"),
        data_dir=folder,
        user="user:lan",
        role=role,
    )
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    return window


def show(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, one key event per character (keyClicks aborts on non-ASCII here)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def press(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key to whatever has the focus, as a clerk presses it."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifiers)
