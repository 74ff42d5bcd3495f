"""``counter-app id chip`` as a process, against an emulated card through pcsc-lite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.chip.cards import Person
from tests.chip.fixtures import ServeCard

QR = (
    "001089004217|013579246|Trần Quốc Bảo|05061989|Nam|"
    "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021"
)


def _chip(stdin: str, *args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "counter_app", "id", "chip", "--json", *args],
        input=stdin.encode("utf-8"), capture_output=True, timeout=120, env=os.environ.copy(),
        check=False,
    )  # fmt: skip
    lines = done.stdout.decode("utf-8").strip().splitlines()
    return done.returncode, json.loads(lines[-1])


def test_qr_then_chip_gives_the_verified_identity_with_its_portrait(
    serve_card: ServeCard, trust_folder: Path
) -> None:
    with serve_card("good"):
        status, out = _chip(QR + "\n", "--qr", "-")
    assert status == 0, out
    assert out["source"] == "chip" and out["verification"] == "verified"
    assert out["full_name"] == "Trần Quốc Bảo" and out["id_number"] == "001089004217"
    assert out["date_of_birth"] == "1989-06-05" and out["issue_date"] == "2021-04-12"
    assert out["address"] == Person().residence
    assert len(out["portrait_sha256"]) == 64
    assert "CHIP_QR_DIFFER" not in out["warnings"]


def test_a_qr_whose_name_differs_from_the_chip_gives_a_finding(
    serve_card: ServeCard, trust_folder: Path
) -> None:
    other_name = QR.replace("Trần Quốc Bảo", "Trần Quốc Báo")
    with serve_card("good"):
        _, out = _chip(other_name + "\n", "--qr", "-")
    differ = [f for f in out["findings"] if f["code"] == "CHIP_QR_DIFFER"]
    assert [f["field"] for f in differ] == ["full_name"]
    assert out["full_name"] == "Trần Quốc Bảo"


def test_typed_values_and_a_typed_expiry_open_the_chip(
    serve_card: ServeCard, trust_folder: Path
) -> None:
    typed = json.dumps({"id_number": "001089004217", "date_of_birth": "05/06/1989"})
    with serve_card("good"):
        status, out = _chip(typed + "\n", "--expiry", "290605")
    assert status == 0 and out["verification"] == "verified"


def test_a_tampered_card_is_refused_with_its_code(
    serve_card: ServeCard, trust_folder: Path
) -> None:
    with serve_card("tampered"):
        status, out = _chip(QR + "\n", "--qr", "-")
    assert status != 0 and out["error_code"] == "CHIP_TAMPERED"
    assert out["full_name"] is None


def test_a_wrong_signer_is_refused_with_its_code(serve_card: ServeCard, trust_folder: Path) -> None:
    with serve_card("wrong_signer"):
        status, out = _chip(QR + "\n", "--qr", "-")
    assert status != 0 and out["error_code"] == "CHIP_SIGNATURE_BAD"


def test_a_wrong_expiry_is_one_clear_failure(serve_card: ServeCard, trust_folder: Path) -> None:
    with serve_card("good"):
        status, out = _chip(QR + "\n", "--qr", "-", "--expiry", "300101")
    assert status != 0 and out["error_code"] == "CHIP_ACCESS_DENIED"
    assert "hạn" in out["error"]  # the message asks for the date printed on the card


def test_without_a_trusted_csca_the_identity_is_read_not_verified(
    serve_card: ServeCard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTER_APP_CSCA_DIR", str(tmp_path / "no-csca"))
    with serve_card("good"):
        status, out = _chip(QR + "\n", "--qr", "-")
    assert status == 0 and out["verification"] == "not_verified"
    assert "CHIP_NOT_VERIFIED" in out["warnings"] and out["full_name"] == "Trần Quốc Bảo"


def test_no_card_on_the_reader_is_one_clear_error(chip_pcscd: object) -> None:
    status, out = _chip(QR + "\n", "--qr", "-")
    assert status == 1 and out["error_code"] == "CHIP_NO_CARD"
    assert "Chưa có thẻ" in out["error"]


def test_a_reader_number_that_does_not_exist_is_no_reader(chip_pcscd: object) -> None:
    status, out = _chip(QR + "\n", "--qr", "-", "--reader", "7")
    assert status == 3 and out["error_code"] == "CHIP_NO_READER"


def test_the_readers_are_listed_with_the_card_on_them(serve_card: ServeCard) -> None:
    with serve_card("good"):
        done = subprocess.run(
            [sys.executable, "-m", "counter_app", "id", "readers", "--json"],
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert done.returncode == 0
    assert lines[0] == {"reader": 0, "name": "Virtual PCD 00 00", "card_present": True}
    assert lines[1]["card_present"] is False
