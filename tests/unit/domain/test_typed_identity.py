"""Values typed by hand go through the same checks as a scanned card."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.dates import InvalidDate, PartialDate, parse_typed_date
from counter_app.domain.id_number import Sex
from counter_app.domain.reading import CardType
from counter_app.domain.typed_identity import read_typed_identity

TODAY = date(2026, 11, 25)
TYPED_T1 = {
    "id_number": "001089004217",
    "old_id_number": "013579246",
    "full_name": "Trần Quốc Bảo",
    "date_of_birth": "05/06/1989",
    "sex": "Nam",
    "address": "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội",
    "issue_date": "2021-04-12",
}


def test_typed_values_equal_the_scanned_card() -> None:
    r = read_typed_identity(TYPED_T1, today=TODAY)
    assert r.ok and r.findings == ()
    assert r.card_type is CardType.CCCD
    assert (r.date_of_birth, r.issue_date, r.sex) == (
        PartialDate(1989, 6, 5),
        date(2021, 4, 12),
        Sex.MALE,
    )
    assert r.raw_payload == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1989-06-05", PartialDate(1989, 6, 5)),
        ("1989-06", PartialDate(1989, 6)),
        ("1989", PartialDate(1989)),
        ("5/6/1989", PartialDate(1989, 6, 5)),
        ("05061989", PartialDate(1989, 6, 5)),
        (" 06/1989 ", PartialDate(1989, 6)),
    ],
)
def test_typed_dates(text: str, expected: PartialDate) -> None:
    assert parse_typed_date(text) == expected


@pytest.mark.parametrize("text", ["1989-02-30", "1989-13", "89-06-05", "5/6/89", "hôm qua"])
def test_typed_dates_rejected(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_typed_date(text)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"id_number": "00108900421"}, "BAD_ID_NUMBER"),
        ({"sex": "Nữ"}, "SEX_ID_MISMATCH"),
        ({"date_of_birth": "05/06/1990"}, "BIRTH_YEAR_ID_MISMATCH"),
        ({"date_of_birth": "31/02/1989"}, "BIRTH_DATE_INVALID"),
        ({"full_name": "Tran Quoc Bao"}, "DIACRITICS_LOST"),
        ({"full_name": "Tr?n Qu?c B?o"}, "UNREADABLE_CHARACTERS"),
        ({"sex": ""}, "SEX_FROM_ID"),
        ({"address": "  "}, "ADDRESS_MISSING"),
        ({"issue_date": "12/04/2031"}, "ISSUE_DATE_IN_FUTURE"),
    ],
)
def test_typed_values_get_the_card_checks(changes: dict[str, str], code: str) -> None:
    r = read_typed_identity({**TYPED_T1, **changes}, today=TODAY)
    assert code in [f.code.value for f in r.findings]


def test_english_sex_words_and_missing_keys() -> None:
    r = read_typed_identity({"id_number": "001305009876", "sex": "female"}, today=TODAY)
    assert r.sex is Sex.FEMALE
    assert {"NAME_MISSING", "BIRTH_DATE_MISSING", "ADDRESS_MISSING"} <= set(r.codes())
    assert not r.ok


def test_typed_text_is_nfc_and_trimmed() -> None:
    import unicodedata

    r = read_typed_identity(
        {**TYPED_T1, "full_name": unicodedata.normalize("NFD", " Trần  Quốc Bảo ")}, today=TODAY
    )
    assert r.full_name == "Trần Quốc Bảo"
