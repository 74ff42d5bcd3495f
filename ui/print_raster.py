"""PDF pages as images for a QPrinter: Qt has no PDF reader without QtPdf, PDFium draws them.

Thread rule: everything here may run on a worker thread (a ``QImage`` is not a widget), and
should for long documents: rasterising an A5 page at 300 dpi takes tens of milliseconds.
PDFium itself is not thread-safe, so every call into it holds one lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from counter_app.documents.model import Layout
from ui.print_errors import PdfUnreadableError

POINTS_PER_INCH = 72.0
# Office printers print at 300–1200 dpi, but a receipt is text and a QR code: 300 dpi keeps
# the QR's modules (about 0.8 mm) nearly 10 dots wide and an A4 page near 1 MB in black and
# white (26 MB in colour). More only slows the job and the spooler.
MAX_DPI = 300.0
# Thermal printers have 203 dpi heads (8 dots per mm): render exactly that, so no dot is
# resampled.
THERMAL_DPI = 203.0
# PDFium is not thread-safe (its documentation): one document at a time, whatever the thread.
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class RasterPage:
    """One PDF page drawn as an image, with the page's size in points to place it by."""

    image: QImage
    width_pt: float
    height_pt: float


def raster_dpi(layout: Layout, printer_dpi: int) -> float:
    """The resolution to draw pages at for ``layout`` on a printer of ``printer_dpi``."""
    cap = THERMAL_DPI if layout is Layout.THERMAL80 else MAX_DPI
    return min(float(printer_dpi), cap) if printer_dpi > 0 else cap


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height in points of every page; raises ``PdfUnreadableError``."""
    with _PDFIUM_LOCK:
        document = _open(pdf)
        try:
            return [_page_size(document, index) for index in range(len(document))]
        finally:
            document.close()


def rasterise(pdf: bytes, *, dpi: float, colour: bool = False) -> list[RasterPage]:
    """Every page of ``pdf`` drawn at ``dpi`` on white; raises ``PdfUnreadableError``.

    The counter's forms are black on white, so by default pages are drawn without
    anti-aliasing as 1-bit images (greys, if any, ordered-dithered): sharp edges for the QR
    and barcode, and a tenth of the data to spool (benchmark: 72 KB instead of 1.1 MB for an
    A5 receipt, and 40 % faster). ``colour`` keeps full anti-aliased RGB.
    """
    with _PDFIUM_LOCK:
        document = _open(pdf)
        try:
            return [_render(document, index, dpi, colour) for index in range(len(document))]
        finally:
            document.close()


def _open(pdf: bytes) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise PdfUnreadableError(f"PDFium: {exc}") from None
    if len(document) == 0:
        document.close()
        raise PdfUnreadableError("the PDF has no pages")
    return document


def _page_size(document: pdfium.PdfDocument, index: int) -> tuple[float, float]:
    width, height = document[index].get_size()
    return float(width), float(height)


def _render(document: pdfium.PdfDocument, index: int, dpi: float, colour: bool) -> RasterPage:
    page = document[index]
    width, height = page.get_size()
    bitmap = page.render(
        scale=dpi / POINTS_PER_INCH,
        grayscale=not colour,
        rev_byteorder=True,  # RGB byte order, which QImage.Format_RGB888 reads as is
        optimize_mode="print",
        # Anti-aliased edges would only be thresholded into ragged ones in black and white.
        no_smoothtext=not colour,
        no_smoothpath=not colour,
        no_smoothimage=not colour,
    )
    image_format = QImage.Format.Format_RGB888 if colour else QImage.Format.Format_Grayscale8
    image = QImage(
        bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, image_format
    ).copy()  # own the pixels: the bitmap's buffer goes away with it
    bitmap.close()
    page.close()
    if not colour:
        image = image.convertToFormat(
            QImage.Format.Format_Mono, Qt.ImageConversionFlag.OrderedDither
        )
    return RasterPage(image=image, width_pt=float(width), height_pt=float(height))
