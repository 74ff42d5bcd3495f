"""Pictures to scans: an image file (Ctrl+O, drag-and-drop) and webcam frames.

Decoding takes 5-50 ms a picture, so it runs on the thread pool (``Session.background``);
only the text comes back to the GUI thread, through the same router as every other input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject
from PySide6.QtGui import QImage

from counter_app.domain.dossier_code import looks_like_dossier_code
from counter_app.domain.id_card import IdCardReading, parse_or_reject
from counter_app.services.qr.decode import decode_qr_payloads, load_image
from counter_app.services.qr.id_scan import NoQrFoundError
from ui.tasks import Background

# A camera sees the same code for seconds: the same payload again within this time is the
# same scan, not a new one (a clerk scanning a second card takes longer than that).
REPEAT_HOLD_S = 3.0

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp)"


def choose_payload(payloads: list[str], *, today: date) -> str:
    """The code worth routing when a picture holds several: a clean ID card, else any ID
    card, else a receipt, else the first. Raises NoQrFoundError when there is none."""
    if not payloads:
        raise NoQrFoundError()

    def rank(payload: str) -> int:
        outcome = parse_or_reject(payload, today=today)
        if isinstance(outcome, IdCardReading):
            return 0 if outcome.ok else 1
        return 2 if looks_like_dossier_code(payload.split("|", 1)[0].strip()) else 3

    return min(payloads, key=rank)


def scan_image_file(path: Path, *, today: date) -> str:
    """Worker-side: the payload to route from an image file."""
    return choose_payload(decode_qr_payloads(load_image(path)), today=today)


def scan_grey_frame(data: bytes, width: int, height: int, stride: int) -> list[str]:
    """Worker-side: the codes in one 8-bit grey frame."""
    image = Image.frombuffer("L", (width, height), data, "raw", "L", stride, 1)
    return decode_qr_payloads(image)


class FrameDecoder(QObject):
    """Decodes frames from any source (a camera's video sink, a test's fake source).

    At most one frame is in flight: frames offered while one is decoding are dropped, so a
    30 fps camera never queues work faster than the pool can finish it. GUI thread only.
    """

    def __init__(
        self,
        background: Background,
        on_scan: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._background, self._on_scan = background, on_scan
        self.busy = False
        self.decoded = self.dropped = 0
        self._last: tuple[str, float] = ("", 0.0)

    def offer(self, frame: QImage) -> bool:
        """Start decoding ``frame`` unless one is in flight; True when accepted."""
        if self.busy or frame.isNull():
            self.dropped += 1
            return False
        grey = frame.convertToFormat(QImage.Format.Format_Grayscale8)
        data = bytes(grey.constBits())  # a copy: the frame's buffer is the camera's
        size = (grey.width(), grey.height(), grey.bytesPerLine())
        self.busy = True
        self._background.run(
            lambda: scan_grey_frame(data, *size), on_done=self._done, on_error=self._failed
        )
        return True

    def _done(self, payloads: list[str]) -> None:
        self.busy = False
        self.decoded += 1
        if payloads:
            self._deliver(payloads[0])

    def _failed(self, _error: BaseException) -> None:
        self.busy = False  # a bad frame is skipped; the next one will do

    def _deliver(self, payload: str) -> None:
        now = time.monotonic()
        if payload == self._last[0] and now - self._last[1] < REPEAT_HOLD_S:
            return
        self._last = (payload, now)
        self._on_scan(payload)
