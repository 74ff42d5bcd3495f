"""Read the QR codes in a picture: an ID card photo, a webcam frame, a scanned page.

One function, two backends: zxing-cpp (default: a wheel, no system library, faster and better
on poor images) and zbar (the system library, kept as a fallback IT can choose). Both hand back
raw bytes; the text is made here, the same way for both: UTF-8, else Latin-1. No library is
allowed to guess the character set (zbar's guess turns short Vietnamese names into Shift-JIS
mojibake; see platform.md, "QR decoding").

The picture is tried as it is first; only when nothing is found do we try a short fixed chain
of prepared variants (contrast, scale, denoise), stopping at the first that finds something.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import IO

from PIL import Image, ImageFilter, ImageOps

from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.qr.found import RawCode

Reader = Callable[[Image.Image], list[RawCode]]

# The Debian/Ubuntu package IT installs for the zbar backend; named in the error detail.
ZBAR_PACKAGE = "libzbar0"

# What an unreadable stream is called in the error detail: it has no file name to show.
STREAM_NAME = "<stream>"
# Below this long side the picture is doubled (bicubic) in the retry chain. Small crops and
# thumbnails put a card QR at 2–3 px per module; once blur and noise smear such modules both
# backends miss them and read them again doubled (zbar wants about 5 px per module). Above
# 640 px doubling costs more than it saves: a noisy 720p frame doubled to 2560×1440 takes
# zxing-cpp about 30 ms instead of 8 ms, and a live camera feeds frames without a code all day.
SMALL_SIDE_PX = 640
# Above this long side the picture is halved in the retry chain. A 12–48 MP phone photo (4000+
# px) puts a hand-held card QR at 10–40 px per module: halving loses nothing, speeds zbar up
# fourfold, and averages away sensor noise. 1080p frames stay untouched.
HUGE_SIDE_PX = 2400
# Box blur radius of the denoise step. Pillow weights the outer pixels of a fractional radius,
# so 0.5 is a 3×3 kernel of ¼ ½ ¼ on each axis: it cuts Gaussian sensor noise to about 40 %
# yet keeps the edges of a 3 px module. On the benchmark's webcam set (40 frames) zxing-cpp then
# read 37 and zbar 34, against 34/29 with radius 1 (a plain 3×3 mean), 20/10 with radius 2 (a
# 5×5 mean erases small modules) and 29/24 with a 3×3 median, which Pillow runs about ten times
# slower (100 ms on a 720p frame). Radii 0.3–0.7 read about the same: 0.5 is not a lucky peak.
DENOISE_RADIUS_PX = 0.5
# Percent of darkest and lightest pixels ignored by autocontrast: 1 % keeps a glare spot or a
# black phone edge from setting the range, so the grey card still stretches to full contrast.
AUTOCONTRAST_CUTOFF_PERCENT = 1


class Decoder(StrEnum):
    """Which library reads the QR codes (a setting IT may change; zxing is the default)."""

    ZXING = "zxing"
    ZBAR = "zbar"


class ImageUnreadableError(BadInputError):
    """The file is missing, not an image, or cut short; the clerk must pick another one."""

    code = "IMAGE_UNREADABLE"


class DecoderUnavailableError(EnvironmentProblem):
    """The chosen QR library cannot run on this machine (detail: what to install)."""

    code = "DECODER_UNAVAILABLE"


# What Pillow raises on missing, foreign or damaged files: OSError covers "not found", "cannot
# identify image file" and "image file is truncated"; the others come from damaged headers of
# some formats, and DecompressionBombError from a file claiming absurd dimensions.
_PILLOW_READ_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    struct.error,
    Image.DecompressionBombError,
)


def load_image(path: str | os.PathLike[str] | IO[bytes]) -> Image.Image:
    """Open and fully load an image file (or a binary stream), upright as the camera meant it.

    Phone photos are stored sideways with an EXIF orientation tag; applying it here keeps the
    picture shown to the clerk the same as the one decoded. Loading fully (not lazily) makes a
    truncated file fail here, as a typed error, rather than later inside a decoder. A stream is
    accepted for the CLI's ``-`` (an image piped on stdin).
    """
    try:
        with Image.open(path) as opened:
            opened.load()
            return ImageOps.exif_transpose(opened)
    except _PILLOW_READ_ERRORS:
        # Only the file name goes in the detail, and the cause is not chained: Pillow's message
        # holds the full path, which may name a citizen's folder and would reach the log.
        raise ImageUnreadableError(_file_name(path)) from None


def _file_name(path: str | os.PathLike[str] | IO[bytes]) -> str:
    """The base name of a path, or a placeholder for a stream (which may have no name)."""
    if isinstance(path, str | os.PathLike):
        return os.path.basename(os.fspath(path))
    name = getattr(path, "name", None)
    return os.path.basename(name) if isinstance(name, str) else STREAM_NAME


def decode_qr_payloads(image: Image.Image, *, decoder: Decoder = Decoder.ZXING) -> list[str]:
    """Every QR payload in ``image``, in reading order, each once; ``[]`` when none is found.

    Accepts any Pillow mode (grey, RGB, RGBA, palette). Raises ``DecoderUnavailableError`` when
    ``decoder`` is zbar and libzbar is missing or too old for binary mode.
    """
    read = _reader(decoder)
    for variant in _variants(image):
        found = read(variant)
        if found:
            return _payloads(found)
    return []


def _payload_text(raw: bytes) -> str:
    """A QR payload's text: UTF-8 (what ID cards and our receipts print), else Latin-1.

    Latin-1 never fails and keeps every byte, so a foreign code still shows something the ID
    parser can reject by shape instead of raising here.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _reader(decoder: Decoder) -> Reader:
    """The backend's read function; zbar is imported only when asked for."""
    if decoder is Decoder.ZBAR:
        return _zbar_reader()
    from counter_app.services.qr import zxing_reader as qr_zxing

    return qr_zxing.read_qr_codes


def _zbar_reader() -> Reader:
    """zbar's read function, or ``DecoderUnavailableError`` naming what IT must install."""
    try:
        from counter_app.services.qr import zbar_reader as qr_zbar
    except (ImportError, OSError):
        # ImportError: pyzbar found no libzbar (Linux, macOS); OSError: a broken Windows DLL.
        raise DecoderUnavailableError(ZBAR_PACKAGE) from None
    if not qr_zbar.binary_mode_supported():
        raise DecoderUnavailableError(f"{ZBAR_PACKAGE} >= 0.23 (binary mode)")
    return qr_zbar.read_qr_codes


def _variants(image: Image.Image) -> Iterator[Image.Image]:
    """The picture in grey as it is, then each prepared variant, made only when reached."""
    grey = _to_grey(image)
    yield grey
    for prepare in _PREPARATIONS:
        variant = prepare(grey)
        if variant is not None:
            yield variant


def _to_grey(image: Image.Image) -> Image.Image:
    """The picture in 8-bit grey (what both backends scan); transparent areas become white.

    Converting RGBA straight to "L" drops alpha and turns a transparent background into its
    hidden colour, usually black: black modules on black are unreadable.
    """
    if image.mode == "L":
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, "white")
        return Image.alpha_composite(paper, rgba).convert("L")
    return image.convert("L")


def _autocontrast(grey: Image.Image) -> Image.Image | None:
    """Stretch a washed-out or dim photo to full contrast."""
    return ImageOps.autocontrast(grey, cutoff=AUTOCONTRAST_CUTOFF_PERCENT)


def _upscaled(grey: Image.Image) -> Image.Image | None:
    """Twice the size, for small pictures whose modules are too few pixels for zbar."""
    if max(grey.size) >= SMALL_SIDE_PX:
        return None
    width, height = grey.size
    return grey.resize((width * 2, height * 2), Image.Resampling.BICUBIC)


def _downscaled(grey: Image.Image) -> Image.Image | None:
    """Half the size, for very large photos: faster to scan and less sensor noise."""
    if max(grey.size) <= HUGE_SIDE_PX:
        return None
    return grey.reduce(2)


def _denoised(grey: Image.Image) -> Image.Image | None:
    """A smoothed copy for grainy webcam frames, contrast restored afterwards.

    A huge photo is halved first: the halving already averages noise, and smoothing 12 MP
    would cost more than every scan before it.
    """
    base = _downscaled(grey) or grey
    smooth = base.filter(ImageFilter.BoxBlur(DENOISE_RADIUS_PX))
    return ImageOps.autocontrast(smooth, cutoff=AUTOCONTRAST_CUTOFF_PERCENT)


# The retry chain, cheapest and most often useful first. Fixed, so a picture without a code costs
# at most four scans (upscaling and downscaling never both apply).
_PREPARATIONS: tuple[Callable[[Image.Image], Image.Image | None], ...] = (
    _autocontrast,
    _upscaled,
    _downscaled,
    _denoised,
)


def _payloads(found: list[RawCode]) -> list[str]:
    """Texts in reading order (top to bottom, left to right), each payload once."""
    ordered = [raw for raw, _box in _reading_order(found)]
    return list(dict.fromkeys(_payload_text(raw) for raw in ordered))


def _reading_order(found: list[RawCode]) -> list[RawCode]:
    """Sort codes into rows, then each row left to right.

    A code joins the current row when its top lies above the bottom of the row's first code, so
    two codes side by side on a slightly tilted photo stay left-then-right.
    """
    rows: list[list[RawCode]] = []
    for code in sorted(found, key=_top):
        if rows and _top(code) < _bottom(rows[-1][0]):
            rows[-1].append(code)
        else:
            rows.append([code])
    return [code for row in rows for code in sorted(row, key=_left)]


def _left(code: RawCode) -> int:
    return code[1][0]


def _top(code: RawCode) -> int:
    return code[1][1]


def _bottom(code: RawCode) -> int:
    return code[1][3]
