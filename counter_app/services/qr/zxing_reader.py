"""QR reading with zxing-cpp: the default backend.

zxing-cpp ships as a wheel with no system library, so it works on every counter PC. It reads the
raw bytes of each symbol; turning them into text is left to ``qr_decode`` so that no library
guesses the character set.
"""

from __future__ import annotations

import zxingcpp
from PIL import Image

from counter_app.services.qr.found import Box, RawCode

# Model 2 only: that is what ID cards, receipts and phones print. The broader ``QRCode`` family
# would also accept Micro QR and rMQR, which zbar cannot read and nobody at a counter shows us.
_FORMATS = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCodeModel2)


def read_qr_codes(grey: Image.Image) -> list[RawCode]:
    """Every QR Code zxing-cpp finds in a grey-scale ("L") image, as raw bytes with its box.

    Rotation, inversion and downscaling are left at zxing-cpp's defaults (on): together they cost
    a few milliseconds on a 1080p frame and save a retry.
    """
    found = zxingcpp.read_barcodes(grey, formats=_FORMATS)
    return [(bytes(code.bytes), _box(code.position)) for code in found if code.valid]


def _box(position: zxingcpp.Position) -> Box:
    """The axis-aligned box around the four corners zxing-cpp reports."""
    corners = (
        position.top_left,
        position.top_right,
        position.bottom_right,
        position.bottom_left,
    )
    xs = [point.x for point in corners]
    ys = [point.y for point in corners]
    return min(xs), min(ys), max(xs), max(ys)
