"""Real PDFs read back with poppler (pdftotext, pdfinfo, pdftoppm, pdffonts) and zxing-cpp."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
import segno
import zxingcpp
from PIL import Image, ImageChops
from reportlab.lib.units import mm

from counter_app.documents import (
    Copy,
    DocumentLine,
    FormData,
    FormKind,
    Layout,
    Party,
    available_layouts,
    qr_payload,
    receipt_qr_fields,
    render_document,
)
from counter_app.documents.samples import LONG_ADDRESS, LONG_NAME, SAMPLE_CODE, sample_form
from counter_app.domain.receipt_qr import parse_receipt_qr
from counter_app.services.qr.decode import decode_qr_payloads

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdftoppm) not installed"
)

A5 = (419.53, 595.28)
A4 = (595.28, 841.89)
A4_LANDSCAPE = (841.89, 595.28)
# (left, right) margins in points of each layout; two-up applies them to each half sheet.
MARGINS = {
    Layout.A5: (15 * mm, 12 * mm),
    Layout.A4_TWO_UP: (15 * mm, 12 * mm),
    Layout.A4: (20 * mm, 15 * mm),
    Layout.THERMAL80: (4 * mm, 4 * mm),
}
TOLERANCE = 0.5  # points: poppler's boxes are rounded glyph advances
ALL_KIND_LAYOUTS = [(kind, layout) for kind in FormKind for layout in available_layouts(kind)]


@dataclass(frozen=True)
class Word:
    page: int
    page_width: float
    page_height: float
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def write_pdf(folder: Path, data: FormData, name: str = "doc", **options: object) -> Path:
    path = folder / f"{name}.pdf"
    path.write_bytes(render_document(data, **options))  # type: ignore[arg-type]
    return path


def pages_text(path: Path) -> list[str]:
    """Each page's text with runs of white space made single spaces."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
    pages = out.stdout.decode("utf-8").split("\f")[:-1]
    return [" ".join(page.split()) for page in pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True)
    found = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out.stdout.decode())
    return [(round(float(w), 2), round(float(h), 2)) for w, h in found]


def words(path: Path) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True)
    found: list[Word] = []
    html = out.stdout.decode("utf-8")
    for number, page in enumerate(re.split(r"<page ", html)[1:], start=1):
        width, height = (float(v) for v in re.findall(r'(?:width|height)="([\d.]+)"', page)[:2])
        for box in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            x0, y0, x1, y1 = (float(box.group(i)) for i in range(1, 5))
            found.append(Word(number, width, height, x0, y0, x1, y1, box.group(5)))
    return found


def rasterise(path: Path, folder: Path, *, page: int = 1, dpi: int = 150) -> Image.Image:
    stem = folder / f"{path.stem}-p{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile",
         str(path), str(stem)],
        check=True,
    )  # fmt: skip
    return Image.open(f"{stem}.png")


def decoded(path: Path, folder: Path, page: int = 1, dpi: int = 150) -> dict[str, list[str]]:
    """Every barcode zxing-cpp finds on the page, by format name."""
    found: dict[str, list[str]] = {}
    for result in zxingcpp.read_barcodes(rasterise(path, folder, page=page, dpi=dpi)):
        found.setdefault(result.format.name, []).append(result.text)
    return found


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- text comes out exact and NFC ---------------------------------------------------------


def test_receipt_text_is_exact_nfc_even_from_decomposed_input(tmp_path: Path) -> None:
    data = sample_form()
    person = Party(
        full_name=nfd("Nguyễn Thị Thuỷ"),
        id_number="001190012345",
        address=nfd("Số 7 ngõ Huế, phường Hoàn Kiếm, Hà Nội"),
    )
    data = dataclasses.replace(data, applicant=person, procedure_name=nfd("Đăng ký lại khai sinh"))
    assert person.full_name != "Nguyễn Thị Thuỷ"  # really decomposed
    first, second = pages_text(write_pdf(tmp_path, data))
    for page in (first, second):
        assert "Nguyễn Thị Thuỷ" in page
        assert "Số 7 ngõ Huế, phường Hoàn Kiếm, Hà Nội" in page
        assert "Đăng ký lại khai sinh" in page
        assert f"Mã hồ sơ: {SAMPLE_CODE}" in page
        assert "15 giờ 30 phút, ngày 03 tháng 12 năm 2026" in page  # the appointment
        assert "09 giờ 05 phút, ngày 26 tháng 11 năm 2026" in page  # received
        assert "Hà Nội, ngày 26 tháng 11 năm 2026" in page
        assert (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
        )
        assert "UBND PHƯỜNG HOÀN KIẾM" in page and "Đặng Hữu Ước" in page
        assert unicodedata.is_normalized("NFC", page)
    assert "(Liên 1: Lưu)" in first and "(Liên 2: Giao người nộp hồ sơ)" in second


def test_decomposed_input_draws_the_same_pixels_as_composed(tmp_path: Path) -> None:
    """The marks are drawn, not only extracted, right: NFD input renders like NFC input."""
    data = sample_form(FormKind.SUPPLEMENT)
    person = dataclasses.replace(data.applicant, full_name="Nguyễn Thị Ngọc Ánh")
    composed = dataclasses.replace(data, applicant=person)
    decomposed = dataclasses.replace(
        data, applicant=dataclasses.replace(person, full_name=nfd(person.full_name))
    )
    one = rasterise(write_pdf(tmp_path, composed, "nfc"), tmp_path, dpi=100)
    two = rasterise(write_pdf(tmp_path, decomposed, "nfd"), tmp_path, dpi=100)
    assert ImageChops.difference(one.convert("L"), two.convert("L")).getbbox() is None


def test_only_the_shipped_fonts_are_used_and_embedded(tmp_path: Path) -> None:
    out = subprocess.run(["pdffonts", str(write_pdf(tmp_path, sample_form()))], capture_output=True)
    rows = out.stdout.decode().splitlines()[2:]
    assert len(rows) == 3  # regular, bold, italic: each face used adds its subset
    assert all("LiberationSerif" in row and " yes yes yes " in row for row in rows), rows


# --- QR and barcode -----------------------------------------------------------------------


def _first_fields(texts: list[str]) -> list[str]:
    return [text.split("|")[0] for text in texts]


def test_the_receipt_qr_decodes_to_the_code_and_the_barcode_too(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, sample_form())
    for page in (1, 2):
        [text] = decoded(path, tmp_path, page)["QRCode"]
        assert text == sample_form().qr_payload and text.split("|")[0] == SAMPLE_CODE
        # 0.25 mm bars need a scanner's resolution, not the 150 dpi a QR code is happy with.
        assert decoded(path, tmp_path, page, dpi=300)["Code128"] == [SAMPLE_CODE]


@pytest.mark.parametrize("dpi", [203, 300])
def test_the_default_v1_qr_decodes_from_a_203_and_a_300_dpi_print(tmp_path: Path, dpi: int) -> None:
    """pdftoppm at a thermal head's and an office printer's resolution, read by the app's own
    decoder; every field TT 01/2023 names is there, in the documented order."""
    data = sample_form()
    path = write_pdf(tmp_path, data)
    image = rasterise(path, tmp_path, dpi=dpi)
    [text] = decode_qr_payloads(image)
    read = parse_receipt_qr(text)
    assert read is not None and read.layout == "v1"
    assert read.fields == {
        "code": SAMPLE_CODE,
        "layout": "v1",
        "procedure_code": data.procedure_code,
        "id_number": data.applicant.id_number,
        "title": "GIAY TIEP NHAN HO SO VA HEN TRA KET QUA",
        "system": "MOTCUA",
        "issued_at": data.header.dated.strftime("%Y%m%d%H%M%S"),
        "due_at": "20261203153000",
    }


def test_a_qr_with_several_fields_decodes_exactly_with_the_code_first(tmp_path: Path) -> None:
    data = sample_form()
    template = "{code}|{procedure_code}|{title}|{system}|{issued_at}"
    fields = receipt_qr_fields(
        data, title="GIẤY TIẾP NHẬN HỒ SƠ", system="HCC", issued_at=data.header.dated
    )
    payload = qr_payload(template, fields)
    path = write_pdf(tmp_path, dataclasses.replace(data, qr_payload=payload), layout=Layout.A4)
    [text] = decoded(path, tmp_path)["QRCode"]
    assert text == payload and text.split("|")[0] == SAMPLE_CODE


@pytest.mark.parametrize("layout", [Layout.A4_TWO_UP, Layout.THERMAL80])
def test_the_qr_decodes_on_the_other_receipt_layouts(tmp_path: Path, layout: Layout) -> None:
    path = write_pdf(tmp_path, sample_form(), layout=layout)
    expected = 2 if layout is Layout.A4_TWO_UP else 1
    assert _first_fields(decoded(path, tmp_path)["QRCode"]) == [SAMPLE_CODE] * expected


def test_the_qr_is_at_least_20_mm_with_its_quiet_zone(tmp_path: Path) -> None:
    data = sample_form()
    image = rasterise(write_pdf(tmp_path, data), tmp_path, dpi=300).convert("L")
    [result] = [r for r in zxingcpp.read_barcodes(image) if r.format.name == "QRCode"]
    left, top = result.position.top_left.x, result.position.top_left.y
    right, bottom = result.position.bottom_right.x, result.position.bottom_right.y
    modules = segno.make(data.qr_payload, error="m", micro=False).symbol_size(border=0)[0]
    assert (right - left) / 300 * 25.4 >= 20  # outer corners of the symbol
    module = (right - left) / modules
    quiet = 4 * module - 2  # a pixel of anti-aliasing either side
    strips = [
        (left - quiet, top - quiet, left - 2, bottom + quiet),  # left
        (right + 2, top - quiet, right + quiet, bottom + quiet),  # right
        (left - quiet, top - quiet, right + quiet, top - 2),  # above
        (left - quiet, bottom + 2, right + quiet, bottom + quiet),  # below
    ]
    for box in strips:
        darkest, _ = image.crop(tuple(int(v) for v in box)).getextrema()
        assert darkest > 200, f"the quiet zone is not blank at {box}"


# --- numbering of the two form sets -------------------------------------------------------


def test_2018_and_2025_number_the_control_slip_05_and_06(tmp_path: Path) -> None:
    old = pages_text(write_pdf(tmp_path, sample_form(FormKind.CONTROL, form_set="2018"), "a"))
    new = pages_text(write_pdf(tmp_path, sample_form(FormKind.CONTROL, form_set="2025"), "b"))
    assert len(old) == len(new) == 1  # one copy travels with the dossier
    assert "Mẫu số 05" in old[0] and "Mẫu số 06" not in old[0]
    assert "Mẫu số 06" in new[0] and "Mẫu số 05" not in new[0]
    for text in (old[0], new[0]):
        assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
        assert "10 giờ 00 phút, ngày 26" in text  # the first hand-over (wrapped in its cell)
        assert text.count("1. Giao:") == 5  # the filled row and four blank blocks


def test_the_stop_notice_has_no_number_in_the_2018_set(tmp_path: Path) -> None:
    old = pages_text(write_pdf(tmp_path, sample_form(FormKind.STOP, form_set="2018"), "a"))
    new = pages_text(write_pdf(tmp_path, sample_form(FormKind.STOP, form_set="2025"), "b"))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in old[0] and "Mẫu số" not in old[0]
    assert "Mẫu số 05" in new[0]


def test_the_apology_title_follows_the_set(tmp_path: Path) -> None:
    old = pages_text(write_pdf(tmp_path, sample_form(FormKind.APOLOGY, form_set="2018"), "a"))
    new = pages_text(write_pdf(tmp_path, sample_form(FormKind.APOLOGY, form_set="2025"), "b"))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in old[0]
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in new[0]
    assert "15 giờ 30 phút, ngày 10 tháng 12 năm 2026" in new[0]  # the new appointment


def test_the_2025_receipt_variant_prints_fees_and_no_processing_time(tmp_path: Path) -> None:
    [text, _] = pages_text(write_pdf(tmp_path, sample_form(form_set="2025-alt")))
    assert "5. Phí, lệ phí (nếu có): 5.000 đồng" in text
    assert "Thời gian giải quyết hồ sơ theo quy định" not in text
    assert "Vào Sổ theo dõi hồ sơ (nếu có), Quyển số: 01/2026" in text


# --- page sizes, copies and every form on every paper -------------------------------------


@pytest.mark.parametrize(
    ("layout", "sizes"),
    [
        (Layout.A5, [A5, A5]),
        (Layout.A4, [A4, A4]),
        (Layout.A4_TWO_UP, [A4_LANDSCAPE]),
    ],
)
def test_page_sizes(tmp_path: Path, layout: Layout, sizes: list[tuple[float, float]]) -> None:
    path = write_pdf(tmp_path, sample_form(), layout=layout)
    assert page_sizes(path) == sizes


def test_the_thermal_slip_is_80_mm_wide_and_as_tall_as_its_content(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, sample_form(), layout=Layout.THERMAL80)
    [(width, height)] = page_sizes(path)
    assert width == pytest.approx(80 * mm, abs=0.01)
    lowest = max(word.y_max for word in words(path))
    assert height - 4 * mm - 2 <= lowest <= height - 4 * mm + TOLERANCE
    text = pages_text(path)[0]
    assert SAMPLE_CODE in text and "Đăng ký lại khai sinh" in text and "024 3825 1234" in text


def test_two_up_puts_both_copies_on_one_sheet(tmp_path: Path) -> None:
    [sheet] = pages_text(write_pdf(tmp_path, sample_form(), layout=Layout.A4_TWO_UP))
    assert "(Liên 1: Lưu)" in sheet and "(Liên 2: Giao người nộp hồ sơ)" in sheet
    assert sheet.count("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") == 2


def test_one_copy_prints_one_page(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, sample_form(FormKind.REFUSAL), copies=(Copy.CITIZEN,))
    [page] = pages_text(path)
    assert "(Bản giao người nộp hồ sơ)" in page and "PHIẾU TỪ CHỐI TIẾP NHẬN" in page


@pytest.mark.parametrize(("kind", "layout"), ALL_KIND_LAYOUTS)
def test_every_form_on_every_paper_keeps_long_text_inside_the_margins(
    tmp_path: Path, kind: FormKind, layout: Layout
) -> None:
    data = sample_form(kind, long_text=True, reprint=True)
    path = write_pdf(tmp_path, data, layout=layout)
    texts = pages_text(path)
    joined = " ".join(texts)
    if kind is not FormKind.CONTROL:  # the control slip names units, not the applicant
        assert LONG_NAME in joined
    if kind is not FormKind.CONTROL and layout is not Layout.THERMAL80:
        assert LONG_ADDRESS in joined
    assert all("BẢN IN LẠI" in page for page in texts), "a reprint is marked on every page"
    left, right = MARGINS[layout]
    for word in words(path):
        low, high = left, word.page_width - right
        if layout is Layout.A4_TWO_UP and word.x_min >= word.page_width / 2:
            low = word.page_width / 2 + left
        elif layout is Layout.A4_TWO_UP:
            high = word.page_width / 2 - right
        assert low - TOLERANCE <= word.x_min and word.x_max <= high + TOLERANCE, word
        assert word.y_min >= 0 and word.y_max <= word.page_height, word
    assert overlapping(words(path)) == []


def overlapping(found: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words on one page whose boxes overlap (beyond rounding): text drawn on text."""
    pairs = []
    for index, one in enumerate(found):
        for two in found[index + 1 :]:
            if one.page != two.page:
                continue
            wide = min(one.x_max, two.x_max) - max(one.x_min, two.x_min)
            high = min(one.y_max, two.y_max) - max(one.y_min, two.y_min)
            if wide > TOLERANCE and high > TOLERANCE:
                pairs.append((one.text, two.text))
    return pairs


def test_a_long_documents_table_goes_on_onto_another_page(tmp_path: Path) -> None:
    name = "bản sao giấy tờ chứng minh nơi cư trú của người yêu cầu"
    papers = tuple(DocumentLine(f"Giấy tờ số {n}: {name}", "Bản sao", 1) for n in range(1, 31))
    data = dataclasses.replace(sample_form(), documents=papers)
    path = write_pdf(tmp_path, data, copies=(Copy.OFFICE,))
    texts = pages_text(path)
    assert len(texts) >= 2
    assert all(f"Trang {i}/{len(texts)}" in page for i, page in enumerate(texts, start=1))
    assert all("Tên giấy tờ" in page for page in texts[: len(texts) - 1])  # header repeated
    assert "(tiếp theo)" in texts[1] and SAMPLE_CODE in texts[1]
    assert all(f"Giấy tờ số {n}:" in " ".join(texts) for n in range(1, 31))
    for word in words(path):
        assert word.y_max <= word.page_height - 10 * mm * 0.5, word  # nothing in the bottom edge


@pytest.mark.parametrize(("kind", "layout"), ALL_KIND_LAYOUTS)
def test_a_form_with_nothing_optional_filled_in_still_prints(
    tmp_path: Path, kind: FormKind, layout: Layout
) -> None:
    bare = dataclasses.replace(
        sample_form(kind), code="", qr_payload="", due_at=None, processing_days=None,
        documents=(), items=(), reason="", clerk="", applicant=Party(full_name=""),
    )  # fmt: skip
    path = write_pdf(tmp_path, bare, layout=layout)
    text = " ".join(pages_text(path))
    assert "……" in text  # blanks to fill in by hand
    assert "QRCode" not in decoded(path, tmp_path)
    assert overlapping(words(path)) == []
