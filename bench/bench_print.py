"""Printing benchmark: rasterise a receipt PDF and paint it on a QPrinter writing PDF.

The sample receipt (``counter_app/documents/samples.py``) in each layout: the median time of
``print_on`` (page sizes, rasterising with PDFium at the printer's capped resolution,
painting, Qt writing the file), and of rasterising alone. Qt's PDF output stands in for a
printer: a real driver adds its own spooling time on top.

Run: ``python -m bench.bench_print`` (offscreen; no display needed).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from counter_app.documents import Copy, FormKind, Layout, render_document
from counter_app.documents.samples import sample_form
from ui.print_job import print_on, rasterise_for

# Runs per case: the first warms PDFium and Qt's PDF engine and is dropped; 7 more give a
# stable median on a shared 2-core machine in a few seconds.
RUNS = 8
# (label, layout, copies, colour): black and white is what the app prints by default.
CASES = [
    ("A5 receipt, 2 pages", Layout.A5, (Copy.OFFICE, Copy.CITIZEN), False),
    ("A5 receipt, 2 pages, colour", Layout.A5, (Copy.OFFICE, Copy.CITIZEN), True),
    ("A4 two-up, 1 landscape sheet", Layout.A4_TWO_UP, (Copy.OFFICE, Copy.CITIZEN), False),
    ("A4 portrait, 2 pages", Layout.A4, (Copy.OFFICE, Copy.CITIZEN), False),
    ("80 mm thermal slip, 1 page", Layout.THERMAL80, (Copy.CITIZEN,), False),
]


def receipt_pdf(layout: Layout, copies: tuple[Copy, ...]) -> bytes:
    """The sample receipt, rendered as the app renders every receipt."""
    return render_document(sample_form(FormKind.RECEIPT), layout=layout, copies=copies)


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
    for number, (label, layout, copies, colour) in enumerate(CASES):
        pdf = receipt_pdf(layout, copies)
        name = f"case{number}"

        def whole(
            run: int,
            pdf: bytes = pdf,
            layout: Layout = layout,
            colour: bool = colour,
            name: str = name,
        ) -> None:
            printer = printer_to(folder / f"{name}-{run}.pdf")
            print_on(printer, pdf, layout=layout, stem="receipt", colour=colour)

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
            "## Printing the receipt on a printer (rasterise + paint on a QPrinter)",
            "",
            "`python -m bench.bench_print`: the sample receipt of the section above, printed "
            "through `ui/print_job.print_on` to a `QPrinter` writing PDF (offscreen). "
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
