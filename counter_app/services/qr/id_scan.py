"""Read an applicant's ID card from a picture: decode every QR code, keep the ID card's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PIL import Image

from counter_app.domain.id_card import IdCardReading, IdCardRejected, parse_or_reject
from counter_app.errors import CounterAppError
from counter_app.services.qr.decode import Decoder, decode_qr_payloads


class NoQrFoundError(CounterAppError):
    code = "NO_QR_FOUND"


@dataclass(frozen=True, repr=False)
class ImageScan:
    """The payload chosen from an image and what it parsed to (a reading or a rejection)."""

    payload: str
    outcome: IdCardReading | IdCardRejected


def scan_id_card_image(
    image: Image.Image, *, today: date, decoder: Decoder = Decoder.ZXING
) -> ImageScan:
    """Decode ``image`` and pick the code that is an ID card.

    A photo may hold several codes (a card beside a receipt or a bank QR): the first one that
    parses cleanly wins, then the first that parses with findings, then the first rejection.
    Raises NoQrFoundError when the image holds no QR code at all.
    """
    payloads = decode_qr_payloads(image, decoder=decoder)
    if not payloads:
        raise NoQrFoundError()
    scans = [ImageScan(payload, parse_or_reject(payload, today=today)) for payload in payloads]
    return min(scans, key=_preference)


def _preference(scan: ImageScan) -> int:
    """0 for a clean reading, 1 for a reading with errors, 2 for a rejection (min wins; stable)."""
    if isinstance(scan.outcome, IdCardRejected):
        return 2
    return 0 if scan.outcome.ok else 1
