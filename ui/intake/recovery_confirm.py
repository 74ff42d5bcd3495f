"""After a restore, while the city has not answered about the lost dossiers: a new intake is
saved only once the clerk confirms it is new (``services/backup/city_recovery.py``, the rule)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app.messages import message_for


def confirm_new_after_restore(parent: QWidget, lang: str) -> bool:
    """Ask; No is the default, as a second dossier at the city is the worse mistake."""
    answer = QMessageBox.question(
        parent,
        message_for("intake.recovery_confirm_title", lang),
        message_for("intake.recovery_confirm", lang),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
