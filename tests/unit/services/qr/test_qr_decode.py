"""QR decoding with both backends, on pictures generated here with segno and Pillow.

Every picture is deterministic (fixed sizes, seeded noise), so a failure is a regression, not
luck. zbar tests skip when libzbar0 cannot be loaded; zxing-cpp is a wheel and always runs.
"""

from __future__ import annotations

import io
import random
import statistics
import sys
from pathlib import Path

import pytest
import segno
from PIL import Image, ImageFilter, ImageOps

import counter_app.services
from counter_app.errors import EXIT_BAD_INPUT, EXIT_ENVIRONMENT
from counter_app.services.qr import decode as qr_decode
from counter_app.services.qr.decode import (
    ZBAR_PACKAGE,
    Decoder,
    DecoderUnavailableError,
    ImageUnreadableError,
    decode_qr_payloads,
    load_image,
)
from tests.payloads import T1, T3

# A short name that plain pyzbar takes for Shift-JIS (it returns "Ng繫 B廕υ Ch璽u").
SHORT_NAME = "Ngô Bảo Châu"
URL = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"


def _zbar_skip_reason() -> str | None:
    """Why zbar tests cannot run here, or None when libzbar loads with binary mode."""
    try:
        decode_qr_payloads(Image.new("L", (8, 8), 255), decoder=Decoder.ZBAR)
    except DecoderUnavailableError as error:
        if error.detail == ZBAR_PACKAGE:
            return f"{ZBAR_PACKAGE} not installed"
        return f"{ZBAR_PACKAGE} not installed in a usable version: {error.detail}"
    return None


ZBAR_SKIP_REASON = _zbar_skip_reason()
NEEDS_ZBAR = [
    pytest.mark.zbar,
    pytest.mark.skipif(ZBAR_SKIP_REASON is not None, reason=str(ZBAR_SKIP_REASON)),
]
BOTH_DECODERS = pytest.mark.parametrize(
    "decoder", [Decoder.ZXING, pytest.param(Decoder.ZBAR, marks=NEEDS_ZBAR)]
)


# --- picture helpers ------------------------------------------------------------------------


def qr_image(payload: str | bytes, *, scale: int = 6, border: int = 4) -> Image.Image:
    """A black-on-white QR Code (never Micro QR) as segno writes it to PNG."""
    code = segno.make(payload, encoding="utf-8", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=border)
    buffer.seek(0)
    image = Image.open(buffer)
    image.load()
    return image


def with_noise(image: Image.Image, *, sigma: float, seed: int) -> Image.Image:
    """Grey ``image`` plus seeded Gaussian noise (uniform bytes through the inverse CDF)."""
    grey = image.convert("L")
    normal = statistics.NormalDist(0, sigma)
    shift = [normal.inv_cdf((u + 0.5) / 256) for u in range(256)]
    noise = random.Random(seed).randbytes(grey.width * grey.height)
    pixels = [
        min(255, max(0, round(p + shift[n]))) for p, n in zip(grey.tobytes(), noise, strict=True)
    ]
    return Image.frombytes("L", grey.size, bytes(pixels))


def side_by_side(*images: Image.Image) -> Image.Image:
    """The images on one white canvas, left to right, with a gap between them."""
    gap = 40
    width = sum(image.width for image in images) + gap * (len(images) + 1)
    height = max(image.height for image in images) + 2 * gap
    canvas = Image.new("L", (width, height), 255)
    left = gap
    for image in images:
        canvas.paste(image.convert("L"), (left, gap))
        left += image.width + gap
    return canvas


def in_frame(symbol: Image.Image, size: tuple[int, int], offset: tuple[int, int]) -> Image.Image:
    """``symbol`` pasted on a flat mid-grey frame, as a small code in a camera picture."""
    frame = Image.new("L", size, 150)
    frame.paste(symbol.convert("L"), offset)
    return frame


# --- decoding -------------------------------------------------------------------------------


@BOTH_DECODERS
@pytest.mark.parametrize("payload", [T1, T3], ids=["T1", "T3"])
def test_clean_id_card_qr(decoder: Decoder, payload: str) -> None:
    assert decode_qr_payloads(qr_image(payload), decoder=decoder) == [payload]


@pytest.mark.zbar
@pytest.mark.skipif(ZBAR_SKIP_REASON is not None, reason=str(ZBAR_SKIP_REASON))
def test_plain_pyzbar_garbles_the_short_name_our_zbar_backend_does_not() -> None:
    """The reason for binary mode: zbar's own charset guess turns this name into CJK."""
    from pyzbar import pyzbar

    image = qr_image(SHORT_NAME)
    plain = pyzbar.decode(image)[0].data.decode("utf-8", errors="replace")
    assert plain != SHORT_NAME
    assert decode_qr_payloads(image, decoder=Decoder.ZBAR) == [SHORT_NAME]


@BOTH_DECODERS
def test_short_vietnamese_name_is_exact(decoder: Decoder) -> None:
    assert decode_qr_payloads(qr_image(SHORT_NAME), decoder=decoder) == [SHORT_NAME]


@BOTH_DECODERS
def test_bytes_that_are_not_utf8_come_back_as_latin1(decoder: Decoder) -> None:
    """Never a guessed Shift-JIS: a foreign byte payload keeps every byte, one char each."""
    raw = b"\xff\xfeABC \xe9"
    assert decode_qr_payloads(qr_image(raw), decoder=decoder) == [raw.decode("latin-1")]


@BOTH_DECODERS
@pytest.mark.parametrize("angle", [90, 30])
def test_rotated(decoder: Decoder, angle: int) -> None:
    image = qr_image(T1).convert("L")
    rotated = image.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert decode_qr_payloads(rotated, decoder=decoder) == [T1]


@BOTH_DECODERS
def test_blurred(decoder: Decoder) -> None:
    blurred = qr_image(T1).convert("L").filter(ImageFilter.GaussianBlur(2))
    assert decode_qr_payloads(blurred, decoder=decoder) == [T1]


@BOTH_DECODERS
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_noisy(decoder: Decoder, seed: int) -> None:
    noisy = with_noise(qr_image(T1), sigma=60, seed=seed)
    assert decode_qr_payloads(noisy, decoder=decoder) == [T1]


@BOTH_DECODERS
def test_the_retry_chain_reads_what_one_plain_pass_misses(decoder: Decoder) -> None:
    """At this much noise neither library reads the picture as it is; a prepared variant does."""
    noisy = with_noise(qr_image(T1), sigma=60, seed=1)
    assert qr_decode._reader(decoder)(noisy) == []
    assert decode_qr_payloads(noisy, decoder=decoder) == [T1]


@BOTH_DECODERS
@pytest.mark.parametrize("px_per_module", [2, 3])
def test_small_code_in_a_frame(decoder: Decoder, px_per_module: int) -> None:
    """A card QR at 2–3 px per module, slightly soft, in a 480×360 frame.

    zbar is said to need about 5 px per module; on mild grain like this it reads 2–3 px at
    the first pass. Its limit shows on heavy webcam grain at 3 px: see bench/bench_decode.py.
    """
    symbol = qr_image(T1, scale=px_per_module)
    frame = in_frame(symbol, (480, 360), (90, 70)).filter(ImageFilter.GaussianBlur(0.6))
    assert decode_qr_payloads(with_noise(frame, sigma=10, seed=7), decoder=decoder) == [T1]


@BOTH_DECODERS
def test_tiny_grainy_code_is_read_doubled(decoder: Decoder) -> None:
    """2 px per module, softer and grainier: neither library reads it as it is, both doubled."""
    symbol = qr_image(T1, scale=2)
    frame = in_frame(symbol, (480, 360), (90, 70)).filter(ImageFilter.GaussianBlur(0.8))
    grainy = with_noise(frame, sigma=20, seed=0)
    assert qr_decode._reader(decoder)(grainy) == []
    assert decode_qr_payloads(grainy, decoder=decoder) == [T1]


@BOTH_DECODERS
@pytest.mark.parametrize("mode", ["1", "L", "P", "RGB", "RGBA", "LA"])
def test_any_pillow_mode(decoder: Decoder, mode: str) -> None:
    assert decode_qr_payloads(qr_image(T1).convert(mode), decoder=decoder) == [T1]


@BOTH_DECODERS
def test_colour_print(decoder: Decoder) -> None:
    """Dark blue modules on a cream card, as a coloured print or a tinted photo."""
    colour = ImageOps.colorize(qr_image(T1).convert("L"), black="#1d2b64", white="#f6efd2")
    assert decode_qr_payloads(colour, decoder=decoder) == [T1]


@BOTH_DECODERS
def test_transparent_background_reads_as_paper(decoder: Decoder) -> None:
    """A QR drawn in black on transparency: the hidden background colour is black too."""
    grey = qr_image(T1).convert("L")
    rgba = Image.new("RGBA", grey.size, (0, 0, 0, 0))
    rgba.putalpha(ImageOps.invert(grey))  # opaque black modules only
    assert decode_qr_payloads(rgba, decoder=decoder) == [T1]


@BOTH_DECODERS
def test_several_codes_come_back_left_to_right(decoder: Decoder) -> None:
    picture = side_by_side(qr_image(URL), qr_image(T1))
    assert decode_qr_payloads(picture, decoder=decoder) == [URL, T1]


@BOTH_DECODERS
def test_codes_in_rows_come_back_row_by_row(decoder: Decoder) -> None:
    top = side_by_side(qr_image(T3), qr_image(URL))
    bottom = side_by_side(qr_image(T1))
    canvas = Image.new("L", (max(top.width, bottom.width), top.height + bottom.height), 255)
    canvas.paste(top, (0, 0))
    canvas.paste(bottom, (0, top.height))
    assert decode_qr_payloads(canvas, decoder=decoder) == [T3, URL, T1]


@BOTH_DECODERS
def test_the_same_code_twice_is_returned_once(decoder: Decoder) -> None:
    picture = side_by_side(qr_image(T1), qr_image(T1, scale=5))
    assert decode_qr_payloads(picture, decoder=decoder) == [T1]


@BOTH_DECODERS
def test_no_code_gives_an_empty_list(decoder: Decoder) -> None:
    grain = with_noise(Image.new("L", (320, 240), 128), sigma=30, seed=5)
    assert decode_qr_payloads(grain, decoder=decoder) == []
    assert decode_qr_payloads(Image.new("RGB", (50, 50), "white"), decoder=decoder) == []


# --- the zbar library missing ---------------------------------------------------------------


def _hide_zbar_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import qr_zbar`` fail as it does where pyzbar finds no libzbar."""
    monkeypatch.delattr(counter_app.services.qr, "zbar_reader", raising=False)
    monkeypatch.setitem(sys.modules, "counter_app.services.qr.zbar_reader", None)


def test_missing_libzbar_is_a_typed_environment_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide_zbar_backend(monkeypatch)
    with pytest.raises(DecoderUnavailableError) as caught:
        decode_qr_payloads(qr_image(T1), decoder=Decoder.ZBAR)
    assert caught.value.code == "DECODER_UNAVAILABLE"
    assert caught.value.detail == "libzbar0"
    assert caught.value.exit_status == EXIT_ENVIRONMENT


def test_zxing_works_without_libzbar(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide_zbar_backend(monkeypatch)
    assert decode_qr_payloads(qr_image(T1)) == [T1]


@pytest.mark.zbar
@pytest.mark.skipif(ZBAR_SKIP_REASON is not None, reason=str(ZBAR_SKIP_REASON))
def test_zbar_without_binary_mode_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An old zbar (pyzbar's Windows DLL) would guess charsets: refuse it instead."""
    from counter_app.services.qr import zbar_reader as qr_zbar

    monkeypatch.setattr(qr_zbar, "binary_mode_supported", lambda: False)
    with pytest.raises(DecoderUnavailableError, match="libzbar0"):
        decode_qr_payloads(qr_image(T1), decoder=Decoder.ZBAR)


# --- loading files --------------------------------------------------------------------------


def test_load_image_reads_a_png(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    qr_image(T1).save(path)
    image = load_image(path)
    assert decode_qr_payloads(image) == [T1]
    assert load_image(str(path)).size == image.size


def test_load_image_applies_exif_orientation(tmp_path: Path) -> None:
    """A phone stores a portrait photo sideways and says so in EXIF (6 = turn 90° clockwise)."""
    upright = side_by_side(qr_image(T1), Image.new("L", (100, 10), 255))
    stored = upright.rotate(90, expand=True)  # what the sensor wrote
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    path = tmp_path / "phone.jpg"
    stored.save(path, exif=exif, quality=95)
    assert load_image(path).size == upright.size
    assert decode_qr_payloads(load_image(path)) == [T1]


def test_load_image_reads_a_stream() -> None:
    buffer = io.BytesIO()
    qr_image(T1).save(buffer, format="PNG")
    buffer.seek(0)
    assert decode_qr_payloads(load_image(buffer)) == [T1]


def test_missing_file_names_only_the_file(tmp_path: Path) -> None:
    path = tmp_path / "Nguyễn Văn An" / "cccd.png"
    with pytest.raises(ImageUnreadableError) as caught:
        load_image(path)
    assert caught.value.code == "IMAGE_UNREADABLE"
    assert caught.value.exit_status == EXIT_BAD_INPUT
    assert caught.value.detail == "cccd.png"
    assert str(caught.value) == "cccd.png"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_file_that_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("not a picture", encoding="utf-8")
    with pytest.raises(ImageUnreadableError, match=r"^notes\.png$"):
        load_image(path)


def test_a_truncated_png(tmp_path: Path) -> None:
    whole = io.BytesIO()
    qr_image(T1).convert("L").save(whole, format="PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    with pytest.raises(ImageUnreadableError, match=r"^cut\.png$"):
        load_image(path)


def test_an_unreadable_stream_has_a_placeholder_name() -> None:
    with pytest.raises(ImageUnreadableError, match="<stream>"):
        load_image(io.BytesIO(b"\x89PNG\r\n\x1a\n broken"))
