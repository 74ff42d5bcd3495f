"""A whole counter window for the clerk's-day tests: intake, dossiers and returns screens, the
lock, on a real store with a signed-in clerk, driven by the keys a scanner and a clerk send."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.store.opening import Store, open_store
from counter_app.services.users import add_user, authenticate
from tests.dossier_helpers import configure, vn
from tests.gui.intake_helpers import close_window
from ui.app import install_screens
from ui.dossiers.screen import DossiersScreen
from ui.intake.screen import IntakeScreen
from ui.main_window import MainWindow
from ui.printing import PrintDesk
from ui.session import Session
from ui.sync_area import install as install_sync_area
from ui.tasks import Background, StoreRunner
from ui.users import UsersController, sign_in_as
from ui.users import install as install_users

PASSWORD = "mật-khẩu-dài"
USERS = (
    ("lan", "Nguyễn Thị Lan", "clerk"),
    ("minh", "Trần Văn Minh", "supervisor"),
    ("quan", "Lê Quản Trị", "administrator"),
)


def prepare_counter(store: Store, *, configured: bool = False) -> Path:
    """A configured counter with its three users; the store closed, its folder returned."""
    if not configured:
        configure(store)
    for username, full_name, role in USERS:
        add_user(store, username=username, full_name=full_name, role=role,
                 password=PASSWORD, actor="setup",
                 acting_role="administrator", now=vn(2026, 3, 1))  # fmt: skip
    folder = store.folder
    store.close()
    return folder


class Counter:
    """The window and its screens, as the tests reach them."""

    def __init__(self, window: MainWindow, users: UsersController) -> None:
        self.window, self.users = window, users
        intake = window.screen_widget("intake")
        dossiers = window.screen_widget("dossiers")
        assert isinstance(intake, IntakeScreen) and isinstance(dossiers, DossiersScreen)
        self.intake, self.dossiers = intake, dossiers


@contextmanager
def counter_window(
    qtbot: QtBot, folder: Path, pdf_folder: Path, *, username: str = "lan"
) -> Iterator[Counter]:
    session = Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=pdf_folder),
        data_dir=folder,
    )
    store = open_store(folder)
    try:
        sign_in_as(session, authenticate(store, username, PASSWORD, now=vn(2026, 3, 2)))
    finally:
        store.close()
    window = MainWindow(session)
    qtbot.addWidget(window)
    install_screens(window)
    install_sync_area(window)  # no city address: its runner waits, sending nothing
    users = install_users(window, idle_seconds=3600)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    counter = Counter(window, users)
    qtbot.waitUntil(lambda: counter.intake.is_ready)
    try:
        yield counter
    finally:
        users.idle.stop()
        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(users.idle)
        close_window(window, counter.intake)
