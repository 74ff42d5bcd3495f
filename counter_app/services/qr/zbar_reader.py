"""QR reading with the system zbar library (through pyzbar's ctypes wrapper), in binary mode.

Why not ``pyzbar.decode``: for a byte-mode QR code without an ECI header zbar guesses the
character set and re-encodes to UTF-8; short Vietnamese payloads are often taken for Shift-JIS or
Big5 and come back as CJK characters ("Ngô Bảo Châu" → "Ng繫 B廕υ Ch璽u"). zbar ≥ 0.23 has a
``ZBAR_CFG_BINARY`` switch that hands back the bytes as printed, but pyzbar neither knows the
value nor lets ``decode`` set it, so this module runs the scan loop itself with the same wrapper
functions ``pyzbar.decode`` uses.

Importing this module loads libzbar: on a machine without it the import raises ``ImportError``
(Linux, macOS) or ``OSError`` (Windows DLL). ``qr_decode`` imports it lazily and turns both into
``DecoderUnavailableError``, so zxing-cpp keeps working there.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from ctypes import string_at
from typing import Any

from PIL import Image
from pyzbar import wrapper as zbar

from counter_app.services.qr.found import RawCode

# zbar.h (0.23): ZBAR_CFG_ENABLE, ADD_CHECK, EMIT_CHECK, ASCII, then BINARY = 4. pyzbar's
# ZBarConfig stops at CFG_NUM = 4 because it was written against zbar 0.10, where 4 *was* the
# count; an old zbar therefore refuses this value, which is how we detect it.
ZBAR_CFG_BINARY = 4

# "Y800" as a little-endian fourcc: 8-bit grey, one byte per pixel (what PIL's "L" mode gives).
_FOURCC_Y800 = int.from_bytes(b"Y800", "little")

# ZBAR_NONE: with CFG_ENABLE it switches every symbology at once.
_ALL_SYMBOLOGIES = 0


@functools.cache
def binary_mode_supported() -> bool:
    """Whether this libzbar accepts ``ZBAR_CFG_BINARY`` on QR codes (zbar ≥ 0.23).

    Checked once per process: the library cannot change under a running app. pyzbar's Windows
    wheel bundles an older zbar DLL that may fail here.
    """
    with _scanner() as scanner:
        return _configure_qr_binary(scanner)


def read_qr_codes(grey: Image.Image) -> list[RawCode]:
    """Every QR code zbar finds in a grey-scale ("L") image, as raw bytes with its box.

    Callers check ``binary_mode_supported()`` first (``qr_decode`` does); a scanner that refuses
    binary mode here raises ``OSError`` rather than return guessed text.
    """
    pixels = grey.tobytes()  # kept referenced until the scan is done: zbar does not copy it
    with _scanner() as scanner, _zbar_image(pixels, grey.size) as image:
        if not _configure_qr_binary(scanner):
            raise OSError("zbar refused ZBAR_CFG_BINARY")
        if zbar.zbar_scan_image(scanner, image) < 0:
            raise OSError("zbar could not scan a Y800 image")
        return [_raw_code(symbol) for symbol in _symbols(image)]


def _configure_qr_binary(scanner: Any) -> bool:
    """Scan for QR codes only, and ask for their bytes untouched; False if zbar refuses.

    Turning the other symbologies off is also a speed-up: zbar's linear decoders otherwise run
    on every scan line.
    """
    zbar.zbar_image_scanner_set_config(scanner, _ALL_SYMBOLOGIES, zbar.ZBarConfig.CFG_ENABLE, 0)
    qr = zbar.ZBarSymbol.QRCODE
    enabled = zbar.zbar_image_scanner_set_config(scanner, qr, zbar.ZBarConfig.CFG_ENABLE, 1)
    binary = zbar.zbar_image_scanner_set_config(scanner, qr, ZBAR_CFG_BINARY, 1)
    # zbar returns 0 on success and 1 for a configuration it does not know.
    return bool(enabled == 0 and binary == 0)


@contextmanager
def _scanner() -> Iterator[Any]:
    """A fresh zbar image scanner, destroyed on exit.

    One per call rather than a shared one: a scanner is not thread-safe, and creating it costs
    microseconds next to the scan itself.
    """
    scanner = zbar.zbar_image_scanner_create()
    if not scanner:
        raise MemoryError("zbar_image_scanner_create failed")
    try:
        yield scanner
    finally:
        zbar.zbar_image_scanner_destroy(scanner)


@contextmanager
def _zbar_image(pixels: bytes, size: tuple[int, int]) -> Iterator[Any]:
    """A zbar image viewing ``pixels`` (Y800, ``size`` = width, height), destroyed on exit."""
    image = zbar.zbar_image_create()
    if not image:
        raise MemoryError("zbar_image_create failed")
    try:
        zbar.zbar_image_set_format(image, _FOURCC_Y800)
        zbar.zbar_image_set_size(image, *size)
        # ctypes passes the bytes object's own buffer, no copy; no cleanup handler (None):
        # Python owns ``pixels`` and zbar only borrows the pointer while the image lives.
        zbar.zbar_image_set_data(image, pixels, len(pixels), None)
        yield image
    finally:
        zbar.zbar_image_destroy(image)


def _symbols(image: Any) -> Iterator[Any]:
    """The QR symbols zbar attached to ``image`` after a scan."""
    symbol = zbar.zbar_image_first_symbol(image)
    while symbol:
        if symbol.contents.type == zbar.ZBarSymbol.QRCODE:
            yield symbol
        symbol = zbar.zbar_symbol_next(symbol)


def _raw_code(symbol: Any) -> RawCode:
    """The symbol's bytes (copied out of zbar's memory) and its bounding box."""
    data = string_at(zbar.zbar_symbol_get_data(symbol), zbar.zbar_symbol_get_data_length(symbol))
    count = zbar.zbar_symbol_get_loc_size(symbol)
    xs = [zbar.zbar_symbol_get_loc_x(symbol, i) for i in range(count)]
    ys = [zbar.zbar_symbol_get_loc_y(symbol, i) for i in range(count)]
    box = (min(xs), min(ys), max(xs), max(ys)) if count else (0, 0, 0, 0)
    return data, box
