"""The transactional outbox: each local dossier version waiting to reach the city.

Rows are written in the same transaction as the change they carry (STYLE rule 4); the sync
engine reads and settles them. The idempotency key ``<uuid>:<version>`` makes a re-send
harmless (sync.md B2).
"""

from __future__ import annotations

from counter_app.storage.engine import Database

PENDING = "pending"


def enqueue(db: Database, *, dossier_id: int, uuid: str, version: int, at: str) -> str:
    key = f"{uuid}:{version}"
    db.conn.execute(
        "INSERT INTO outbox (dossier_id, version, idempotency_key, created_at, state) "
        "VALUES (?, ?, ?, ?, ?)",
        (dossier_id, version, key, at, PENDING),
    )
    return key


def count_by_state(db: Database) -> dict[str, int]:
    rows = db.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state")
    return {state: int(n) for state, n in rows}


def entries_for(db: Database, dossier_id: int) -> list[tuple[int, str, str]]:
    rows = db.conn.execute(
        "SELECT version, idempotency_key, state FROM outbox WHERE dossier_id = ? ORDER BY id",
        (dossier_id,),
    )
    return [(int(v), str(k), str(s)) for v, k, s in rows]


def drop_pending(db: Database, dossier_id: int) -> int:
    """Withdraw unsent entries (a dossier voided before its first sync never goes out)."""
    cursor = db.conn.execute(
        "UPDATE outbox SET state = 'cancelled' WHERE dossier_id = ? AND state = ?",
        (dossier_id, PENDING),
    )
    return int(cursor.rowcount)
