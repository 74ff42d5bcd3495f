"""Dates as printed on ID cards, including the partial birth dates of incomplete records."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import NamedTuple

_COMPACT = re.compile(r"[0-9]{8}|[0-9]{6}|[0-9]{4}")
_COMPACT_LENGTHS = (8, 6, 4)
# ISO 8601, full or partial: what the CLI and files use.
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# dd/MM/yyyy, MM/yyyy with '/', '-' or '.': never on a card, but typed by people.
_SEPARATED = re.compile(
    r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})|([0-9]{1,2})[/.\-]([0-9]{4})"
)


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class InvalidDate(ValueError):
    """The text has the shape of a date but names no real day."""


class _DateParts(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None


class PartialDate(_DateParts):
    """A date that may know only its year, or its year and month. Immutable; always valid.

    A named tuple rather than a frozen dataclass: a card parse makes two of these, and a
    frozen dataclass takes several times the instructions to build (measured with callgrind).
    """

    __slots__ = ()

    def __new__(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        if not 1 <= year <= 9999:
            raise InvalidDate("year out of range")
        if month is None:
            if day is not None:
                raise InvalidDate("a day needs a month")
        elif not 1 <= month <= 12:
            raise InvalidDate("month out of range")
        elif day is not None:
            try:
                date(year, month, day)
            except ValueError:
                raise InvalidDate("no such day") from None
        return tuple.__new__(cls, (year, month, day))

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def iso(self) -> str:
        """ISO 8601: ``1990``, ``1990-05`` or ``1990-05-06``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """As on screen and paper: dd/MM/yyyy, MM/yyyy or yyyy."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        if self.month is None:
            return date(self.year, 12, 31)
        next_month = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)


def looks_like_date(text: str) -> bool:
    return bool(_COMPACT.fullmatch(text) or _SEPARATED.fullmatch(text))


def parse_card_date(text: str) -> PartialDate:
    """Read ``ddMMyyyy``, ``MMyyyy`` or ``yyyy`` (and their separated forms, which a card never
    prints: ``is_card_format`` tells them apart).

    Raises InvalidDate when the text is not a date or names no real day.
    """
    if is_compact_card_date(text):
        return from_compact(text)
    match = _SEPARATED.fullmatch(text)
    if match is None:
        raise InvalidDate("not a date")
    day, month, year, month_only, year_only = match.groups()
    if year is not None:
        return PartialDate(int(year), int(month), int(day))
    return PartialDate(int(year_only), int(month_only))


def is_card_format(text: str) -> bool:
    """Bare ASCII digits, as a card prints its dates (no separators)."""
    return text.isascii() and text.isdigit()


def is_compact_card_date(text: str) -> bool:
    """``ddMMyyyy``, ``MMyyyy`` or ``yyyy`` in bare ASCII digits: how a card prints a date."""
    return len(text) in _COMPACT_LENGTHS and text.isascii() and text.isdigit()


def from_compact(text: str) -> PartialDate:
    """The date of a text ``is_compact_card_date`` accepted."""
    if len(text) == 8:
        return PartialDate(int(text[4:]), int(text[2:4]), int(text[:2]))
    if len(text) == 6:
        return PartialDate(int(text[2:]), int(text[:2]))
    return PartialDate(int(text))


def parse_typed_date(text: str) -> PartialDate:
    """Read a date typed by a person: ISO (``1989-06-05``, ``1989-06``, ``1989``) or the card's
    day-first forms with or without separators. Separators are normal when typing: no flag.

    Raises InvalidDate when the text is not a date or names no real day.
    """
    text = text.strip()
    match = _ISO.fullmatch(text)
    if match is not None and "-" in text:
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None  # the pattern requires it
        return PartialDate(year, month, day)
    return parse_card_date(text)
