"""The store's side of an offline export: what is pending, the file, and the note of it.

Exporting changes no outbox entry: the records stay pending until the city acknowledges them
(an import at the city, then a normal sync answered ``duplicate``; docs/SYNC.md). The export
is noted in the audit and the sync journal with its count and file name only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.paths import write_private_file
from counter_app.services.store.opening import Store
from counter_app.services.syncing.outbox import PendingItem, next_pending
from counter_app.storage.audit import append_audit
from counter_app.storage.sync_state import all_state, set_state

PAGE = 500  # outbox heads read per query while collecting an export
LAST_EXPORT_AT = "last_export_at"
LAST_EXPORT_COUNT = "last_export_count"
LAST_EXPORT_FILE = "last_export_file"


class SyncNothingPendingError(BadInputError):
    """Every record is already with the city (or in the needs-attention list): no file."""

    code = "SYNC_NOTHING_PENDING"


class SyncExportUnwritableError(EnvironmentProblem):
    """The export file cannot be written (a missing folder, a read-only or full stick)."""

    code = "SYNC_EXPORT_UNWRITABLE"


@dataclass(frozen=True)
class ExportNote:
    at: str | None
    count: int | None
    file: str | None


def all_pending(store: Store) -> list[PendingItem]:
    """Every dossier's newest pending version, oldest first: what a full drain would send."""
    items: list[PendingItem] = []
    after_id = 0
    while page := next_pending(store, after_id=after_id, limit=PAGE):
        items.extend(page)
        after_id = page[-1].outbox_id
    if not items:
        raise SyncNothingPendingError("")
    return items


def write_export(path: Path, data: bytes) -> None:
    """The file owner-only and whole, or not at all (a pulled stick leaves no half file)."""
    try:
        write_private_file(path, data)
    except OSError:
        raise SyncExportUnwritableError(path.name) from None


def note_export(
    store: Store, *, count: int, batch_id: str, file_name: str, actor: str, now: datetime
) -> None:
    """One audit row and the journal's last export: counts and the file's name only."""
    stamp = iso_vn(now)
    with store.action() as db:
        set_state(db, LAST_EXPORT_AT, stamp, at=stamp)
        set_state(db, LAST_EXPORT_COUNT, str(count), at=stamp)
        set_state(db, LAST_EXPORT_FILE, file_name, at=stamp)
        append_audit(
            db, at=stamp, actor=actor, action="sync.export", subject=batch_id,
            details={"records": count, "file": file_name},
        )  # fmt: skip


def last_export(store: Store) -> ExportNote:
    state = all_state(store)
    count = state.get(LAST_EXPORT_COUNT)
    return ExportNote(state.get(LAST_EXPORT_AT), int(count) if count else None,
                      state.get(LAST_EXPORT_FILE))  # fmt: skip
