"""Finding dossiers: by exact ID number or code (indexed), or folded name/address text (FTS5).

The FTS index holds the folded columns (no marks, đ→d, lower case), so the query must be
folded the same way before it gets here. Each word matches as a prefix: "dang thi h" finds
"Đặng Thị Hoa". ``col: (a b)`` restricts every term to the column (platform.md gotcha).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from counter_app.storage.engine import Database

# unicode61's tokens: runs of letters and digits (an underscore separates, as any symbol does).
_TOKEN = re.compile(r"[^\W_]+")
# A prefix of up to this many letters is served by the FTS prefix indexes (prefix='1 2 3').
INDEXED_PREFIX = 3
# A longer prefix expands into at most this many whole words; past that, FTS5's own prefix
# query is no slower than a long OR.
MAX_EXPANSION = 40


def tokens(folded: str) -> list[str]:
    """The words of a folded text, cut exactly where the FTS tokenizer cuts."""
    return _TOKEN.findall(folded)


def add_search_words(db: Database, folded_texts: Iterable[str]) -> None:
    """Record the words of folded texts (call with every folded name or address written)."""
    words = {w for text in folded_texts for w in tokens(text)}
    db.conn.executemany(
        "INSERT OR IGNORE INTO search_words (word) VALUES (?)", [(w,) for w in words]
    )


def match_expression(db: Database, words: list[str]) -> str | None:
    """An FTS5 query where every word matches as a prefix, or None when one cannot match.

    Short prefixes use the prefix indexes; a longer one becomes an OR of the whole words it
    begins (found in ``search_words``), which FTS5 walks lazily instead of merging them up
    front. A word that begins no known word means no dossier can match.
    """
    groups = []
    for word in words:
        group = _word_group(db, word)
        if group is None:
            return None
        groups.append(group)
    return " AND ".join(groups)


def _word_group(db: Database, word: str) -> str | None:
    if len(word) <= INDEXED_PREFIX:
        return f'"{word}"*'
    rows = db.conn.execute(
        "SELECT word FROM search_words WHERE word >= ? AND word < ? ORDER BY word LIMIT ?",
        (word, word + "\uffff", MAX_EXPANSION + 1),
    ).fetchall()
    if not rows:
        return None
    if len(rows) > MAX_EXPANSION:
        return f'"{word}"*'
    return "(" + " OR ".join(f'"{w}"' for (w,) in rows) + ")"


def ids_by_id_number(db: Database, id_number: str, *, limit: int) -> list[int]:
    rows = db.conn.execute(
        "SELECT id FROM dossiers WHERE id_number = ? ORDER BY received_at DESC LIMIT ?",
        (id_number, limit),
    )
    return [int(r[0]) for r in rows]


def ids_by_code(db: Database, code: str) -> list[int]:
    rows = db.conn.execute(
        "SELECT id FROM dossiers WHERE code = ? OR official_code = ?", (code, code)
    )
    return [int(r[0]) for r in rows]


def ids_by_code_prefix(db: Database, prefix: str, *, limit: int) -> list[int]:
    """Codes sharing a prefix; ``code`` is UNIQUE, so its index serves a range scan."""
    rows = db.conn.execute(
        "SELECT id FROM dossiers WHERE code >= ? AND code < ? ORDER BY code LIMIT ?",
        (prefix, prefix + "\uffff", limit),
    )
    return [int(r[0]) for r in rows]


def ids_by_text(
    db: Database,
    match: str,
    *,
    day_from: str | None = None,
    day_to: str | None = None,
    status: int | None = None,
    limit: int,
    offset: int = 0,
) -> list[int]:
    """Dossiers matching ``match`` (see ``match_expression``), newest first.

    Newest first by rowid, which FTS5 walks in reverse without sorting: a common name may
    match a third of a million-row store, and sorting those by time would take a second.
    """
    clauses, params = ["dossier_search MATCH ?"], [match]
    _add_filters(clauses, params, day_from=day_from, day_to=day_to, status=status)
    rows = db.conn.execute(
        "SELECT d.id FROM dossier_search JOIN dossiers d ON d.id = dossier_search.rowid "
        f"WHERE {' AND '.join(clauses)} ORDER BY dossier_search.rowid DESC LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [int(r[0]) for r in rows]


def _add_filters(
    clauses: list[str],
    params: list[Any],
    *,
    day_from: str | None,
    day_to: str | None,
    status: int | None,
) -> None:
    if day_from is not None:
        clauses.append("d.received_day >= ?")
        params.append(day_from)
    if day_to is not None:
        clauses.append("d.received_day <= ?")
        params.append(day_to)
    if status is not None:
        clauses.append("d.status = ?")
        params.append(status)
