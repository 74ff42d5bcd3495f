"""The administrator's users dialog: the list, add, disable or enable, reset a password, the
idle lock.

Each button is one service call on the store thread, audited under the administrator's name;
a refusal shows as its sentence under the list and the list reloads after every change.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.roles import Role
from counter_app.services.settings.ui import (
    MAX_IDLE_MINUTES,
    idle_lock_minutes,
    set_idle_lock_minutes,
)
from counter_app.services.store.opening import Store
from counter_app.services.users import (
    UserInfo,
    add_user,
    check_new_password,
    disable_user,
    enable_user,
    reset_password,
    users_to_manage,
)
from ui.session import Session
from ui.users.widgets import error_line, now, password_box, show_error, text_box

COLUMNS = ("username", "full_name", "role", "active")


class UsersDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("users_dialog")
        self.setWindowTitle(self.tr("Users"))
        self._session = session
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("users_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Active")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_button = self._button("users_add", self.tr("&Add…"), self.add_clicked)
        self.disable_button = self._button("users_disable", self.tr("&Disable"), self.disable)
        self.enable_button = self._button("users_enable", self.tr("&Enable"), self.enable)
        self.reset_button = self._button("users_reset", self.tr("&Reset password…"), self.reset)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setObjectName("users_idle_minutes")
        self.idle_minutes.setRange(1, MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.editingFinished.connect(self.save_idle_minutes)
        self.message = error_line("users_message", self)
        self._layout()
        self.users: list[UserInfo] = []
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self.reload()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.enable_button,
                       self.reset_button):  # fmt: skip
            buttons.addWidget(button)
        form = QFormLayout()
        form.addRow(self.tr("Lock the screen after"), self.idle_minutes)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self.table)
        outer.addLayout(buttons)
        outer.addLayout(form)
        outer.addWidget(self.message)
        outer.addWidget(close)
        self.resize(640, 420)

    def _run(self, work: Callable[[Store], Any], then: Callable[[Any], None]) -> None:
        """One store job; the services check the role (``acting_role``)."""
        self._session.store.run(work, on_done=then, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        show_error(self.message, error, self._session.lang)

    def reload(self) -> None:
        role = self._session.role
        self._run(lambda store: (users_to_manage(store, role=role), idle_lock_minutes(store)),
                  self._show)  # fmt: skip

    def _show(self, loaded: tuple[list[UserInfo], int]) -> None:
        self.users, minutes = loaded
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            active = self.tr("yes") if user.active else self.tr("no")
            role = role_labels().get(user.role, user.role)
            for column, text in enumerate((user.username, user.full_name, role, active)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.idle_minutes.setValue(minutes)
        self._selection_changed()

    def _selection_changed(self) -> None:
        """Disable for an active user, Enable for a disabled one, neither with none chosen."""
        user = self.selected()
        self.disable_button.setEnabled(user is not None and user.active)
        self.enable_button.setEnabled(user is not None and not user.active)

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def _changed(self, _result: object) -> None:
        self.message.clear()
        self.reload()

    def add_clicked(self) -> None:
        form = NewUserDialog(self._session, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            name, full, role, password = form.values()
            actor, acting = self._session.user, self._session.role
            self._run(lambda store: add_user(store, username=name, full_name=full, role=role,
                                             password=password, actor=actor,
                                             acting_role=acting, now=now()),
                      self._changed)  # fmt: skip

    def disable(self) -> None:
        user, actor, role = self.selected(), self._session.user, self._session.role
        if user is not None:
            name = user.username
            self._run(lambda store: disable_user(store, name, actor=actor, acting_role=role,
                                            now=now()),
                      self._changed)  # fmt: skip

    def enable(self) -> None:
        user, actor, role = self.selected(), self._session.user, self._session.role
        if user is not None:
            name = user.username
            self._run(lambda store: enable_user(store, name, actor=actor, acting_role=role,
                                            now=now()),
                      self._changed)  # fmt: skip

    def reset(self) -> None:
        user, actor, role = self.selected(), self._session.user, self._session.role
        if user is None:
            return
        form = NewPasswordDialog(self._session, user.username, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            name, password = user.username, form.password.text()
            self._run(lambda store: reset_password(store, name, password, actor=actor,
                                                   acting_role=role, now=now()),
                      self._changed)  # fmt: skip

    def save_idle_minutes(self) -> None:
        minutes, actor, role = self.idle_minutes.value(), self._session.user, self._session.role
        self._run(lambda store: set_idle_lock_minutes(store, minutes, actor=actor, role=role,
                                                      now=now()),
                  self._changed)  # fmt: skip


class NewPasswordDialog(QDialog):
    """A new password typed twice; checked here so a typo never reaches the store."""

    def __init__(self, session: Session, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_password")
        self.setWindowTitle(self.tr("New password for %1").replace("%1", username))
        self._session, self._username = session, username
        self.password = password_box("new_password_first", self)
        self.again = password_box("new_password_again", self)
        self.message = error_line("new_password_message", self)
        self.form = QFormLayout()
        self.form.addRow(self.tr("New password"), self.password)
        self.form.addRow(self.tr("Password again"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(self.form)
        outer.addWidget(self.message)
        outer.addWidget(buttons)

    def username(self) -> str:
        return self._username

    def accept(self) -> None:
        try:
            self.check()
        except Exception as error:  # a typed refusal, shown in the dialog
            show_error(self.message, error, self._session.lang)
            return
        super().accept()

    def check(self) -> None:
        check_new_password(self.password.text(), self.again.text(), username=self.username())


class NewUserDialog(NewPasswordDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setObjectName("new_user")
        self.setWindowTitle(self.tr("Add a user"))
        self.username_box = text_box("new_user_username", self, max_chars=32)
        self.full_name = text_box("new_user_full_name", self, max_chars=100)
        self.role = QComboBox(self)
        self.role.setObjectName("new_user_role")
        for role, label in role_labels().items():
            self.role.addItem(label, role)
        self.form.insertRow(0, self.tr("User name"), self.username_box)
        self.form.insertRow(1, self.tr("Full name"), self.full_name)
        self.form.insertRow(2, self.tr("Role"), self.role)
        chain = (self.username_box, self.full_name, self.role, self.password, self.again)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.username_box.setFocus()

    def username(self) -> str:
        return self.username_box.text().strip().lower()

    def values(self) -> tuple[str, str, str, str]:
        role = str(self.role.currentData())
        return self.username_box.text(), self.full_name.text(), role, self.password.text()


def role_labels() -> dict[str, str]:
    """Each role as the dialogs show it, in the language of the window."""
    return {
        Role.CLERK.value: QCoreApplication.translate("Roles", "Clerk"),
        Role.SUPERVISOR.value: QCoreApplication.translate("Roles", "Supervisor"),
        Role.ADMINISTRATOR.value: QCoreApplication.translate("Roles", "Administrator"),
    }
