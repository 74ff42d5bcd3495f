"""Reading an eMRTD through a ``transmit`` function: BAC, then files under Secure Messaging.

The transport (PC/SC, a test double) is handed in as ``transmit(apdu_bytes) -> response``,
so this module stays free of I/O. Each BAC key is tried once, in the order given; a wrong key
is never retried (three failures may slow some chips down).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from counter_app.chip import apdu, bac, tlv
from counter_app.chip.errors import (
    ChipAccessDeniedError,
    ChipDataError,
    ChipWrongCardError,
)
from counter_app.chip.mrz_key import BacKey
from counter_app.chip.secure_messaging import SecureChannel

Transmit = Callable[[bytes], bytes]
Random = Callable[[int], bytes]
Progress = Callable[[int, int], None]

# Bytes asked per READ BINARY: with Secure Messaging's padding, DO'87', DO'99' and DO'8E' the
# protected answer stays under the 256 bytes of a short APDU (ICAO readers use 0xDF-0xE0).
CHUNK = 0xDF
# Enough of a file's start to know its whole length (tag, and a length of up to 3 bytes).
HEADER_PEEK = 6
_SW_FILE_NOT_FOUND = 0x6A82
MAX_OFFSET = 0x7FFF  # P1-P2 of READ BINARY (B0) with a file already selected: 15 bits


class FileNotOnCard(ChipDataError):
    """The card has no such file (a DG13 on a passport, an EF.CardAccess on a BAC-only chip)."""

    code = "CHIP_FILE_MISSING"


class ApduCounter:
    """Wraps a transmit function and counts APDUs (for the bench and the report)."""

    def __init__(self, transmit: Transmit) -> None:
        self._transmit = transmit
        self.count = 0

    def __call__(self, command: bytes) -> bytes:
        self.count += 1
        return self._transmit(command)


def select_emrtd(transmit: Transmit) -> None:
    _, sw = apdu.split_response(transmit(apdu.select_application().to_bytes()))
    if sw != apdu.SW_OK:
        raise ChipWrongCardError("no eMRTD application")


def open_bac(transmit: Transmit, keys: Sequence[BacKey], random: Random) -> SecureChannel:
    """Try each key once; the first that the chip accepts opens the secure channel."""
    if not keys:
        raise ChipAccessDeniedError("no BAC key to try")
    for key in keys:
        channel = _try_bac(transmit, key, random)
        if channel is not None:
            return channel
    raise ChipAccessDeniedError("the chip refused every BAC key")


def _try_bac(transmit: Transmit, key: BacKey, random: Random) -> SecureChannel | None:
    challenge, sw = apdu.split_response(transmit(apdu.get_challenge().to_bytes()))
    if sw != apdu.SW_OK or len(challenge) != 8:
        raise ChipWrongCardError("the chip gave no BAC challenge")
    keys = bac.bac_keys(key)
    request = bac.mutual_auth_request(keys, rnd_icc=challenge, rnd_ifd=random(8), k_ifd=random(16))
    answer, sw = apdu.split_response(transmit(apdu.external_authenticate(request.data).to_bytes()))
    if sw != apdu.SW_OK:
        return None
    return SecureChannel(bac.session_from_response(keys, request, answer))


def read_file(
    transmit: Transmit, channel: SecureChannel, fid: int, progress: Progress | None = None
) -> bytes:
    """SELECT the file, read its header for the length, then the rest in chunks."""
    _, sw = channel.unwrap(transmit(channel.wrap(apdu.select_file(fid))))
    if sw == _SW_FILE_NOT_FOUND:
        raise FileNotOnCard(f"file {fid:04X} not on the card")
    _expect_ok(sw)
    content = _read(transmit, channel, 0, HEADER_PEEK)
    total = tlv.total_length(content)
    if total > MAX_OFFSET:
        raise ChipDataError("file larger than READ BINARY's 15-bit offsets reach")
    while len(content) < total:
        part = _read(transmit, channel, len(content), min(CHUNK, total - len(content)))
        if not part:
            raise ChipDataError("the chip returned an empty chunk")
        content += part
        if progress is not None:
            progress(len(content), total)
    return content[:total]


def _read(transmit: Transmit, channel: SecureChannel, offset: int, length: int) -> bytes:
    data, sw = channel.unwrap(transmit(channel.wrap(apdu.read_binary(offset, length))))
    _expect_ok(sw)
    return data


def _expect_ok(sw: int) -> None:
    if sw != apdu.SW_OK:
        raise ChipDataError(f"status {sw:04X}")


# EF.COM lists the data groups present by their tags (ICAO 9303 Part 10 §4.6.1).
_DG_OF_TAG = {0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x6D: 13, 0x6E: 14, 0x6F: 15}


def groups_in_com(ef_com: bytes) -> set[int]:
    """The data group numbers EF.COM says the chip holds."""
    tags = tlv.require(tlv.require(ef_com, 0x60), 0x5C)
    return {_DG_OF_TAG[tag] for tag in tags if tag in _DG_OF_TAG}
