"""Unexpected errors in the window: logged for IT without a citizen's data, told to the clerk.

The log keeps the stack and exception types only (``services.error_log``), never a message,
which may quote what was typed or scanned. A job that fails unexpectedly on a worker thread is
logged where it fails; an exception escaping a slot on the GUI thread reaches ``sys.excepthook``,
which logs it and shows one box (not one per repeat) instead of writing the traceback to the
console. Data already saved is safe either way: every save is one transaction.
"""

from __future__ import annotations

import contextlib
import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.errors import CounterAppError
from counter_app.services.error_log import log_unexpected_error
from ui.messages import error_with_code


def log_if_unexpected(error: BaseException, *, where: str) -> None:
    """A typed refusal is the user's business; anything else goes to the error log too."""
    if isinstance(error, CounterAppError):
        return
    with contextlib.suppress(OSError):  # a full disk must not hide the sentence
        log_unexpected_error(error, where=where)


class CrashGuard:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.box: QMessageBox | None = None

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log_if_unexpected(error.with_traceback(trace), where="window")
        self._tell(error)

    def _tell(self, error: BaseException) -> None:
        if QApplication.instance() is None or (self.box is not None and self.box.isVisible()):
            return
        title = QCoreApplication.translate("CrashGuard", "Unexpected error")
        self.box = QMessageBox(QMessageBox.Icon.Critical, title, error_with_code(error, self.lang))
        self.box.setObjectName("unexpected_error")
        self.box.open()
