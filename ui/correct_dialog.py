"""Correcting a dossier the city rejected, from its needs-attention entry.

The dialog shows what the city said in the clerk's words, the fields a clerk can correct
(the applicant's name, ID number, address, phone, email, and the notes) with the one the city
named focused and marked, and saves a new version (``edit_dossier``): the next sync sends
it and the entry leaves the list (docs/SYNC.md). Reasons that are IT's to fix say so and
nothing else.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.dossier import Dossier
from counter_app.domain.text import nfc
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.changes import edit_dossier, get_dossier
from counter_app.services.store.opening import Store
from ui.attention import AttentionRow, field_key, is_clerk_fixable, reason_lines
from ui.messages import error_with_code
from ui.session import Session

APPLICANT_FIELDS = ("full_name", "id_number", "address", "phone", "email")
MARK_STYLE = "background: #fff3cd; border: 2px solid #b00020;"  # the field the city named


class CorrectDialog(QDialog):
    """``corrected`` fires with the code once the new version is saved."""

    corrected = Signal(str)

    def __init__(self, session: Session, row: AttentionRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("correctDialog")
        self.setWindowTitle(self.tr("Correct dossier %1").replace("%1", row.code))
        self.setMinimumWidth(620)
        self._session, self._row = session, row
        self._dossier: Dossier | None = None
        self.reasons = QLabel(self._reason_lines())
        self.reasons.setObjectName("correctReasons")
        self.reasons.setWordWrap(True)
        self.edits = {key: QLineEdit() for key in (*APPLICANT_FIELDS, "notes")}
        for key, edit in self.edits.items():
            edit.setObjectName(f"correct_{key}")
        self.message = QLabel()
        self.message.setObjectName("correctMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        self._layout()
        self.setEnabled(False)  # until the dossier is read
        session.store.run(lambda store: get_dossier(store, row.code),
                          on_done=self._loaded, on_error=self._failed)  # fmt: skip

    def _layout(self) -> None:
        labels = {
            "full_name": self.tr("Full name"),
            "id_number": self.tr("ID number"),
            "address": self.tr("Permanent residence"),
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
            "notes": self.tr("Notes"),
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, edit in self.edits.items():
            form.addRow(labels[key], edit)
        column = QVBoxLayout(self)
        column.addWidget(self.reasons)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addWidget(self.buttons)

    def _reason_lines(self) -> str:
        lang = self._session.lang
        return "\n".join(f"• {line}" for line in reason_lines(self._row.errors, lang))

    def _loaded(self, dossier: Dossier) -> None:
        self._dossier = dossier
        applicant = dossier.applicant
        for key in APPLICANT_FIELDS:
            self.edits[key].setText(str(getattr(applicant, key)))
            self.edits[key].setCursorPosition(0)
        self.edits["notes"].setText(dossier.notes)
        self.setEnabled(True)
        named = [field_key(e.get("field", "")) for e in self._row.errors]
        marked = [self.edits[k] for k in named if k in self.edits]
        for edit in marked:
            edit.setStyleSheet(MARK_STYLE)
        (marked or [self.edits["full_name"]])[0].setFocus()
        if not any(is_clerk_fixable(e) for e in self._row.errors):
            self.message.setText(self.tr("Nothing here needs correcting by you: call IT."))

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.message.setText(error_with_code(error, self._session.lang))
        self.message.setStyleSheet("color: #b00020")

    def changes(self) -> dict[str, Any]:
        """What the clerk changed, as ``edit_dossier`` takes it."""
        dossier = self._dossier
        if dossier is None:
            return {}
        typed = {key: nfc(" ".join(edit.text().split())) for key, edit in self.edits.items()}
        changed: dict[str, Any] = {}
        wanted = {key: typed[key] for key in APPLICANT_FIELDS}
        if any(getattr(dossier.applicant, k) != v for k, v in wanted.items()):
            changed["applicant"] = replace(
                dossier.applicant,
                full_name=wanted["full_name"],
                id_number=wanted["id_number"],
                address=wanted["address"],
                phone=wanted["phone"],
                email=wanted["email"],
            )
        if typed["notes"] != dossier.notes:
            changed["notes"] = typed["notes"]
        return changed

    def save(self) -> None:
        changes, code = self.changes(), self._row.code
        if not changes:
            self.message.setText(self.tr("Nothing was changed."))
            return
        actor = self._session.user or "window"
        self.setEnabled(False)
        self._session.store.run(
            lambda store: _save(store, code, changes, actor),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, _dossier: Dossier) -> None:
        self.corrected.emit(self._row.code)
        self.accept()


def _save(store: Store, code: str, changes: dict[str, Any], actor: str) -> Dossier:
    return edit_dossier(store, code, changes, actor=actor, now=now_vn())
