"""Checking the audit log and the data it vouches for (docs/STORE.md, "Tamper evidence").

1. The chain: an edited, deleted, inserted or reordered row (storage/audit.py).
2. The head against the marks file kept outside the store: a tail cut off, a chain rewritten
   or an older file put back. Such a break is remembered in the marks when it is first seen
   (at a start) and stays reported here until a supervisor acknowledges it (``acknowledge``).
3. The data: each dossier's rows against the digest the chain recorded for them, and the
   dossiers the marks know were saved against those the store holds
   (storage/data_check.py): a row edited, an event deleted, a dossier added or deleted
   outside the app, each named by its code.
4. The marks file's own MACs: a mark edited or deleted outside the app.

What it cannot see: someone who holds the store key and rewrites the store, the chain and the
marks consistently (docs/STORE.md says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit, audit_head, iter_audit, verify_chain
from counter_app.storage.data_check import check_dossier_data, missing_from_store
from counter_app.storage.marks import AuditBreak

MAX_NAMED = 100  # findings listed one by one; beyond that only their count (a whole store edited)


class NoBreakToAcknowledgeError(BadInputError):
    """``audit acknowledge`` found no break of the audit log waiting for a supervisor."""

    code = "AUDIT_NOTHING_TO_ACKNOWLEDGE"


@dataclass(frozen=True)
class AuditFinding:
    code: str  # a message code (texts/marks.py)
    subject: str  # a dossier code, a marks row, or a range of audit rows: never personal data
    seq: int = 0


@dataclass(frozen=True)
class AuditReport:
    rows: int
    head_seq: int
    head_hash: str
    problem_code: str = (
        ""  # AUDIT_ROW_EDITED | AUDIT_ROW_MISSING | AUDIT_ROW_REORDERED | AUDIT_TAIL_MISSING
    )
    first_bad_seq: int | None = None
    findings: tuple[AuditFinding, ...] = ()
    more_findings: int = 0  # beyond MAX_NAMED
    acknowledged: tuple[AuditBreak, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problem_code and not self.findings

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "problem": self.problem_code or None,
            "first_bad_seq": self.first_bad_seq,
            "findings": [
                {"code": f.code, "subject": f.subject, "seq": f.seq} for f in self.findings
            ],
            "more_findings": self.more_findings,
            "acknowledged_breaks": [
                {"from_seq": b.from_seq, "to_seq": b.to_seq, "kind": b.kind,
                 "acknowledged_seq": b.acknowledged_seq}
                for b in self.acknowledged
            ],
        }  # fmt: skip


_PROBLEM_CODES = {
    "edited": "AUDIT_ROW_EDITED",
    "missing": "AUDIT_ROW_MISSING",
    "reordered": "AUDIT_ROW_REORDERED",
}
_BREAK_CODES = {"tail_missing": "AUDIT_TAIL_MISSING", "rewritten": "AUDIT_CHAIN_REWRITTEN"}


def verify_audit(store: Store) -> AuditReport:
    checked, broken = verify_chain(store)
    head_seq, head_hash = audit_head(store)
    findings = [*_break_findings(store), *_head_findings(store), *_marks_findings(store)]
    findings += _data_findings(store)
    problem, first_bad = "", None
    if broken is not None:
        problem, first_bad = _PROBLEM_CODES[broken.reason], broken.seq
    elif findings and findings[0].code in _BREAK_CODES.values():
        problem, first_bad = findings[0].code, findings[0].seq
    acknowledged = tuple(b for b in store.marks.breaks(open_only=False) if b.acknowledged_seq)
    return AuditReport(
        checked, head_seq, head_hash, problem, first_bad, tuple(findings[:MAX_NAMED]),
        max(0, len(findings) - MAX_NAMED), acknowledged,
    )  # fmt: skip


def _break_findings(store: Store) -> list[AuditFinding]:
    """Breaks seen at a start and not yet acknowledged by a supervisor."""
    return [
        AuditFinding(_BREAK_CODES.get(b.kind, "AUDIT_TAIL_MISSING"), _range(b), b.from_seq)
        for b in store.marks.breaks()
    ]


def _range(item: AuditBreak) -> str:
    return f"{item.from_seq}-{item.to_seq}"


def _head_findings(store: Store) -> list[AuditFinding]:
    """The head the marks recorded against the chain now (a break since this store opened)."""
    recorded = store.marks.audit_head()
    if recorded is None:
        return []
    seq, digest = recorded
    for row in iter_audit(store, since_seq=seq - 1):
        if row.seq != seq:
            break
        if row.hash == digest:
            return []
        return [AuditFinding("AUDIT_CHAIN_REWRITTEN", f"{seq}-{seq}", seq)]
    first_missing = audit_head(store).seq + 1
    return [AuditFinding("AUDIT_TAIL_MISSING", f"{first_missing}-{seq}", first_missing)]


def _marks_findings(store: Store) -> list[AuditFinding]:
    return [AuditFinding("MARKS_TAMPERED", row) for row in store.marks.tampered()]


def _data_findings(store: Store) -> list[AuditFinding]:
    found = [AuditFinding(f.code, f.subject, f.seq) for f in check_dossier_data(store)]
    named = {f.subject for f in found}
    found += [
        AuditFinding("DOSSIER_DELETED", code)
        for _, code in missing_from_store(store, store.marks)
        if code not in named
    ]
    return found


def acknowledge_breaks(store: Store, *, actor: str, now: datetime) -> int:
    """A supervisor has looked at the breaks of the audit log: close them (audited)."""
    breaks = store.marks.breaks()
    if not breaks:
        raise NoBreakToAcknowledgeError("")
    with store.action() as db:
        head = append_audit(
            db, at=iso_vn(now), actor=actor, action="audit.acknowledge", subject="audit",
            details={"breaks": [_range(b) for b in breaks]},
        )  # fmt: skip
    store.marks.acknowledge_breaks([b.id for b in breaks], by_seq=head.seq)
    return len(breaks)


def current_audit_head(store: Store) -> tuple[int, str]:
    """(seq, hash) of the last audit row: sent with every sync batch, printed on the daily log,
    so that a tail cut off later shows against a copy kept elsewhere."""
    head = audit_head(store)
    return head.seq, head.hash
