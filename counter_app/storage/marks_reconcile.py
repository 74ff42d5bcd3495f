"""Bringing the marks file level with the store: at every start, and after a missed confirmation.

The marks only ever go up. A missing or damaged marks file is rebuilt from the store; one that
is behind (a confirmation lost to a crash, a full disk, an older copy put back) is caught up
from the audit rows it has not seen; a store whose audit chain ends before (or apart from) the
head the marks recorded is a break: remembered in the marks until a supervisor acknowledges
it, never silently "healed" by the next actions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from counter_app.storage.audit import AuditHead, audit_head, iter_audit
from counter_app.storage.engine import Database
from counter_app.storage.marks import DossierMark, Marks

# Audit actions whose subject is a dossier code: what a catch-up re-reads from the store.
_DOSSIER_ACTIONS = ("dossier.", "document.", "sync.status", "sync.due_date")


class MarksNotice(NamedTuple):
    """Something the start did to the marks, for the audit log and for the person in front."""

    code: str  # MARKS_REBUILT | MARKS_CAUGHT_UP | AUDIT_BREAK_FOUND
    reason: str  # missing | damaged | behind | tail_missing | rewritten
    amount: int  # dossiers written to the marks, or audit rows in the break


def rebuild(db: Database, marks: Marks, *, reason: str) -> MarksNotice:
    """Raise every mark from the whole store (a lost or damaged marks file)."""
    head = audit_head(db)
    count = _dossier_count(db)
    marks.raise_from_store(
        code_numbers=store_code_numbers(db),
        dossiers=_store_dossiers(db),
        head=(head.seq, head.hash),
        letters=store_letter_numbers(db),
    )
    return MarksNotice("MARKS_REBUILT", reason, count)


def reconcile(db: Database, marks: Marks, *, at: str) -> list[MarksNotice]:
    """Compare the marks with the store and bring them level; return what was done."""
    recorded = marks.audit_head()  # first: the marks never run ahead of a later look at the store
    head = audit_head(db)
    notices = []
    if recorded is None:
        if head.seq > 0:
            notices.append(rebuild(db, marks, reason="missing"))
    elif recorded[0] > head.seq:
        notices.append(_break(marks, head, recorded, kind="tail_missing", at=at))
    elif recorded[0] > 0 and _hash_at(db, recorded[0]) != recorded[1]:
        notices.append(_break(marks, head, recorded, kind="rewritten", at=at))
    elif recorded[0] < head.seq:
        notices.append(catch_up(db, marks, since_seq=recorded[0]))
    settle_pending(db, marks)
    return notices


def catch_up(db: Database, marks: Marks, *, since_seq: int) -> MarksNotice:
    """Raise the marks for what the audit rows after ``since_seq`` touched."""
    touched = sorted(_codes_since(db, since_seq))
    marks.raise_from_store(
        code_numbers=store_code_numbers(db),
        dossiers=[m for code in touched for m in _dossier_by_code(db, code)],
        head=_head(db),
        letters=store_letter_numbers(db),
    )
    return MarksNotice("MARKS_CAUGHT_UP", "behind", len(touched))


def settle_pending(db: Database, marks: Marks) -> int:
    """Confirm reservations the store holds (a confirmation lost after the commit)."""
    settled = 0
    for uuid, _reserved, committed in marks.pending():
        row = db.conn.execute("SELECT version FROM dossiers WHERE uuid = ?", (uuid,)).fetchone()
        if row is not None and int(row[0]) > committed:
            marks.settle(uuid, int(row[0]))
            settled += 1
    return settled


def _break(
    marks: Marks, head: AuditHead, recorded: tuple[int, str], *, kind: str, at: str
) -> MarksNotice:
    if kind == "tail_missing":
        from_seq, to_seq = head.seq + 1, recorded[0]
    else:
        from_seq, to_seq = recorded[0], max(recorded[0], head.seq)
    marks.record_break(from_seq=from_seq, to_seq=to_seq, kind=kind, at=at)
    marks.follow_head(head.seq, head.hash)
    return MarksNotice("AUDIT_BREAK_FOUND", kind, to_seq - from_seq + 1)


def _head(db: Database) -> tuple[int, str]:
    head = audit_head(db)
    return head.seq, head.hash


def _hash_at(db: Database, seq: int) -> str | None:
    row = db.conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else str(row[0])


def _codes_since(db: Database, since_seq: int) -> set[str]:
    codes = set()
    for row in iter_audit(db, since_seq=since_seq):
        if row.action.startswith(_DOSSIER_ACTIONS):
            codes.add(row.subject)
    sealed = db.conn.execute(
        "SELECT code FROM dossier_seals WHERE audit_seq > ?", (since_seq,)
    ).fetchall()
    codes.update(str(code) for (code,) in sealed)
    return codes


def store_code_numbers(db: Database) -> list[tuple[str, int, int]]:
    rows = db.conn.execute("SELECT day, counter, last_number FROM code_sequences")
    return [(str(day), int(counter), int(number)) for day, counter, number in rows]


def store_letter_numbers(db: Database) -> list[tuple[str, int, int]]:
    """The highest letter number of each kind and year the store printed."""
    rows = db.conn.execute(
        "SELECT kind, year, max(seq) FROM issued_documents WHERE seq IS NOT NULL "
        "GROUP BY kind, year"
    )
    return [(str(kind), int(year), int(seq)) for kind, year, seq in rows]


def _store_dossiers(db: Database) -> Iterator[DossierMark]:
    rows = db.conn.execute("SELECT uuid, code, version, received_day FROM dossiers ORDER BY id")
    for uuid, code, version, day in rows:
        yield DossierMark(str(uuid), str(code), int(version), str(day))


def _dossier_by_code(db: Database, code: str) -> list[DossierMark]:
    row = db.conn.execute(
        "SELECT uuid, code, version, received_day FROM dossiers WHERE code = ?", (code,)
    ).fetchone()
    return [] if row is None else [DossierMark(str(row[0]), str(row[1]), int(row[2]), str(row[3]))]


def _dossier_count(db: Database) -> int:
    return int(db.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0])
