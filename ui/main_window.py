"""The main window: the screens as tabs (Tiếp nhận, Hồ sơ, Trả kết quả, …) and the status bar.

Screens are plain widgets registered with ``add_screen``; Ctrl+1 … Ctrl+5 switch between
them (ux.md). A screen that holds unsaved input answers ``can_leave()`` so switching, closing
and locking can ask first.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from ui.keys import KeyHelpDialog, described_keys, window_keys
from ui.session import Session

MAX_SCREEN_SHORTCUTS = 5


class LeavableScreen(Protocol):
    def can_leave(self) -> bool: ...


class MainWindow(QMainWindow):
    # A screen asks for a dossier to be shown (a scanned receipt QR, a search hit); the
    # dossiers screen answers it. Screens never call each other directly.
    dossier_requested = Signal(str)
    # The settings dialog saved (its AllSettings): screens take what applies at once.
    settings_saved = Signal(object)
    # The lock screen was opened with a password: screens tell what they ignored meanwhile.
    unlocked = Signal()
    # Someone signed in (at start, at the lock, after a sign-out): actions follow their role.
    role_changed = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(self.tr("One-stop counter"))
        self.setMinimumSize(1024, 640)  # usable at 1366×768, the common counter screen
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._screens: dict[str, QWidget] = {}
        self.counter_label = QLabel(session.counter_label)
        self.user_label = QLabel(shown_user(session.user, session.user_name))
        self.user_label.setObjectName("user_label")
        self.user_label.setContentsMargins(0, 0, 8, 0)  # clear of the window's right edge
        status = self.statusBar()
        status.setSizeGripEnabled(False)  # a maximised window: the grip only hides the user's name
        status.addPermanentWidget(self.counter_label)
        status.addPermanentWidget(self.user_label)

    def add_screen(self, key: str, title: str, widget: QWidget) -> None:
        """Add a tab; the first five get Ctrl+1 … Ctrl+5."""
        index = self.tabs.addTab(widget, title)
        self._screens[key] = widget
        if index < MAX_SCREEN_SHORTCUTS:
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setWhatsThis(self.tr("Go to %1").replace("%1", title))
            shortcut.activated.connect(lambda i=index: self.tabs.setCurrentIndex(i))

    def screen_widget(self, key: str) -> QWidget:
        return self._screens[key]

    def show_screen(self, key: str) -> QWidget:
        widget = self._screens[key]
        self.tabs.setCurrentWidget(widget)
        return widget

    def request_dossier(self, code: str) -> None:
        """A scanned receipt or a link: the screen in front takes it if it can (the returns
        screen records a hand-over), else the dossiers screen shows it."""
        handler = getattr(self.tabs.currentWidget(), "open_code", None)
        if callable(handler):
            handler(code)
            return
        self.dossier_requested.emit(code)

    def add_help_menu(self) -> None:
        """Help, last in the menu bar: F1 lists the keys of the screen in front and the
        window's."""
        action = QAction(self.tr("&Keyboard shortcuts"), self)
        action.setObjectName("keyHelpAction")
        action.setShortcut(QKeySequence("F1"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(self.show_key_help)
        self.addAction(action)
        self.menuBar().addMenu(self.tr("&Help")).addAction(action)

    def show_key_help(self) -> KeyHelpDialog:
        front = self.tabs.currentWidget()
        rows = (described_keys(front) if front is not None else []) + window_keys(self)
        dialog = KeyHelpDialog(rows, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_place(self, agency_name: str, counter_label: str) -> None:
        """The title names the office and counter, as the taskbar and a remote session show."""
        self.setWindowTitle(f"{self.tr('One-stop counter')} — {agency_name} · {counter_label}")

    def refresh_current(self) -> None:
        """F5: the screen in front reads its data again, if it shows stored data."""
        refresh = getattr(self.tabs.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()

    def set_user(self, user: str, full_name: str = "") -> None:
        """``user``: the actor name ("user:lan") the records carry; the status bar shows the
        person's full name (the user name when there is none)."""
        self.session.user, self.session.user_name = user, full_name
        self.user_label.setText(shown_user(user, full_name))

    def can_leave_all(self) -> bool:
        """Every screen may be left (a half-filled form asks first)."""
        return all(_can_leave(w) for w in self._screens.values())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.can_leave_all():
            event.ignore()
            return
        self.session.background.wait(10_000)
        self.session.store.close()
        event.accept()


def shown_user(user: str, full_name: str) -> str:
    return full_name or user.removeprefix("user:")


def _can_leave(widget: QWidget) -> bool:
    check = getattr(widget, "can_leave", None)
    return bool(check()) if callable(check) else True
