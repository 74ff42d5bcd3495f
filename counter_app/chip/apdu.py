"""Command APDUs as values, and the ones the eMRTD reader sends (ISO 7816-4)."""

from __future__ import annotations

from typing import NamedTuple

# The eMRTD application identifier (ICAO 9303 Part 10 §3.1).
EMRTD_AID = bytes.fromhex("A0000002471001")
SW_OK = 0x9000


class Apdu(NamedTuple):
    """A short command APDU; ``le`` None means no data expected, 0 means up to 256 bytes."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def to_bytes(self) -> bytes:
        body = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            body += bytes([len(self.data)]) + self.data
        if self.le is not None:
            body += bytes([self.le & 0xFF])
        return body


def select_application() -> Apdu:
    return Apdu(0x00, 0xA4, 0x04, 0x0C, EMRTD_AID)


def select_file(fid: int) -> Apdu:
    return Apdu(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"))


def read_binary(offset: int, length: int) -> Apdu:
    """READ BINARY at ``offset`` (15 bits: ICAO files stay under 32 KiB read this way)."""
    return Apdu(0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, le=length)


def get_challenge() -> Apdu:
    return Apdu(0x00, 0x84, 0x00, 0x00, le=8)


def external_authenticate(data: bytes) -> Apdu:
    return Apdu(0x00, 0x82, 0x00, 0x00, data, le=40)


def split_response(response: bytes) -> tuple[bytes, int]:
    """Data and status word of a response APDU."""
    return response[:-2], int.from_bytes(response[-2:], "big")
