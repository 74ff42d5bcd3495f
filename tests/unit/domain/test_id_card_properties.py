"""Property tests: the parser never fails in an untyped way, and valid payloads round-trip."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from counter_app.domain.id_card import IdCardReading, IdCardRejected, parse_id_payload
from counter_app.domain.id_number import PROVINCES, Sex, id_number_facts

TODAY = date(2026, 11, 25)

VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
VIETNAMESE_UPPER = VIETNAMESE_LETTERS.upper()


@settings(max_examples=600)
@given(st.text())
@example("|||||||")
@example("0|" * 20)
@example("001089004217|\x00|\x85|ÃÄ|Ã\x80|ÅÆ|")
@example("001089004217||A|99999999|Nam|a, b|00000000")
@example("001089004217||A|00000000|Nam|a, b|")
@example("1" * 5000 + "|a" * 10)
def test_any_text_gives_a_reading_or_the_parsers_own_error(text: str) -> None:
    try:
        result = parse_id_payload(text, today=TODAY)
    except IdCardRejected as rejected:
        assert rejected.code in {"EMPTY_PAYLOAD", "NOT_ID_QR", "WRONG_CARD_BHYT", "TOO_FEW_FIELDS"}
        return
    assert isinstance(result, IdCardReading)
    assert result.ok == (result.first_error is None)


@settings(max_examples=300)
@given(st.lists(st.text(alphabet=st.characters(exclude_characters="|")), min_size=6, max_size=12))
def test_seven_or_more_fields_after_a_valid_id_always_give_a_reading(fields: list[str]) -> None:
    """With a 12-digit ID and enough fields nothing is rejected: the clerk sees what was read."""
    reading = parse_id_payload("|".join(["001089004217", *fields]), today=TODAY)
    assert reading.id_number == "001089004217"
    assert reading.ok == (reading.first_error is None)


def words(alphabet: str, min_size: int = 2, max_size: int = 7) -> st.SearchStrategy[str]:
    first = st.sampled_from(VIETNAMESE_UPPER)
    rest = st.text(alphabet=alphabet, min_size=min_size - 1, max_size=max_size - 1)
    return st.builds(lambda a, b: a + b, first, rest)


names = (
    st.lists(words(VIETNAMESE_LETTERS), min_size=2, max_size=5)
    .map(" ".join)
    .filter(lambda n: not n.isascii())
)
address_parts = st.lists(words(VIETNAMESE_LETTERS + " 0123456789"), min_size=2, max_size=5)
addresses = address_parts.map(lambda parts: ", ".join(" ".join(p.split()) for p in parts)).filter(
    lambda a: not a.isascii()
)


@st.composite
def valid_cards(draw: st.DrawFn) -> dict[str, object]:
    dob = draw(st.dates(min_value=date(1910, 1, 1), max_value=date(2020, 12, 31)))
    sex = draw(st.sampled_from(list(Sex)))
    province = draw(st.sampled_from(sorted(PROVINCES)))
    century_digit = 2 * ((dob.year - 1900) // 100) + (0 if sex is Sex.MALE else 1)
    id_number = f"{province}{century_digit}{dob.year % 100:02d}{draw(st.integers(0, 999999)):06d}"
    issued = draw(
        st.dates(min_value=max(date(2021, 1, 1), dob + timedelta(days=1)), max_value=TODAY)
    )
    return {
        "id_number": id_number,
        "old_id_number": draw(st.one_of(st.none(), st.from_regex(r"[0-9]{9}", fullmatch=True))),
        "full_name": draw(names),
        "date_of_birth": dob,
        "sex": sex,
        "address": draw(addresses),
        "issue_date": issued,
    }


def build_payload(card: dict[str, object], *, nfd: bool = False, suffix: str = "") -> str:
    dob, issued = card["date_of_birth"], card["issue_date"]
    assert isinstance(dob, date) and isinstance(issued, date)
    fields = [
        card["id_number"],
        card["old_id_number"] or "",
        card["full_name"],
        dob.strftime("%d%m%Y"),
        "Nam" if card["sex"] is Sex.MALE else "Nữ",
        card["address"],
        issued.strftime("%d%m%Y"),
    ]
    text = "|".join(str(f) for f in fields)
    return (unicodedata.normalize("NFD", text) if nfd else text) + suffix


@settings(max_examples=300)
@given(valid_cards(), st.booleans(), st.sampled_from(["", "\r\n", "\r", "\t", "\n"]))
def test_generated_valid_payloads_round_trip(
    card: dict[str, object], nfd: bool, suffix: str
) -> None:
    reading = parse_id_payload(build_payload(card, nfd=nfd, suffix=suffix), today=TODAY)
    assert reading.ok
    assert reading.findings == ()
    assert reading.id_number == card["id_number"]
    assert reading.old_id_number == card["old_id_number"]
    assert reading.full_name == unicodedata.normalize("NFC", str(card["full_name"]))
    assert reading.address == unicodedata.normalize("NFC", str(card["address"]))
    assert reading.date_of_birth is not None
    assert reading.date_of_birth.earliest() == card["date_of_birth"]
    assert reading.sex is card["sex"]
    assert reading.issue_date == card["issue_date"]
    assert id_number_facts(str(card["id_number"])).birth_year == card["date_of_birth"].year  # type: ignore[attr-defined]


@settings(max_examples=200)
@given(valid_cards())
def test_cp1252_mojibake_of_a_valid_payload_repairs_or_flags(card: dict[str, object]) -> None:
    original = build_payload(card)
    try:
        garbled = original.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return  # such bytes never reach us as cp1252 text: a scanner would drop them
    reading = parse_id_payload(garbled, today=TODAY)
    assert reading.full_name == unicodedata.normalize("NFC", str(card["full_name"]))
    assert [f.code.value for f in reading.findings] == ["ENCODING_REPAIRED"]
