"""Cancellation records: a void the city must hear of, once the dossier may have left.

One row per voided dossier, written in the void's transaction; the sync sends pending rows
under their own idempotency key ``<uuid>:cancel`` and marks them acknowledged.
"""

from __future__ import annotations

from counter_app.storage.engine import Database

PENDING, ACKED = "pending", "acked"


def cancellation_key(uuid: str) -> str:
    return f"{uuid}:cancel"


def may_have_left(db: Database, dossier_id: int) -> bool:
    """True once a send of the dossier started, a file with it was exported, or the city
    answered for it: the city may hold it whatever the counter heard back."""
    row = db.conn.execute(
        "SELECT 1 FROM outbox WHERE dossier_id = ? AND (sent_at IS NOT NULL OR attempts > 0 "
        "OR state IN ('acked', 'rejected')) LIMIT 1",
        (dossier_id,),
    ).fetchone()
    return row is not None


def mark_sending(db: Database, outbox_ids: list[int], *, at: str) -> None:
    """Note that these entries are about to leave (a POST, an export), whatever their state."""
    db.conn.executemany(
        "UPDATE outbox SET sent_at = coalesce(sent_at, ?) WHERE id = ?",
        ((at, outbox_id) for outbox_id in outbox_ids),
    )


def enqueue_cancellation(db: Database, *, dossier_id: int, uuid: str, at: str) -> str:
    """The dossier's cancellation record (once: a second call keeps the first)."""
    key = cancellation_key(uuid)
    db.conn.execute(
        "INSERT OR IGNORE INTO cancellations (dossier_id, idempotency_key, created_at, state) "
        "VALUES (?, ?, ?, ?)",
        (dossier_id, key, at, PENDING),
    )
    return key


def voided_without_cancellation(db: Database, dossier_ids: list[int]) -> list[tuple[int, str]]:
    """(id, uuid) of these dossiers that are voided and have no cancellation record yet."""
    if not dossier_ids:
        return []
    marks = ", ".join("?" for _ in dossier_ids)
    rows = db.conn.execute(
        f"SELECT d.id, d.uuid FROM dossiers d LEFT JOIN cancellations c ON c.dossier_id = d.id "
        f"WHERE d.id IN ({marks}) AND d.voided_at IS NOT NULL AND c.dossier_id IS NULL",
        dossier_ids,
    )
    return [(int(i), str(u)) for i, u in rows]


def pending_cancellations(db: Database, *, limit: int) -> list[tuple[str, str, str, str]]:
    """(idempotency key, dossier uuid, local code, voided at) of unacknowledged cancellations."""
    rows = db.conn.execute(
        "SELECT c.idempotency_key, d.uuid, d.code, coalesce(d.voided_at, c.created_at) "
        "FROM cancellations c JOIN dossiers d ON d.id = c.dossier_id "
        "WHERE c.state = ? ORDER BY c.dossier_id LIMIT ?",
        (PENDING, limit),
    )
    return [(str(k), str(u), str(c), str(t)) for k, u, c, t in rows]


def acknowledge(db: Database, keys: list[str], *, at: str) -> None:
    db.conn.executemany(
        "UPDATE cancellations SET state = ?, done_at = ? WHERE idempotency_key = ? AND state = ?",
        ((ACKED, at, key, PENDING) for key in keys),
    )


def count_pending(db: Database) -> int:
    row = db.conn.execute("SELECT count(*) FROM cancellations WHERE state = ?", (PENDING,))
    return int(row.fetchone()[0])
