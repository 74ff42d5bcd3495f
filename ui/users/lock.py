"""The idle lock: after some minutes without keyboard or mouse input (or Ctrl+L) a screen
covers the window until the same user's password, or another user's sign-in, is given.

Nothing under the lock is closed or cleared: a half-filled form is still there afterwards.
While locked, input meant for anything but the lock screen (keys, clicks, shortcuts) is
swallowed, so nobody works in the window from behind it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from counter_app.services.users import UserInfo, authenticate
from ui.session import Session
from ui.users.widgets import error_line, now, password_box, show_error, text_box

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
BLOCKED_WHEN_LOCKED = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
    }
)
PANEL_WIDTH = 520  # px: the sign-in fields and a two-line refusal at 150 % text
CHECK_EVERY_MS = 1000  # how often idleness is checked: a lock a second late does not matter


class LockScreen(QWidget):
    """Covers the whole window; asks for a password. ``unlocked`` is called with the user."""

    def __init__(self, session: Session, window: QWidget, on_unlock: Callable[[UserInfo], None]):
        super().__init__(window)
        self._window = window
        self.setObjectName("lock_screen")
        self.setAutoFillBackground(True)
        self._session, self._on_unlock, self._busy = session, on_unlock, False
        self.title = QLabel(self.tr("The screen is locked"))
        self.title.setObjectName("lock_title")
        self.who = QLabel()  # "Quầy 1 · Lê Thị Cán Bộ": whose counter waits behind the lock
        self.who.setObjectName("lock_who")
        self.username = text_box("lock_username", self, max_chars=32)
        self.password = password_box("lock_password", self)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.message = error_line("lock_message", self)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("lock_unlock")
        self.unlock_button.clicked.connect(self.submit)
        self._layout()
        self.hide()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        panel = QWidget(self)
        inner = QVBoxLayout(panel)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addWidget(self.unlock_button)
        panel.setFixedWidth(PANEL_WIDTH)
        # Centred by stretches, not by alignment: an aligned widget gets its size hint's
        # height, and a refusal wrapping onto more lines then squeezed the fields.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def engage(self, username: str, *, signed_out: bool = False) -> None:
        session = self._session
        self.title.setText(self.tr("Signed out: sign in to continue") if signed_out
                           else self.tr("The screen is locked"))  # fmt: skip
        self.unlock_button.setText(self.tr("Sign in") if signed_out else self.tr("Unlock"))
        self.who.setText(" · ".join(p for p in (session.counter_label, session.user_name) if p))
        self.username.setText(username)
        self.password.clear()
        self.message.clear()
        self._session.locked = True
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        if self._busy:
            return
        self._busy = True
        name, password = self.username.text(), self.password.text()
        self._session.store.run(
            lambda store: authenticate(store, name, password, now=now()),
            on_done=self._unlocked,
            on_error=self._failed,
        )

    def _unlocked(self, user: UserInfo) -> None:
        self._busy = False
        self._session.locked = False
        self.hide()
        self._on_unlock(user)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        show_error(self.message, error, self._session.lang)
        self.password.clear()
        self.password.setFocus()


class IdleLock(QObject):
    """The application-wide event filter: notes input, locks when idle, guards the lock."""

    def __init__(self, window: QWidget, screen: LockScreen, idle_ms: int) -> None:
        super().__init__(window)
        self._window, self.screen = window, screen
        self.idle_ms = idle_ms
        self._stopped = False
        self._since_input = QElapsedTimer()
        self._since_input.start()
        self._timer = QTimer(self)
        self._timer.setInterval(min(CHECK_EVERY_MS, max(50, idle_ms // 4)))
        self._timer.timeout.connect(self._check)
        self._timer.start()
        window.installEventFilter(self)
        screen.destroyed.connect(self.stop)  # the window is going: stop watching the app
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return not self._stopped and isValid(self.screen) and self.screen.isVisible()

    def set_idle_ms(self, idle_ms: int) -> None:
        self.idle_ms = idle_ms
        self._timer.setInterval(min(CHECK_EVERY_MS, max(50, idle_ms // 4)))

    def lock(self, username: str) -> None:
        if not self.locked:
            self.screen.engage(username)

    def _check(self) -> None:
        if not self.locked and self._since_input.elapsed() >= self.idle_ms:
            self.lock(self.username())

    def username(self) -> str:
        session = getattr(self._window, "session", None)
        user = str(getattr(session, "user", ""))
        return user.removeprefix("user:")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._stopped or not isValid(self.screen):  # the window is being torn down
            return False
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Resize and self.locked:
            self.screen.setGeometry(self._window.rect())
        if kind in INPUT_EVENTS:
            self._since_input.restart()
        if not self.locked:
            return False
        if kind == QEvent.Type.FocusIn and not self._inside_lock(watched, kind):
            QTimer.singleShot(0, self.screen.password.setFocus)  # Tab never leaves the lock
        return kind in BLOCKED_WHEN_LOCKED and not self._inside_lock(watched, kind)

    def _inside_lock(self, watched: QObject, kind: QEvent.Type) -> bool:
        """May this event reach ``watched`` while locked? Only the lock screen's widgets."""
        if isinstance(watched, QWidget):
            return watched is self.screen or self.screen.isAncestorOf(watched)
        # A QShortcut or QAction would act on the window behind the lock; other objects (the
        # native window) pass the event on to a widget, which is checked then.
        return kind != QEvent.Type.Shortcut

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
