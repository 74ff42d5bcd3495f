"""Text hygiene for scanned and typed Vietnamese: cleaning, encoding repair, NFC, folding."""

from __future__ import annotations

import re
import unicodedata

# Byte-order mark and zero-width characters that scanners and copy-paste leave behind.
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")
# C0 and C1 control characters; removed only after the encoding repair, which needs C1.
# ESC and CSI are kept: they start terminal escape sequences, which the intake refuses
# (field_text) rather than leave their remains ("[31m") in a name.
_CONTROL = re.compile("[\x00-\x1a\x1c-\x1f\x7f-\x9a\x9c-\x9f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# UTF-8 read as cp1252 (or Latin-1): the lead byte of a Vietnamese letter shows as one of
# these, followed by a continuation byte, which lands in U+0080-U+00BF or on cp1252's
# specials at 0x80-0x9F (' " € ™ š ...).
_CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile("áº|á»|[ÃÄÆÅ][\u0080-\u00bf" + re.escape(_CP1252_SPECIALS) + "]")


def split_scans(text: str) -> list[str]:
    """Split what a scanner delivered into one string per scan (one per non-empty line)."""
    lines = (_INVISIBLE.sub("", line).strip() for line in _LINE_BREAK.split(text))
    return [line for line in lines if line]


def strip_scan_noise(text: str) -> str:
    """Remove the BOM, zero-width characters and surrounding whitespace or suffixes."""
    text = text.strip()
    # BOM and zero-width characters are not printable: a printable text has none (the usual
    # case, decided in one C-level pass).
    return text if text.isprintable() else _INVISIBLE.sub("", text).strip()


def control_characters(text: str) -> list[str]:
    """The characters that would act rather than show: C0 and C1 controls (but tab and line
    breaks, which are white space), and format characters (bidi overrides and isolates,
    zero-width spaces and joiners, the BOM, the soft hyphen). Empty for printable text."""
    if text.isprintable():
        return []
    return [ch for ch in text if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf")]


def remove_controls(text: str) -> str:
    return text if text.isprintable() else _CONTROL.sub("", text)


def _has_mojibake_hint(text: str) -> bool:
    """Any of Ã Ä Æ Å º »: every mojibake pattern contains one, and clean Vietnamese text (the
    usual case) none. ``in`` scans are C loops, several times faster than a regex's character
    class or the full pattern; ASCII text has none of them."""
    return not text.isascii() and (
        "Ã" in text or "Ä" in text or "Æ" in text or "Å" in text or "º" in text or "»" in text
    )


def looks_like_mojibake(text: str) -> bool:
    return _has_mojibake_hint(text) and _MOJIBAKE.search(text) is not None


def _mojibake_bytes(text: str) -> bytes:
    """Turn each character back into the byte a cp1252 (or Latin-1) reading made of it."""
    try:
        return text.encode("cp1252")  # the usual case, in one C-level pass
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                raise
            out.append(ord(ch))  # Latin-1 reading: U+0080-U+009F kept as C1 controls
    return bytes(out)


def repair_mojibake(text: str) -> str | None:
    """Undo UTF-8 read as cp1252; None when the text does not look broken or cannot be mended.

    Repair fails when a byte cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) was
    dropped on the way: the letter is lost and the clerk must retype.
    """
    if not _has_mojibake_hint(text) or _MOJIBAKE.search(text) is None:
        return None
    try:
        return _mojibake_bytes(text).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """Single spaces between words, none around; other white space becomes a space."""
    # Any white space but a single ASCII space is unprintable: the usual text is already clean.
    if "  " not in text and text.isprintable() and text == text.strip():
        return text
    return " ".join(text.split())


def fold(text: str) -> str:
    """Accent-free, lower-case key for comparing and searching (đ folds to d).

    Stored text keeps its marks as read (``Hòa`` and ``Hoà`` both stay); only keys are folded.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def has_trouble_signs(text: str) -> bool:
    """A cheap first look: False means no '?', no U+FFFD and no mojibake in ``text``."""
    return "?" in text or "\ufffd" in text or _has_mojibake_hint(text)


def has_unreadable_characters(text: str) -> bool:
    """A '?' or U+FFFD where a scanner could not type a letter."""
    return "?" in text or "\ufffd" in text
