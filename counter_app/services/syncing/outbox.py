"""The outbox as the sync engine sees it: what to send next, and what the city answered.

Outcomes are applied as sync.md B2 says: accepted, duplicate and stale versions are synced
(stale flagged for IT: the city holds a newer version from this counter, e.g. after a
restore); rejected versions go to the "needs attention" list with the city's reasons and are
never re-sent as they are (a clerk's edit makes a new version and key); retry_later stays
pending. One batch's outcomes are one transaction with one audit row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from counter_app.domain.dossier import Dossier
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import iso_vn
from counter_app.services.catalogue import get_procedure
from counter_app.services.store.opening import Store
from counter_app.services.syncing.cancellations import cancel_voided_after_send
from counter_app.storage import dossiers as rows
from counter_app.storage import outbox
from counter_app.storage.audit import append_sealed_audit
from counter_app.storage.dossier_digest import SealedDossier, dossier_digest

ACCEPTED, DUPLICATE, STALE = "accepted", "duplicate", "stale"
REJECTED, RETRY_LATER = "rejected", "retry_later"
SYNCED_OUTCOMES = frozenset({ACCEPTED, DUPLICATE, STALE})


@dataclass(frozen=True)
class PendingItem:
    """The newest unsent version of one dossier, with the procedure it was received under."""

    outbox_id: int
    dossier: Dossier
    procedure: Procedure

    @property
    def key(self) -> str:
        return f"{self.dossier.uuid}:{self.dossier.version}"


@dataclass(frozen=True)
class RecordOutcome:
    item: PendingItem
    outcome: str
    official_code: str = ""
    errors: tuple[dict[str, str], ...] = ()


@dataclass
class SettleCounts:
    acknowledged: int = 0
    rejected: int = 0
    retry_later: int = 0
    stale: int = 0
    retry_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class AttentionItem:
    """A version the city refused: what the clerk must fix (no personal data in ``errors``)."""

    code: str
    version: int
    key: str
    rejected_at: str
    errors: list[dict[str, str]]


def next_pending(store: Store, *, after_id: int, limit: int) -> list[PendingItem]:
    """Up to ``limit`` dossiers' newest pending versions, oldest entry first."""
    heads = outbox.pending_heads(store, after_id=after_id, limit=limit)
    dossiers = rows.get_dossiers_by_ids(store, [dossier_id for _, dossier_id, _ in heads])
    by_id = {d.id: d for d in dossiers}
    procedures: dict[tuple[str, int], Procedure] = {}
    items = []
    for outbox_id, dossier_id, _ in heads:
        dossier = by_id[dossier_id]
        wanted = (dossier.procedure_code, dossier.catalogue_version)
        if wanted not in procedures:
            procedures[wanted] = get_procedure(store, *wanted)
        items.append(PendingItem(outbox_id, dossier, procedures[wanted]))
    return items


_EVENTFUL = (STALE, REJECTED)  # outcomes that write a dossier event (storage/dossier_digest.py)


def settle_outcomes(
    store: Store, outcomes: Sequence[RecordOutcome], *, batch_id: str, now: datetime
) -> SettleCounts:
    """Apply one batch's per-record outcomes in one transaction with one audit row."""
    counts, stamp = SettleCounts(), iso_vn(now)
    with store.action() as db:
        for result in outcomes:
            _settle_one(store, result, counts, stamp)
        synced = [r.item.dossier.id for r in outcomes if r.outcome in SYNCED_OUTCOMES]
        cancel_voided_after_send(store, synced, at=stamp)
        append_sealed_audit(
            db, at=stamp, actor="sync", action="sync.batch", subject=batch_id,
            details={"acknowledged": counts.acknowledged, "rejected": counts.rejected,
                     "retry_later": counts.retry_later, "stale": counts.stale},
            sealed=_with_new_events(store, outcomes),
        )  # fmt: skip
    return counts


def _with_new_events(store: Store, outcomes: Sequence[RecordOutcome]) -> list[SealedDossier]:
    """The dossiers that got an event in this batch (stale, rejected), sealed by its audit row."""
    touched = {r.item.dossier.id: r.item.dossier.code for r in outcomes if r.outcome in _EVENTFUL}
    return [SealedDossier(i, touched[i], dossier_digest(store, i)) for i in sorted(touched)]


def _settle_one(store: Store, result: RecordOutcome, counts: SettleCounts, stamp: str) -> None:
    dossier = result.item.dossier
    if result.outcome in SYNCED_OUTCOMES:
        outbox.settle_entry(
            store, uuid=dossier.uuid, version=dossier.version, state=outbox.ACKED, at=stamp
        )
        outbox.mark_dossier_synced(
            store, dossier_id=dossier.id, version=dossier.version, at=stamp,
            official_code=result.official_code,
        )  # fmt: skip
        counts.acknowledged += 1
        if result.outcome == STALE:
            counts.stale += 1
            _event(store, dossier, "sync_stale", stamp, {"version": dossier.version})
    elif result.outcome == REJECTED:
        reason = json.dumps({"errors": list(result.errors)}, ensure_ascii=False)
        outbox.settle_entry(
            store, uuid=dossier.uuid, version=dossier.version, state=outbox.REJECTED,
            at=stamp, rejection=reason,
        )  # fmt: skip
        counts.rejected += 1
        codes = sorted({str(e.get("code", "")) for e in result.errors})
        _event(store, dossier, "sync_rejected", stamp, {"version": dossier.version, "codes": codes})
    else:
        counts.retry_later += 1
        counts.retry_ids.append(result.item.outbox_id)


def _event(store: Store, dossier: Dossier, kind: str, at: str, details: dict[str, Any]) -> None:
    rows.insert_event(
        store, dossier_id=dossier.id, at=at, actor="sync", kind=kind, details=details,
        origin="city",
    )  # fmt: skip


def park_items(
    store: Store, items: Sequence[PendingItem], *, code: str, reason: Any, now: datetime
) -> None:
    """Whole-request refusals (400/422, a record too large): to the needs-attention list."""
    errors = ({"field": "", "code": code, "message": _short(reason)},)
    outcomes = [RecordOutcome(item, REJECTED, errors=errors) for item in items]
    settle_outcomes(store, outcomes, batch_id=f"parked:{code}", now=now)


def note_retry(store: Store, outbox_ids: list[int], *, error: str, next_at: str | None) -> None:
    if not outbox_ids:
        return
    with store.action() as db:
        outbox.note_attempt(db, outbox_ids, error=error, next_at=next_at)


def needs_attention(store: Store, *, limit: int = 1000) -> list[AttentionItem]:
    """The "Cần xử lý" list: rejected newest versions, with the city's reasons."""
    heads = outbox.rejected_heads(store, limit=limit)
    dossiers = {d.id: d for d in rows.get_dossiers_by_ids(store, [h[0] for h in heads])}
    return [
        AttentionItem(
            code=dossiers[dossier_id].code,
            version=version,
            key=key,
            rejected_at=at,
            errors=_errors(rejection),
        )
        for dossier_id, version, key, rejection, at in heads
    ]


def pending_count(store: Store) -> int:
    return outbox.count_pending_dossiers(store)


def rejected_count(store: Store) -> int:
    return outbox.count_rejected_heads(store)


def _errors(rejection: str) -> list[dict[str, str]]:
    try:
        data = json.loads(rejection) if rejection else {}
    except ValueError:
        return []
    found = data.get("errors", []) if isinstance(data, dict) else []
    return [dict(e) for e in found if isinstance(e, dict)]


def _short(reason: Any) -> str:
    text = reason if isinstance(reason, str) else json.dumps(reason, ensure_ascii=False)
    return text[:500]
