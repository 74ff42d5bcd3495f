"""My settings: the signed-in user's own text size (at once) and language (at the next start),
for every role. Empty choices follow the counter's settings."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.clock import now_vn
from counter_app.services.settings.personal import (
    COUNTERS,
    COUNTERS_SCALE,
    PersonalSettings,
    load_personal_settings,
    save_personal_settings,
)
from counter_app.services.settings.ui import FONT_SCALES, UiSettings, load_ui_settings
from counter_app.services.store.opening import Store
from ui.messages import error_with_code
from ui.session import Session
from ui.users.calls import wait_for_store


@dataclass(frozen=True)
class Mine:
    personal: PersonalSettings
    counter: UiSettings

    @property
    def font_scale(self) -> int:
        return self.personal.effective(self.counter)[1]

    @property
    def language(self) -> str:
        return self.personal.effective(self.counter)[0]


def read_mine(store: Store, username: str) -> Mine:
    return Mine(load_personal_settings(store, username), load_ui_settings(store))


def username_of(session: Session) -> str:
    return session.user.removeprefix("user:")


def signed_in_language(session: Session) -> str:
    """The language of the user who just signed in at start: their own, else the counter's."""
    user = username_of(session)
    mine: Mine = wait_for_store(session, lambda store: read_mine(store, user))
    return mine.language


class PersonalDialog(QDialog):
    """``saved`` fires with the new ``Mine``; the caller applies the text size."""

    saved = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personalDialog")
        self.setWindowTitle(self.tr("My settings"))
        self._session, self._user = session, username_of(session)
        self.font_scale = QComboBox()
        self.font_scale.setObjectName("personalFontScale")
        self.language = QComboBox()
        self.language.setObjectName("personalLanguage")
        self.error = QLabel()
        self.error.setObjectName("personalError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Text size"), self.font_scale)
        form.addRow(self.tr("Language"), self.language)
        note = QLabel(self.tr("The text size applies at once; the language at the next start."))
        note.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(note)
        column.addWidget(self.error)
        column.addWidget(buttons)
        self.setEnabled(False)
        user = self._user
        session.store.run(lambda store: read_mine(store, user), on_done=self._fill,
                          on_error=self._failed)  # fmt: skip

    def _fill(self, mine: Mine) -> None:
        counter = self.tr("As the counter (%1)")
        self.font_scale.addItem(counter.replace("%1", f"{mine.counter.font_scale} %"),
                                COUNTERS_SCALE)  # fmt: skip
        for percent in FONT_SCALES:
            self.font_scale.addItem(f"{percent} %", percent)
        names = {"vi": "Tiếng Việt", "en": "English"}
        self.language.addItem(counter.replace("%1", names[mine.counter.language]), COUNTERS)
        for code, name in names.items():
            self.language.addItem(name, code)
        self.font_scale.setCurrentIndex(max(0, self.font_scale.findData(mine.personal.font_scale)))
        self.language.setCurrentIndex(max(0, self.language.findData(mine.personal.language)))
        self.setEnabled(True)
        self.font_scale.setFocus()

    def save(self) -> None:
        changes = {"font_scale": self.font_scale.currentData(),
                   "language": self.language.currentData()}  # fmt: skip
        user = self._user
        self.setEnabled(False)
        self._session.store.run(lambda store: _save(store, user, changes),
                                on_done=self._saved, on_error=self._failed)  # fmt: skip

    def _saved(self, mine: Mine) -> None:
        self.saved.emit(mine)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_with_code(error, self._session.lang))
        self.setEnabled(True)


def _save(store: Store, username: str, changes: dict[str, object]) -> Mine:
    save_personal_settings(store, username, dict(changes), now=now_vn())
    return read_mine(store, username)
