"""Telling scans apart by shape, framing serial bytes, and the procedure search."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.dossier_code import looks_like_dossier_code
from counter_app.domain.procedure import Procedure
from tests.payloads import T1, T4, T10, T14, T15
from ui.intake.procedure_search import matches, suggestions
from ui.scanner.router import ScanKind, route_scan
from ui.scanner.serial import decode_scan

TODAY = date(2026, 11, 10)
RECEIPT = "000.31.27.H26-261110-1001"


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (T1, ScanKind.CARD),
        (T4, ScanKind.CARD),
        (T10, ScanKind.CARD),
        (RECEIPT, ScanKind.DOSSIER),
        (f"{RECEIPT}|1.001193|001089004217|Giấy tiếp nhận", ScanKind.DOSSIER),
        (f" {RECEIPT}\r\n", ScanKind.DOSSIER),
        ("001089004217", ScanKind.TYPED_ID),
        (T14, ScanKind.REJECTED),
        (T15, ScanKind.REJECTED),
        ("000201010211385400", ScanKind.REJECTED),
        ("000.31.27.H26-2611-1001|x", ScanKind.REJECTED),
    ],
)
def test_a_scan_is_routed_by_its_shape(payload: str, kind: ScanKind) -> None:
    assert route_scan(payload, today=TODAY).kind is kind


def test_a_receipt_route_carries_the_code_and_a_card_route_its_reading() -> None:
    assert route_scan(f"{RECEIPT}|x", today=TODAY).text == RECEIPT
    card = route_scan(T1, today=TODAY)
    assert card.reading is not None and card.reading.full_name == "Trần Quốc Bảo"
    assert not looks_like_dossier_code("001089004217")


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Trần Quốc Bảo".encode(), "Trần Quốc Bảo"),
        (
            "Lê Thị".encode("cp1252", errors="replace"),
            "Lê Thị".encode("cp1252", errors="replace").decode("cp1252"),
        ),
        (b"\x81\x8d", "\x81\x8d"),  # no UTF-8, no cp1252: Latin-1 keeps every byte
    ],
)
def test_serial_bytes_decode_utf8_then_cp1252_then_latin1(raw: bytes, text: str) -> None:
    assert decode_scan(raw) == text


def _procedure(code: str, name: str) -> Procedure:
    return Procedure(code, name, "", "", 1, False, 0, (), "high")


BIRTH = _procedure("1.001193", "Đăng ký khai sinh")
LATE_BIRTH = _procedure("1.004884", "Đăng ký lại khai sinh")
MARRIAGE = _procedure("1.000894", "Đăng ký kết hôn")
COPY = _procedure("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("khai sinh", True),
        ("KHAI SINH", True),
        ("dang ky khai", True),
        ("ks", True),
        ("dkks", True),
        ("1.0011", True),
        ("1.001193", True),
        ("ket hon", False),
        ("2.", False),
        ("sinh khai x", False),
    ],
)
def test_the_procedure_search_is_accent_free_by_words_initials_or_code(
    query: str, found: bool
) -> None:
    assert matches(BIRTH, query) is found


def test_suggestions_put_the_counters_most_used_first_then_the_plain_procedure() -> None:
    catalogue = [COPY, LATE_BIRTH, MARRIAGE, BIRTH]
    assert suggestions(catalogue, "ks", {})[:2] == [BIRTH, LATE_BIRTH]
    assert suggestions(catalogue, "ks", {LATE_BIRTH.code: 0})[0] == LATE_BIRTH
    assert suggestions(catalogue, "", {COPY.code: 0, MARRIAGE.code: 1})[:2] == [COPY, MARRIAGE]
