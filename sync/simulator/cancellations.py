"""What the simulated city does with cancellations: it keeps each void for good.

A cancelled dossier stays cancelled: its status no longer moves, and a version of it that
arrives afterwards (an offline file imported late, a re-send) is stored but does not revive
it. The same cancellation twice is ``duplicate``. Callers hold the transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from counter_app.domain.vn_time import iso_vn
from sync.simulator import store


def receive_cancellations(
    db: sqlite3.Connection,
    items: list[Mapping[str, Any]],
    *,
    counter_id: str,
    agency: str,
    now: datetime,
) -> list[dict[str, str]]:
    """One answer per cancellation, in order: ``accepted`` the first time, then ``duplicate``."""
    results = []
    for item in items:
        added = store.add_cancellation(
            db, key=str(item["idempotency_key"]), dossier_uuid=str(item["dossier_uuid"]),
            counter_id=counter_id, agency=agency, local_code=str(item["local_code"]),
            cancelled_at=str(item["cancelled_at"]), received_at=iso_vn(now),
        )  # fmt: skip
        outcome = "accepted" if added else "duplicate"
        results.append({"idempotency_key": str(item["idempotency_key"]), "outcome": outcome})
    return results
