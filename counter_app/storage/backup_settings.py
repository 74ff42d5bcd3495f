"""The settings behind backups: whose they are, their sequence, the last automatic day."""

from __future__ import annotations

import json
from typing import Any

from counter_app.storage.backup_names import Owner, owner_of
from counter_app.storage.engine import Database

# Settings (key -> JSON value) the sidecar names the counter by; absent before setup.
SETTING_AGENCY = "counter.agency_code"
SETTING_COUNTER = "counter.counter"
SETTING_LAST_AUTO_DAY = "backup.last_auto_day"
SETTING_SEQUENCE = "backup.sequence"  # the number of this store's latest backup


def json_or_none(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def backup_owner(db: Database) -> Owner:
    """Whose backups this store makes: its agency code and counter (settings)."""
    settings = dict(
        db.conn.execute(
            "SELECT key, value FROM settings WHERE key IN (?, ?)", (SETTING_AGENCY, SETTING_COUNTER)
        ).fetchall()
    )
    return owner_of(
        json_or_none(settings.get(SETTING_AGENCY)), json_or_none(settings.get(SETTING_COUNTER))
    )


def next_backup_sequence(db: Database, *, floor: int) -> int:
    """The number for the next backup: above the store's count and above ``floor``.

    ``floor`` is the highest number of this counter's files in the target folder: a store
    restored from an older backup holds an older count, and must never number below them.
    Only read here: ``record_backup_sequence`` keeps the number once the backup exists, so a
    failed backup leaves the store untouched.
    """
    row = db.conn.execute(
        "SELECT value FROM settings WHERE key = ?", (SETTING_SEQUENCE,)
    ).fetchone()
    stored = json_or_none(None if row is None else str(row[0]))
    return max(stored if isinstance(stored, int) else 0, floor) + 1


def record_backup_sequence(db: Database, number: int) -> None:
    """Keep ``number`` as the store's latest backup; call inside a write transaction."""
    db.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
        "value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
        (SETTING_SEQUENCE, json.dumps(number)),
    )


def last_auto_backup_day(db: Database) -> str | None:
    row = db.conn.execute(
        "SELECT value FROM settings WHERE key = ?", (SETTING_LAST_AUTO_DAY,)
    ).fetchone()
    value = json_or_none(None if row is None else str(row[0]))
    return value if isinstance(value, str) else None


def set_last_auto_backup_day(db: Database, day: str) -> None:
    """Record the day of the last automatic backup; call inside a write transaction."""
    db.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (SETTING_LAST_AUTO_DAY, json.dumps(day)),
    )
