"""Checking the audit log: the chain itself, and its head against the marks file.

The chain catches an edited, deleted, inserted or reordered row. A tail cut off (the last rows
deleted and the chain otherwise intact) or an older file put back shows against the head
recorded outside the store after every action; sync batches and the daily log carry the head too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.services.store import Store
from counter_app.storage.audit import audit_head, iter_audit, verify_chain


@dataclass(frozen=True)
class AuditReport:
    rows: int
    head_seq: int
    head_hash: str
    problem_code: str = (
        ""  # AUDIT_ROW_EDITED | AUDIT_ROW_MISSING | AUDIT_ROW_REORDERED | AUDIT_TAIL_MISSING
    )
    first_bad_seq: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problem_code

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "problem": self.problem_code or None,
            "first_bad_seq": self.first_bad_seq,
        }


_PROBLEM_CODES = {
    "edited": "AUDIT_ROW_EDITED",
    "missing": "AUDIT_ROW_MISSING",
    "reordered": "AUDIT_ROW_REORDERED",
}


def verify_audit(store: Store) -> AuditReport:
    checked, broken = verify_chain(store.db)
    head_seq, head_hash = audit_head(store.db)
    if broken is not None:
        return AuditReport(checked, head_seq, head_hash, _PROBLEM_CODES[broken.reason], broken.seq)
    recorded = store.marks.audit_head()
    problem = _head_problem(store, *recorded) if recorded is not None else ""
    if problem == "AUDIT_TAIL_MISSING":
        return AuditReport(checked, head_seq, head_hash, problem, head_seq + 1)
    if problem:
        return AuditReport(checked, head_seq, head_hash, problem, recorded[0] if recorded else None)
    return AuditReport(checked, head_seq, head_hash)


def _head_problem(store: Store, seq: int, digest: str) -> str:
    """Compare the row at the recorded head: gone (tail cut) or different (chain rewritten)."""
    for row in iter_audit(store.db, since_seq=seq - 1):
        if row.seq != seq:
            break
        return "" if row.hash == digest else "AUDIT_CHAIN_REWRITTEN"
    return "AUDIT_TAIL_MISSING"


def current_audit_head(store: Store) -> tuple[int, str]:
    """(seq, hash) of the last audit row: sent with every sync batch, printed on the daily log,
    so that a tail cut off later shows against a copy kept elsewhere."""
    head = audit_head(store.db)
    return head.seq, head.hash
