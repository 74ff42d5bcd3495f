"""BER-TLV as ISO 7816-4 and ICAO 9303 Part 10 use it: multi-byte tags, long-form lengths."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from counter_app.chip.errors import ChipDataError


class Tlv(NamedTuple):
    tag: int
    value: bytes
    end: int  # the offset just after this element in the buffer it came from


def read_tlv(data: bytes, offset: int = 0) -> Tlv:
    """One element at ``offset``; ChipDataError when it runs past the data."""
    tag, offset = _read_tag(data, offset)
    length, offset = read_length(data, offset)
    end = offset + length
    if end > len(data):
        raise ChipDataError("TLV element longer than its data")
    return Tlv(tag, data[offset:end], end)


def iter_tlv(data: bytes) -> Iterator[Tlv]:
    offset = 0
    while offset < len(data):
        if data[offset] in (0x00, 0xFF):  # padding between elements
            offset += 1
            continue
        element = read_tlv(data, offset)
        yield element
        offset = element.end


def find(data: bytes, tag: int) -> bytes | None:
    """The value of the first element with ``tag`` among the top-level elements of ``data``."""
    return next((element.value for element in iter_tlv(data) if element.tag == tag), None)


def require(data: bytes, tag: int) -> bytes:
    value = find(data, tag)
    if value is None:
        raise ChipDataError(f"TLV tag {tag:X} missing")
    return value


def header_length(data: bytes) -> int:
    """Tag plus length bytes of the element at the start: how much to read to know its size."""
    _, offset = _read_tag(data, 0)
    _, offset = read_length(data, offset)
    return offset


def total_length(data: bytes) -> int:
    """The size of the whole element that starts ``data`` (needs only its header)."""
    _, offset = _read_tag(data, 0)
    length, offset = read_length(data, offset)
    return offset + length


def encode(tag: int, value: bytes) -> bytes:
    return _encode_tag(tag) + encode_length(len(value)) + value


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def read_length(data: bytes, offset: int) -> tuple[int, int]:
    if offset >= len(data):
        raise ChipDataError("TLV length missing")
    first = data[offset]
    if first < 0x80:
        return first, offset + 1
    count = first & 0x7F
    if count == 0 or count > 4 or offset + 1 + count > len(data):
        raise ChipDataError("TLV length malformed")
    return int.from_bytes(data[offset + 1 : offset + 1 + count], "big"), offset + 1 + count


def _read_tag(data: bytes, offset: int) -> tuple[int, int]:
    if offset >= len(data):
        raise ChipDataError("TLV tag missing")
    tag = data[offset]
    offset += 1
    if tag & 0x1F == 0x1F:  # multi-byte tag: continue while the high bit is set
        while True:
            if offset >= len(data):
                raise ChipDataError("TLV tag truncated")
            tag = (tag << 8) | data[offset]
            offset += 1
            if not data[offset - 1] & 0x80:
                break
    return tag, offset


def _encode_tag(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
