"""What the sync engine keeps between passes (table ``sync_state``, migration 2): key → text.

The status-pull cursor, the catalogue's ETag, the last success and error, the clock skew, the
count of consecutive failures the backoff grows from. Values are text the services interpret;
none is personal data.
"""

from __future__ import annotations

from counter_app.storage.engine import Database


def get_state(db: Database, key: str) -> str | None:
    row = db.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_state(db: Database, key: str, value: str, *, at: str) -> None:
    db.conn.execute(
        "INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (key, value, at),
    )


def all_state(db: Database) -> dict[str, str]:
    rows = db.conn.execute("SELECT key, value FROM sync_state ORDER BY key")
    return {str(key): str(value) for key, value in rows}
