"""The typed errors of printing; their words are in ``counter_app/texts/printing.py``.

Texts carry only what IT needs (a printer's name, a folder), never a citizen's data: a file
stem is a dossier code, and the PDF's content never reaches an exception.
"""

from __future__ import annotations

from counter_app.errors import CounterAppError, EnvironmentProblem


class PrintFailedError(EnvironmentProblem):
    """The printer could not take the job: ``QPainter.begin`` failed or it reports an error."""

    code = "PRINT_FAILED"


class PdfUnreadableError(CounterAppError):
    """The bytes to print are no PDF PDFium can open: a bug upstream, not the clerk's doing."""

    code = "PRINT_PDF_UNREADABLE"


class PrintSaveFailedError(EnvironmentProblem):
    """The fallback copy of the PDF could not be written (permissions, full disk)."""

    code = "PRINT_SAVE_FAILED"
