"""Before a newer build migrates a store an older one wrote: a verified backup, or no upgrade.

A migration rewrites tables; a bug in it, a power cut or a full disk must never cost the
counter its data. The copy is made with the store's own key, reopened and integrity-checked
(``write_backup``) before the first migration runs; if it cannot be made, opening fails with
the backup's error and the store stays as the older build left it. Copies go to
``backups/before-upgrade/``, out of the daily rotation, so an upgrade's copy is never rotated
away by the backups that follow it; ``counter-app restore FILE`` takes them like any other.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from counter_app.services.paths import ensure_private_dir
from counter_app.storage.backup import write_backup
from counter_app.storage.backup_settings import backup_owner
from counter_app.storage.engine import Database
from counter_app.storage.migrations import schema_version

UPGRADE_FOLDER = Path("backups") / "before-upgrade"


def backup_before_upgrade(
    db: Database, *, store_file: Path, key: bytes | None, now: datetime
) -> Path:
    """The checked copy of the store as it is now (its older schema); its path."""
    folder = ensure_private_dir(store_file.parent / UPGRADE_FOLDER)
    made = write_backup(
        db, folder, key=key, now=now, owner=backup_owner(db), sequence=schema_version(db)
    )
    return made.path
