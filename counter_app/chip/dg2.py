"""DG2: the portrait inside the ISO 19794-5 record (ICAO 9303 Part 10 §4.7.2)."""

from __future__ import annotations

from typing import NamedTuple

from counter_app.chip import tlv
from counter_app.chip.errors import ChipDataError

_JPEG = b"\xff\xd8\xff"
_JP2 = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_J2K = b"\xff\x4f\xff\x51"
_BIOMETRIC_DATA = (0x5F2E, 0x7F2E)


class Portrait(NamedTuple):
    image: bytes
    mime_type: str  # image/jpeg or image/jp2


def portrait_from_dg2(dg2: bytes) -> Portrait:
    """The first face image's bytes; ChipDataError when no JPEG or JPEG 2000 image is found."""
    block = _biometric_data(tlv.require(dg2, 0x75))
    candidates = [(block.find(magic), magic) for magic in (_JPEG, _JP2, _J2K)]
    found = sorted((offset, magic) for offset, magic in candidates if offset >= 0)
    if not found:
        raise ChipDataError("DG2 holds no JPEG or JPEG 2000 image")
    offset, magic = found[0]
    return Portrait(block[offset:], "image/jpeg" if magic == _JPEG else "image/jp2")


def _biometric_data(group: bytes) -> bytes:
    """The value of the first 5F2E/7F2E inside BIT group template 7F61 / BIT 7F60."""
    for element in tlv.iter_tlv(group):
        if element.tag in _BIOMETRIC_DATA:
            return element.value
        if element.tag in (0x7F61, 0x7F60, 0xA1):
            try:
                return _biometric_data(element.value)
            except ChipDataError:
                continue
    raise ChipDataError("DG2 without biometric data")
