"""Where every scanner input ends: one signal, whatever the device, and the shape of a scan.

ux.md: one scanner means two things. A card QR fills the intake form; a receipt QR (its first
``|`` field a dossier code) opens that dossier. They are told apart by shape, never by asking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import QObject, Signal

from counter_app.domain.dossier_code import looks_like_dossier_code
from counter_app.domain.id_card import IdCardReading, IdCardRejected, parse_or_reject
from counter_app.domain.text import strip_scan_noise

# A bare ID number (typed in the scan box, or a scanner reading the card's barcode): 12 digits.
_BARE_ID = re.compile(r"[0-9]{12}")


class ScanKind(Enum):
    DOSSIER = "dossier"  # a receipt's QR: open the dossier
    CARD = "card"  # an ID card's QR: fill the applicant
    TYPED_ID = "typed_id"  # twelve digits: the ID number alone, checked as typed
    REJECTED = "rejected"  # neither: say so, save nothing


@dataclass(frozen=True, repr=False)
class ScanRoute:
    kind: ScanKind
    text: str  # the dossier code, or the ID number; personal data, never logged
    reading: IdCardReading | None = None
    rejection: IdCardRejected | None = None


def route_scan(payload: str, *, today: date) -> ScanRoute:
    """What a scanned (or typed) payload is, by its shape alone."""
    text = strip_scan_noise(payload)
    first = text.split("|", 1)[0].strip()
    if looks_like_dossier_code(first):
        return ScanRoute(ScanKind.DOSSIER, first)
    if _BARE_ID.fullmatch(text):
        return ScanRoute(ScanKind.TYPED_ID, text)
    outcome = parse_or_reject(text, today=today)
    if isinstance(outcome, IdCardRejected):
        return ScanRoute(ScanKind.REJECTED, "", rejection=outcome)
    return ScanRoute(ScanKind.CARD, outcome.id_number or "", reading=outcome)


class ScanRouter(QObject):
    """Every input calls ``deliver``; the screen listens to ``scanned``. GUI thread only."""

    scanned = Signal(str)

    def deliver(self, payload: str) -> None:
        if payload.strip():
            self.scanned.emit(payload)
