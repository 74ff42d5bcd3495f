"""A tracking log of many pages: every page repeats the header, numbers itself and carries the
audit chain's head; the workbook's 2018 form set prints its own number."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl

from counter_app.documents.log_pdf import log_pdf
from counter_app.documents.log_xlsx import log_xlsx
from tests.log_helpers import CHAIN_HASH, sample_log


def _page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    (line,) = [each for each in info.stdout.splitlines() if each.startswith("Pages:")]
    return int(line.split()[1])


def test_every_page_repeats_the_header_and_carries_its_number_and_the_chain_head(
    tmp_path: Path,
) -> None:
    log = sample_log(120, signed=True)
    pdf = tmp_path / "log.pdf"
    pdf.write_bytes(log_pdf(log))
    total = _pages(pdf)
    assert total >= 4
    seen = ""
    for page in range(1, total + 1):
        text = _page_text(pdf, page)
        assert "Mã hồ sơ" in text and "Ngày, tháng, năm" in text and "(13)" in text
        assert f"Trang {page}/{total}" in text
        assert f"#4217 {CHAIN_HASH[:16]}" in text and "Xuất lúc 17:30 02/11/2026" in text
        seen += text
    assert ("SỔ THEO DÕI HỒ SƠ" in _page_text(pdf, 1)) and "SỔ THEO DÕI" not in _page_text(pdf, 2)
    for row in log.rows:
        assert row.code in seen
    last = _page_text(pdf, total)
    assert "Tổng số: 120 hồ sơ" in last
    assert "ký xác nhận: Trần Văn Bình, lúc 17 giờ 05 ngày 02/11/2026" in last


def test_the_2018_workbook_prints_its_form_number_and_the_sign_off() -> None:
    book = openpyxl.load_workbook(io.BytesIO(log_xlsx(sample_log(3, form_set="2018", signed=True))))
    sheet = book.active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Mẫu số 06" in values
    assert any(isinstance(v, str) and "ký xác nhận: Trần Văn Bình" in v for v in values)
    assert "Tổng số: 3 hồ sơ" in values


def test_text_that_looks_like_a_formula_stays_text() -> None:
    log = sample_log(1)
    typed = replace(log.rows[0], applicant='=HYPERLINK("http://example.invalid","Bấm")')
    book = openpyxl.load_workbook(io.BytesIO(log_xlsx(replace(log, rows=(typed,)))))
    cell = book.active.cell(10, 5)
    assert cell.value == typed.applicant and cell.data_type == "s"
