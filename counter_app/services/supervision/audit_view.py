"""The audit viewer's use cases: filter the log, verify it, export it as CSV (UTF-8 with BOM).

Reading the log is a supervisor's (``audit.view``), exporting it too (``audit.export``);
each export is itself an audit row with the exporting user and the number of rows.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from counter_app.documents.spreadsheet_text import formula_safe
from counter_app.domain.vn_time import iso_vn
from counter_app.services.audit_check import AuditReport, verify_audit
from counter_app.services.paths import write_private_file
from counter_app.services.store.opening import Store
from counter_app.services.users import require
from counter_app.storage.audit import AuditRow, append_audit
from counter_app.storage.audit_query import AuditFilter, audit_actions, find_audit, iter_filtered

PAGE = 500  # rows the viewer shows at a time; "more" fetches the next page
CSV_HEADER = ("seq", "at", "actor", "action", "subject", "details", "hash")

__all__ = [
    "AuditFilter",
    "AuditRow",
    "audit_csv",
    "export_csv",
    "find_rows",
    "known_actions",
    "record_export",
    "verify",
]


def find_rows(
    store: Store, found: AuditFilter, *, role: str, before_seq: int | None = None
) -> list[AuditRow]:
    require(role, "audit.view")
    return find_audit(store, found, before_seq=before_seq, limit=PAGE)


def known_actions(store: Store, *, role: str) -> list[str]:
    require(role, "audit.view")
    return sorted(audit_actions(store))


def verify(store: Store, *, role: str) -> AuditReport:
    """``audit verify`` for the window: the report names the first bad row."""
    require(role, "audit.view")
    return verify_audit(store)


def export_csv(
    store: Store, found: AuditFilter, path: Path, *, role: str, actor: str, now: datetime
) -> int:
    """Write the matching rows, oldest first, to ``path`` (owner-only); return their count."""
    require(role, "audit.export")
    text, count = audit_csv(store, found)
    write_private_file(path, text.encode("utf-8-sig"))
    record_export(store, what="audit", rows=count, actor=actor, now=now)
    return count


def audit_csv(store: Store, found: AuditFilter) -> tuple[str, int]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(CSV_HEADER)
    count = 0
    for row in iter_filtered(store, found):
        cells = (row.seq, row.at, row.actor, row.action, row.subject, row.details, row.hash)
        writer.writerow([formula_safe(cell) for cell in cells])
        count += 1
    return out.getvalue(), count


def record_export(
    store: Store, *, what: str, rows: int, actor: str, now: datetime, command: str = ""
) -> None:
    """Audit an export of data out of the store: who, what (and by which command), how many
    rows. Never the query or a value read: those may be personal."""
    details: dict[str, object] = {"rows": rows}
    if command:
        details["command"] = command
    with store.action() as db:
        append_audit(db, at=iso_vn(now), actor=actor, action=f"{what}.export", subject=what,
                     details=details)  # fmt: skip
