"""One cleaning and one set of limits for every value that enters a dossier, whatever the way in.

Typed on the form, given to ``dossier add`` or ``edit``, read from a card's QR, from a typed
JSON, an import or the city's changes: each text goes through :func:`clean_field` (NFC, no C0/C1
controls, no format characters such as bidi overrides, zero-width spaces or the BOM, single
spaces) and is refused above its field's length; each number is checked against its range.
The intake and edit services call :func:`clean_intake_values`, so no path can skip them.

Limits: ``TrichYeuHoSo`` (1000) and ``NguoiXuLy`` (50) are the national vocabulary's own
(sync.md A3); the others are ours, generous for any real value and far below a pasted file.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Final

from counter_app.domain.text import nfc
from counter_app.errors import BadInputError

FIELD_LIMITS: Final = {
    "full_name": 150,
    "id_number": 20,
    "date_of_birth": 10,
    "issue_date": 10,
    "sex": 10,
    "address": 500,
    "phone": 20,
    "email": 254,  # RFC 5321's path limit
    "nationality": 100,
    "relation": 100,
    "document": 300,
    "notes": 1000,  # GhiChu, sized like TrichYeuHoSo
    "summary": 1000,  # TrichYeuHoSo (national vocabulary)
    "handler": 50,  # NguoiXuLy (national vocabulary)
    "step": 1000,  # NoiDungXuLy
    "fee_exemption": 500,
    "reason": 1000,
    "recipient": 150,
    "queue_ticket": 20,
    "competent_agency": 40,
}
SETS_RANGE: Final = (1, 99)
FEE_RANGE: Final = (0, 1_000_000_000)  # VND: no counter fee comes near a billion
COUNT_RANGE: Final = (0, 99)  # originals or copies of one paper


class TextTooLongError(BadInputError):
    """A text is longer than its field allows (the detail names the field, never the value)."""

    code = "TEXT_TOO_LONG"


class NumberOutOfRangeError(BadInputError):
    """A number is outside its field's range (sets, fee, counts); the detail names the field."""

    code = "INTAKE_INVALID"


class ControlCharacterError(BadInputError):
    """A text holds a terminal escape or a bidi control: it would act, not show; refused.

    Other invisible characters (zero-width spaces, the BOM, stray C0/C1 controls a scanner
    leaves) are removed silently; these two kinds are never an accident of a scanner.
    """

    code = "TEXT_CONTROL_CHARACTER"


class RequiredTextError(BadInputError):
    """A text that must not be blank is blank after cleaning (a name made of spaces)."""

    code = "TEXT_REQUIRED"


# ESC and CSI (terminal escape sequences) and the bidi embeddings, overrides, isolates and
# marks that reorder what a person reads (CVE-2021-42574, "Trojan Source").
ACTING_CHARACTERS: Final = frozenset(
    "\x1b\x9b\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def strip_invisible(text: str) -> str:
    """Drop every character that would act rather than show: C0/C1 controls and format
    characters (bidi embeddings, overrides and isolates, zero-width spaces and joiners, BOM)."""
    if text.isprintable():
        return text
    return "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf")
    )


def clean_field(value: str, field: str, *, required: bool = False) -> str:
    """The value as stored: NFC, no invisible characters, single spaces, within the limit."""
    limit = FIELD_LIMITS[field]
    if len(value) > 8 * limit:  # refuse a pasted file before any work proportional to it
        raise TextTooLongError(field)
    if not value.isprintable() and not ACTING_CHARACTERS.isdisjoint(value):
        raise ControlCharacterError(field)
    cleaned = " ".join(nfc(strip_invisible(value)).split())
    if len(cleaned) > limit:
        raise TextTooLongError(field)
    if required and not cleaned:
        raise RequiredTextError(field)
    return cleaned


def check_number(value: int | float | None, field: str, bounds: tuple[int, int]) -> None:
    """Refuse a number outside ``bounds`` (None passes: the catalogue's default applies)."""
    if value is None:
        return
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        raise NumberOutOfRangeError(field)
    if not bounds[0] <= value <= bounds[1]:
        raise NumberOutOfRangeError(field)


def displayable(text: str) -> str:
    """``text`` for a terminal: every control or format character shown as ``\\uXXXX``.

    Stored values are already clean; this guards what older versions or the city put in.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    """``\\uXXXX``, as a surrogate pair above U+FFFF, so that it is valid JSON too."""
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
