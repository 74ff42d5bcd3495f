"""Changing and reading dossiers after intake: edit, void, transitions, apologies.

Every local change is one transaction that raises the dossier's version, stores the new
version, writes an event, an outbox entry and an audit row (sync.md B3b: the version is the
counter's own edit counter). Changes pulled from the city are applied by
``services/syncing/pull.py``: events "from the city", no outbox row, no new version.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from counter_app.domain.dossier import Applicant, Dossier, Status
from counter_app.domain.due_date import remaining_after_supplement
from counter_app.domain.field_text import clean_field
from counter_app.domain.handover import recipient_from_details
from counter_app.domain.intake_values import clean_changes, clean_details
from counter_app.domain.lifecycle import ReasonRequiredError, check_transition
from counter_app.domain.text import fold
from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import BadInputError
from counter_app.services.calendar.work_days import due_date_for, load_calendar
from counter_app.services.catalogue import get_procedure
from counter_app.services.store.opening import Store
from counter_app.services.users import require
from counter_app.storage import dossiers as rows
from counter_app.storage.audit import append_audit
from counter_app.storage.cancellations import enqueue_cancellation, may_have_left
from counter_app.storage.marks import DossierMark
from counter_app.storage.outbox import drop_pending, enqueue, entries_for
from counter_app.storage.sequences import next_version_floor


class DossierNotFoundError(BadInputError):
    code = "DOSSIER_NOT_FOUND"


class DossierNotEditableError(BadInputError):
    """Returned or voided dossiers are closed to edits; after sync, the city corrects them."""

    code = "DOSSIER_NOT_EDITABLE"


class VoidNotAllowedError(BadInputError):
    """Only a dossier never synced can be voided; after sync, corrections go through the city."""

    code = "VOID_NOT_ALLOWED"


class NothingToChangeError(BadInputError):
    code = "NOTHING_TO_CHANGE"


EDITABLE_FIELDS = frozenset(
    {"applicant", "proxy", "documents", "sets", "fee_vnd", "fee_exemption", "notes", "queue_ticket"}
)


@dataclass(frozen=True)
class DossierDetail:
    dossier: Dossier
    events: list[dict[str, Any]]
    due_dates: list[dict[str, str]]
    versions: int
    outbox: list[tuple[int, str, str]]


def get_dossier(store: Store, code: str) -> Dossier:
    dossier = rows.get_dossier_by_code(store, code.strip())
    if dossier is None:
        raise DossierNotFoundError("")
    return dossier


def dossier_detail(store: Store, code: str) -> DossierDetail:
    dossier = get_dossier(store, code)
    return DossierDetail(
        dossier=dossier,
        events=list(rows.list_events(store, dossier.id)),
        due_dates=rows.list_due_dates(store, dossier.id),
        versions=len(rows.list_versions(store, dossier.id)),
        outbox=entries_for(store, dossier.id),
    )


def edit_dossier(
    store: Store, code: str, changes: Mapping[str, Any], *, actor: str, now: datetime
) -> Dossier:
    """Save a new version with ``changes`` (keys of EDITABLE_FIELDS, domain values)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown or not changes:
        raise NothingToChangeError(",".join(sorted(unknown)))
    changes = clean_changes(changes)  # the intake's checks: an edit is no way around them
    with store.action() as db:
        dossier = get_dossier(store, code)
        if dossier.status == Status.RETURNED or dossier.is_voided:
            raise DossierNotEditableError("")
        columns = _edit_columns(changes)
        fields = sorted(k for k in changes if getattr(dossier, k) != changes[k])
        if not fields:
            raise NothingToChangeError("")
        version = _new_version(store, dossier, columns, actor=actor, now=now)
        rows.insert_event(
            db,
            dossier_id=dossier.id,
            at=iso_vn(now),
            actor=actor,
            kind="edited",
            details={"fields": fields, "version": version},
        )
        _audit(db, now, actor, "dossier.edit", dossier, fields=fields, version=version)
    return get_dossier(store, code)


def set_due_date(
    store: Store,
    code: str,
    due_at: datetime,
    *,
    reason: str,
    actor: str,
    now: datetime,
    kind: str = "due_date_changed",
) -> Dossier:
    """A new appointment (verification extension, apology): every version is kept.

    One action, or a part of the caller's (an apology letter records its new date)."""
    with store.action():
        _change_due_date(
            store, get_dossier(store, code), due_at, reason=reason, actor=actor, now=now, kind=kind
        )
    return get_dossier(store, code)


def _change_due_date(
    store: Store,
    dossier: Dossier,
    due_at: datetime,
    *,
    reason: str,
    actor: str,
    now: datetime,
    kind: str,
) -> None:
    if not reason.strip():
        raise ReasonRequiredError("")
    if dossier.status == Status.RETURNED or dossier.is_voided:
        raise DossierNotEditableError("")
    db = store
    stamp = iso_vn(due_at)
    version = _new_version(store, dossier, {"due_at": stamp}, actor=actor, now=now)
    rows.insert_due_date(
        db, dossier_id=dossier.id, due_at=stamp, reason=kind, at=iso_vn(now), actor=actor
    )
    rows.insert_event(
        db,
        dossier_id=dossier.id,
        at=iso_vn(now),
        actor=actor,
        kind=kind,
        reason=reason,
        details={"previous_due_at": dossier.due_at, "due_at": stamp, "version": version},
    )
    _audit(db, now, actor, f"dossier.{kind}", dossier, version=version)


def void_dossier(
    store: Store, code: str, *, reason: str, actor: str, role: str, now: datetime
) -> Dossier:
    """Mark a dossier entered in error (a supervisor's decision, ``role``); its number stays
    used, and a city that may hold it is told."""
    require(role, "dossier.void")
    reason = clean_field(reason, "reason")
    if not reason:
        raise ReasonRequiredError("")
    with store.action() as db:
        dossier = get_dossier(store, code)
        if dossier.is_voided or dossier.first_synced_at is not None or dossier.synced_version:
            raise VoidNotAllowedError("")
        rows.update_dossier(
            db,
            dossier.id,
            {"voided_at": iso_vn(now), "void_reason": reason, "updated_at": iso_vn(now)},
        )
        cancelled = drop_pending(db, dossier.id)
        details: dict[str, Any] = {"outbox_cancelled": cancelled}
        if may_have_left(db, dossier.id):  # the city may hold it: it must hear of the void
            details["cancellation"] = enqueue_cancellation(
                db, dossier_id=dossier.id, uuid=dossier.uuid, at=iso_vn(now)
            )
        rows.insert_event(
            db,
            dossier_id=dossier.id,
            at=iso_vn(now),
            actor=actor,
            kind="voided",
            reason=reason,
            details=details,
        )
        _audit(db, now, actor, "dossier.void", dossier, status=dossier.status)
    return get_dossier(store, code)


def transition_dossier(
    store: Store,
    code: str,
    target: Status,
    *,
    reason: str = "",
    actor: str,
    now: datetime,
    correction: bool = False,
    role: str = "",
    details: Mapping[str, Any] | None = None,
    due_at: datetime | None = None,
) -> Dossier:
    """A local status change, checked against the lifecycle (dossier.md §4).

    A correction is a supervisor's: ``role`` must reach ``dossier.correct``. One action, or
    a part of the caller's (a printed form records the move it stands for)."""
    if correction:
        require(role, "dossier.correct")
    reason, details = clean_field(reason, "reason"), clean_details(details)
    with store.action():
        _move(
            store,
            get_dossier(store, code),
            target,
            reason=reason,
            actor=actor,
            now=now,
            correction=correction,
            details=details,
            due_at=due_at,
        )
    return get_dossier(store, code)


def _move(
    store: Store,
    dossier: Dossier,
    target: Status,
    *,
    reason: str,
    actor: str,
    now: datetime,
    correction: bool,
    details: Mapping[str, Any] | None,
    due_at: datetime | None,
) -> None:
    now = now.astimezone(VN_TZ)
    db = store
    if dossier.is_voided:
        raise DossierNotEditableError("")
    check_transition(dossier.status, target, reason=reason, correction=correction)
    if target == Status.RETURNED and not correction:
        details = {**dict(details or {}), **recipient_from_details(details or {}).details()}
    columns: dict[str, Any] = {"status": int(target)}
    new_due = due_at or _due_after(store, dossier, target, now)
    if new_due is not None:
        columns["due_at"] = iso_vn(new_due)
    if target == Status.RETURNED:
        columns["returned_at"] = iso_vn(now)
    version = _new_version(store, dossier, columns, actor=actor, now=now)
    if new_due is not None:
        rows.insert_due_date(
            db,
            dossier_id=dossier.id,
            due_at=iso_vn(new_due),
            reason=f"status_{int(target)}",
            at=iso_vn(now),
            actor=actor,
        )
    kind = "correction" if correction else "transition"
    rows.insert_event(
        db,
        dossier_id=dossier.id,
        at=iso_vn(now),
        actor=actor,
        kind=kind,
        from_status=dossier.status,
        to_status=int(target),
        reason=reason,
        details={**dict(details or {}), "version": version},
    )
    _audit(
        db,
        now,
        actor,
        f"dossier.{kind}",
        dossier,
        from_status=dossier.status,
        to_status=int(target),
        version=version,
    )


def _due_after(store: Store, dossier: Dossier, target: Status, now: datetime) -> datetime | None:
    """A new due date when the clock (re)starts after a supplement request (dossier.md §5.5).

    5 → 2, a dossier guided at intake comes back complete: the full period from now. 5 → 4,
    supplemented during processing: the working days left at the pause, counted from the
    day after the arrival (a proposal; the clerk may edit it, and every version is kept).
    """
    if dossier.status != Status.SUPPLEMENT_REQUESTED:
        return None
    if target not in (Status.RECEIVED, Status.IN_PROCESS):
        return None
    procedure = get_procedure(store, dossier.procedure_code, dossier.catalogue_version)
    paused_on = _paused_on(store, dossier)
    received = datetime.fromisoformat(dossier.received_at)
    if dossier.due_at is None or paused_on is None:
        return due_date_for(procedure, now, folder=store.folder).due_at
    if not received.date() <= paused_on <= now.astimezone(VN_TZ).date():
        # A clock was wrong (a receipt saved ahead of it, or set back since): the days left
        # cannot be counted, so the proposal is the full period from now (editable).
        return due_date_for(procedure, now, folder=store.folder).due_at
    return remaining_after_supplement(
        received_at=received,
        due_at=datetime.fromisoformat(dossier.due_at),
        paused_on=paused_on,
        resumed_at=now,
        calendar=load_calendar(store.folder),
    ).due_at


def _paused_on(store: Store, dossier: Dossier) -> date | None:
    """The day the latest supplement request stopped the clock."""
    pauses = [
        e["at"]
        for e in rows.list_events(store, dossier.id)
        if e["to_status"] == Status.SUPPLEMENT_REQUESTED
    ]
    return datetime.fromisoformat(pauses[-1]).date() if pauses else None


def _edit_columns(changes: Mapping[str, Any]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "applicant":
            columns.update(_applicant_columns(value))
        elif key == "proxy":
            columns["proxy"] = json.dumps(value.to_json(), ensure_ascii=False) if value else None
        elif key == "documents":
            columns["documents"] = json.dumps([d.to_json() for d in value], ensure_ascii=False)
        else:
            columns[key] = value
    return columns


def _applicant_columns(applicant: Applicant) -> dict[str, Any]:
    return {
        "applicant": json.dumps(applicant.to_json(), ensure_ascii=False),
        "applicant_kind": applicant.kind.value,
        "id_type": applicant.id_type.value,
        "id_number": applicant.id_number,
        "full_name": applicant.full_name,
        "phone": applicant.phone,
        "email": applicant.email,
        "folded_name": fold(applicant.full_name),
        "folded_address": fold(applicant.address),
    }


def _new_version(
    store: Store, dossier: Dossier, columns: dict[str, Any], *, actor: str, now: datetime
) -> int:
    """Write the change as the next version: above both the store's and the marks' versions."""
    version = next_version_floor(store, store.marks, dossier.uuid) + 1
    store.reserve(
        day=dossier.received_at[:10],
        counter=dossier.counter,
        number=None,
        mark=DossierMark(dossier.uuid, dossier.code, version, dossier.received_at[:10]),
    )
    stamp = iso_vn(now)
    rows.update_dossier(store, dossier.id, {**columns, "version": version, "updated_at": stamp})
    current = rows.get_dossier_by_uuid(store, dossier.uuid)
    assert current is not None
    rows.insert_version(
        store,
        dossier_id=dossier.id,
        version=version,
        at=stamp,
        actor=actor,
        snapshot=json.dumps(_as_json(current), ensure_ascii=False, sort_keys=True),
    )
    enqueue(store, dossier_id=dossier.id, uuid=dossier.uuid, version=version, at=stamp)
    return version


def _as_json(dossier: Dossier) -> dict[str, Any]:
    data = {name: getattr(dossier, name) for name in dossier.__dataclass_fields__}
    data["applicant"] = dossier.applicant.to_json()
    data["proxy"] = dossier.proxy.to_json() if dossier.proxy else None
    data["documents"] = [d.to_json() for d in dossier.documents]
    return data


def _audit(
    db: Any, now: datetime, actor: str, action: str, dossier: Dossier, **details: Any
) -> None:
    """The action's audit row, with the digest of the dossier's rows: call after its last write."""
    append_audit(
        db, at=iso_vn(now), actor=actor, action=action, subject=dossier.code, details=details,
        dossier_id=dossier.id,
    )  # fmt: skip
