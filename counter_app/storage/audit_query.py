"""Reading the audit log for the supervisor's viewer: filtered, newest first, a page at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from counter_app.storage.audit import AuditRow
from counter_app.storage.engine import Database

_SELECT = "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log"


class AuditFilter(NamedTuple):
    """Every field optional: empty means any. Times are ISO stamps compared as text."""

    actor: str = ""  # exact ("user:lan") or a user name ("lan")
    subject: str = ""  # a dossier code, "user:lan", a setting area …
    action: str = ""  # exact ("dossier.create") or a prefix ending in "." ("user.")
    since: str = ""  # inclusive
    until: str = ""  # exclusive


def _where(found: AuditFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if found.actor:
        clauses.append("(actor = ? OR actor = ?)")
        params += [found.actor, f"user:{found.actor}"]
    if found.subject:
        clauses.append("subject = ?")
        params.append(found.subject)
    if found.action.endswith("."):
        clauses.append("substr(action, 1, ?) = ?")
        params += [len(found.action), found.action]
    elif found.action:
        clauses.append("action = ?")
        params.append(found.action)
    if found.since:
        clauses.append("at >= ?")
        params.append(found.since)
    if found.until:
        clauses.append("at < ?")
        params.append(found.until)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def find_audit(
    db: Database, found: AuditFilter, *, before_seq: int | None = None, limit: int = 500
) -> list[AuditRow]:
    """One page, newest first; the next page starts below the last row's ``seq``."""
    where, params = _where(found)
    if before_seq is not None:
        where += (" AND " if where else " WHERE ") + "seq < ?"
        params.append(before_seq)
    rows = db.conn.execute(f"{_SELECT}{where} ORDER BY seq DESC LIMIT ?", [*params, limit])
    return [AuditRow(*row) for row in rows]


def iter_filtered(db: Database, found: AuditFilter) -> Iterator[AuditRow]:
    """Every matching row, oldest first (the export)."""
    where, params = _where(found)
    for row in db.conn.execute(f"{_SELECT}{where} ORDER BY seq", params):
        yield AuditRow(*row)


def audit_actions(db: Database) -> list[str]:
    """The action names present, for the viewer's filter list."""
    return [str(row[0]) for row in db.conn.execute("SELECT DISTINCT action FROM audit_log")]
