"""Text cells that a spreadsheet opening a CSV must show, never run.

Excel and LibreOffice read a CSV cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula: an address typed as ``=HYPERLINK(…)`` or
``-2+3+cmd|' /C calc'!A0`` would run on the supervisor's PC. Such a cell gets a leading
apostrophe (OWASP's advice), which shows the text as typed. A plain number or phone
(``+84 912 345 678``, ``-5``) is left alone: it cannot call anything.
"""

from __future__ import annotations

import re
from typing import Final, TypeVar

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 .,]*")

T = TypeVar("T")


def formula_safe(value: T) -> T | str:
    """``value`` unchanged unless it is text a spreadsheet would take for a formula."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value
