"""The chip read end to end through pcsc-lite: pcscd, the virtual reader, vicc's card side.

The card side (BAC, Secure Messaging, the file system) is vsmartcard's emulator, not ours;
the cards are built by tests/chip/cards.py with an EF.SOD signed by a CSCA made in the test.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from counter_app.chip.errors import (
    ChipAccessDeniedError,
    ChipCardRemovedError,
    ChipNoCardError,
    ChipSignatureError,
    ChipTamperedError,
    ChipWrongCardError,
)
from counter_app.chip.passive_auth import Verification
from counter_app.services.chip import pcsc
from counter_app.services.chip.read import ChipRead, bac_keys_for, load_trust_folder, read_card
from tests.chip.cards import Person
from tests.chip.fixtures import ServeCard

PERSON = Person()


def _keys(expiry: date | None = None) -> list:  # type: ignore[type-arg]
    return bac_keys_for(
        id_number=PERSON.id_number, birth=PERSON.birth, issued=PERSON.issue, expiry=expiry
    )


def _read(keys: list, trust: Path | None) -> ChipRead:  # type: ignore[type-arg]
    connection = pcsc.connect()
    try:
        trusted = load_trust_folder(trust) if trust else []
        return read_card(connection.transmit, keys, trusted=trusted)
    finally:
        connection.close()


def test_a_good_card_is_read_and_verified(serve_card: ServeCard, trust_folder: Path) -> None:
    with serve_card("good"):
        read = _read(_keys(), trust_folder)
    assert read.verification is Verification.VERIFIED
    assert read.mrz.document_number == "089004217" and read.mrz.failed_checks == ()
    assert read.dg13 is not None
    assert read.dg13.first("full_name") == "Trần Quốc Bảo"
    assert read.dg13.first("place_of_residence") == PERSON.residence
    assert read.dg13.extras == {15: ("Mục chưa biết",)}
    assert read.portrait is not None and read.portrait.mime_type == "image/jpeg"
    assert Image.open(io.BytesIO(read.portrait.image)).size == (240, 320)
    assert read.timings.apdus > 10


def test_without_a_trusted_csca_the_card_is_read_but_not_verified(
    serve_card: ServeCard, tmp_path: Path
) -> None:
    with serve_card("good"):
        read = _read(_keys(), tmp_path / "empty")
    assert read.verification is Verification.NOT_VERIFIED


def test_a_tampered_data_group_is_refused(serve_card: ServeCard, trust_folder: Path) -> None:
    with serve_card("tampered"), pytest.raises(ChipTamperedError):
        _read(_keys(), trust_folder)


def test_a_signer_not_issued_by_the_csca_is_refused(
    serve_card: ServeCard, trust_folder: Path
) -> None:
    with serve_card("wrong_signer"), pytest.raises(ChipSignatureError):
        _read(_keys(), trust_folder)


def test_a_card_without_dg13_gives_the_mrz(serve_card: ServeCard, trust_folder: Path) -> None:
    with serve_card("no_dg13"):
        read = _read(_keys(), trust_folder)
    assert read.dg13 is None and read.mrz.full_name == "TRAN QUOC BAO"
    assert read.verification is Verification.VERIFIED


def test_a_passport_is_read_and_marked(serve_card: ServeCard, trust_folder: Path) -> None:
    passport_key = bac_keys_for(
        id_number="C" + PERSON.id_number[-8:], birth=PERSON.birth, issued=None,
        expiry=PERSON.expiry,
    )  # fmt: skip
    with serve_card("passport"):
        read = _read(passport_key, trust_folder)
    assert read.mrz.is_passport and read.verification is Verification.VERIFIED


def test_a_wrong_expiry_fails_once_without_retrying(
    serve_card: ServeCard, trust_folder: Path
) -> None:
    with serve_card("good"):
        connection = pcsc.connect()
        sent: list[bytes] = []

        def transmit(command: bytes) -> bytes:
            sent.append(command)
            return connection.transmit(command)

        with pytest.raises(ChipAccessDeniedError):
            read_card(transmit, _keys(expiry=date(2030, 1, 1)), trusted=[])
        connection.close()
    external_authenticates = [c for c in sent if c[1] == 0x82]
    assert len(external_authenticates) == 1


def test_no_card_on_the_reader_says_so(chip_pcscd: object) -> None:
    with pytest.raises(ChipNoCardError):
        pcsc.connect()


def test_a_card_without_the_emrtd_application_is_the_wrong_card(
    serve_card: ServeCard, trust_folder: Path
) -> None:
    with serve_card("other_card"), pytest.raises(ChipWrongCardError):
        _read(_keys(), trust_folder)


def test_a_card_lifted_during_the_read_says_so(serve_card: ServeCard, trust_folder: Path) -> None:
    with serve_card("good") as emulator_process:
        connection = pcsc.connect()
        sent = 0

        def transmit(command: bytes) -> bytes:
            nonlocal sent
            sent += 1
            if sent == 12:  # in the middle of DG2: the card leaves the field
                emulator_process.terminate()
                emulator_process.wait()
            return connection.transmit(command)

        with pytest.raises(ChipCardRemovedError):
            read_card(transmit, _keys(), trusted=[])
        connection.close()
