"""The append-only, hash-chained audit log.

Each row carries the SHA-256 of its own content and of the row before it, so an edited,
deleted, inserted or reordered row breaks the chain from that point on. Triggers refuse
UPDATE and DELETE through SQL; the chain catches what bypasses them (an edited file, a
dropped trigger). The head (last seq and hash) travels with every sync batch and is printed
on the daily log, so a cut-off tail shows too. Details never hold personal data: codes,
statuses, setting names, counts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from counter_app.storage.dossier_digest import SealedDossier, dossier_digest, write_seals
from counter_app.storage.engine import Database

GENESIS_HASH = "0" * 64


class AuditRow(NamedTuple):
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    details: str
    prev_hash: str
    hash: str


class AuditHead(NamedTuple):
    seq: int
    hash: str


class ChainBreak(NamedTuple):
    """The first row where the chain does not hold, and why."""

    seq: int
    reason: str  # "edited", "missing" (a gap: deleted), "reordered" (prev hash mismatch)


def row_hash(
    seq: int, at: str, actor: str, action: str, subject: str, details: str, prev: str
) -> str:
    body = json.dumps(
        [seq, at, actor, action, subject, details, prev], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append_audit(
    db: Database,
    *,
    at: str,
    actor: str,
    action: str,
    subject: str,
    details: Mapping[str, Any] | None = None,
    dossier_id: int | None = None,
) -> AuditHead:
    """Append one row; call inside the action's write transaction so both land or neither.

    With ``dossier_id``, the row also carries the digest of that dossier's rows as they stand
    now (storage/dossier_digest.py): call it after the action's last write to the dossier.
    """
    head = audit_head(db)
    seq = head.seq + 1
    values = dict(details or {})
    if dossier_id is not None:
        values["digest"] = dossier_digest(db, dossier_id)
    text = json.dumps(values, ensure_ascii=False, sort_keys=True)
    digest = row_hash(seq, at, actor, action, subject, text, head.hash)
    db.conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, subject, text, head.hash, digest),
    )
    return AuditHead(seq, digest)


def append_sealed_audit(
    db: Database,
    *,
    at: str,
    actor: str,
    action: str,
    subject: str,
    details: Mapping[str, Any],
    sealed: Iterable[SealedDossier],
) -> AuditHead:
    """One audit row for a change of many dossiers, vouching for each one's digest (a seal)."""
    seq = audit_head(db).seq + 1
    seal = write_seals(db, sealed, audit_seq=seq)
    return append_audit(
        db, at=at, actor=actor, action=action, subject=subject, details={**details, "seal": seal}
    )


def audit_head(db: Database) -> AuditHead:
    row = db.conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return AuditHead(0, GENESIS_HASH) if row is None else AuditHead(int(row[0]), str(row[1]))


def iter_audit(db: Database, *, since_seq: int = 0) -> Iterator[AuditRow]:
    cursor = db.conn.execute(
        "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log "
        "WHERE seq > ? ORDER BY seq",
        (since_seq,),
    )
    for row in cursor:
        yield AuditRow(*row)


def verify_chain(db: Database) -> tuple[int, ChainBreak | None]:
    """Walk the whole chain; return the number of rows checked and the first break, if any."""
    expected_prev, expected_seq, checked = GENESIS_HASH, 1, 0
    for row in iter_audit(db):
        problem = _check_row(row, expected_seq, expected_prev)
        if problem is not None:
            return checked, ChainBreak(row.seq if problem != "missing" else expected_seq, problem)
        expected_prev, expected_seq, checked = row.hash, row.seq + 1, checked + 1
    return checked, None


def _check_row(row: AuditRow, expected_seq: int, expected_prev: str) -> str | None:
    if row.seq != expected_seq:
        return "missing"
    recomputed = row_hash(
        row.seq, row.at, row.actor, row.action, row.subject, row.details, row.prev_hash
    )
    if recomputed != row.hash:
        return "edited"
    if row.prev_hash != expected_prev:
        return "reordered"
    return None
