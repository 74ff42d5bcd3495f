"""Printing benchmark: rasterise a receipt PDF and paint it on a QPrinter writing PDF.

A receipt-like document per layout (text lines and a 22 mm QR drawn as rectangles, as the
receipts are): the median time of ``print_on`` (page sizes, rasterising with PDFium at the
printer's capped resolution, painting, Qt writing the file), and of rasterising alone. Qt's PDF
output stands in for a printer: a real driver adds its own spooling time on top.

Run: ``QT_QPA_PLATFORM=offscreen python -m bench.bench_print``.
"""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import segno
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from counter_app.documents.model import Layout
from ui.print_job import print_on, rasterise_for

# Runs per case: the first warms PDFium and Qt's PDF engine and is dropped; 7 more give a
# stable median on a shared 2-core machine in a few seconds.
RUNS = 8
CODE = "000.20.15.H26-250714-0007"
QR_SIDE = 22 * mm
# (label, layout, page size, pages, colour): black and white is what the app prints by default.
CASES = [
    ("A5 receipt, 2 pages", Layout.A5, A5, 2, False),
    ("A5 receipt, 2 pages, colour", Layout.A5, A5, 2, True),
    ("A4 two-up, 1 landscape sheet", Layout.A4_TWO_UP, landscape(A4), 1, False),
    ("A4 portrait, 2 pages", Layout.A4, A4, 2, False),
    ("80 mm thermal slip, 1 page", Layout.THERMAL80, (80 * mm, 190 * mm), 1, False),
]


def receipt_pdf(size: tuple[float, float], pages: int) -> bytes:
    """A stand-in receipt: 30 lines of text and the QR on each page."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=size)
    height = size[1]
    matrix = segno.make(CODE, error="m").matrix
    module = QR_SIDE / (len(matrix) + 8)
    for _ in range(pages):
        for line in range(30):
            pdf.drawString(15 * mm, height - (45 + line * 5) * mm, f"Dong {line}: " + "x" * 40)
        path = pdf.beginPath()
        for row, cells in enumerate(matrix):
            for column, dark in enumerate(cells):
                if dark:
                    x = 15 * mm + (column + 4) * module
                    path.rect(x, height - 15 * mm - (row + 5) * module, module, module)
        pdf.drawPath(path, stroke=0, fill=1)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def printer_to(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def median_ms(action: Callable[[int], object]) -> float:
    samples = []
    for run in range(RUNS):
        start = time.perf_counter()
        action(run)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples[1:])


def measure(folder: Path) -> list[tuple[str, float, float, int]]:
    rows = []
    for number, (label, layout, size, pages, colour) in enumerate(CASES):
        pdf = receipt_pdf(size, pages)
        name = f"case{number}"

        def whole(
            run: int,
            pdf: bytes = pdf,
            layout: Layout = layout,
            colour: bool = colour,
            name: str = name,
        ) -> None:
            printer = printer_to(folder / f"{name}-{run}.pdf")
            print_on(printer, pdf, layout=layout, stem=CODE, colour=colour)

        def raster(
            run: int, pdf: bytes = pdf, layout: Layout = layout, colour: bool = colour
        ) -> None:
            rasterise_for(printer_to(folder / "unused.pdf"), pdf, layout, colour=colour)

        total, rasterising = median_ms(whole), median_ms(raster)
        size_kb = (folder / f"{name}-0.pdf").stat().st_size // 1024
        rows.append((label, total, rasterising, size_kb))
    return rows


def run() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        rows = measure(Path(folder))
    del app
    lines = [
        f"| {label} | {total:.0f} | {raster:.0f} | {size_kb} |"
        for label, total, raster, size_kb in rows
    ]
    return "\n".join(
        [
            "## Printing (rasterise + paint on a QPrinter writing PDF)",
            "",
            f"Median of {RUNS - 1} runs after one warm-up; pages drawn at 300 dpi (203 dpi "
            "thermal) in black and white (1 bit) unless marked colour, stored lossless. A real "
            "printer driver's own time comes on top.",
            "",
            "| document | print_on ms | of which rasterising ms | output KB |",
            "|---|---|---|---|",
            *lines,
        ]
    )


if __name__ == "__main__":
    print(run())
