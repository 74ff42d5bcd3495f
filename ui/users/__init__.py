"""Users at the window: the first-run wizard, sign-in, roles, the idle lock, the users dialog.

What ``ui/app.py`` calls:

- ``ensure_ready(session, parent) -> bool`` before showing the window: the setup wizard when
  the store is missing or has no user, then the sign-in dialog; sets ``session.user`` (the
  actor name, "user:lan") and ``session.role``. False when the clerk cancels: quit.
- ``install(window) -> UsersController``: the idle lock (``ui.idle_lock_minutes``) and
  Ctrl+L, the "Users" menu (lock; manage users, for administrators), the status bar's user.

What other screens call before a guarded action (``counter_app.domain.roles.ACTIONS``):
``allowed(session, action)`` to enable a button, ``check(session, action, parent)`` to refuse
with the sentence (a message box) and do nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from counter_app.domain.roles import Role, allows
from counter_app.services.settings.ui import DEFAULT_IDLE_MINUTES, idle_lock_minutes
from counter_app.services.store.opening import create_store, store_exists
from counter_app.services.store.remnants import StoreMissingError, StoreSetupRefusedError
from counter_app.services.users import RoleNotAllowedError, UserInfo, require, users_exist
from ui.main_window import MainWindow
from ui.messages import error_with_code
from ui.session import Session
from ui.settings_dialog import apply_font_scale
from ui.users.calls import wait_for_background, wait_for_store
from ui.users.lock import IdleLock, LockScreen
from ui.users.manage import UsersDialog
from ui.users.personal import PersonalDialog, read_mine, username_of
from ui.users.setup_wizard import SetupWizard
from ui.users.sign_in import SignInDialog

__all__ = ["UsersController", "allowed", "check", "ensure_ready", "install", "sign_in_as"]

LOCK_SHORTCUT = "Ctrl+L"  # ux.md
USERS_SHORTCUT = "Ctrl+Shift+U"
SIGN_OUT_SHORTCUT = "Ctrl+Shift+Q"
PERSONAL_SHORTCUT = "Ctrl+Shift+M"  # "my" settings


def ensure_ready(session: Session, parent: QWidget | None = None) -> bool:
    """Wizard if needed, then sign-in; True once someone has signed in.

    Where an earlier store or its key is left (a lost or empty ``counter.db``), the wizard
    would make a new key and orphan every backup: the refusal is shown instead, and False.
    """
    try:
        has_users = _has_users(session)
    except (StoreSetupRefusedError, StoreMissingError) as error:
        _show_store_refusal(error, session, parent)
        return False
    if not has_users:
        wizard = SetupWizard(session, parent)
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.created is None:
            return False
    dialog = SignInDialog(session, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
        return False
    sign_in_as(session, dialog.user)
    return True


def _has_users(session: Session) -> bool:
    folder = session.data_dir
    if not wait_for_background(session.background, lambda: store_exists(folder)):
        wait_for_background(session.background, lambda: create_store(folder).close())
        return False
    return bool(wait_for_store(session, users_exist))


def _show_store_refusal(error: BaseException, session: Session, parent: QWidget | None) -> None:
    title = QCoreApplication.translate("StoreRefusal", "The counter's data")
    box = QMessageBox(QMessageBox.Icon.Critical, title, error_with_code(error, session.lang),
                      QMessageBox.StandardButton.Ok, parent)  # fmt: skip
    box.setObjectName("store_refusal")
    box.exec()


def sign_in_as(session: Session, user: UserInfo) -> None:
    session.user, session.role, session.user_name = user.actor, user.role, user.full_name


def allowed(session: Session, action: str) -> bool:
    return allows(session.role, action)


def check(session: Session, action: str, parent: QWidget | None = None) -> bool:
    """True when the signed-in role may do ``action``; else the refusal sentence, and False."""
    try:
        require(session.role, action)
    except RoleNotAllowedError as error:
        title = QCoreApplication.translate("RoleRefusal", "Not allowed")
        box = QMessageBox(QMessageBox.Icon.Warning, title, error_with_code(error, session.lang),
                          QMessageBox.StandardButton.Ok, parent)  # fmt: skip
        box.setObjectName("role_refusal")
        box.exec()
        return False
    return True


class UsersController(QObject):
    """Owns the lock and the menu of one window; ``lock``/``manage_users`` are its actions."""

    def __init__(self, window: MainWindow, idle_ms: int) -> None:
        super().__init__(window)
        self.window, self.session = window, window.session
        self.lock_screen = LockScreen(self.session, window, self._unlocked)
        self.idle = IdleLock(window, self.lock_screen, idle_ms)
        menu = window.menuBar().addMenu(self.tr("&Users"))
        self.lock_action = self._action("lock_action", self.tr("&Lock screen"), LOCK_SHORTCUT)
        self.lock_action.triggered.connect(self.lock)
        self.manage_action = self._action("users_action", self.tr("&Manage users…"),
                                          USERS_SHORTCUT)  # fmt: skip
        self.manage_action.triggered.connect(self.manage_users)
        self.sign_out_action = self._action("sign_out_action", self.tr("Sign &out"),
                                            SIGN_OUT_SHORTCUT)  # fmt: skip
        self.sign_out_action.triggered.connect(self.sign_out)
        self.personal_action = self._action("personal_action", self.tr("&My settings…"),
                                            PERSONAL_SHORTCUT)  # fmt: skip
        self.personal_action.triggered.connect(self.open_personal)
        for action in (self.lock_action, self.sign_out_action, self.personal_action,
                       self.manage_action):  # fmt: skip
            menu.addAction(action)
        window.settings_saved.connect(self._settings_saved)
        self._show_user()
        self._apply_personal()

    def _action(self, name: str, text: str, keys: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.window.addAction(action)
        return action

    def lock(self) -> None:
        self.idle.lock(self.session.user.removeprefix("user:"))

    def sign_out(self) -> None:
        """The next person signs in as themselves; a half-filled form asks first (it stays
        as a draft), and nothing is done in the window meanwhile."""
        if not self.window.can_leave_all():
            return
        self.session.user, self.session.user_name = "", ""
        self.session.role = Role.CLERK.value  # the least until someone signs in
        self.window.set_user("", "")
        self.lock_screen.engage("", signed_out=True)

    def open_personal(self) -> PersonalDialog:
        dialog = PersonalDialog(self.session, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda mine: apply_font_scale(mine.font_scale))
        self.personal = dialog
        dialog.show()
        return dialog

    def _apply_personal(self) -> None:
        """The signed-in user's own text size over the counter's (read after the counter's)."""
        user = username_of(self.session)
        if user:
            self.session.store.run(lambda store: read_mine(store, user),
                                   on_done=lambda mine: apply_font_scale(mine.font_scale),
                                   on_error=_keep)  # fmt: skip

    def _settings_saved(self, saved: Any) -> None:
        """Settings apply at once: the idle time here, and this user's text size again."""
        self.idle.set_idle_ms(saved.ui.idle_lock_minutes * 60_000)
        self._apply_personal()

    def manage_users(self) -> None:
        if check(self.session, "users.manage", self.window):
            UsersDialog(self.session, self.window).exec()
            self._load_idle_minutes()

    def _unlocked(self, user: UserInfo) -> None:
        changed = user.actor != self.session.user
        sign_in_as(self.session, user)
        self._show_user()
        if changed:
            self._apply_personal()
        self.window.unlocked.emit()

    def _show_user(self) -> None:
        self.window.set_user(self.session.user, self.session.user_name)
        self.manage_action.setVisible(self.session.role == Role.ADMINISTRATOR)
        self.window.role_changed.emit(self.session.role)

    def _load_idle_minutes(self) -> None:
        self.session.store.run(idle_lock_minutes, on_done=self._set_minutes, on_error=_keep)

    def _set_minutes(self, minutes: int) -> None:
        self.idle.set_idle_ms(minutes * 60_000)


def _keep(_error: BaseException) -> None:
    """The idle time could not be read: keep the one in force (the default at worst)."""


def install(window: MainWindow, *, idle_seconds: float | None = None) -> UsersController:
    """Wire the lock, Ctrl+L and the Users menu; ``idle_seconds`` overrides the setting (tests)."""
    if idle_seconds is not None:
        return UsersController(window, int(idle_seconds * 1000))
    controller = UsersController(window, DEFAULT_IDLE_MINUTES * 60_000)
    controller._load_idle_minutes()
    return controller
