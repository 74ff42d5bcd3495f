"""The sign-in dialog: user name, password, Enter signs in; a failure reads as one sentence.

The check runs on the store thread (scrypt takes a noticeable moment); the dialog stays
responsive and ignores a second Enter while the first is being checked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.settings.counter import CounterConfig, find_config
from counter_app.services.users import UserInfo, authenticate
from ui.session import Session
from ui.users.widgets import error_line, now, password_box, show_error, text_box


class SignInDialog(QDialog):
    """Modal; ``user`` holds who signed in once it is accepted."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in")
        self.setWindowTitle(self.tr("Sign in"))
        self._session = session
        self.user: UserInfo | None = None
        self.heading = QLabel(self.tr("One-stop counter"), self)
        self.heading.setObjectName("sign_in_heading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.place = QLabel(self)  # "UBND phường … · Counter 2", once read from the store
        self.place.setObjectName("sign_in_place")
        self.username = text_box("sign_in_username", self, max_chars=32)
        self.password = password_box("sign_in_password", self)
        self.message = error_line("sign_in_message", self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._busy = False
        session.store.run(
            lambda store: find_config(store), on_done=self._show_place, on_error=_keep_unnamed
        )

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        outer.addWidget(self.place)
        outer.addLayout(form)
        outer.addWidget(self.message)
        outer.addWidget(self.buttons)
        # A refusal's sentence wraps onto more lines: the dialog grows with it, never squeezing
        # the fields (Vietnamese at 130–150 % text was cut).
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(420)

    def _show_place(self, config: CounterConfig | None) -> None:
        """Which counter this is, so a clerk signs in at the right one."""
        if config is not None:
            counter = self.tr("Counter %1").replace("%1", str(config.counter))
            self.place.setText(f"{config.agency_name} · {counter}")

    def submit(self) -> None:
        if self._busy:
            return
        self._busy = True
        name, password = self.username.text(), self.password.text()
        self._session.store.run(
            lambda store: authenticate(store, name, password, now=now()),
            on_done=self._signed_in,
            on_error=self._failed,
        )

    def _signed_in(self, user: UserInfo) -> None:
        self._busy = False
        self.user = user
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        show_error(self.message, error, self._session.lang)
        self.adjustSize()
        self.password.clear()
        self.password.setFocus()


def _keep_unnamed(_error: BaseException) -> None:
    """The store could not be read: sign-in still works, and will say why."""
