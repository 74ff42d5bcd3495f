"""Voids that reach the city: marking what may have left, and settling cancellation records.

A dossier may have left the counter once a batch carrying it was about to be posted or a file
carrying it was exported; from then on a void sends a cancellation (sync.md B2, docs/
SYNC-PROTOCOL.md "Cancellations") until the city acknowledges it. A version the city
acknowledges for a dossier voided meanwhile (the void raced the send) gets one too.
"""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.vn_time import iso_vn
from counter_app.services.store.opening import Store
from counter_app.storage import cancellations as table
from counter_app.storage.audit import append_audit
from counter_app.storage.engine import write_transaction


def mark_sending(store: Store, outbox_ids: list[int], *, now: datetime) -> None:
    """Before a POST or an export: these entries may reach the city from now on.

    Bookkeeping of the outbox only (no dossier row, version, code or audit row changes, so
    nothing for the marks file): a plain write transaction, not a user action, which keeps
    the cost per batch to one small commit.
    """
    with write_transaction(store) as db:
        table.mark_sending(db, outbox_ids, at=iso_vn(now))


def cancel_voided_after_send(store: Store, dossier_ids: list[int], *, at: str) -> int:
    """Inside the settling transaction: the city took a version of a dossier voided since it
    was read for sending; it must hear of the void. The number of records queued."""
    raced = table.voided_without_cancellation(store, dossier_ids)
    for dossier_id, uuid in raced:
        table.enqueue_cancellation(store, dossier_id=dossier_id, uuid=uuid, at=at)
    return len(raced)


def next_cancellations(store: Store, *, limit: int) -> list[tuple[str, str, str, str]]:
    return table.pending_cancellations(store, limit=limit)


def acknowledge_cancellations(
    store: Store, keys: list[str], *, batch_id: str, now: datetime
) -> None:
    """The city holds these cancellations; one audit row for the batch (keys only)."""
    stamp = iso_vn(now)
    with store.action() as db:
        table.acknowledge(db, keys, at=stamp)
        append_audit(
            db, at=stamp, actor="sync", action="sync.cancellations", subject=batch_id,
            details={"acknowledged": len(keys)},
        )  # fmt: skip


def pending_cancellation_count(store: Store) -> int:
    """Voided here, maybe live at the city: listed until the city acknowledges each."""
    return table.count_pending(store)
