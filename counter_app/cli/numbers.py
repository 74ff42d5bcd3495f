"""Number options with their range: ``nan``, ``inf`` or a 400-digit number is a typed refusal.

argparse's ``type=float`` accepts ``nan`` (every comparison with it is false, so a loop bounded
by it never ends) and ``type=int`` any size (SQLite cannot hold it); these types refuse both
with ``BAD_OPTION`` naming the option, before any command runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from counter_app.errors import BadInputError


class BadOptionError(BadInputError):
    """An option's value has the wrong shape or range (a date, a document, a number)."""

    code = "BAD_OPTION"


def bounded_float(option: str, low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise BadOptionError(option) from None
        if not math.isfinite(value) or not low <= value <= high:
            raise BadOptionError(option)
        return value

    return parse


def bounded_int(option: str, low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        stripped = text.strip()
        if len(stripped) > 20:  # int() of a huge string is slow before it is refused
            raise BadOptionError(option)
        try:
            value = int(stripped)
        except ValueError:
            raise BadOptionError(option) from None
        if not low <= value <= high:
            raise BadOptionError(option)
        return value

    return parse
