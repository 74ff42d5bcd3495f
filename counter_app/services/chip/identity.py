"""The use case behind "tap the card": read the chip with keys from the QR (or typed) identity.

The chip's reading replaces the QR's field by field; where the two differ, a CHIP_QR_DIFFER
finding asks the clerk to confirm; a card read but not verified (no trusted CSCA) carries
CHIP_NOT_VERIFIED. A refused card (tampered data, a bad signature) raises: nothing is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from counter_app.chip.identity import compare_with_qr, reading_from_chip, with_finding
from counter_app.chip.passive_auth import Verification
from counter_app.domain.findings import Finding, FindingCode
from counter_app.domain.reading import IdCardReading
from counter_app.services.chip import pcsc
from counter_app.services.chip.read import (
    ChipRead,
    bac_keys_from_reading,
    load_trust_folder,
    read_card,
)

Progress = Callable[[int, int], None]


@dataclass
class ChipIdentity:
    """The chip's reading (checked, compared) and what was read; repr without personal data."""

    reading: IdCardReading
    read: ChipRead

    def __repr__(self) -> str:
        return f"ChipIdentity({self.read!r})"

    @property
    def verified(self) -> bool:
        return self.read.verification is Verification.VERIFIED


def read_identity(
    start: IdCardReading,
    *,
    today: date,
    expiry: date | None = None,
    reader_index: int | None = None,
    trust: Path | None = None,
    progress: Progress | None = None,
) -> ChipIdentity:
    """Keys from ``start``, one read of the card on the reader, the reading to show."""
    keys = bac_keys_from_reading(start, expiry)
    connection = pcsc.connect(reader_index)
    try:
        read = read_card(
            connection.transmit, keys, trusted=load_trust_folder(trust), progress=progress
        )
    finally:
        connection.close()
    return ChipIdentity(chip_reading(read, start, today=today), read)


def chip_reading(read: ChipRead, start: IdCardReading | None, *, today: date) -> IdCardReading:
    reading = reading_from_chip(read.mrz, read.dg13, today=today, qr=start)
    if read.verification is Verification.NOT_VERIFIED:
        reading = with_finding(reading, Finding(FindingCode.CHIP_NOT_VERIFIED))
    return compare_with_qr(reading, start) if start is not None else reading
