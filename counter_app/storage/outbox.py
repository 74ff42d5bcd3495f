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


# --- What the sync engine reads and settles (sync.md B2) ---------------------------------

ACKED = "acked"  # the city holds this version (accepted, duplicate or stale)
REJECTED = "rejected"  # the city refused it: the "needs attention" list, never re-sent as is
SUPERSEDED = "superseded"  # an older unsent version: the newer one carries the whole record


def pending_heads(db: Database, *, after_id: int, limit: int) -> list[tuple[int, int, int]]:
    """(outbox id, dossier id, version) of pending entries that are their dossier's newest.

    Older pending versions are never sent: the newest carries the whole record (sync.md A5),
    so a batch holds one version per dossier. ``after_id`` lets a pass move past entries it
    already tried.
    """
    rows = db.conn.execute(
        "SELECT o.id, o.dossier_id, o.version FROM outbox o "
        "JOIN dossiers d ON d.id = o.dossier_id AND d.version = o.version "
        "WHERE o.state = ? AND o.id > ? ORDER BY o.id LIMIT ?",
        (PENDING, after_id, limit),
    )
    return [(int(i), int(d), int(v)) for i, d, v in rows]


def settle_entry(
    db: Database, *, uuid: str, version: int, state: str, at: str, rejection: str = ""
) -> None:
    """Close a sent version (acked or rejected) and supersede the older pending ones.

    Rows are found by their unique key (``<uuid>:<version>``), never by a scan of the outbox.
    """
    db.conn.execute(
        "UPDATE outbox SET state = ?, done_at = ?, rejection = ?, attempts = attempts + 1 "
        "WHERE idempotency_key = ? AND state = ?",
        (state, at, rejection, f"{uuid}:{version}", PENDING),
    )
    if version > 1:
        db.conn.executemany(
            "UPDATE outbox SET state = ?, done_at = ? WHERE idempotency_key = ? AND state = ?",
            ((SUPERSEDED, at, f"{uuid}:{older}", PENDING) for older in range(1, version)),
        )


def mark_dossier_synced(
    db: Database, *, dossier_id: int, version: int, at: str, official_code: str
) -> None:
    """The dossier's sync markers: highest version the city holds, first sync, official code."""
    db.conn.execute(
        "UPDATE dossiers SET synced_version = max(synced_version, ?), "
        "first_synced_at = coalesce(first_synced_at, ?), "
        "official_code = CASE WHEN ? = '' OR ? = code THEN official_code ELSE ? END "
        "WHERE id = ?",
        (version, at, official_code, official_code, official_code, dossier_id),
    )


def note_attempt(db: Database, outbox_ids: list[int], *, error: str, next_at: str | None) -> None:
    """A try that left the entries pending (retry later): count it and say why."""
    db.conn.executemany(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
        "WHERE id = ? AND state = ?",
        ((error, next_at, outbox_id, PENDING) for outbox_id in outbox_ids),
    )


def count_pending_dossiers(db: Database) -> int:
    row = db.conn.execute(
        "SELECT count(DISTINCT dossier_id) FROM outbox WHERE state = ?", (PENDING,)
    ).fetchone()
    return int(row[0])


def rejected_heads(db: Database, *, limit: int = 1000) -> list[tuple[int, int, str, str, str]]:
    """(dossier id, version, key, rejection JSON, done_at) of rejected newest versions.

    A rejection stops needing attention once the clerk's edit made a newer version.
    """
    rows = db.conn.execute(
        "SELECT o.dossier_id, o.version, o.idempotency_key, o.rejection, o.done_at FROM outbox o "
        "JOIN dossiers d ON d.id = o.dossier_id AND d.version = o.version "
        "WHERE o.state = ? ORDER BY o.id LIMIT ?",
        (REJECTED, limit),
    )
    return [(int(d), int(v), str(k), str(r), str(at or "")) for d, v, k, r, at in rows]


def count_rejected_heads(db: Database) -> int:
    row = db.conn.execute(
        "SELECT count(*) FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
        "AND d.version = o.version WHERE o.state = ?",
        (REJECTED,),
    ).fetchone()
    return int(row[0])
