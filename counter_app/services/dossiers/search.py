"""One search box for the counter: an ID number, a dossier code, or words of a name/address.

The query decides the path: 9 or 12 digits → exact ID number (indexed); a full dossier code
or a code prefix → the code index; anything else → folded words on the FTS index, each word
a prefix ("dang thi h" finds "Đặng Thị Hoa"). Results are newest first and paged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counter_app.domain.dossier import Dossier
from counter_app.domain.dossier_code import looks_like_code_start
from counter_app.domain.text import fold
from counter_app.errors import BadInputError
from counter_app.services.store.opening import Store
from counter_app.storage import search as index
from counter_app.storage.dossiers import get_dossiers_by_ids

ID_NUMBER = re.compile(r"^(\d{9}|\d{12})$")
MAX_LIMIT = 500  # a page; the table views fetch more pages as the clerk scrolls


class EmptyQueryError(BadInputError):
    code = "EMPTY_QUERY"


@dataclass(frozen=True)
class SearchFilters:
    day_from: date | None = None
    day_to: date | None = None
    status: int | None = None


def search_dossiers(
    store: Store,
    query: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Dossier]:
    text = query.strip()
    limit = max(1, min(limit, MAX_LIMIT))
    chosen = filters or SearchFilters()
    if ID_NUMBER.match(text):
        ids = index.ids_by_id_number(store, text, limit=limit + offset)[offset:]
        return _filtered(get_dossiers_by_ids(store, ids), chosen)
    if looks_like_code_start(text):
        ids = (
            index.ids_by_code(store, text.upper())
            or index.ids_by_code_prefix(store, text.upper(), limit=limit + offset)[offset:]
        )
        return _filtered(get_dossiers_by_ids(store, ids), chosen)
    words = search_words(text)
    if not words:
        raise EmptyQueryError("")
    match = index.match_expression(store, words)
    if match is None:
        return []  # a word that begins no known word: nothing can match
    ids = index.ids_by_text(
        store,
        match,
        day_from=chosen.day_from.isoformat() if chosen.day_from else None,
        day_to=chosen.day_to.isoformat() if chosen.day_to else None,
        status=chosen.status,
        limit=limit,
        offset=offset,
    )
    return get_dossiers_by_ids(store, ids)


def search_words(text: str) -> list[str]:
    """Folded words of ``text``: letters and digits only, so FTS syntax cannot be injected."""
    return index.tokens(fold(text))


def _filtered(found: list[Dossier], filters: SearchFilters) -> list[Dossier]:
    """Exact lookups return a handful of rows: filter them here rather than in SQL."""
    day_from = filters.day_from.isoformat() if filters.day_from else None
    day_to = filters.day_to.isoformat() if filters.day_to else None
    return [
        d
        for d in found
        if (day_from is None or d.received_at[:10] >= day_from)
        and (day_to is None or d.received_at[:10] <= day_to)
        and (filters.status is None or d.status == filters.status)
    ]
