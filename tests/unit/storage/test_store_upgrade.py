"""Upgrades: a newer build backs the store up (checked) before migrating it, and does not
migrate when it cannot; an older build refuses a store a newer one wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.errors import CounterAppError
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store import keys
from counter_app.services.store.opening import Store, open_store, store_path
from counter_app.services.store.upgrade import UPGRADE_FOLDER
from counter_app.storage import migrations
from counter_app.storage.backup import check_copy
from counter_app.storage.engine import connect
from counter_app.storage.marks import MARKS_FILE_NAME, Marks
from counter_app.storage.migrations import StoreTooNewError
from tests.dossier_helpers import CLERK, configure, intake, vn


def store_at_schema_1(new_store: Store, folder: Path) -> bytes:
    """A real store as the first release wrote it, set up, with one dossier; its key."""
    new_store.close()
    path = store_path(folder)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    key = keys.load_key(path).key
    db = connect(path, key=key)
    migrations.migrate(db, target=1)
    old = Store(db=db, marks=Marks(folder / MARKS_FILE_NAME), path=path, encrypted=True,
                key_location="file")  # fmt: skip
    configure(old)
    receive_dossier(old, intake(), clerk=CLERK, now=vn(2026, 11, 20, 9))
    old.close()
    return key


def test_an_upgrade_first_makes_a_checked_backup_at_the_old_schema(
    new_store: Store, private_data_dir: Path
) -> None:
    key = store_at_schema_1(new_store, private_data_dir)
    upgraded = open_store(private_data_dir)
    try:
        assert migrations.schema_version(upgraded.db) == migrations.latest_version()
    finally:
        upgraded.close()
    [copy] = sorted((private_data_dir / UPGRADE_FOLDER).glob("*.db"))
    facts = check_copy(copy, key=key)  # reopens it with the key and checks its integrity
    assert facts.schema_version == 1 and facts.dossier_count == 1
    reopened = open_store(private_data_dir)  # already upgraded: no second copy
    reopened.close()
    assert len(list((private_data_dir / UPGRADE_FOLDER).glob("*.db"))) == 1


def test_without_a_backup_there_is_no_upgrade(new_store: Store, private_data_dir: Path) -> None:
    key = store_at_schema_1(new_store, private_data_dir)
    (private_data_dir / "backups").mkdir(exist_ok=True)
    (private_data_dir / UPGRADE_FOLDER).write_bytes(b"not a folder")  # the copy cannot go there
    with pytest.raises((CounterAppError, OSError)):
        open_store(private_data_dir)
    db = connect(store_path(private_data_dir), key=key)
    try:
        assert migrations.schema_version(db) == 1  # left as the older build wrote it
    finally:
        db.close()


def test_an_older_build_refuses_a_store_a_newer_one_wrote(
    new_store: Store, private_data_dir: Path
) -> None:
    new_store.db.conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    new_store.close()
    with pytest.raises(StoreTooNewError):
        open_store(private_data_dir)
    assert not (private_data_dir / UPGRADE_FOLDER).exists()
    done = subprocess.run(
        [sys.executable, "-m", "counter_app", "--lang", "en", "settings"],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )  # fmt: skip
    assert done.returncode == 3
    assert "written by a newer version of the app" in done.stderr
    assert "STORE_TOO_NEW" in done.stderr
