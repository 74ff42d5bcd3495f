"""``counter-app receipt`` and ``counter-app form …`` as IT or a script runs them."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from counter_app.cli import main

SETUP = ["setup", "--agency-code", "000.31.27.H26", "--agency-name", "UBND phường Hoàn Kiếm"]
ADD = [
    "dossier",
    "add",
    "--procedure",
    "1.004873",
    "--id-number",
    "001189004218",
    "--name",
    "Nguyễn Thị Thuỷ",
    "--dob",
    "05/06/1989",
    "--address",
    "Số 1 phố Huế, Hà Nội",
    "--json",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return status, lines, out + err


@pytest.fixture
def code(capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, *SETUP, "--counter", "1")[0] == 0
    status, lines, _ = run(capsys, *ADD)
    assert status == 0
    return str(lines[0]["code"])


def test_receipt_writes_an_owner_only_pdf_and_reports_it(
    capsys: pytest.CaptureFixture[str], code: str, tmp_path: Path
) -> None:
    out = tmp_path / "receipt.pdf"
    status, lines, _ = run(capsys, "receipt", code, "--out", str(out), "--json")
    assert status == 0 and lines[0]["form"] == "receipt" and not lines[0]["reprint"]
    assert lines[0]["layout"] == "a5" and lines[0]["copies"] == ["office", "citizen"]
    assert out.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+2$", pages.stdout, re.M)
    before = out.read_bytes()
    status, _, said = run(capsys, "--lang", "en", "receipt", code, "--out", str(out))
    assert status == 2 and "OUTPUT_EXISTS" in said and out.read_bytes() == before
    status, _, said = run(capsys, "--lang", "en", "receipt", code, "--out", str(out), "--force")
    assert status == 0 and "reprint" in said and out.read_bytes() != before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--copies", "citizen,nobody"], "BAD_OPTION"),
        (["--layout", "thermal80"], "THERMAL_SLIP_OFF"),
    ],
)
def test_bad_receipt_options_exit_2_with_a_sentence(
    capsys: pytest.CaptureFixture[str], code: str, tmp_path: Path, args: list[str], expected: str
) -> None:
    out = tmp_path / "r.pdf"
    status, _, said = run(capsys, "receipt", code, "--out", str(out), *args)
    assert status == 2 and expected in said and not out.exists()


def test_a_missing_folder_or_unknown_dossier_exits_2(
    capsys: pytest.CaptureFixture[str], code: str, tmp_path: Path
) -> None:
    status, _, said = run(capsys, "receipt", code, "--out", str(tmp_path / "no" / "r.pdf"))
    assert status == 2 and "OUTPUT_FOLDER_MISSING" in said
    status, _, said = run(capsys, "receipt", "H26-000000-0000", "--out", str(tmp_path / "r.pdf"))
    assert status == 2 and "DOSSIER_NOT_FOUND" in said
    status, lines, _ = run(capsys, "form", "list", code, "--json")
    assert status == 0 and lines == []  # the failed prints recorded nothing


def test_forms_move_the_dossier_and_are_listed(
    capsys: pytest.CaptureFixture[str], code: str, tmp_path: Path
) -> None:
    out = tmp_path / "f.pdf"
    status, lines, _ = run(
        capsys,
        "form",
        "supplement",
        code,
        "--out",
        str(out),
        "--reason",
        "Thiếu giấy tờ",
        "--item",
        "Bản sao Giấy khai sinh",
        "--json",
    )
    assert status == 0 and lines[0]["status"] == 5 and lines[0]["number"] == "10001/PYCBS-TTPVHCC"
    status, _, said = run(capsys, "form", "stop", code, "--out", str(out), "--force")
    assert status == 2 and "REASON_REQUIRED" in said
    status, lines, _ = run(capsys, "form", "apology", code, "--out", str(out), "--force", "--json")
    assert status == 2
    status, lines, _ = run(capsys, "form", "list", code, "--json")
    assert [d["kind"] for d in lines] == ["supplement"]


def test_form_settings_show_change_and_validate(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    status, lines, _ = run(capsys, "form", "settings", "--json")
    assert status == 0
    assert lines[0]["parent_authority"] == "UBND PHƯỜNG HOÀN KIẾM"
    assert lines[0]["unit_name"] == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HOÀN KIẾM"
    status, lines, _ = run(
        capsys,
        "form",
        "settings",
        "--counter-phone",
        "024 3825 1234",
        "--thermal-slip",
        "on",
        "--json",
    )
    assert status == 0 and lines[0]["counter_phone"] == "024 3825 1234" and lines[0]["thermal_slip"]
    status, _, said = run(capsys, "form", "settings", "--qr-template", "{id_number}|{code}")
    assert status == 2 and "QR_TEMPLATE_INVALID" in said


def test_dossier_add_prints_the_outcome_form_and_keeps_the_dossier_if_printing_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, *SETUP, "--counter", "1")[0] == 0
    out = tmp_path / "guided.pdf"
    status, lines, _ = run(
        capsys, *ADD, "--outcome", "supplement", "--reason", "Thiếu tờ khai", "--print-to", str(out)
    )
    assert status == 0 and lines[0]["printed"] == str(out) and out.exists()
    status, listed, _ = run(capsys, "form", "list", lines[0]["code"], "--json")
    assert [d["kind"] for d in listed] == ["supplement"]
    missing = tmp_path / "no-such-folder" / "r.pdf"
    status, lines, _ = run(capsys, *ADD, "--print-to", str(missing))
    assert status == 1 and lines[0]["print_error"]["code"] == "OUTPUT_FOLDER_MISSING"
    status, shown, _ = run(capsys, "dossier", "show", lines[0]["code"], "--json")
    assert shown[0]["code"] == lines[0]["code"]
    assert status == 0  # the dossier was saved although its receipt could not be written
