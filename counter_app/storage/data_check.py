"""Checking the dossiers' rows against the digests the audit chain recorded for them.

For every dossier the chain vouches for a digest: the one in the last audit row about it, or
the one sealed by a batch row (storage/dossier_digest.py). A dossier whose rows now give
another digest was changed outside the app; one the chain never vouched for was added outside
it; a code the chain vouched for that has no dossier any more was deleted. The expected digests
go to a temporary table, so a million-dossier store is checked in bounded memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from counter_app.storage.audit import iter_audit
from counter_app.storage.dossier_digest import iter_dossier_digests, iter_seals, seals_hash
from counter_app.storage.engine import Database
from counter_app.storage.marks import Marks


class DataFinding(NamedTuple):
    code: str  # DOSSIER_CHANGED | DOSSIER_UNAUDITED | DOSSIER_DELETED | AUDIT_SEAL_BROKEN
    subject: str  # the dossier code, or the audit row's seq for a broken seal
    seq: int  # the audit row that vouched for it (0 when none did)


def check_dossier_data(db: Database) -> Iterator[DataFinding]:
    """Every dossier whose rows differ from what the chain recorded, then the deleted ones."""
    _create_expected(db)
    try:
        yield from _fill_expected(db)
        for sealed in iter_dossier_digests(db):
            row = db.conn.execute(
                "SELECT digest, seq FROM temp.expected_digests WHERE code = ?", (sealed.code,)
            ).fetchone()
            if row is None:
                yield DataFinding("DOSSIER_UNAUDITED", sealed.code, 0)
            elif row[0] != sealed.digest:
                yield DataFinding("DOSSIER_CHANGED", sealed.code, int(row[1]))
        yield from _deleted(db)
    finally:
        db.conn.execute("DROP TABLE IF EXISTS temp.expected_digests")


def _create_expected(db: Database) -> None:
    db.conn.execute("DROP TABLE IF EXISTS temp.expected_digests")
    db.conn.execute(
        "CREATE TEMP TABLE expected_digests (code TEXT PRIMARY KEY, digest TEXT NOT NULL, "
        "seq INTEGER NOT NULL)"
    )


def _fill_expected(db: Database) -> Iterator[DataFinding]:
    """Walk the chain in order: the last digest recorded for a code is the one expected."""
    for row in iter_audit(db):
        if '"digest"' not in row.details and '"seal"' not in row.details:
            continue  # most rows: skip the JSON parse
        details = json.loads(row.details)
        if isinstance(details.get("digest"), str):
            _expect(db, [(row.subject, details["digest"])], row.seq)
        if isinstance(details.get("seal"), str):
            pairs = list(iter_seals(db, row.seq))
            if seals_hash(pairs) != details["seal"]:
                yield DataFinding("AUDIT_SEAL_BROKEN", str(row.seq), row.seq)
            _expect(db, pairs, row.seq)


def _expect(db: Database, pairs: list[tuple[str, str]], seq: int) -> None:
    db.conn.executemany(
        "INSERT INTO temp.expected_digests (code, digest, seq) VALUES (?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET digest = excluded.digest, seq = excluded.seq",
        ((code, digest, seq) for code, digest in pairs),
    )


def _deleted(db: Database) -> Iterator[DataFinding]:
    rows = db.conn.execute(
        "SELECT code, seq FROM temp.expected_digests WHERE code NOT IN (SELECT code FROM dossiers) "
        "ORDER BY code"
    )
    for code, seq in rows.fetchall():
        yield DataFinding("DOSSIER_DELETED", str(code), int(seq))


def missing_from_store(db: Database, marks: Marks) -> Iterator[tuple[str, str]]:
    """(uuid, code) of dossiers the marks know were saved and the store no longer holds.

    Both sides are walked in UUID order (the store's unique index), so a million dossiers
    need no set in memory. It finds a dossier deleted with every row about it, audit rows
    included, since the marks live outside the store.
    """
    stored = (str(u) for (u,) in db.conn.execute("SELECT uuid FROM dossiers ORDER BY uuid"))
    current = next(stored, None)
    for uuid, code in marks.committed_by_uuid():
        while current is not None and current < uuid:
            current = next(stored, None)
        if current != uuid:
            yield uuid, code


def uuids_present(db: Database, uuids: list[str]) -> set[str]:
    """Which of ``uuids`` the store holds."""
    if not uuids:
        return set()
    marks = ", ".join("?" for _ in uuids)
    rows = db.conn.execute(f"SELECT uuid FROM dossiers WHERE uuid IN ({marks})", uuids)
    return {str(u) for (u,) in rows}
