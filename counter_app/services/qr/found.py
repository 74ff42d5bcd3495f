"""What every QR backend hands back: raw bytes and where the symbol sits."""

from __future__ import annotations

# (left, top, right, bottom) of a symbol in image pixels.
Box = tuple[int, int, int, int]
# The raw payload of one symbol and where it sits in the image.
RawCode = tuple[bytes, Box]
