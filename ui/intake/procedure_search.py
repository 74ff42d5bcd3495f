"""Finding a procedure as the clerk types: accent-free words, initials ("ks"), or a code.

The catalogue holds a few dozen procedures, so the match runs in memory on every keystroke
(well under a millisecond) instead of a store round trip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from counter_app.domain.procedure import Procedure
from counter_app.domain.text import fold

MAX_SUGGESTIONS = 8  # what fits the column at 1366×768 without scrolling


def _initials(words: Sequence[str]) -> str:
    return "".join(word[0] for word in words if word)


def matches(procedure: Procedure, query: str) -> bool:
    """Code prefix, every word a prefix of a name word, or initials of consecutive words."""
    text = fold(query).strip()
    if not text:
        return True
    if text[0].isdigit():
        return procedure.code.startswith(text)
    words = fold(procedure.name_vi).replace(",", " ").split()
    wanted = text.split()
    if all(any(word.startswith(part) for word in words) for part in wanted):
        return True
    return len(wanted) == 1 and len(text) >= 2 and text in _initials(words)


def suggestions(
    procedures: Sequence[Procedure],
    query: str,
    usage: Mapping[str, int],
    limit: int = MAX_SUGGESTIONS,
) -> list[Procedure]:
    """Matches, the counter's most used first (``usage``: code → rank, 0 = most used), then
    the shorter names (the plain procedure before its variants)."""
    found = [p for p in procedures if p.active and matches(p, query)]
    found.sort(key=lambda p: (usage.get(p.code, len(usage)), len(p.name_vi), p.code))
    return found[:limit]
