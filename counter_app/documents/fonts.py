"""The shipped Vietnamese fonts: registered with reportlab once per process, measured cheaply.

reportlab's built-in Times and Helvetica cannot draw Vietnamese, so every document uses
Liberation Serif (Times New Roman metrics, SIL OFL 1.1), shipped in ``resources/fonts``
with its licence, so a PDF never depends on the fonts of the PC it is made on.
"""

from __future__ import annotations

import functools
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from counter_app.documents.errors import FontsMissingError
from counter_app.resources import resource_path

REGULAR: Final = "CounterSerif"
BOLD: Final = "CounterSerif-Bold"
ITALIC: Final = "CounterSerif-Italic"
BOLD_ITALIC: Final = "CounterSerif-BoldItalic"

FONT_FILES: Final = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
LICENCE_FILE: Final = "LiberationSerif-LICENSE.txt"


@functools.cache
def register_fonts() -> None:
    """Register the four faces once (10–20 ms each process); later calls return at once."""
    for name, file_name in FONT_FILES.items():
        path = resource_path("fonts", file_name)
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (OSError, TTFError) as exc:
            raise FontsMissingError(file_name) from exc
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


# Word widths at 1 pt, per face: forms repeat the same words (labels, months, the unit's
# name) on every page and copy, and reportlab measures TrueType text in a Python loop.
_WIDTHS: dict[tuple[str, str], float] = {}
# Past this many cached words the cache starts afresh, so a long-running app never grows it.
_MAX_CACHED_WIDTHS: Final = 20_000


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points; the fonts must be registered."""
    key = (text, font)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) >= _MAX_CACHED_WIDTHS:
            _WIDTHS.clear()
        width = pdfmetrics.stringWidth(text, font, 1.0)
        _WIDTHS[key] = width
    return width * size


def fitted_size(text: str, font: str, size: float, width: float, *, smallest: float) -> float:
    """``size``, or smaller so ``text`` fits ``width`` on one line (never below ``smallest``)."""
    natural = text_width(text, font, 1.0)
    if natural <= 0:
        return size
    # A hair under the exact fit, so that rounding never wraps the line it was fitted to.
    return max(smallest, min(size, width / natural * 0.999))
