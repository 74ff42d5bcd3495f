"""The counter's settings: key → JSON value, in the store so they travel with backups."""

from __future__ import annotations

import json
from typing import Any

from counter_app.storage.engine import Database


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else json.loads(row[0])


def set_setting(db: Database, key: str, value: Any) -> None:
    db.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value, ensure_ascii=False)),
    )


def delete_setting(db: Database, key: str) -> None:
    db.conn.execute("DELETE FROM settings WHERE key = ?", (key,))


def all_settings(db: Database) -> dict[str, Any]:
    rows = db.conn.execute("SELECT key, value FROM settings ORDER BY key")
    return {key: json.loads(value) for key, value in rows}
