"""Draft rows: the half-filled intake form, one row per form key (migration 5)."""

from __future__ import annotations

from counter_app.storage.engine import Database


def put_draft(db: Database, key: str, content: str, *, at: str) -> None:
    db.conn.execute(
        "INSERT INTO drafts (key, content, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET content = excluded.content, "
        "updated_at = excluded.updated_at",
        (key, content, at),
    )


def get_draft(db: Database, key: str) -> str | None:
    row = db.conn.execute("SELECT content FROM drafts WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def delete_draft(db: Database, key: str) -> None:
    db.conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
