"""The shipped font draws every Vietnamese letter, and ships with its licence."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile

from counter_app.documents import fonts as fonts_module
from counter_app.documents.errors import FontsMissingError
from counter_app.documents.fonts import FONT_FILES, LICENCE_FILE, register_fonts, text_width
from counter_app.resources import resource_path

VOWELS = "aăâeêioôơuưy"
# No mark, grave, acute, hook above, tilde, dot below: the six tones.
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
CONSONANTS = "bcdđghklmnpqrstvx"


def vietnamese_letters() -> list[str]:
    lower = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES]
    lower += [*CONSONANTS, "f", "j", "w", "z"]
    return lower + [letter.upper() for letter in lower]


def test_the_letter_list_is_complete() -> None:
    letters = vietnamese_letters()
    assert len(set(letters)) == len(letters) == 2 * (12 * 6 + 17 + 4)
    assert all(len(letter) == 1 for letter in letters), "every letter has a precomposed form"
    assert {"Đ", "đ", "Ỹ", "ự", "Ặ"} <= set(letters)


@pytest.mark.parametrize("file_name", sorted(FONT_FILES.values()))
def test_every_face_covers_every_vietnamese_letter(file_name: str) -> None:
    cmap = TTFontFile(str(resource_path("fonts", file_name))).charToGlyph
    missing = [letter for letter in vietnamese_letters() if ord(letter) not in cmap]
    assert missing == []


def test_the_licence_ships_next_to_the_fonts() -> None:
    text = resource_path("fonts", LICENCE_FILE).read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Liberation" in text


def test_fonts_register_once_and_measure_vietnamese() -> None:
    register_fonts()
    register_fonts()  # cached: a second call registers nothing again
    assert set(FONT_FILES) <= set(pdfmetrics.getRegisteredFontNames())
    name = next(iter(FONT_FILES))
    assert text_width("Nguyễn", name, 10) == pytest.approx(
        pdfmetrics.stringWidth("Nguyễn", name, 10)
    )
    assert text_width("Nguyễn", name, 20) == pytest.approx(2 * text_width("Nguyễn", name, 10))


def test_a_missing_font_file_is_an_environment_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts_module, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(FontsMissingError) as raised:
        register_fonts.__wrapped__()  # the uncached body: the process's fonts stay registered
    assert raised.value.code == "FONTS_NOT_SHIPPED" and raised.value.exit_status == 3
    assert str(raised.value) == FONT_FILES[next(iter(FONT_FILES))]
