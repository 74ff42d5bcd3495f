"""Settings → Signatures: who signs the apology (04) and the stop notice (05), per form.

The head of the ward signs these letters (Nghị định 30/2020), under a title the ward chooses
("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": lines separated by " / "). A supervisor sets them here, the same
audited ``forms.*`` settings ``counter-app form settings`` changes (a role below ``form.settings``
would see them read-only; today the dialog opens for supervisors and administrators only).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from counter_app.domain.roles import allows
from counter_app.services.settings.forms import FormSettings

FORMS_ACTION = "form.settings"
# The form settings this group shows, with the object names tests and screen readers use.
FIELDS = (
    ("apology_signer_title", "settingsApologySignerTitle"),
    ("apology_signer_name", "settingsApologySignerName"),
    ("stop_signer_title", "settingsStopSignerTitle"),
    ("stop_signer_name", "settingsStopSignerName"),
)


class SignersGroup(QGroupBox):
    """The signer's title and name for letters 04 and 05."""

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Signatures on letters 04 and 05"), parent)
        self.setObjectName("settingsSigners")
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        labels = (
            self.tr("Apology (04): title"),
            self.tr("Apology (04): name"),
            self.tr("Stop notice (05): title"),
            self.tr("Stop notice (05): name"),
        )
        for (key, name), label in zip(FIELDS, labels, strict=True):
            edit = QLineEdit()
            edit.setObjectName(name)
            self.edits[key] = edit
            form.addRow(label, edit)
        hint = QLabel(self.tr('Title lines separated by " / ": KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.'))
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.may_change = allows(role, FORMS_ACTION)
        for edit in self.edits.values():
            edit.setReadOnly(not self.may_change)
            if not self.may_change:
                edit.setToolTip(self.tr("Only a supervisor changes these."))

    def fill(self, forms: FormSettings) -> None:
        for key, edit in self.edits.items():
            edit.setText(str(getattr(forms, key)))

    def changes(self, old: FormSettings) -> dict[str, Any]:
        """The values that differ from ``old``; nothing for a role that may not change them."""
        if not self.may_change:
            return {}
        values = {key: edit.text().strip() for key, edit in self.edits.items()}
        return {k: v for k, v in values.items() if getattr(old, k) != v}
