"""Small pieces the users' dialogs share: a password box, the error line, the clock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from counter_app.services.clock import now_vn
from ui.messages import error_with_code

MAX_FIELD_CHARS = 1024  # the longest password the service accepts


def password_box(name: str, parent: QWidget | None = None) -> QLineEdit:
    box = QLineEdit(parent)
    box.setObjectName(name)
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setMaxLength(MAX_FIELD_CHARS)
    return box


def text_box(name: str, parent: QWidget | None = None, *, max_chars: int = 200) -> QLineEdit:
    box = QLineEdit(parent)
    box.setObjectName(name)
    box.setMaxLength(max_chars)
    return box


def error_line(name: str, parent: QWidget | None = None) -> QLabel:
    """Where a refusal's sentence shows, in the dialog itself (no extra box to dismiss)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


def show_error(label: QLabel, error: BaseException, lang: str) -> None:
    label.setText(error_with_code(error, lang))


def now() -> datetime:
    return now_vn()
