"""Dossier codes (mã số hồ sơ), TT 01/2018 Art. 19: ``<agency>-YYMMDD-XXXX``.

Several counters of one ward work offline, so each counter numbers from its own disjoint
range of ``XXXX`` (dossier.md §2, option A): counter n → n001–n999 by default, configurable.
The pattern is a template so a changed legal structure needs no release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from counter_app.errors import BadInputError

AGENCY_SHAPE: Final = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$")
HANOI_LEVEL1: Final = "H26"  # Hà Nội's level-1 identifier (unconfirmed, dossier.md §1)
DEFAULT_PATTERN: Final = "{agency}-{yymmdd}-{number:04d}"
MAX_NUMBER: Final = 9999  # four digits


class AgencyCodeInvalidError(BadInputError):
    code = "AGENCY_CODE_INVALID"


class CodeRangeInvalidError(BadInputError):
    code = "CODE_RANGE_INVALID"


class CounterRangeExhaustedError(BadInputError):
    """The counter has used every number of its range today: receive on another counter."""

    code = "COUNTER_RANGE_EXHAUSTED"


@dataclass(frozen=True)
class CodeRange:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 1 <= self.start <= self.end <= MAX_NUMBER:
            raise CodeRangeInvalidError(f"{self.start}-{self.end}")

    def overlaps(self, other: CodeRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


def default_range(counter: int) -> CodeRange:
    """Counter n → n001–n999 (n = 1–9); other counters need a configured range."""
    if not 1 <= counter <= 9:
        raise CodeRangeInvalidError(f"counter {counter}")
    return CodeRange(counter * 1000 + 1, counter * 1000 + 999)


def parse_range(text: str) -> CodeRange:
    match = re.fullmatch(r"\s*(\d{1,4})\s*-\s*(\d{1,4})\s*", text)
    if not match:
        raise CodeRangeInvalidError("")
    return CodeRange(int(match.group(1)), int(match.group(2)))


def check_agency_code(code: str) -> list[str]:
    """Raise on a malformed identifier; return warning codes (level 1 not Hà Nội)."""
    if not AGENCY_SHAPE.match(code):
        raise AgencyCodeInvalidError("")
    return [] if code.endswith(HANOI_LEVEL1) else ["AGENCY_NOT_HANOI"]


def next_number(code_range: CodeRange, last_used: int) -> int:
    """The next free number of the range after ``last_used`` (0 or below the range: its start)."""
    candidate = max(last_used + 1, code_range.start)
    if candidate > code_range.end:
        raise CounterRangeExhaustedError("")
    return candidate


def format_code(agency: str, day: date, number: int, pattern: str = DEFAULT_PATTERN) -> str:
    return pattern.format(agency=agency, yymmdd=day.strftime("%y%m%d"), number=number)


def full_code_shape(agency: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(agency)}-\d{{6}}-\d{{4}}$")


# Any agency's code (the receipt QR's first field, forms.md §4), for telling a scanned receipt
# from an ID card by its shape alone (ux.md).
ANY_CODE_SHAPE: Final = re.compile(AGENCY_SHAPE.pattern.strip("^$") + r"-\d{6}-\d{4}")


def looks_like_dossier_code(text: str) -> bool:
    return ANY_CODE_SHAPE.fullmatch(text.strip()) is not None


# Something with the code's dotted agency part or its -YYMMDD- part: a code, or its beginning.
_CODE_START = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z.]*(-\d{0,6}(-\d{0,4})?)?$|^.*-\d{6}-\d{1,4}$")


def looks_like_code_start(text: str) -> bool:
    """A typed search that is a dossier code or the beginning of one (searched by code)."""
    return _CODE_START.match(text.strip().upper()) is not None


def log_book_name(year: int, counter: int) -> str:
    """The tracking-log book (quyển số) of a counter and year: ``Quầy 1 năm 2026``.

    One book per counter and year keeps line numbers unique offline (forms.md §3). The name
    was ``2026-Q1`` before, which reads as the first quarter (quý 1) even in December.
    """
    return f"Quầy {counter} năm {year}"


def old_log_book_name(year: int, counter: int) -> str:
    """The earlier name of the same book; a store that has it continues its lines."""
    return f"{year}-Q{counter}"
