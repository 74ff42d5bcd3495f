"""Finding dossiers: by exact ID number or code (indexed), or folded name/address text (FTS5).

The FTS index holds the folded columns (no marks, đ→d, lower case), so the query must be
folded the same way before it gets here. Each word matches as a prefix: "dang thi h" finds
"Đặng Thị Hoa". ``col: (a b)`` restricts every term to the column (platform.md gotcha).
"""

from __future__ import annotations

from typing import Any

from counter_app.storage.engine import Database


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
    words: list[str],
    *,
    columns: str = "",
    day_from: str | None = None,
    day_to: str | None = None,
    status: int | None = None,
    limit: int,
    offset: int = 0,
) -> list[int]:
    """Dossiers whose folded name or address holds every word as a prefix, newest first.

    Newest first by rowid, which FTS5 walks in reverse without sorting: a common name may
    match a third of a million-row store, and sorting those by time would take a second.
    """
    match = " ".join(f'"{w}"*' for w in words)
    if columns:
        match = f"{{{columns}}} : ({match})"
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
