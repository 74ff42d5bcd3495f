"""Rows of ``dossier_portraits`` (migration 11): the chip's portrait kept with a dossier."""

from __future__ import annotations

from typing import NamedTuple

from counter_app.storage.engine import Database


class StoredPortrait(NamedTuple):
    mime_type: str
    image: bytes
    sha256: str
    verification: str


def insert_portrait(db: Database, dossier_id: int, portrait: StoredPortrait, *, at: str) -> None:
    db.conn.execute(
        "INSERT INTO dossier_portraits "
        "(dossier_id, mime_type, image, sha256, verification, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (dossier_id, *portrait, at),
    )


def find_portrait(db: Database, dossier_id: int) -> StoredPortrait | None:
    row = db.conn.execute(
        "SELECT mime_type, image, sha256, verification FROM dossier_portraits WHERE dossier_id = ?",
        (dossier_id,),
    ).fetchone()
    return None if row is None else StoredPortrait(str(row[0]), bytes(row[1]), *map(str, row[2:]))
