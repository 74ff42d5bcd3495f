"""How long the outbox has waited: the oldest entry the city has not acknowledged yet.

Kept apart from ``outbox.py`` (the engine's reads and settlements): this is what the unsynced
warning and the optional intake block read. A pending entry is one the city has not answered;
rejected ones are in the needs-attention list and do not count.
"""

from __future__ import annotations

from counter_app.storage.engine import Database
from counter_app.storage.outbox import PENDING


def oldest_pending_created_at(db: Database) -> str | None:
    """``created_at`` of the oldest pending entry (ISO, Vietnam time), None when none is."""
    row = db.conn.execute(
        "SELECT min(created_at) FROM outbox WHERE state = ?", (PENDING,)
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])
