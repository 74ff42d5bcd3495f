"""The saved dossier's code, large, for a few seconds (ux.md), with the words that confirm
what was saved: a receipt, a supplement request or a refusal. It leaves as soon as the next
citizen's form starts, so one person's code never stands over another's form."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.documents.model import FormKind

# Long enough to read the code out to the citizen, short enough to be gone for the next one.
CODE_BANNER_MS = 6000
_CONTEXT = "IntakeScreen"


def saved_words(kind: FormKind, code: str) -> str:
    """One sentence: what was saved, under which code, what happens now."""
    texts = {
        FormKind.SUPPLEMENT: "Supplement request saved: %1. Hand the printed list of missing "
        "papers to the citizen.",
        FormKind.REFUSAL: "Refusal saved: %1. Hand the printed refusal to the citizen.",
    }
    text = texts.get(kind, "Received: %1.")
    return QCoreApplication.translate(_CONTEXT, text).replace("%1", code)


def banner_text(kind: FormKind, code: str) -> str:
    if kind is FormKind.SUPPLEMENT:
        return QCoreApplication.translate(_CONTEXT, "Supplement request") + f" · {code}"
    if kind is FormKind.REFUSAL:
        return QCoreApplication.translate(_CONTEXT, "Refusal") + f" · {code}"
    return code


class OutcomeBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code_banner")
        big = QFont(self.font())
        big.setPointSize(max(24, big.pointSize() * 2))
        big.setBold(True)
        self.setFont(big)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.drop)

    def show_saved(self, kind: FormKind, code: str) -> str:
        """Show the code; returns the confirming sentence for the message line."""
        self.setText(banner_text(kind, code))
        self.setVisible(True)
        self._timer.start(CODE_BANNER_MS)
        return saved_words(kind, code)

    def drop(self) -> None:
        self._timer.stop()
        self.setVisible(False)
