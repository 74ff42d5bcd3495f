"""The store file: encrypted at rest, owner-only, migrated, refusing what it cannot trust."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from counter_app.domain.dossier import DocumentReceived
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store import keys
from counter_app.services.store.opening import (
    Store,
    StoreExistsError,
    StoreNotSetUpError,
    create_store,
    open_store,
    store_path,
)
from counter_app.storage.engine import (
    DiskFullError,
    StoreKeyError,
    StoreLockedError,
    connect,
    integrity_ok,
    write_transaction,
)
from counter_app.storage.migrations import StoreTooNewError, latest_version, schema_version
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

NAME = "Nguyễn Thị Thuỷ Tiên"


def add_one(store: Store, minute: int = 0) -> None:
    person = citizen(name=NAME, id_number=f"0011890{minute:05d}")
    receive_dossier(store, intake(person), clerk=CLERK, now=vn(2026, 11, 25, 9, minute))


def test_encrypted_file_holds_no_readable_personal_data(
    new_store: Store, private_data_dir: Path
) -> None:
    configure(new_store)
    add_one(new_store)
    files = [p for p in private_data_dir.iterdir() if p.name.startswith("counter.db")]
    assert {p.name for p in files} >= {"counter.db", "counter.db-wal"}
    for path in files:
        data = path.read_bytes()
        assert NAME.encode() not in data and b"SQLite format 3" not in data[:16], path.name
    new_store.close()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(store_path(private_data_dir)).execute("SELECT * FROM dossiers").fetchall()


def test_plain_mode_is_readable_by_any_sqlite(private_data_dir: Path) -> None:
    store = create_store(private_data_dir, encrypted=False)
    configure(store)
    add_one(store)
    store.close()
    conn = sqlite3.connect(store_path(private_data_dir))
    assert conn.execute("SELECT full_name FROM dossiers").fetchone() == (NAME,)
    reopened = open_store(private_data_dir)
    assert not reopened.encrypted and reopened.key_location == ""
    reopened.close()


def test_wrong_key_and_missing_key(new_store: Store, private_data_dir: Path) -> None:
    path = new_store.path
    new_store.close()
    with pytest.raises(StoreKeyError):
        connect(path, key=keys.new_key())
    (private_data_dir / keys.KEY_FILE_NAME).unlink()
    with pytest.raises(keys.StoreKeyMissingError):
        open_store(private_data_dir)


def test_files_are_owner_only(new_store: Store, private_data_dir: Path) -> None:
    configure(new_store)
    add_one(new_store)
    assert stat.S_IMODE(private_data_dir.stat().st_mode) == 0o700
    for path in private_data_dir.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path.name


def test_the_key_file_protects_copies(new_store: Store, tmp_path: Path) -> None:
    """A copied store file alone (no key) opens nowhere."""
    configure(new_store)
    add_one(new_store)
    new_store.close()
    copy = tmp_path / "stolen" / "counter.db"
    copy.parent.mkdir()
    copy.write_bytes(new_store.path.read_bytes())
    with pytest.raises(keys.StoreKeyMissingError):
        open_store(copy.parent)


def test_setup_twice_and_open_before_setup(
    new_store: Store, private_data_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(StoreExistsError):
        create_store(private_data_dir)
    with pytest.raises(StoreNotSetUpError):
        open_store(tmp_path / "empty")


def test_empty_store_is_migrated_to_the_latest_schema(new_store: Store) -> None:
    assert schema_version(new_store.db) == latest_version()
    tables = {
        t for (t,) in new_store.db.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"dossiers", "outbox", "audit_log", "dossier_search", "procedures"} <= tables


def test_a_newer_store_is_refused(new_store: Store, private_data_dir: Path) -> None:
    new_store.db.conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    new_store.close()
    with pytest.raises(StoreTooNewError):
        open_store(private_data_dir)


def test_full_disk_gives_a_clear_error_and_no_half_dossier(new_store: Store) -> None:
    configure(new_store)
    add_one(new_store, 0)
    pages = new_store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    new_store.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    # A dossier far larger than a page, each value within its field's limit.
    papers = tuple(DocumentReceived(f"Giấy tờ {n} " + "dài " * 70, copies=1) for n in range(200))
    with pytest.raises(DiskFullError):
        receive_dossier(
            new_store, replace(intake(), documents=papers), clerk=CLERK, now=vn(2026, 11, 25, 10)
        )
    conn = new_store.db.conn
    assert conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 1
    for table in ("dossier_events", "outbox", "dossier_versions"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1
    assert integrity_ok(new_store.db)
    conn.execute("PRAGMA max_page_count = 1073741823")
    add_one(new_store, 11)  # the store goes on once there is room
    assert conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 2


def test_a_second_writer_waits_then_gets_a_clear_error(
    new_store: Store, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import counter_app.storage.engine as engine

    other = open_store(private_data_dir)
    other.db.conn.execute("PRAGMA busy_timeout = 50")
    with (
        write_transaction(new_store.db),
        pytest.raises(StoreLockedError),
        write_transaction(other.db),
    ):
        pass
    other.close()
    assert engine.BUSY_TIMEOUT_MS >= 1000  # the real timeout rides out a sync pass's commit
    assert os.path.exists(new_store.path)
