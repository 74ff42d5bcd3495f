"""One print job without a dialog: paper for the layout, pages painted, outcome returned.

Each PDF page is drawn as an image (``ui/print_raster.py``) and painted on a ``QPrinter``
scaled to the paper, one sheet per page, on the paper the layout needs (A5, A4 landscape for
two-up, A4, 80 mm thermal). Nothing fails silently: with no printer installed, the chosen one
missing or the printer in error, the PDF is saved for the clerk (``ui/print_files.py``) and
the ``PrintOutcome`` says why and where, in the clerk's words.

Thread rule: everything here may run on a worker thread (QPrinter, QPainter and QImage are
not widgets; Qt allows painting on a QPrinter outside the GUI thread). Dialogs live in
``ui/printing.py``, GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app.documents.model import Layout
from counter_app.errors import CounterAppError
from counter_app.messages import VI, message_for
from ui.print_errors import PrintFailedError
from ui.print_files import save_pdf_copy
from ui.print_raster import RasterPage, pdf_page_sizes, raster_dpi, rasterise

MM_PER_POINT = 25.4 / 72.0
# Thermal rolls are 80 mm wide; the slip's height is whatever the PDF needs.
THERMAL_WIDTH_MM = 80.0
_PORTRAIT = QPageLayout.Orientation.Portrait
_LANDSCAPE = QPageLayout.Orientation.Landscape


class PrintStatus(StrEnum):
    PRINTED = "printed"  # the job went to the printer (or the PDF file the clerk chose)
    SAVED = "saved"  # not printed; the PDF was saved and ``code`` says why
    CANCELLED = "cancelled"  # the clerk closed a dialog: nothing printed, nothing saved


@dataclass(frozen=True)
class PrintOutcome:
    """What became of one print request, for the window to show."""

    status: PrintStatus
    code: str = ""  # NO_PRINTER, PRINTER_NOT_FOUND or PRINT_FAILED when SAVED
    printer: str = ""  # the printer's name, or the file a "print to PDF" wrote
    sheets: int = 0  # pages painted, repeats included (copies a printer makes itself are not)
    saved_to: Path | None = None
    error: CounterAppError | None = None

    @property
    def printed(self) -> bool:
        return self.status is PrintStatus.PRINTED

    def saved_folder_url(self) -> QUrl | None:
        """The folder of the saved PDF, for ``QDesktopServices.openUrl`` ("Mở thư mục")."""
        return QUrl.fromLocalFile(str(self.saved_to.parent)) if self.saved_to else None

    def message(self, lang: str = VI) -> str:
        """The sentence for the clerk: what happened, what to do, where the PDF is."""
        if self.status is PrintStatus.PRINTED:
            params = {"printer": self.printer, "pages": str(self.sheets)}
            return message_for("print.sent", lang, params)
        if self.status is PrintStatus.CANCELLED:
            return ""
        text = message_for(self.code, lang)
        if self.saved_to is not None:
            text += " " + message_for("print.saved_to", lang, {"file": str(self.saved_to)})
        return text


def available_printers() -> list[str]:
    """Names of the printers the OS offers; empty without a print system (no CUPS)."""
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def default_printer_name() -> str | None:
    return QPrinterInfo.defaultPrinterName() or None


def page_size_for(layout: Layout, pdf_page_size_pt: tuple[float, float]) -> QPageSize:
    """The paper for ``layout``; a thermal slip is 80 mm wide and as tall as its PDF page."""
    if layout is Layout.THERMAL80:
        height_mm = pdf_page_size_pt[1] * MM_PER_POINT
        return QPageSize(
            QSizeF(THERMAL_WIDTH_MM, height_mm),
            QPageSize.Unit.Millimeter,
            "Thermal 80 mm",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
    if layout is Layout.A5:
        return QPageSize(QPageSize.PageSizeId.A5)
    return QPageSize(QPageSize.PageSizeId.A4)


def orientation_for(layout: Layout) -> QPageLayout.Orientation:
    return _LANDSCAPE if layout is Layout.A4_TWO_UP else _PORTRAIT


def configure_printer(
    printer: QPrinter,
    layout: Layout,
    pdf_page_size_pt: tuple[float, float],
    *,
    colour: bool = False,
) -> None:
    """Set the paper, orientation, no margins (the PDF has its own) and the colour mode.

    Black and white pages go to the printer in greyscale mode: Qt then spools them as 1-bit
    images (in colour mode it widens them to RGB, 1.6 times the data and 2.4 times the time),
    and a colour printer uses black toner only.
    """
    page_layout = QPageLayout(
        page_size_for(layout, pdf_page_size_pt), orientation_for(layout), QMarginsF(0, 0, 0, 0)
    )
    printer.setPageLayout(page_layout)
    printer.setFullPage(True)
    if not colour:
        printer.setColorMode(QPrinter.ColorMode.GrayScale)


def paint_pages(printer: QPrinter, pages: Sequence[RasterPage]) -> int:
    """Paint ``pages`` on ``printer``, ``printer.copyCount()`` times; returns the sheets painted.

    Printers that cannot make copies themselves (PDF output, X11 without CUPS) get the
    pages again, collated. Raises ``PrintFailedError`` when the printer refuses the job or
    ends it in an error state.
    """
    repeats = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    printer.setCollateCopies(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailedError(_printer_label(printer))
    # Where Qt writes PDF itself (PDF output, CUPS on Linux) it would store the page as a JPEG,
    # blurring text and the QR's edges; lossless costs little on a mostly white page.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    try:
        sheets = _paint_all(painter, printer, list(pages) * repeats)
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
    if printer.printerState() is QPrinter.PrinterState.Error:
        raise PrintFailedError(_printer_label(printer))
    return sheets


def _paint_all(painter: QPainter, printer: QPrinter, pages: list[RasterPage]) -> int:
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    for number, page in enumerate(pages):
        if number and not printer.newPage():
            raise PrintFailedError(_printer_label(printer))
        painter.drawImage(_fit(page, paper), page.image)
    return len(pages)


def _fit(page: RasterPage, paper: QRectF) -> QRectF:
    """The largest rectangle of the page's proportions centred on the paper."""
    scale = min(paper.width() / page.width_pt, paper.height() / page.height_pt)
    width, height = page.width_pt * scale, page.height_pt * scale
    left = paper.left() + (paper.width() - width) / 2
    top = paper.top() + (paper.height() - height) / 2
    return QRectF(left, top, width, height)


def _printer_label(printer: QPrinter) -> str:
    # For IT and for the outcome: a printer's name, or the file a PDF printer writes.
    return printer.printerName() or printer.outputFileName() or "printer"


def rasterise_for(
    printer: QPrinter, pdf: bytes, layout: Layout, *, colour: bool = False
) -> list[RasterPage]:
    """The pages drawn at the printer's resolution (capped); black and white unless ``colour``."""
    dpi = raster_dpi(layout, printer.resolution())
    return rasterise(pdf, dpi=dpi, colour=colour)


def print_on(
    printer: QPrinter,
    pdf: bytes,
    *,
    layout: Layout,
    stem: str,
    copies: int = 1,
    save_folder: Path | None = None,
    configure: bool = True,
    colour: bool = False,
) -> PrintOutcome:
    """Print ``pdf`` on ``printer``; on a printer error, save it and say where.

    ``configure=False`` keeps the paper the clerk chose in a print dialog; ``colour`` prints
    anti-aliased colour instead of black and white (``ui/print_raster.py``). Raises
    ``PdfUnreadableError`` for bytes that are no PDF, ``PrintSaveFailedError`` when the
    fallback copy cannot be written either.
    """
    if configure:
        configure_printer(printer, layout, pdf_page_sizes(pdf)[0], colour=colour)
        printer.setCopyCount(max(copies, 1))
    pages = rasterise_for(printer, pdf, layout, colour=colour)
    try:
        sheets = paint_pages(printer, pages)
    except PrintFailedError as error:
        saved = save_pdf_copy(pdf, stem=stem, folder=save_folder)
        return PrintOutcome(PrintStatus.SAVED, error.code, _printer_label(printer), 0, saved, error)
    return PrintOutcome(PrintStatus.PRINTED, printer=_printer_label(printer), sheets=sheets)


def print_pdf(
    pdf: bytes,
    *,
    layout: Layout,
    stem: str,
    printer_name: str | None = None,
    copies: int = 1,
    save_folder: Path | None = None,
    colour: bool = False,
) -> PrintOutcome:
    """Print ``pdf`` on the named printer, else the default one, without a dialog.

    ``stem`` names the saved copy (the dossier code; never personal data). With no printer
    installed, or a named printer that is gone, the PDF is saved in ``save_folder`` (default
    ``default_save_folder()``) and the outcome says so. May run on a worker thread. Raises
    what ``print_on`` raises, whether or not a printer is there.
    """
    pdf_page_sizes(pdf)  # bytes that are no PDF fail the same way with or without a printer
    info, missing_code = _choose_printer(printer_name)
    if info is None:
        saved = save_pdf_copy(pdf, stem=stem, folder=save_folder)
        return PrintOutcome(PrintStatus.SAVED, missing_code, printer_name or "", 0, saved)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    return print_on(
        printer,
        pdf,
        layout=layout,
        stem=stem,
        copies=copies,
        save_folder=save_folder,
        colour=colour,
    )


def _choose_printer(printer_name: str | None) -> tuple[QPrinterInfo | None, str]:
    """The printer to use, or None and the outcome code saying why there is none."""
    if not QPrinterInfo.availablePrinters():
        return None, "NO_PRINTER"
    if printer_name:
        info = QPrinterInfo.printerInfo(printer_name)
        return (None, "PRINTER_NOT_FOUND") if info.isNull() else (info, "")
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():  # printers but no default: the first one, as the OS dialog would offer
        info = QPrinterInfo.availablePrinters()[0]
    return info, ""
