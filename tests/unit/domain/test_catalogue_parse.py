"""Reading a catalogue CSV: the shipped file, every refusal with its line, column and reason."""

from __future__ import annotations

import unicodedata
from datetime import time

import pytest

from counter_app.domain.catalogue import (
    CatalogueInvalidError,
    CatalogueNotUtf8Error,
    Reason,
    SearchQuery,
    decode_catalogue,
    parse_catalogue,
    parse_search,
    split_code,
)
from counter_app.messages import EN, VI, message_for
from counter_app.resources import resource_path
from counter_app.services.catalogue import describe_row_error

HEADER = "code,name_vi,name_en,field,processing_days,same_day,fee_vnd,documents,confidence"
GOOD = "1.001193,Đăng ký khai sinh,Birth registration,Hộ tịch,0,1,0,Tờ khai;Giấy chứng sinh,high"


def csv_of(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def shipped_text() -> str:
    return decode_catalogue(resource_path("catalogue", "procedures.csv").read_bytes())


def test_the_shipped_catalogue_has_29_procedures_two_switched_off() -> None:
    procedures = parse_catalogue(shipped_text())
    assert len(procedures) == 29
    assert sorted(p.code for p in procedures if not p.active) == ["1.004194", "1.004222"]
    adoption = next(p for p in procedures if p.code == "2.001263")
    assert adoption.calendar_days == 30 and not adoption.same_day
    assert all(p.calendar_days == 0 for p in procedures if p.code != "2.001263")


def test_the_shipped_catalogue_is_nfc_and_same_day_rows_have_no_days() -> None:
    for p in parse_catalogue(shipped_text()):
        for text in (p.name_vi, p.field, *p.documents):
            assert unicodedata.is_normalized("NFC", text)
        assert not p.same_day or p.processing_days == 0
        assert p.confidence in ("high", "medium", "low") and p.documents


def test_a_good_row_becomes_a_procedure() -> None:
    [p] = parse_catalogue(csv_of(GOOD))
    assert (p.code, p.agency_suffix, p.same_day, p.fee_vnd) == ("1.001193", "", True, 0)
    assert p.documents == ("Tờ khai", "Giấy chứng sinh")
    assert p.active and p.calendar_days == 0 and p.cutoff is None


def test_optional_columns_and_an_agency_suffix() -> None:
    header = HEADER + ",active,calendar_days,cutoff"
    row = "2.001263.000.00.00.H26,Nuôi con nuôi,Adoption,Nuôi con nuôi,30,0,400000,Đơn,medium,0,30,"
    same_day = GOOD.replace("1.001193", "2.000815.H26") + ",1,,11:30"
    first, second = parse_catalogue(csv_of(row, same_day, header=header))
    assert (first.code, first.agency_suffix, first.active, first.calendar_days) == (
        "2.001263", ".000.00.00.H26", False, 30,
    )  # fmt: skip
    assert (second.agency_suffix, second.cutoff, second.active) == (".H26", time(11, 30), True)


def test_text_is_nfc_and_trimmed() -> None:
    decomposed = unicodedata.normalize("NFD", "Đăng ký khai sinh")
    [p] = parse_catalogue(csv_of(GOOD.replace("Đăng ký khai sinh", f"  {decomposed}  ")))
    assert p.name_vi == "Đăng ký khai sinh"


def test_a_bom_is_accepted_and_other_encodings_are_refused() -> None:
    assert len(parse_catalogue(decode_catalogue(b"\xef\xbb\xbf" + csv_of(GOOD).encode()))) == 1
    with pytest.raises(CatalogueNotUtf8Error) as refused:
        decode_catalogue(csv_of(GOOD).encode("cp1258", errors="replace") + b"\n\xff")
    assert refused.value.code == "CATALOGUE_NOT_UTF8"
    assert refused.value.detail.startswith("line ")


def replace_cell(column: str, value: str) -> str:
    cells = GOOD.split(",")
    cells[HEADER.split(",").index(column)] = value
    return ",".join(cells)


BAD_CELLS = [
    ("code", "1.0011", Reason.BAD_CODE),
    ("code", "4.001193", Reason.BAD_CODE),
    ("code", "1.001193.", Reason.BAD_CODE),
    ("code", "", Reason.EMPTY),
    ("name_vi", " ", Reason.EMPTY),
    ("name_en", "", Reason.EMPTY),
    ("field", "", Reason.EMPTY),
    ("processing_days", "-1", Reason.NOT_INTEGER),
    ("processing_days", "2.5", Reason.NOT_INTEGER),
    ("processing_days", "", Reason.EMPTY),
    ("processing_days", "3", Reason.SAME_DAY_WITH_DAYS),
    ("same_day", "2", Reason.NOT_FLAG),
    ("same_day", "yes", Reason.NOT_FLAG),
    ("fee_vnd", "1e3", Reason.NOT_INTEGER),
    ("fee_vnd", "1234567890", Reason.NOT_INTEGER),
    ("documents", "", Reason.EMPTY),
    ("documents", "Tờ khai;;Giấy chứng sinh", Reason.EMPTY_DOCUMENT),
    ("documents", "Tờ khai;", Reason.EMPTY_DOCUMENT),
    ("confidence", "sure", Reason.BAD_CONFIDENCE),
]


@pytest.mark.parametrize(("column", "value", "reason"), BAD_CELLS)
def test_a_bad_cell_is_reported_with_line_column_and_reason(
    column: str, value: str, reason: Reason
) -> None:
    with pytest.raises(CatalogueInvalidError) as refused:
        parse_catalogue(csv_of(GOOD.replace("1.001193", "1.000656"), replace_cell(column, value)))
    assert [(e.line, e.column, e.reason) for e in refused.value.errors] == [(3, column, reason)]
    assert refused.value.code == "CATALOGUE_INVALID"


OPTIONAL_BAD = [
    ("active", "2", Reason.NOT_FLAG),
    ("calendar_days", "x", Reason.NOT_INTEGER),
    ("calendar_days", "30", Reason.CALENDAR_SAME_DAY),
    ("cutoff", "25:00", Reason.BAD_CUTOFF),
    ("cutoff", "3pm", Reason.BAD_CUTOFF),
]


@pytest.mark.parametrize(("column", "value", "reason"), OPTIONAL_BAD)
def test_bad_optional_cells(column: str, value: str, reason: Reason) -> None:
    with pytest.raises(CatalogueInvalidError) as refused:
        parse_catalogue(csv_of(f"{GOOD},{value}", header=f"{HEADER},{column}"))
    assert [(e.line, e.column, e.reason) for e in refused.value.errors] == [(2, column, reason)]


BAD_FILES = [
    ("", [(1, "", Reason.NO_HEADER)]),
    (HEADER + "\n", [(2, "", Reason.NO_ROWS)]),
    (csv_of(GOOD, header=HEADER.replace(",fee_vnd", "")), [(1, "fee_vnd", Reason.MISSING_COLUMN)]),
    (csv_of(GOOD, header=HEADER.replace("fee_vnd", "fee")), [
        (1, "fee_vnd", Reason.MISSING_COLUMN), (1, "fee", Reason.UNKNOWN_COLUMN),
    ]),
    (csv_of(GOOD + ",x", header=HEADER + ",code"), [(1, "code", Reason.DUPLICATE_COLUMN)]),
    (csv_of(GOOD, GOOD), [(3, "code", Reason.DUPLICATE_CODE)]),
    (csv_of(GOOD, GOOD.replace("1.001193", "1.001193.H26")), [(3, "code", Reason.DUPLICATE_CODE)]),
    (csv_of(GOOD, "1.000656,A,B"), [(3, "", Reason.FIELD_COUNT)]),
    (csv_of(GOOD, GOOD.replace("1.001193", "1.000656") + ",extra"), [(3, "", Reason.FIELD_COUNT)]),
    (csv_of(GOOD, '1.000656,"never closed'), [(3, "", Reason.BAD_QUOTING)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BAD_FILES)
def test_bad_files(text: str, expected: list[tuple[int, str, Reason]]) -> None:
    with pytest.raises(CatalogueInvalidError) as refused:
        parse_catalogue(text)
    assert [(e.line, e.column, e.reason) for e in refused.value.errors] == expected


def test_every_problem_is_collected_in_file_order_with_real_line_numbers() -> None:
    multi_line = '1.000656,"Đăng ký\nkhai tử",Death,Hộ tịch,0,1,0,Tờ khai,high'
    bad = "2.00x,,B,C,1,1,-5,A,maybe"
    with pytest.raises(CatalogueInvalidError) as refused:
        parse_catalogue(csv_of(GOOD, multi_line, "", bad, replace_cell("same_day", "7")))
    assert [(e.line, e.column) for e in refused.value.errors] == [
        (6, "code"), (6, "name_vi"), (6, "processing_days"), (6, "fee_vnd"), (6, "confidence"),
        (7, "same_day"),
    ]  # fmt: skip


def test_trailing_empty_cells_and_blank_lines_are_harmless() -> None:
    assert len(parse_catalogue(csv_of(GOOD + ",,", "", " "))) == 1


def test_row_errors_read_as_sentences_in_both_languages() -> None:
    with pytest.raises(CatalogueInvalidError) as refused:
        parse_catalogue(csv_of(GOOD, GOOD, replace_cell("fee_vnd", "abc")))
    duplicate, fee = refused.value.errors
    assert describe_row_error(fee, VI).startswith("Dòng 4, cột fee_vnd: phải là số nguyên")
    assert describe_row_error(duplicate, EN) == (
        "Line 3, column code: procedure code 1.001193 already appears on line 2."
    )


@pytest.mark.parametrize("reason", list(Reason))
def test_every_reason_has_words(reason: Reason) -> None:
    for lang in (VI, EN):
        text = message_for(f"CATALOGUE_REASON_{reason.name}", lang)
        assert text != message_for("UNEXPECTED", lang) and text.endswith(".")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.001193", ("1.001193", "")),
        ("1.001193.000.00.00.H26", ("1.001193", ".000.00.00.H26")),
        (" 1.001193.H26 ", ("1.001193", ".H26")),
        ("1.00119", None),
        ("0.001193", None),
        ("1.001193H26", None),
    ],
)
def test_split_code(raw: str, expected: tuple[str, str] | None) -> None:
    assert split_code(raw) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (None, SearchQuery()),
        ("  ", SearchQuery()),
        ("2.0008", SearchQuery(code_prefix="2.0008")),
        ("1.001193.H26", SearchQuery(code_prefix="1.001193")),
        ("Đăng ký  KẾT hôn", SearchQuery(words=("dang", "ky", "ket", "hon"))),
    ],
)
def test_parse_search(query: str | None, expected: SearchQuery) -> None:
    assert parse_search(query) == expected
