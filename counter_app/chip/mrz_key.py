"""The BAC key seed from the three MRZ fields (ICAO 9303 Part 11 §9.7.1, Part 3 §4.9)."""

from __future__ import annotations

import hashlib
from typing import NamedTuple

_WEIGHTS = (7, 3, 1)


def check_digit(text: str) -> str:
    """ICAO 9303 Part 3 check digit: digits as themselves, A-Z as 10-35, '<' as 0."""
    total = 0
    for index, char in enumerate(text):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - ord("A") + 10
        else:
            value = 0
        total += value * _WEIGHTS[index % 3]
    return str(total % 10)


class BacKey(NamedTuple):
    """The MRZ information BAC needs; personal data, so the repr shows nothing of it."""

    document_number: str
    birth_yymmdd: str
    expiry_yymmdd: str

    def __repr__(self) -> str:
        return "BacKey(…)"

    def mrz_information(self) -> bytes:
        number = self.document_number.ljust(9, "<")
        parts = (number, self.birth_yymmdd, self.expiry_yymmdd)
        return "".join(part + check_digit(part) for part in parts).encode("ascii")

    def seed(self) -> bytes:
        """K_seed: the first 16 bytes of SHA-1 over the MRZ information."""
        return hashlib.sha1(self.mrz_information()).digest()[:16]
