"""Dates, ID-number structure and text folding: the pieces the parser is made of."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.dates import (
    InvalidDate,
    PartialDate,
    Precision,
    is_card_format,
    parse_card_date,
)
from counter_app.domain.id_number import PROVINCES, Sex, id_number_facts, is_old_id_number
from counter_app.domain.text import fold, repair_mojibake, split_scans


@pytest.mark.parametrize(
    ("text", "iso", "precision", "unusual"),
    [
        ("05061989", "1989-06-05", Precision.DAY, False),
        ("061989", "1989-06", Precision.MONTH, False),
        ("1989", "1989", Precision.YEAR, False),
        ("5/6/1989", "1989-06-05", Precision.DAY, True),
        ("05-06-1989", "1989-06-05", Precision.DAY, True),
        ("06.1989", "1989-06", Precision.MONTH, True),
        ("29022024", "2024-02-29", Precision.DAY, False),
    ],
)
def test_card_dates(text: str, iso: str, precision: Precision, unusual: bool) -> None:
    value = parse_card_date(text)
    assert (value.iso(), value.precision, not is_card_format(text)) == (
        iso,
        precision,
        unusual,
    )
    assert PartialDate.from_iso(iso) == value


@pytest.mark.parametrize(
    "text", ["31021989", "29022023", "00061989", "131989", "0000", "1989-6", "abc"]
)
def test_not_dates(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_card_date(text)


def test_partial_date_bounds_and_display() -> None:
    assert PartialDate(2024, 2).latest() == date(2024, 2, 29)
    assert PartialDate(2023, 12).latest() == date(2023, 12, 31)
    assert PartialDate(1953).earliest() == date(1953, 1, 1)
    assert [PartialDate(1947, 3).display(), PartialDate(1989, 6, 5).display()] == [
        "03/1947",
        "05/06/1989",
    ]


@pytest.mark.parametrize(
    ("id_number", "place", "sex", "year"),
    [
        ("001089004217", "Hà Nội", Sex.MALE, 1989),
        ("001305009876", "Hà Nội", Sex.FEMALE, 2005),
        ("079192004680", "TP Hồ Chí Minh", Sex.FEMALE, 1992),
        ("031095002468", "Hải Phòng", Sex.MALE, 1995),
        ("001418000001", "Hà Nội", Sex.MALE, 2118),
        ("232301000001", "Nhật Bản", Sex.FEMALE, 2001),
        ("150090000001", "nước ngoài (150)", Sex.MALE, 1990),
        ("097090000001", None, Sex.MALE, 1990),
    ],
)
def test_id_number_structure(id_number: str, place: str | None, sex: Sex, year: int) -> None:
    facts = id_number_facts(id_number)
    assert (facts.place_name, facts.sex, facts.birth_year) == (place, sex, year)


def test_all_63_provinces_are_known() -> None:
    assert len(PROVINCES) == 63
    assert PROVINCES["046"] == "Thừa Thiên Huế"


@pytest.mark.parametrize(
    ("text", "ok"), [("013579246", True), ("0135792461", False), ("001089004217", True)]
)
def test_old_id_lengths(text: str, ok: bool) -> None:
    assert is_old_id_number(text) is ok


def test_fold_removes_marks_and_d_stroke() -> None:
    assert fold("Đặng Thị Thuỷ") == fold("DANG THI THUY") == "dang thi thuy"
    assert fold("Hòa") == fold("Hoà")


def test_repair_only_touches_broken_text() -> None:
    assert repair_mojibake("Trần Quốc Bảo") is None
    assert repair_mojibake("Ä‘áº¹p") == "đẹp"
    assert repair_mojibake("Ä‘Æ°á»\ufffdng") is None  # 'ờ' lost its byte 0x9D


def test_split_scans_drops_blank_lines_and_noise() -> None:
    assert split_scans("\ufeffa|b\r\n\r\n\u200bc|d\n  \n") == ["a|b", "c|d"]


@pytest.mark.parametrize(
    "parts", [(2023, 2, 29), (2023, None, 5), (2023, 13), (2023, 0), (0,), (10000,), (1990, 4, 31)]
)
def test_partial_date_refuses_impossible_parts(parts: tuple[int | None, ...]) -> None:
    with pytest.raises(InvalidDate):
        PartialDate(*parts)  # type: ignore[arg-type]


def test_partial_date_is_an_immutable_value() -> None:
    value = PartialDate(1989, 6, 5)
    assert value == PartialDate(1989, 6, 5) and hash(value) == hash(PartialDate(1989, 6, 5))
    with pytest.raises(AttributeError):
        value.year = 1990  # type: ignore[misc]
