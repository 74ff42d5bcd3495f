"""Changes pulled from the city (sync.md B4): statuses, due dates and official codes.

The city is authoritative for what happens after intake: a pulled status is applied even
where the local lifecycle would not allow that move, recorded as an event "from the city",
with no outbox row and no new version (sync.md B3b). One exception keeps a hand-over from
being undone: a dossier handed over here (10) whose hand-over the city has not received yet
keeps its status. A page of changes and the cursor after it are one transaction, so a crash
never skips or re-applies a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.domain.dossier import Dossier, Status
from counter_app.domain.vn_time import iso_vn
from counter_app.services.store.opening import Store
from counter_app.storage import dossiers as rows
from counter_app.storage.audit import append_audit
from counter_app.storage.engine import Database
from counter_app.storage.sync_state import get_state, set_state

CURSOR_KEY = "pull.cursor"
# An official code the city assigns: MaHoSo's shape and limit (sync.md A3, MAX_LENGTHS). Anything
# else (a control character, a pasted page) is not stored: the next page may correct it.
_OFFICIAL_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-_/]{0,59}")
CITY = "city"


@dataclass(frozen=True)
class CityChange:
    """One item of a changes page, already parsed (times in the store's ISO form)."""

    dossier_uuid: str
    official_code: str = ""
    status: int | None = None  # None: the city sent no status or no number
    due_at: str | None = None
    returned_at: str | None = None
    changed_at: str = ""
    details: tuple[tuple[str, Any], ...] = ()  # e.g. the raw status when it is no number


@dataclass
class PullCounts:
    statuses_updated: int = 0
    due_dates_later: int = 0
    unknown_dossiers: int = 0
    kept_local: int = 0


def pull_cursor(store: Store) -> str:
    return get_state(store, CURSOR_KEY) or ""


def apply_changes_page(
    store: Store, changes: Sequence[CityChange], *, cursor: str, now: datetime
) -> PullCounts:
    """Apply a page and save the cursor after it, in one audited transaction."""
    counts, stamp = PullCounts(), iso_vn(now)
    with store.action() as db:
        for change in changes:
            dossier = rows.get_dossier_by_uuid(db, change.dossier_uuid)
            if dossier is None:
                counts.unknown_dossiers += 1
                continue
            _apply(db, dossier, change, counts, stamp)
        set_state(db, CURSOR_KEY, cursor, at=stamp)
    return counts


def _apply(
    db: Database, dossier: Dossier, change: CityChange, counts: PullCounts, stamp: str
) -> None:
    columns: dict[str, Any] = {}
    audits: list[tuple[str, dict[str, Any]]] = []
    official = change.official_code
    if _OFFICIAL_CODE.fullmatch(official) and official not in (dossier.code, dossier.official_code):
        columns["official_code"] = official
    if change.status is not None and change.status != dossier.status:
        if _keeps_local(db, dossier, change.status):
            counts.kept_local += 1
        else:
            audits.append(_status(db, dossier, change, columns, stamp))
            counts.statuses_updated += 1
    if change.due_at and change.due_at != dossier.due_at:
        later, audit = _due(db, dossier, change, columns, stamp)
        audits.append(audit)
        counts.due_dates_later += int(later)
    if columns:
        rows.update_dossier(db, dossier.id, {**columns, "updated_at": stamp})
    for action, details in audits:  # after the writes: each row carries the dossier's digest
        append_audit(
            db, at=stamp, actor="sync", action=action, subject=dossier.code, details=details,
            dossier_id=dossier.id,
        )  # fmt: skip


def _keeps_local(db: Database, dossier: Dossier, city_status: int) -> bool:
    """A local hand-over (10) not yet acknowledged stays: the city will learn of it."""
    unsent = dossier.synced_version < dossier.version
    return unsent and dossier.status == Status.RETURNED and city_status != Status.RETURNED


def _status(
    db: Database, dossier: Dossier, change: CityChange, columns: dict[str, Any], stamp: str
) -> tuple[str, dict[str, Any]]:
    assert change.status is not None
    columns["status"] = change.status
    if change.status == Status.RETURNED and dossier.returned_at is None:
        columns["returned_at"] = change.returned_at or change.changed_at or stamp
    rows.insert_event(
        db, dossier_id=dossier.id, at=change.changed_at or stamp, actor=CITY, kind="city_status",
        from_status=dossier.status, to_status=change.status, details=dict(change.details),
        origin=CITY,
    )  # fmt: skip
    return "sync.status", {"from_status": dossier.status, "to_status": change.status}


def _due(
    db: Database, dossier: Dossier, change: CityChange, columns: dict[str, Any], stamp: str
) -> tuple[bool, tuple[str, dict[str, Any]]]:
    """A new appointment from the city; a later one is flagged (a Mẫu 04 may be due)."""
    assert change.due_at is not None
    later = dossier.due_at is not None and change.due_at > dossier.due_at
    columns["due_at"] = change.due_at
    rows.insert_due_date(
        db, dossier_id=dossier.id, due_at=change.due_at, reason=CITY, at=stamp, actor=CITY
    )
    kind = "city_due_date_later" if later else "city_due_date"
    rows.insert_event(
        db, dossier_id=dossier.id, at=change.changed_at or stamp, actor=CITY, kind=kind,
        details={"previous_due_at": dossier.due_at, "due_at": change.due_at}, origin=CITY,
    )  # fmt: skip
    return later, ("sync.due_date", {"later": later})
