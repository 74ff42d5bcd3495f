"""Secure Messaging with 3DES and the retail MAC (ICAO 9303 Part 11 §9.8).

Every command after BAC is wrapped (data encrypted in DO'87', Le in DO'97', a MAC in DO'8E'
over the send sequence counter, the masked header and those objects) and every response is
checked before its data is used: a response whose MAC fails ends the read.
"""

from __future__ import annotations

from counter_app.chip import tlv
from counter_app.chip.apdu import Apdu, split_response
from counter_app.chip.bac import SessionKeys
from counter_app.chip.crypto import des3_decrypt, des3_encrypt, pad, retail_mac, unpad
from counter_app.chip.errors import ChipSecureMessagingError

_SM_CLA = 0x0C


class SecureChannel:
    """The session keys and the send sequence counter, which every wrap and unwrap advance."""

    def __init__(self, session: SessionKeys) -> None:
        self._enc = session.ks_enc
        self._mac = session.ks_mac
        self.ssc = session.ssc

    def wrap(self, command: Apdu) -> bytes:
        header = bytes([command.cla | _SM_CLA, command.ins, command.p1, command.p2])
        objects = b""
        if command.data:
            encrypted = des3_encrypt(self._enc, pad(command.data))
            objects += tlv.encode(0x87, b"\x01" + encrypted)
        if command.le is not None:
            objects += tlv.encode(0x97, bytes([command.le & 0xFF]))
        mac = self._mac_over(pad(header) + objects)
        body = objects + tlv.encode(0x8E, mac)
        return header + bytes([len(body)]) + body + b"\x00"

    def unwrap(self, response: bytes) -> tuple[bytes, int]:
        """Check the MAC, decrypt the data; the status word is the protected one (DO'99')."""
        data, sw = split_response(response)
        self.ssc += 1
        if not data:  # the chip answered an error in plain: nothing to trust, nothing to read
            return b"", sw
        objects = {element.tag: element for element in tlv.iter_tlv(data)}
        if 0x8E not in objects:
            raise ChipSecureMessagingError("response without a MAC")
        covered = data[: _start_of(data, 0x8E)]
        if retail_mac(self._mac, pad(self._ssc_bytes() + covered)) != objects[0x8E].value:
            raise ChipSecureMessagingError("response MAC mismatch")
        status = objects.get(0x99)
        protected_sw = int.from_bytes(status.value, "big") if status else sw
        return self._decrypt(objects.get(0x87)), protected_sw

    def _mac_over(self, data: bytes) -> bytes:
        self.ssc += 1
        return retail_mac(self._mac, pad(self._ssc_bytes() + data))

    def _ssc_bytes(self) -> bytes:
        return (self.ssc & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "big")

    def _decrypt(self, element: tlv.Tlv | None) -> bytes:
        if element is None:
            return b""
        if not element.value or element.value[0] != 0x01:
            raise ChipSecureMessagingError("unknown padding indicator")
        try:
            return unpad(des3_decrypt(self._enc, element.value[1:]))
        except ValueError as exc:
            raise ChipSecureMessagingError("bad padding in response") from exc


def _start_of(data: bytes, tag: int) -> int:
    offset = 0
    for element in tlv.iter_tlv(data):
        if element.tag == tag:
            return offset
        offset = element.end
    return len(data)
