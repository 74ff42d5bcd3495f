"""The ID-card payload parser against every test payload of id-card.md §7, and more."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from counter_app.domain.dates import PartialDate
from counter_app.domain.findings import FindingCode, Severity
from counter_app.domain.id_card import (
    CardType,
    EmptyPayloadError,
    IdCardReading,
    NotIdQrError,
    TooFewFieldsError,
    WrongCardBhytError,
    parse_id_payload,
    parse_id_payloads,
)
from counter_app.domain.id_number import Sex
from tests.payloads import T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15

TODAY = date(2026, 11, 25)


def parse(payload: str) -> IdCardReading:
    return parse_id_payload(payload, today=TODAY)


def codes(reading: IdCardReading, severity: Severity | None = None) -> list[str]:
    return [f.code.value for f in reading.findings if severity in (None, f.severity)]


def test_t1_standard_cccd() -> None:
    r = parse(T1)
    assert r.ok and r.findings == ()
    assert r.card_type is CardType.CCCD
    assert (r.id_number, r.old_id_number) == ("001089004217", "013579246")
    assert r.full_name == "Trần Quốc Bảo"
    assert r.date_of_birth == PartialDate(1989, 6, 5)
    assert r.sex is Sex.MALE
    assert r.address == "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội"
    assert r.issue_date == date(2021, 4, 12)
    assert r.birth_registered_in == "Hà Nội"
    assert r.raw_payload == T1


def test_t2_empty_old_id_female_2005() -> None:
    r = parse(T2)
    assert r.ok and r.findings == ()
    assert r.old_id_number is None
    assert r.sex is Sex.FEMALE
    assert r.date_of_birth == PartialDate(2005, 9, 21)


def test_t3_can_cuoc_keeps_extras_verbatim() -> None:
    r = parse(T3)
    assert r.ok
    assert r.card_type is CardType.CAN_CUOC
    assert r.extras == ("", "Đỗ Văn Tùng", "Phạm Thị Hồng Nhung")
    assert codes(r) == ["EXTRAS_PRESENT"]
    assert r.findings[0].severity is Severity.INFO


def test_t4_scanner_suffix_and_trailing_empty_field_dropped() -> None:
    r = parse(T4)
    assert r.ok and r.findings == ()
    assert r.extras == ()
    assert r.issue_date == date(2022, 3, 1)
    assert r.birth_registered_in == "Hải Phòng"


@pytest.mark.parametrize(
    ("payload", "expected", "precision"),
    [(T5, PartialDate(1953), "year"), (T6, PartialDate(1947, 3), "month")],
)
def test_t5_t6_partial_birth_dates(payload: str, expected: PartialDate, precision: str) -> None:
    r = parse(payload)
    assert r.ok and r.findings == ()
    assert r.date_of_birth == expected
    assert r.date_of_birth is not None and r.date_of_birth.precision == precision


def test_t7_nfd_input_gives_exactly_the_nfc_fields_of_t2() -> None:
    r7, r2 = parse(T7), parse(T2)
    assert r7.full_name == "Lê Thị Thu Hà" == r2.full_name
    assert unicodedata.is_normalized("NFC", r7.full_name or "")
    fields = ("id_number", "full_name", "date_of_birth", "sex", "address", "issue_date")
    assert all(getattr(r7, f) == getattr(r2, f) for f in fields)
    assert r7.findings == r2.findings == ()


def test_t8_diacritics_lost_on_name_and_address() -> None:
    r = parse(T8)
    assert r.ok
    assert r.sex is Sex.FEMALE
    lost = [(f.field, f.severity) for f in r.findings if f.code is FindingCode.DIACRITICS_LOST]
    assert lost == [("full_name", Severity.WARN), ("address", Severity.WARN)]


def test_t9_question_marks_need_retyping_and_sex_comes_from_id() -> None:
    r = parse(T9)
    assert r.ok
    assert r.sex is Sex.FEMALE
    assert "SEX_FROM_ID" in codes(r, Severity.WARN)
    confirm = [f.field for f in r.findings if f.code is FindingCode.UNREADABLE_CHARACTERS]
    assert confirm == ["full_name", "address"]
    assert all(f.severity is Severity.CONFIRM for f in r.findings if f.field in confirm)
    assert "DIACRITICS_LOST" not in codes(r)


def test_t10_cp1252_mojibake_is_repaired() -> None:
    assert "Tráº§n Quá»‘c Báº£o" in T10
    r, r1 = parse(T10), parse(T1)
    assert r.full_name == r1.full_name and r.address == r1.address
    assert codes(r) == ["ENCODING_REPAIRED"]
    assert r.findings[0].severity is Severity.WARN


def test_t11_sex_and_year_disagree_with_id_need_confirmation() -> None:
    r = parse(T11)
    assert r.ok
    assert codes(r, Severity.CONFIRM) == ["SEX_ID_MISMATCH", "BIRTH_YEAR_ID_MISMATCH"]
    year = next(f for f in r.findings if f.code is FindingCode.BIRTH_YEAR_ID_MISMATCH)
    assert year.params == {"id_year": "1990", "card_year": "2009"}
    assert r.sex is Sex.FEMALE  # the card wins until the clerk decides


def test_t12_eleven_digit_id_is_an_error_but_other_fields_are_read() -> None:
    r = parse(T12)
    assert not r.ok
    assert r.first_error is not None and r.first_error.code is FindingCode.BAD_ID_NUMBER
    assert r.id_number is None
    assert r.full_name == "Trần Quốc Bảo"


def test_t13_impossible_birth_date_is_left_for_typing() -> None:
    r = parse(T13)
    assert not r.ok
    assert codes(r, Severity.ERROR) == ["BIRTH_DATE_INVALID"]
    assert r.date_of_birth is None
    assert r.full_name == "Trần Quốc Bảo" and r.id_number == "001089004217"


def test_t14_too_few_fields() -> None:
    with pytest.raises(TooFewFieldsError) as caught:
        parse(T14)
    assert caught.value.code == "TOO_FEW_FIELDS"


def test_t15_plain_text_is_not_an_id_qr() -> None:
    with pytest.raises(NotIdQrError) as caught:
        parse(T15)
    assert caught.value.code == "NOT_ID_QR"


@pytest.mark.parametrize(
    "payload",
    [
        "000201010211385400010A000000727012400069704",  # bank VietQR
        "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html",
        "000.31.27.H26-261105-1042",  # a receipt's dossier code
        "ABC|def|ghi|jkl|mno|pqr|stu",
        "0010890٠4217|x|y|z|w|v|u",  # Arabic-Indic digit: not an ID
    ],
)
def test_other_codes_are_not_id_qr(payload: str) -> None:
    with pytest.raises(NotIdQrError):
        parse(payload)


def test_health_insurance_card_is_named() -> None:
    name_hex = "Nguyễn Văn An".encode().hex()
    with pytest.raises(WrongCardBhytError):
        parse(f"HS4010120876543|{name_hex}|01/01/1990|1|Hà Nội|01/01/2024")


@pytest.mark.parametrize("payload", ["", "   ", "\r\n", "\ufeff\u200b"])
def test_empty_payload(payload: str) -> None:
    with pytest.raises(EmptyPayloadError):
        parse(payload)


def test_bom_zero_width_and_tab_suffix_are_stripped() -> None:
    r = parse("\ufeff" + T1.replace("Trần", "Tr\u200bần") + "\t")
    assert r.ok and r.findings == ()
    assert r.full_name == "Trần Quốc Bảo"


def test_spaces_collapsed_in_name_and_address_but_tone_placement_kept() -> None:
    payload = T1.replace("Trần Quốc Bảo", "  Trần  Quốc   Hoà ").replace(
        ", Hàng Bạc,", ",  Hàng Bạc,"
    )
    r = parse(payload)
    assert r.full_name == "Trần Quốc Hoà"  # not rewritten to "Hòa"
    assert r.address == "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội"


def test_six_field_layout_without_old_id_is_read_by_shape() -> None:
    payload = (
        "001089004217|Trần Quốc Bảo|05061989|Nam|"
        "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021"
    )
    r = parse(payload)
    assert r.ok
    assert codes(r) == ["NONSTANDARD_LAYOUT"]
    assert (r.full_name, r.sex, r.issue_date) == ("Trần Quốc Bảo", Sex.MALE, date(2021, 4, 12))
    assert r.date_of_birth == PartialDate(1989, 6, 5)
    assert r.address == "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội"


def test_reordered_layout_is_read_by_shape() -> None:
    payload = (
        "001089004217|Nam|05061989|Số 7 phố Hàng Bạc, Hàng Bạc, Hà Nội|"
        "Trần Quốc Bảo|12042021|013579246"
    )
    r = parse(payload)
    assert "NONSTANDARD_LAYOUT" in codes(r)
    assert (r.full_name, r.sex, r.old_id_number) == ("Trần Quốc Bảo", Sex.MALE, "013579246")


def test_separated_dates_are_accepted_with_a_warning() -> None:
    r = parse(T1.replace("05061989", "05/06/1989").replace("12042021", "12.04.2021"))
    assert r.ok
    assert r.date_of_birth == PartialDate(1989, 6, 5) and r.issue_date == date(2021, 4, 12)
    unusual = [f.field for f in r.findings if f.code is FindingCode.DATE_FORMAT_UNUSUAL]
    assert unusual == ["date_of_birth", "issue_date"]


@pytest.mark.parametrize(
    ("change", "code", "severity", "field"),
    [
        (("001089004217", "999089004217"), "UNKNOWN_PROVINCE", Severity.WARN, "id_number"),
        (("05061989", "05062030"), "BIRTH_DATE_IN_FUTURE", Severity.ERROR, "date_of_birth"),
        (
            ("001089004217", "001889004217"),
            "BIRTH_YEAR_ID_MISMATCH",
            Severity.CONFIRM,
            "date_of_birth",
        ),
        (("12042021", "31022021"), "ISSUE_DATE_INVALID", Severity.WARN, "issue_date"),
        (("12042021", "12042020"), "ISSUE_DATE_BEFORE_CHIP_CARDS", Severity.WARN, "issue_date"),
        (("12042021", "12042027"), "ISSUE_DATE_IN_FUTURE", Severity.WARN, "issue_date"),
        (("013579246", "01357924"), "OLD_ID_INVALID", Severity.WARN, "old_id_number"),
        (("Trần Quốc Bảo", ""), "NAME_MISSING", Severity.ERROR, "full_name"),
        (("|05061989|", "||"), "BIRTH_DATE_MISSING", Severity.ERROR, "date_of_birth"),
        (("|12042021", "|"), "ISSUE_DATE_MISSING", Severity.WARN, "issue_date"),
        (
            ("Trần Quốc Bảo", "Tr\ufffdn Qu\ufffdc B\ufffdo"),
            "UNREADABLE_CHARACTERS",
            Severity.CONFIRM,
            "full_name",
        ),
        (("|Nam|", "|Nữ|"), "SEX_ID_MISMATCH", Severity.CONFIRM, "sex"),
    ],
)
def test_each_check_has_its_code_severity_and_field(
    change: tuple[str, str], code: str, severity: Severity, field: str
) -> None:
    r = parse(T1.replace(*change))
    matching = [f for f in r.findings if f.code.value == code]
    assert [(f.severity, f.field) for f in matching] == [(severity, field)]


def test_age_over_120_warns() -> None:
    r = parse("001800004217||Trần Văn Cụ|1900|Nam|Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021")
    assert "AGE_OVER_120" in codes(r, Severity.WARN)


def test_issue_date_before_birth_warns() -> None:
    r = parse(T3.replace("17022018", "17022025").replace("001218", "001225"))
    assert "ISSUE_DATE_BEFORE_BIRTH" in codes(r, Severity.WARN)


def test_country_code_is_accepted_as_birth_registered_abroad() -> None:
    r = parse(T1.replace("001089004217", "175089004217"))
    assert r.ok and "UNKNOWN_PROVINCE" not in codes(r)
    assert r.birth_registered_in == "Hoa Kỳ"


def test_unrepairable_mojibake_asks_for_retyping() -> None:
    broken = T10.replace("Báº£o", "Bá»\x8fo").replace("\x8f", "")  # 'ỏ' lost a byte
    r = parse(broken)
    assert "ENCODING_REPAIRED" not in codes(r)
    assert "ENCODING_BROKEN" in codes(r, Severity.CONFIRM)


def test_latin1_mojibake_with_c1_controls_is_repaired() -> None:
    latin1 = T1.encode("utf-8").decode("latin-1")
    r = parse(latin1)
    assert r.full_name == "Trần Quốc Bảo"
    assert codes(r) == ["ENCODING_REPAIRED"]


def test_several_lines_are_several_scans() -> None:
    results = parse_id_payloads(f"{T1}\r\n\r\n{T15}\n{T2}\n", today=TODAY)
    assert [type(r).__name__ for r in results] == ["IdCardReading", "NotIdQrError", "IdCardReading"]


def test_repr_leaks_no_personal_data() -> None:
    text = repr(parse(T11))
    assert "Bùi" not in text and "001090006543" not in text
    assert "SEX_ID_MISMATCH" in text


def test_card_type_by_issue_date() -> None:
    assert parse(T1.replace("12042021", "30062024")).card_type is CardType.CCCD
    assert parse(T1.replace("12042021", "01072024")).card_type is CardType.CAN_CUOC
    assert parse(T1.replace("|12042021", "|")).card_type is CardType.UNKNOWN
