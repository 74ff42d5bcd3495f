"""The chip's data groups, the expiry derivation and the chip-against-QR comparison (no reader)."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from PIL import Image

from counter_app.chip import tlv
from counter_app.chip.dg2 import portrait_from_dg2
from counter_app.chip.dg13 import parse_dg13
from counter_app.chip.errors import ChipDataError, ChipSignatureError, ChipTamperedError
from counter_app.chip.expiry import expiry_candidates
from counter_app.chip.identity import compare_with_qr, reading_from_chip
from counter_app.chip.mrz import parse_dg1
from counter_app.chip.passive_auth import Verification, check_hashes, verify
from counter_app.chip.session import groups_in_com
from counter_app.chip.sod import parse_sod
from counter_app.domain.id_card import parse_or_reject
from counter_app.domain.reading import IdCardReading, Source
from counter_app.services.chip.portrait import portrait_png
from tests.chip import cards

TODAY = date(2026, 12, 7)
PERSON = cards.Person()


@pytest.mark.parametrize(
    ("birth", "issued", "expected"),
    [
        (date(1989, 6, 5), date(2021, 4, 12), date(2029, 6, 5)),  # 31 at issue: valid to 40
        (date(2000, 3, 1), date(2021, 1, 5), date(2025, 3, 1)),  # 20: to 25
        (date(1998, 3, 1), date(2021, 1, 5), date(2023, 3, 1)),  # 22: still to 25
        (date(1997, 3, 1), date(2021, 6, 5), date(2037, 3, 1)),  # 24: within two years, to 40
        (date(1965, 1, 2), date(2021, 1, 5), date(2025, 1, 2)),  # 56: to 60
        (date(2014, 8, 1), date(2024, 9, 1), date(2028, 8, 1)),  # 10: the child's card, to 14
        (date(2000, 2, 29), date(2021, 1, 5), date(2025, 3, 1)),  # 29 Feb in a common year
    ],
)
def test_expiry_is_the_birthday_of_the_next_renewal_age(
    birth: date, issued: date, expected: date
) -> None:
    first, day_before = expiry_candidates(birth, issued)
    assert first == expected
    assert (first - day_before).days == 1


def test_a_card_issued_at_58_or_later_has_no_expiry_to_derive() -> None:
    assert expiry_candidates(date(1960, 1, 1), date(2021, 6, 1)) == []


def test_td1_mrz_fields_and_check_digits() -> None:
    mrz = parse_dg1(cards.dg1(PERSON))
    assert (mrz.document_code, mrz.issuing_state, mrz.document_number) == ("ID", "VNM", "089004217")
    assert mrz.optional_data == PERSON.id_number
    assert (mrz.birth_yymmdd, mrz.sex, mrz.expiry_yymmdd) == ("890605", "M", "290605")
    assert mrz.full_name == "TRAN QUOC BAO" and mrz.failed_checks == ()
    assert "TRAN" not in repr(mrz)


def test_a_wrong_check_digit_is_reported_by_name() -> None:
    good = cards.td1_mrz(PERSON)
    broken = good[:14] + str((int(good[14]) + 1) % 10) + good[15:]
    mrz = parse_dg1(tlv.encode(0x61, tlv.encode(0x5F1F, broken.encode())))
    assert "document_number" in mrz.failed_checks and "composite" in mrz.failed_checks


def test_a_passport_mrz_is_read_and_marked() -> None:
    mrz = parse_dg1(cards.dg1(PERSON, passport=True))
    assert mrz.is_passport and mrz.failed_checks == ()


def test_dg13_fields_in_vietnamese_and_unknown_numbers_kept() -> None:
    dg13 = parse_dg13(cards.dg13(PERSON))
    assert dg13.first("full_name") == "Trần Quốc Bảo"
    assert dg13.fields["parents"] == ("Trần Văn Hùng", "Nguyễn Thị Lan")
    assert dg13.extras == {15: ("Mục chưa biết",)}
    assert "Trần" not in repr(dg13)


def test_dg2_jpeg_and_jpeg2000_portraits_are_found() -> None:
    assert portrait_from_dg2(cards.dg2()).mime_type == "image/jpeg"
    jp2 = b"\x00\x00\x00\x0cjP  \r\n\x87\n" + b"rest"
    record = b"FAC\x000100" + bytes(40) + jp2
    group = tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x7F60, tlv.encode(0x5F2E, record))))
    portrait = portrait_from_dg2(group)
    assert portrait.mime_type == "image/jp2" and portrait.image == jp2
    with pytest.raises(ChipDataError):
        portrait_from_dg2(tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x5F2E, b"none"))))


def test_ef_com_lists_the_groups() -> None:
    assert groups_in_com(cards.ef_com({1: b"", 2: b"", 13: b""})) == {1, 2, 13}


def test_passive_authentication_outcomes() -> None:
    pki = cards.make_pki()
    groups = {1: cards.dg1(PERSON), 13: cards.dg13(PERSON)}
    sod = parse_sod(cards.ef_sod(groups, pki.ds, pki.ds_key))
    assert sod.hashes[1] == hashlib.sha256(groups[1]).digest()
    assert verify(sod, groups, [pki.csca]) is Verification.VERIFIED
    assert verify(sod, groups, []) is Verification.NOT_VERIFIED
    with pytest.raises(ChipTamperedError):
        check_hashes(sod, {**groups, 13: cards.dg13(cards.Person(full_name="Lê Văn Khác"))})
    impostor = parse_sod(cards.ef_sod(groups, pki.impostor_ds, pki.ds_key))
    with pytest.raises(ChipSignatureError):
        verify(impostor, groups, [pki.csca])
    other_key = cards.make_pki().ds_key
    with pytest.raises(ChipSignatureError):
        verify(parse_sod(cards.ef_sod(groups, pki.ds, other_key)), groups, [])


def test_the_chip_reading_is_checked_like_a_scan() -> None:
    reading = reading_from_chip(
        parse_dg1(cards.dg1(PERSON)), parse_dg13(cards.dg13(PERSON)), today=TODAY
    )
    assert reading.source is Source.CHIP and reading.ok
    assert reading.full_name == "Trần Quốc Bảo" and reading.issue_date == date(2021, 4, 12)


def test_without_dg13_the_mrz_gives_number_name_birth_and_sex() -> None:
    reading = reading_from_chip(parse_dg1(cards.dg1(PERSON)), None, today=TODAY)
    assert reading.id_number == PERSON.id_number and reading.full_name == "TRAN QUOC BAO"
    assert reading.date_of_birth is not None and reading.date_of_birth.iso() == "1989-06-05"


def test_a_qr_name_with_other_marks_is_a_difference() -> None:
    chip = reading_from_chip(
        parse_dg1(cards.dg1(PERSON)), parse_dg13(cards.dg13(PERSON)), today=TODAY
    )
    qr = parse_or_reject(
        "001089004217|013579246|Trần Quốc Báo|05061989|Nam|"
        "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021",
        today=TODAY,
    )
    assert isinstance(qr, IdCardReading)
    compared = compare_with_qr(chip, qr)
    assert [f.field for f in compared.findings if f.code == "CHIP_QR_DIFFER"] == ["full_name"]
    same = compare_with_qr(chip, chip._replace(full_name="TRẦN  QUỐC BẢO"))
    assert not [f for f in same.findings if f.code == "CHIP_QR_DIFFER"]


def test_a_jpeg2000_portrait_is_decoded_for_the_screen() -> None:
    picture = Image.new("RGB", (60, 80), (200, 160, 120))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG2000")
    png = portrait_png(buffer.getvalue())
    assert png is not None
    assert Image.open(io.BytesIO(png)).size == (60, 80)
    assert portrait_png(b"not an image") is None


def test_an_mrz_check_digit_failure_is_a_finding_of_the_chip_reading() -> None:
    good = cards.td1_mrz(PERSON)
    broken = good[:36] + str((int(good[36]) + 1) % 10) + good[37:]  # the birth date's check
    dg1 = tlv.encode(0x61, tlv.encode(0x5F1F, broken.encode()))
    reading = reading_from_chip(parse_dg1(dg1), parse_dg13(cards.dg13(PERSON)), today=TODAY)
    [finding] = [f for f in reading.findings if f.code == "CHIP_MRZ_CHECK_FAILED"]
    assert "birth_date" in finding.params["checks"]


def test_without_dg13_the_qr_fills_what_the_chip_lacks() -> None:
    qr = parse_or_reject(
        "001089004217|013579246|Trần Quốc Bảo|05061989|Nam|"
        "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021",
        today=TODAY,
    )
    assert isinstance(qr, IdCardReading)
    reading = reading_from_chip(parse_dg1(cards.dg1(PERSON)), None, today=TODAY, qr=qr)
    assert reading.full_name == "Trần Quốc Bảo"  # the MRZ's letters, the QR's marks
    assert reading.address == PERSON.residence and reading.issue_date == date(2021, 4, 12)
    assert reading.ok and compare_with_qr(reading, qr).findings == reading.findings
