"""Catalogue versions and their procedures (tables ``catalogue_versions`` and ``procedures``).

Versions are never changed or removed, only added and marked current: a dossier keeps the
version it was received under, so its papers and period can always be read back as they were.
Call the writers inside the action's write transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import time
from typing import Any

from counter_app.domain.catalogue import CatalogueVersion, SearchQuery, search_folded
from counter_app.domain.procedure import Procedure
from counter_app.storage.engine import Database

_PROCEDURE_COLUMNS = (
    "code, agency_suffix, name_vi, name_en, field, processing_days, calendar_days, same_day, "
    "cutoff, fee_vnd, documents, confidence, active, catalogue_version"
)
_VERSION_QUERY = (
    "SELECT v.version, v.imported_at, v.source, v.checked_on, v.sha256, v.is_current, "
    "count(p.code), coalesce(sum(p.active), 0) "
    "FROM catalogue_versions v LEFT JOIN procedures p ON p.catalogue_version = v.version "
)


def insert_catalogue_version(
    db: Database,
    procedures: Sequence[Procedure],
    *,
    imported_at: str,
    source: str,
    checked_on: str | None,
    sha256: str,
) -> int:
    """Store a new version with its procedures (not yet current); return its number."""
    row = db.conn.execute("SELECT coalesce(max(version), 0) + 1 FROM catalogue_versions")
    version = int(row.fetchone()[0])
    db.conn.execute(
        "INSERT INTO catalogue_versions (version, imported_at, source, checked_on, sha256) "
        "VALUES (?, ?, ?, ?, ?)",
        (version, imported_at, source, checked_on, sha256),
    )
    db.conn.executemany(
        "INSERT INTO procedures (catalogue_version, code, agency_suffix, name_vi, name_en, "
        "field, processing_days, calendar_days, same_day, cutoff, fee_vnd, documents, "
        "confidence, active, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_procedure_row(version, p) for p in procedures),
    )
    return version


def _procedure_row(version: int, p: Procedure) -> tuple[Any, ...]:
    cutoff = p.cutoff.strftime("%H:%M") if p.cutoff else None
    documents = json.dumps(list(p.documents), ensure_ascii=False)
    return (
        version, p.code, p.agency_suffix, p.name_vi, p.name_en, p.field, p.processing_days,
        p.calendar_days, int(p.same_day), cutoff, p.fee_vnd, documents, p.confidence,
        int(p.active), search_folded(p),
    )  # fmt: skip


def set_current_version(db: Database, version: int) -> None:
    """Make ``version`` the one new dossiers use; exactly one version is current after this."""
    db.conn.execute(
        "UPDATE catalogue_versions SET is_current = (version = ?)",
        (version,),
    )


def current_version(db: Database) -> CatalogueVersion | None:
    row = db.conn.execute(_VERSION_QUERY + "WHERE v.is_current = 1 GROUP BY v.version").fetchone()
    return None if row is None else _version(row)


def version_with_sha256(db: Database, sha256: str) -> CatalogueVersion | None:
    """The newest version made from a file with this fingerprint, if any."""
    row = db.conn.execute(
        _VERSION_QUERY + "WHERE v.sha256 = ? GROUP BY v.version ORDER BY v.version DESC LIMIT 1",
        (sha256,),
    ).fetchone()
    return None if row is None else _version(row)


def list_versions(db: Database) -> list[CatalogueVersion]:
    """Every version, oldest first."""
    rows = db.conn.execute(_VERSION_QUERY + "GROUP BY v.version ORDER BY v.version")
    return [_version(row) for row in rows]


def _version(row: Sequence[Any]) -> CatalogueVersion:
    return CatalogueVersion(
        version=int(row[0]),
        imported_at=str(row[1]),
        source=str(row[2]),
        checked_on=None if row[3] is None else str(row[3]),
        sha256=str(row[4]),
        is_current=bool(row[5]),
        procedure_count=int(row[6]),
        active_count=int(row[7]),
    )


def list_procedures(
    db: Database, version: int, query: SearchQuery, *, include_inactive: bool
) -> list[Procedure]:
    """The procedures of ``version`` matching ``query``, ordered by code.

    A code query matches codes that begin with it; words must each appear somewhere in the
    folded names (so "khai sinh" finds "Đăng ký lại khai sinh" too).
    """
    sql = f"SELECT {_PROCEDURE_COLUMNS} FROM procedures WHERE catalogue_version = ?"
    params: list[Any] = [version]
    if not include_inactive:
        sql += " AND active = 1"
    if query.code_prefix is not None:
        sql += " AND code LIKE ? ESCAPE '\\'"
        params.append(_like_escape(query.code_prefix) + "%")
    for word in query.words:
        sql += " AND folded LIKE ? ESCAPE '\\'"
        params.append("%" + _like_escape(word) + "%")
    rows = db.conn.execute(sql + " ORDER BY code", params)
    return [_procedure(row) for row in rows]


def _like_escape(text: str) -> str:
    """Make ``%`` and ``_`` typed by a clerk match themselves in a LIKE pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def get_procedure(db: Database, code: str, version: int) -> Procedure | None:
    row = db.conn.execute(
        f"SELECT {_PROCEDURE_COLUMNS} FROM procedures WHERE catalogue_version = ? AND code = ?",
        (version, code),
    ).fetchone()
    return None if row is None else _procedure(row)


def _procedure(row: Sequence[Any]) -> Procedure:
    cutoff = time.fromisoformat(row[8]) if row[8] else None
    return Procedure(
        code=row[0],
        agency_suffix=row[1],
        name_vi=row[2],
        name_en=row[3],
        field=row[4],
        processing_days=int(row[5]),
        calendar_days=int(row[6]),
        same_day=bool(row[7]),
        cutoff=cutoff,
        fee_vnd=int(row[9]),
        documents=tuple(_strings(json.loads(row[10]))),
        confidence=row[11],
        active=bool(row[12]),
        catalogue_version=int(row[13]),
    )


def _strings(values: Iterable[Any]) -> Iterable[str]:
    return (str(value) for value in values)
