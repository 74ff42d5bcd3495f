"""The push of cancellation records (docs/SYNC-PROTOCOL.md "Cancellations"), after the versions.

Its own request (``POST /v1/cancellations``), so ordinary batches carry nothing new and cost
nothing more. Each record has its own idempotency key ``<uuid>:cancel``: a repeat is answered
``duplicate``. Network trouble raises the client's typed errors, handled by the engine's pass.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from counter_app.domain.vn_time import iso_vn
from counter_app.services.settings.counter import CounterConfig
from counter_app.services.store.opening import Store
from counter_app.services.syncing.cancellations import (
    acknowledge_cancellations,
    next_cancellations,
)
from sync import protocol
from sync.client import SyncClient, SyncReplyInvalidError

BATCH = 50
ACKNOWLEDGED = frozenset({"accepted", "duplicate"})


def push_cancellations(
    store: Store, client: SyncClient, *, config: CounterConfig, now: datetime
) -> int:
    """Send every pending cancellation; the number the city acknowledged."""
    done = 0
    while items := next_cancellations(store, limit=BATCH):
        envelope = cancellation_envelope(items, config=config, now=now)
        reply = client.post_cancellations(envelope)
        keys = _acknowledged(reply.body)
        if not keys:
            return done  # nothing moved (the city asked for later): the next pass tries again
        acknowledge_cancellations(store, keys, batch_id=str(envelope["batch_id"]), now=now)
        done += len(keys)
    return done


def cancellation_envelope(
    items: list[tuple[str, str, str, str]], *, config: CounterConfig, now: datetime
) -> dict[str, Any]:
    """The request body; no personal data: keys, codes and the time of the void."""
    return {
        "protocol": protocol.PROTOCOL,
        "batch_id": str(uuid.uuid4()),
        "counter_id": str(config.counter),
        "MaDonVi": config.agency_code,
        "sent_at": iso_vn(now),
        "cancellations": [
            {"idempotency_key": key, "dossier_uuid": dossier_uuid, "local_code": code,
             "cancelled_at": voided_at}
            for key, dossier_uuid, code, voided_at in items
        ],
    }  # fmt: skip


def _acknowledged(body: Any) -> list[str]:
    results = body.get("results") if isinstance(body, dict) else None
    if not isinstance(results, list):
        raise SyncReplyInvalidError("results")
    return [
        str(r["idempotency_key"])
        for r in results
        if isinstance(r, dict) and r.get("outcome") in ACKNOWLEDGED and "idempotency_key" in r
    ]
