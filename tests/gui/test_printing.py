"""Printing PDFs through Qt: paper per layout, sharp QR codes, the saved copy, the dialogs.

The PDFs are made here with reportlab (a QR drawn from segno's matrix as rectangles, as the
receipts do) at the size of each layout, printed on a real ``QPrinter`` writing a PDF file,
and checked with poppler (``pdfinfo``, ``pdftoppm``) and zxing-cpp: the QR read back from
the printed page is exactly the one drawn.
"""

from __future__ import annotations

import gc
import io
import os
import re
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import segno
import zxingcpp
from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from counter_app.documents.model import Layout
from counter_app.messages import EN, MESSAGES, VI
from ui import print_errors
from ui.print_files import DEFAULT_SUBFOLDER, default_save_folder, safe_stem, save_pdf_copy
from ui.print_raster import rasterise
from ui.printing import (
    PdfUnreadableError,
    PrintDesk,
    PrintFailedError,
    PrintOutcome,
    PrintStatus,
    available_printers,
    default_printer_name,
    orientation_for,
    page_size_for,
    print_on,
    print_pdf,
)

CODE = "000.20.15.H26-250714-0007"
THERMAL_SIZE = (80 * mm, 190 * mm)
QR_SIDE = 22 * mm  # forms.md: at least 20 mm square
NO_PRINTERS = not available_printers()
ON_POSIX = os.name == "posix"


def draw_qr(pdf: canvas.Canvas, payload: str, x: float, y: float) -> None:
    """The receipt's way: segno's module matrix as rectangles in one path, 4-module border."""
    matrix = segno.make(payload, error="m").matrix
    module = QR_SIDE / (len(matrix) + 8)
    path = pdf.beginPath()
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                path.rect(x + (column + 4) * module, y - (row + 5) * module, module, module)
    pdf.drawPath(path, stroke=0, fill=1)


def make_pdf(size: tuple[float, float], qr_columns: list[list[str]]) -> bytes:
    """One page per entry of ``qr_columns``; each page has its QR codes side by side."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=size)
    width, height = size
    for codes in qr_columns:
        for column, payload in enumerate(codes):
            left = width * column / len(codes) + 12 * mm
            pdf.drawString(left, height - 12 * mm, "BIEN NHAN HO SO")
            draw_qr(pdf, payload, left, height - 18 * mm)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


# For each layout: the PDF page size, the QR payloads per page, and the printed paper in points.
LAYOUT_CASES = {
    Layout.A5: (A5, [[f"{CODE}|1"], [f"{CODE}|2"]], (419.5, 595.3)),
    Layout.A4_TWO_UP: (landscape(A4), [[f"{CODE}|1", f"{CODE}|2"]], (841.9, 595.3)),
    Layout.A4: (A4, [[f"{CODE}|1"], [f"{CODE}|2"]], (595.3, 841.9)),
    Layout.THERMAL80: (THERMAL_SIZE, [[CODE]], (226.8, 538.6)),
}


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pdfinfo(path: Path) -> tuple[int, tuple[float, float]]:
    text = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", text, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", text, re.M)
    assert size is not None, text
    return pages, (float(size.group(1)), float(size.group(2)))


def image_resolutions(path: Path) -> set[tuple[int, str]]:
    """(x-ppi, encoding) of every image ``pdfimages -list`` finds in the printed PDF."""
    text = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in text.splitlines()[2:] if line.strip()]
    return {(int(row[12]), row[8]) for row in rows}


def qr_texts_per_page(path: Path, tmp_path: Path) -> list[set[str]]:
    """Every QR code zxing-cpp finds on each page rendered at 150 dpi, page by page."""
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(prefix)], check=True)
    found = []
    for png in sorted(tmp_path.glob("page-*.png")):
        with Image.open(png) as image:
            found.append({result.text for result in zxingcpp.read_barcodes(image)})
    return found


@pytest.fixture
def saved_folder(tmp_path: Path) -> Path:
    return tmp_path / "Biên nhận"


@pytest.mark.parametrize("layout", list(LAYOUT_CASES))
def test_each_layout_prints_on_its_paper_with_a_readable_qr(
    qtbot: QtBot, tmp_path: Path, layout: Layout
) -> None:
    size, codes, paper = LAYOUT_CASES[layout]
    output = tmp_path / "printed.pdf"
    outcome = print_on(pdf_printer(output), make_pdf(size, codes), layout=layout, stem=CODE)
    assert outcome.status is PrintStatus.PRINTED
    assert outcome.sheets == len(codes)
    assert outcome.saved_to is None
    pages, printed_size = pdfinfo(output)
    assert pages == len(codes)
    assert printed_size == pytest.approx(paper, abs=0.6)
    assert qr_texts_per_page(output, tmp_path) == [set(page) for page in codes]
    # Drawn at 300 dpi (203 on thermal, the head's own) and stored lossless, not as JPEG.
    assert image_resolutions(output) == {(203 if layout is Layout.THERMAL80 else 300, "image")}


def test_copies_repeat_the_pages_collated_when_the_printer_cannot(
    qtbot: QtBot, tmp_path: Path
) -> None:
    output = tmp_path / "copies.pdf"
    size, codes, _ = LAYOUT_CASES[Layout.A5]
    outcome = print_on(
        pdf_printer(output), make_pdf(size, codes), layout=Layout.A5, stem=CODE, copies=2
    )
    assert outcome.sheets == 4
    assert qr_texts_per_page(output, tmp_path) == [{f"{CODE}|{n}"} for n in (1, 2, 1, 2)]


@pytest.mark.parametrize(
    ("layout", "page_id", "orientation"),
    [
        (Layout.A5, QPageSize.PageSizeId.A5, QPageLayout.Orientation.Portrait),
        (Layout.A4_TWO_UP, QPageSize.PageSizeId.A4, QPageLayout.Orientation.Landscape),
        (Layout.A4, QPageSize.PageSizeId.A4, QPageLayout.Orientation.Portrait),
        (Layout.THERMAL80, QPageSize.PageSizeId.Custom, QPageLayout.Orientation.Portrait),
    ],
)
def test_paper_and_orientation_per_layout(
    layout: Layout, page_id: QPageSize.PageSizeId, orientation: QPageLayout.Orientation
) -> None:
    paper = page_size_for(layout, THERMAL_SIZE)
    assert paper.id() == page_id
    assert orientation_for(layout) == orientation


def test_thermal_paper_is_80_mm_wide_and_as_tall_as_the_slip() -> None:
    paper = page_size_for(Layout.THERMAL80, (80 * mm, 143 * mm)).size(QPageSize.Unit.Millimeter)
    assert paper.width() == pytest.approx(80, abs=0.2)
    assert paper.height() == pytest.approx(143, abs=0.4)


@pytest.mark.skipif(not NO_PRINTERS, reason="this machine has printers: it would print for real")
def test_no_printer_saves_the_pdf_and_says_where(tmp_path: Path, saved_folder: Path) -> None:
    pdf = make_pdf(A5, [[CODE]])
    first = print_pdf(pdf, layout=Layout.A5, stem=CODE, save_folder=saved_folder)
    second = print_pdf(pdf, layout=Layout.A5, stem=CODE, save_folder=saved_folder)
    assert first.status is PrintStatus.SAVED and first.code == "NO_PRINTER"
    assert first.saved_to is not None and second.saved_to is not None
    assert first.saved_to != second.saved_to  # never overwritten
    assert first.saved_to.parent == saved_folder
    assert first.saved_to.name.startswith(CODE + "_")
    assert first.saved_to.read_bytes() == pdf == second.saved_to.read_bytes()
    if ON_POSIX:
        assert stat.S_IMODE(first.saved_to.stat().st_mode) == 0o600
    url = first.saved_folder_url()
    assert url is not None and Path(url.toLocalFile()) == saved_folder
    assert str(first.saved_to) in first.message(VI)
    assert first.message(VI).startswith(MESSAGES["NO_PRINTER"][VI])
    assert first.message(EN).startswith("No printer is installed")


@pytest.mark.skipif(not NO_PRINTERS, reason="this machine has printers: it would print for real")
def test_without_a_folder_the_copy_goes_to_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COUNTER_APP_DATA_DIR")  # the platform's data folder: none was named
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Tài liệu"))
    outcome = print_pdf(make_pdf(A5, [[CODE]]), layout=Layout.A5, stem=CODE)
    assert outcome.saved_to is not None
    assert outcome.saved_to.parent == tmp_path / "Tài liệu" / DEFAULT_SUBFOLDER
    assert default_save_folder() == outcome.saved_to.parent


@pytest.mark.skipif(not NO_PRINTERS, reason="this machine has printers: it would print for real")
def test_with_a_data_folder_named_the_copy_goes_there_not_to_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A portable or scripted install names its data folder (--data-dir sets the variable):
    the home folder may be another user's, read-only, or not there at all."""
    data = tmp_path / "dữ liệu quầy"
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Tài liệu"))
    outcome = print_pdf(make_pdf(A5, [[CODE]]), layout=Layout.A5, stem=CODE)
    assert outcome.saved_to is not None
    assert outcome.saved_to.parent == data / DEFAULT_SUBFOLDER
    assert not (tmp_path / "Tài liệu").exists()


def test_a_printer_that_is_gone_saves_the_pdf(tmp_path: Path, saved_folder: Path) -> None:
    outcome = print_pdf(
        make_pdf(A5, [[CODE]]),
        layout=Layout.A5,
        stem=CODE,
        printer_name="Máy in đã gỡ",
        save_folder=saved_folder,
    )
    assert outcome.status is PrintStatus.SAVED
    assert outcome.code == ("NO_PRINTER" if NO_PRINTERS else "PRINTER_NOT_FOUND")
    assert outcome.saved_to is not None and outcome.saved_to.exists()


def test_a_printer_error_is_typed_and_the_pdf_still_saved(
    qtbot: QtBot, tmp_path: Path, saved_folder: Path
) -> None:
    pdf = make_pdf(A5, [[CODE]])
    broken = pdf_printer(tmp_path / "no such folder" / "out.pdf")  # painter.begin fails
    outcome = print_on(broken, pdf, layout=Layout.A5, stem=CODE, save_folder=saved_folder)
    assert outcome.status is PrintStatus.SAVED
    assert outcome.code == "PRINT_FAILED"
    assert isinstance(outcome.error, PrintFailedError)
    assert outcome.saved_to is not None and outcome.saved_to.read_bytes() == pdf
    assert "out.pdf" in str(outcome.error)  # the printer or file for IT, nothing personal


def test_bytes_that_are_no_pdf_raise_a_typed_error(qtbot: QtBot, tmp_path: Path) -> None:
    with pytest.raises(PdfUnreadableError):
        print_on(pdf_printer(tmp_path / "x.pdf"), b"%PDF-garbage", layout=Layout.A5, stem=CODE)
    with pytest.raises(PdfUnreadableError):
        print_pdf(b"", layout=Layout.A5, stem=CODE, save_folder=tmp_path / "saved")
    assert not (tmp_path / "saved").exists()  # garbage is not saved as if it were a receipt


def test_saved_copies_are_private_and_never_overwrite(tmp_path: Path) -> None:
    contents = [f"%PDF-1.4 copy {n}".encode() for n in (1, 2, 3)]
    paths = [save_pdf_copy(pdf, stem=CODE, folder=tmp_path) for pdf in contents]
    assert len(set(paths)) == 3
    assert [path.read_bytes() for path in paths] == contents
    if ON_POSIX:
        assert {stat.S_IMODE(p.stat().st_mode) for p in paths} == {0o600}


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        (CODE, CODE),
        ("../../etc/passwd", "etc_passwd"),
        ("a b\\c:d", "a_b_c_d"),
        ("Biên nhận", "Bi_n_nh_n"),
        ("", "giay-to"),
    ],
)
def test_a_stem_never_leaves_the_folder(stem: str, expected: str) -> None:
    assert safe_stem(stem) == expected


def test_an_unwritable_folder_is_a_typed_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_bytes(b"")
    with pytest.raises(print_errors.PrintSaveFailedError):
        save_pdf_copy(b"%PDF", stem=CODE, folder=blocker / "sub")


def test_a_worker_thread_can_print(qtbot: QtBot, tmp_path: Path) -> None:
    """The rule the window relies on: rasterising and painting off the GUI thread."""
    output = tmp_path / "worker.pdf"
    pdf = make_pdf(A5, [[CODE]])
    outcomes: list[PrintOutcome] = []
    worker = threading.Thread(
        target=lambda: outcomes.append(
            print_on(pdf_printer(output), pdf, layout=Layout.A5, stem=CODE)
        )
    )
    worker.start()
    worker.join(timeout=60)
    assert [o.status for o in outcomes] == [PrintStatus.PRINTED]
    assert qr_texts_per_page(output, tmp_path) == [{CODE}]


@pytest.mark.parametrize(
    ("colour", "image_format"),
    [(False, QImage.Format.Format_Mono), (True, QImage.Format.Format_RGB888)],
)
def test_rasterising_runs_on_a_worker_thread(
    qtbot: QtBot, colour: bool, image_format: QImage.Format
) -> None:
    pdf = make_pdf(A5, [[CODE], [CODE]])
    results: list[list[QImage]] = []
    worker = threading.Thread(
        target=lambda: results.append(
            [page.image for page in rasterise(pdf, dpi=300, colour=colour)]
        )
    )
    worker.start()
    worker.join(timeout=30)
    (images,) = results
    assert len(images) == 2
    # A5 is 419.5 x 595.3 pt: 1748.0 x 2480.3 dots at 300 dpi, rounded up by PDFium.
    assert (images[0].width(), images[0].height()) == (1749, 2481)
    assert images[0].format() == image_format


def test_colour_printing_keeps_the_qr_readable(qtbot: QtBot, tmp_path: Path) -> None:
    output = tmp_path / "colour.pdf"
    pdf = make_pdf(A5, [[CODE]])
    print_on(pdf_printer(output), pdf, layout=Layout.A5, stem=CODE, colour=True)
    assert qr_texts_per_page(output, tmp_path) == [{CODE}]
    assert image_resolutions(output) == {(300, "image")}


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[PrintDesk]:
    yield PrintDesk(save_folder=tmp_path / "saved")
    gc.collect()


def test_preview_renders_every_page_and_closes_cleanly(qtbot: QtBot, desk: PrintDesk) -> None:
    outcomes: list[PrintOutcome] = []
    size, codes, _ = LAYOUT_CASES[Layout.A5]
    dialog = desk.preview(
        make_pdf(size, codes), layout=Layout.A5, stem=CODE, on_done=outcomes.append
    )
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    gc.collect()  # only the desk holds the dialog's printer now: repainting must not crash
    with qtbot.waitSignal(dialog.paintRequested, timeout=5000):
        widget.updatePreview()
    assert widget.pageCount() == 2
    assert desk.open_dialogs == 1
    dialog.reject()
    del dialog, widget
    gc.collect()
    qtbot.waitUntil(lambda: desk.open_dialogs == 0, timeout=5000)
    gc.collect()
    assert [o.status for o in outcomes] == [PrintStatus.CANCELLED]


def test_the_preview_print_button_prints_the_same_pages(
    qtbot: QtBot, desk: PrintDesk, tmp_path: Path
) -> None:
    outcomes: list[PrintOutcome] = []
    size, codes, _ = LAYOUT_CASES[Layout.A5]
    dialog = desk.preview(
        make_pdf(size, codes), layout=Layout.A5, stem=CODE, on_done=outcomes.append
    )
    output = tmp_path / "from-preview.pdf"
    dialog.printer().setOutputFileName(str(output))  # what the clerk's printer choice sets
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.print_()
    dialog.accept()
    qtbot.waitUntil(lambda: desk.open_dialogs == 0, timeout=5000)
    assert [(o.status, o.sheets) for o in outcomes] == [(PrintStatus.PRINTED, 2)]
    assert qr_texts_per_page(output, tmp_path) == [set(page) for page in codes]


def test_preview_of_a_two_up_sheet_is_one_landscape_page(qtbot: QtBot, desk: PrintDesk) -> None:
    size, codes, _ = LAYOUT_CASES[Layout.A4_TWO_UP]
    dialog = desk.preview(make_pdf(size, codes), layout=Layout.A4_TWO_UP, stem=CODE)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() == 1, timeout=5000)
    assert widget.orientation() == QPageLayout.Orientation.Landscape
    dialog.close()
    qtbot.waitUntil(lambda: desk.open_dialogs == 0, timeout=5000)


def test_print_dialog_opens_and_cancelling_prints_nothing(
    qtbot: QtBot, desk: PrintDesk, tmp_path: Path
) -> None:
    seen: list[QPrintDialog] = []

    def reject_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            seen.append(dialog)
            dialog.reject()

    poll = QTimer()
    poll.timeout.connect(reject_the_dialog)
    poll.start(50)
    outcome = desk.choose_printer_and_print(make_pdf(A5, [[CODE]]), layout=Layout.A5, stem=CODE)
    poll.stop()
    assert len(seen) == 1
    assert outcome.status is PrintStatus.CANCELLED
    assert outcome.message() == ""
    qtbot.waitUntil(lambda: desk.open_dialogs == 0, timeout=5000)
    assert not (tmp_path / "saved").exists()


def test_printer_names_match_the_default() -> None:
    default = default_printer_name()
    assert default is None or default in available_printers()


def test_printing_codes_have_words_in_both_languages() -> None:
    codes = {"NO_PRINTER", "PRINTER_NOT_FOUND"} | {
        cls.code
        for cls in vars(print_errors).values()
        if isinstance(cls, type) and cls.__module__ == print_errors.__name__
    }
    assert codes >= {"PRINT_FAILED", "PRINT_PDF_UNREADABLE", "PRINT_SAVE_FAILED"}
    cli_doc = (Path(__file__).parents[2] / "docs" / "CLI.md").read_text(encoding="utf-8")
    for code in codes:
        assert MESSAGES[code][VI].endswith(".") and MESSAGES[code][EN].endswith(".")
        assert f"`{code}`" in cli_doc
