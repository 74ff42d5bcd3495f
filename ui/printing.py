"""Printing the counter's PDFs, the API a window calls: direct, through a dialog, or previewed.

Direct printing (``print_pdf``) needs no widget and may run on a worker thread. The dialogs
go through a ``PrintDesk`` that the window owns: a dialog built on a ``QPrinter`` that Python
has already freed crashes the process (a preview on a temporary ``QPrinter()`` segfaults when
collected), so the desk keeps each dialog's printer until the dialog itself is destroyed.

Every request ends in a ``PrintOutcome``: printed, cancelled, or saved as a PDF with the
reason (no printer installed, printer missing, printer error) and the sentence to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.documents.model import Layout
from ui.print_errors import PdfUnreadableError, PrintFailedError, PrintSaveFailedError
from ui.print_files import default_save_folder, save_pdf_copy
from ui.print_job import (
    PrintOutcome,
    PrintStatus,
    available_printers,
    configure_printer,
    default_printer_name,
    orientation_for,
    page_size_for,
    paint_pages,
    print_on,
    print_pdf,
    rasterise_for,
)
from ui.print_raster import RasterPage, pdf_page_sizes

__all__ = [
    "OutcomeHandler",
    "PdfUnreadableError",
    "PrintDesk",
    "PrintFailedError",
    "PrintOutcome",
    "PrintSaveFailedError",
    "PrintStatus",
    "available_printers",
    "default_printer_name",
    "default_save_folder",
    "orientation_for",
    "page_size_for",
    "print_on",
    "print_pdf",
]

# Called once a previewed document was printed or the preview was closed.
OutcomeHandler = Callable[[PrintOutcome], None]


class PrintDesk:
    """What a window keeps to print: its dialogs, each held with the QPrinter it draws on.

    GUI thread only. ``save_folder`` is where unprinted PDFs go (default
    ``default_save_folder()``); ``colour`` prints in colour instead of black and white.
    """

    def __init__(self, *, save_folder: Path | None = None, colour: bool = False) -> None:
        self._save_folder = save_folder
        self._colour = colour
        # The counter's printer (``intake.printer``, chosen in the first-run wizard); empty:
        # the system's default. Set by the intake screen from its settings.
        self.printer_name = ""
        self._held: dict[int, tuple[QDialog, QPrinter]] = {}

    @property
    def open_dialogs(self) -> int:
        """Dialogs not yet destroyed, whose printers the desk still holds."""
        return len(self._held)

    def print_pdf(
        self,
        pdf: bytes,
        *,
        layout: Layout,
        stem: str,
        printer_name: str | None = None,
        copies: int = 1,
    ) -> PrintOutcome:
        """``print_pdf`` with the desk's save folder; blocks while rasterising."""
        return print_pdf(
            pdf,
            layout=layout,
            stem=stem,
            printer_name=printer_name or self.printer_name,
            copies=copies,
            save_folder=self._save_folder,
            colour=self._colour,
        )

    def choose_printer_and_print(
        self,
        pdf: bytes,
        *,
        layout: Layout,
        stem: str,
        parent: QWidget | None = None,
        printer_name: str | None = None,
        copies: int = 1,
    ) -> PrintOutcome:
        """Ask for a printer with the system print dialog (modal), then print there.

        The dialog opens on the layout's paper; what the clerk changes in it (printer, paper,
        copies) is kept. Without printers it still offers printing to a PDF file.
        """
        printer = self._printer_for(pdf, layout, printer_name, copies)
        dialog = QPrintDialog(printer, parent)
        self._hold(dialog, printer)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return PrintOutcome(PrintStatus.CANCELLED)
        return print_on(
            printer,
            pdf,
            layout=layout,
            stem=stem,
            save_folder=self._save_folder,
            configure=False,
            colour=self._colour,
        )

    def preview(
        self,
        pdf: bytes,
        *,
        layout: Layout,
        stem: str,
        parent: QWidget | None = None,
        on_done: OutcomeHandler | None = None,
    ) -> QPrintPreviewDialog:
        """Open a print preview (window-modal, not blocking) and return it.

        Its print button prints the same pages; ``on_done`` then gets the outcome (CANCELLED
        when the clerk closes it). The dialog deletes itself on close.
        """
        printer = self._printer_for(pdf, layout, None, 1)
        painter = _PreviewPainter(rasterise_for(printer, pdf, layout, colour=self._colour))
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paintRequested.connect(painter.paint)
        key = self._hold(dialog, printer)
        # The desk is the printer's one owner: the slot looks it up rather than capturing it.
        dialog.finished.connect(
            lambda result: self._preview_finished(key, result, painter, pdf, stem, on_done)
        )
        del printer
        dialog.open()
        return dialog

    def _printer_for(
        self, pdf: bytes, layout: Layout, printer_name: str | None, copies: int
    ) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if printer_name and printer_name in available_printers():
            printer.setPrinterName(printer_name)
        configure_printer(printer, layout, pdf_page_sizes(pdf)[0], colour=self._colour)
        printer.setCopyCount(max(copies, 1))
        return printer

    def _hold(self, dialog: QDialog, printer: QPrinter) -> int:
        """Keep ``printer`` alive until ``dialog``'s C++ object is gone; returns the key."""
        key = id(dialog)
        self._held[key] = (dialog, printer)
        dialog.destroyed.connect(lambda *_: self._held.pop(key, None))
        return key

    def _preview_finished(
        self,
        key: int,
        result: int,
        painter: _PreviewPainter,
        pdf: bytes,
        stem: str,
        on_done: OutcomeHandler | None,
    ) -> None:
        printer = self._held[key][1]  # still held: the dialog is not destroyed yet
        outcome = self._preview_outcome(result, painter, printer, pdf, stem)
        if on_done is not None:
            on_done(outcome)

    def _preview_outcome(
        self, result: int, painter: _PreviewPainter, printer: QPrinter, pdf: bytes, stem: str
    ) -> PrintOutcome:
        if result != QDialog.DialogCode.Accepted.value:
            return PrintOutcome(PrintStatus.CANCELLED)
        label = printer.printerName() or printer.outputFileName()
        if painter.error is None:
            return PrintOutcome(PrintStatus.PRINTED, printer=label, sheets=painter.last_sheets)
        saved = save_pdf_copy(pdf, stem=stem, folder=self._save_folder)
        return PrintOutcome(PrintStatus.SAVED, painter.error.code, label, 0, saved, painter.error)


class _PreviewPainter:
    """Paints the pages each time the preview (or its print button) asks.

    Errors cannot leave a Qt slot, so the last one is kept for the outcome.
    """

    def __init__(self, pages: list[RasterPage]) -> None:
        self.pages = pages
        self.error: PrintFailedError | None = None
        self.paint_count = 0
        self.last_sheets = 0

    def paint(self, printer: QPrinter) -> None:
        self.paint_count += 1
        try:
            self.last_sheets = paint_pages(printer, self.pages)
            self.error = None
        except PrintFailedError as error:
            self.error = error
