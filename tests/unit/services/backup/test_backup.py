"""Backups and restores on real store files: encryption, checks, rotation, marks, key export."""

from __future__ import annotations

import json
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from counter_app.domain.text import fold
from counter_app.domain.vn_time import VN_TZ
from counter_app.errors import CounterAppError
from counter_app.services.backup.auto import auto_backup_if_due, backup_due_today
from counter_app.services.backup.copies import (
    BackupKeepInvalidError,
    BackupTargetMissingError,
    KeyExportExistsError,
    KeyExportPlainError,
    backup_files,
    export_key,
    list_backups,
    make_backup,
)
from counter_app.services.backup.restore import (
    BackupCorruptError,
    RestoreEncryptionMismatchError,
    restore_backup,
)
from counter_app.services.store import keys
from counter_app.services.store.opening import (
    Store,
    create_store,
    open_store,
    open_with_key,
    store_path,
)
from counter_app.storage.audit import append_audit, iter_audit, verify_chain
from counter_app.storage.backup import read_sidecar
from counter_app.storage.engine import StoreKeyError, connect
from counter_app.storage.marks import DossierMark
from counter_app.storage.migrations import StoreTooNewError, latest_version, schema_version
from counter_app.storage.sequences import next_code_floor, next_version_floor

NOW = datetime(2026, 11, 25, 9, 30, 0, tzinfo=VN_TZ)
DAY = "2026-11-25"
COUNTER = 1
ACTOR = "cli:test"
NAMES = ["Trần Quốc Bảo", "Lê Thị Thu Hà", "Đỗ Minh Khang", "Nguyễn Văn An", "Phạm Thị Bình"]


def new_folder(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


@pytest.fixture
def new_store(private_data_dir: Path) -> Iterator[Store]:
    """As conftest's, but creating the data folder first: ``create_store(folder)`` expects it."""
    store = create_store(new_folder(private_data_dir))
    yield store
    store.close()


def add_dossier(store: Store, n: int, *, version: int = 1) -> str:
    """Insert a minimal valid dossier (as the dossier service would) and raise its marks."""
    uuid, code = f"00000000-0000-4000-8000-{n:012d}", f"{DAY.replace('-', '')}-{COUNTER}-{n:03d}"
    name = NAMES[(n - 1) % len(NAMES)]
    row = {
        "uuid": uuid, "code": code, "version": version, "status": 1, "channel": 1,
        "receiving_agency": "UBND phường", "competent_agency": "UBND phường", "counter": COUNTER,
        "procedure_code": "1.001", "catalogue_version": 1, "applicant_kind": "citizen",
        "id_type": "cccd", "id_number": f"001089{n:06d}", "full_name": name, "applicant": "{}",
        "documents": "[]", "received_at": f"{DAY}T09:00:00+07:00", "received_day": DAY,
        "clerk": "clerk", "log_book": "2026", "log_line": n, "form_set": "2025",
        "updated_at": f"{DAY}T09:00:00+07:00", "folded_name": fold(name),
        "folded_address": fold("Hàng Bạc, Hoàn Kiếm"),
    }  # fmt: skip
    with store.action() as db:
        mark = DossierMark(uuid, code, version, DAY)
        store.reserve(day=DAY, counter=COUNTER, number=n, mark=mark)
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        db.conn.execute(f"INSERT INTO dossiers ({columns}) VALUES ({marks})", tuple(row.values()))
        db.conn.execute(
            "INSERT INTO code_sequences (day, counter, last_number) VALUES (?, ?, ?) "
            "ON CONFLICT (day, counter) DO UPDATE SET "
            "last_number = max(last_number, excluded.last_number)",
            (DAY, COUNTER, n),
        )
        dossier_id = db.conn.execute("SELECT id FROM dossiers WHERE uuid = ?", (uuid,)).fetchone()
        append_audit(db, at=f"{DAY}T09:00:00+07:00", actor=ACTOR, action="dossier.create",
                     subject=code, dossier_id=dossier_id[0])  # fmt: skip
    return uuid


def store_key(store: Store) -> bytes:
    return keys.load_key(store.path).key


def codes_in(db_path: Path, key: bytes | None) -> list[str]:
    db = connect(db_path, key=key)
    try:
        return [row[0] for row in db.conn.execute("SELECT code FROM dossiers ORDER BY code")]
    finally:
        db.close()


def test_backup_is_encrypted_checked_and_private(new_store: Store) -> None:
    add_dossier(new_store, 1)
    result = make_backup(new_store, actor=ACTOR, now=NOW)
    assert result.path.name == "counter-none-c0-20261125-093000-000001.db"
    assert result.path.parent == new_store.folder / "backups"
    raw = result.path.read_bytes()
    assert "Trần Quốc Bảo".encode() not in raw and b"Tran" not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(result.path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert codes_in(result.path, store_key(new_store)) == ["20261125-1-001"]
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700
    assert not list(result.path.parent.glob("*.partial"))


def test_sidecar_holds_versions_counts_and_hash_but_no_personal_data(new_store: Store) -> None:
    add_dossier(new_store, 1)
    result = make_backup(new_store, actor=ACTOR, now=NOW)
    info = read_sidecar(result.path)
    assert info is not None
    assert info["schema_version"] == latest_version() and info["dossier_count"] == 1
    assert info["encrypted"] is True and info["sha256"] == result.sha256
    assert info["created_at"] == "2026-11-25T09:30:00+07:00"
    assert info["audit_head"]["seq"] == 1
    sidecar = result.path.with_suffix(".json")
    assert "Trần" not in sidecar.read_text(encoding="utf-8")
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600


def test_backup_is_audited(new_store: Store) -> None:
    make_backup(new_store, actor=ACTOR, now=NOW)
    [row] = [r for r in iter_audit(new_store.db) if r.action == "backup.create"]
    assert row.subject == "counter-none-c0-20261125-093000-000001.db" and row.actor == ACTOR
    assert json.loads(row.details)["dossiers"] == 0
    assert verify_chain(new_store.db)[1] is None


def test_rotation_keeps_the_newest_and_leaves_other_files(new_store: Store) -> None:
    folder = new_store.folder / "backups"
    folder.mkdir(mode=0o700)
    (folder / "notes.txt").write_text("IT notes")
    for hour in range(5):
        make_backup(new_store, keep=3, actor=ACTOR, now=NOW + timedelta(hours=hour))
    names = [p.name for p in backup_files(folder)]
    assert names == [f"counter-none-c0-20261125-{h:02d}3000-{n:06d}.db" for h, n in
                     ((11, 3), (12, 4), (13, 5))]  # fmt: skip
    assert (folder / "notes.txt").exists()
    assert sorted(p.name for p in folder.glob("*.json")) == [n[:-3] + ".json" for n in names]


def test_two_backups_in_one_second_get_two_names(new_store: Store) -> None:
    first = make_backup(new_store, actor=ACTOR, now=NOW)
    second = make_backup(new_store, actor=ACTOR, now=NOW)
    assert second.path.name == "counter-none-c0-20261125-093000-000002.db"
    assert first.path.exists()
    assert [e.path for e in list_backups(first.path.parent)] == [second.path, first.path]


def test_backup_to_a_named_folder_and_its_errors(new_store: Store, tmp_path: Path) -> None:
    drive = tmp_path / "usb"
    with pytest.raises(BackupTargetMissingError):
        make_backup(new_store, to=drive, actor=ACTOR, now=NOW)
    drive.mkdir()
    result = make_backup(new_store, to=drive, actor=ACTOR, now=NOW)
    assert result.path.parent == drive
    with pytest.raises(BackupKeepInvalidError):
        make_backup(new_store, to=drive, keep=0, actor=ACTOR, now=NOW)


def test_round_trip_keeps_rows_search_and_schema(new_store: Store) -> None:
    for n in (1, 2, 3):
        add_dossier(new_store, n)
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path
    new_store.close()
    report = restore_backup(store_path().parent, backup, key_file=None, actor=ACTOR, now=NOW)
    assert report.dossier_count == 3 and not report.missing and not report.behind
    store = open_store()
    try:
        assert schema_version(store.db) == latest_version()
        found = store.db.conn.execute(
            "SELECT d.code FROM dossier_search s JOIN dossiers d ON d.id = s.rowid "
            "WHERE dossier_search MATCH ?",
            ("quoc bao",),
        ).fetchall()
        assert [tuple(r) for r in found] == [("20261125-1-001",)]
        assert [r.action for r in iter_audit(store.db)][-1] == "backup.restore"
        assert verify_chain(store.db)[1] is None
    finally:
        store.close()


def test_restore_reports_missing_dossiers_and_codes_continue_above_marks(
    new_store: Store,
) -> None:
    for n in (1, 2, 3):
        add_dossier(new_store, n)
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path
    fourth, fifth = add_dossier(new_store, 4), add_dossier(new_store, 5)
    folder = new_store.folder
    new_store.close()
    report = restore_backup(folder, backup, key_file=None, actor=ACTOR, now=NOW)
    assert [(m.code, m.uuid) for m in report.missing] == [
        ("20261125-1-004", fourth), ("20261125-1-005", fifth),
    ]  # fmt: skip
    assert report.audit_behind and report.audit_mark is not None
    assert report.audit_restored.seq < report.audit_mark.seq
    store = open_store(folder)
    try:
        assert next_code_floor(store.db, store.marks, DAY, COUNTER) == 5
        assert next_code_floor(store.db, store.marks, "2026-11-26", COUNTER) == 0
        assert next_version_floor(store.db, store.marks, fifth) == 1
    finally:
        store.close()


def test_restore_reports_dossiers_whose_version_went_back(new_store: Store) -> None:
    uuid = add_dossier(new_store, 1)
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path
    new_store.marks.reserve(
        day=DAY, counter=COUNTER, number=None, mark=DossierMark(uuid, "20261125-1-001", 3, DAY)
    )
    new_store.marks.settle(uuid, 3)  # version 3 was saved (and confirmed) after the backup
    new_store.close()
    report = restore_backup(new_store.folder, backup, key_file=None, actor=ACTOR, now=NOW)
    assert [tuple(b) for b in report.behind] == [("20261125-1-001", 1, 3)]
    store = open_store(new_store.folder)
    try:
        assert next_version_floor(store.db, store.marks, uuid) == 3
    finally:
        store.close()


def test_current_store_is_kept_aside_and_still_opens(new_store: Store) -> None:
    add_dossier(new_store, 1)
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path
    add_dossier(new_store, 2)
    key, folder = store_key(new_store), new_store.folder
    new_store.close()
    report = restore_backup(folder, backup, key_file=None, actor=ACTOR, now=NOW)
    assert report.kept_as == folder / "counter-before-restore-20261125-093000.db"
    assert not Path(f"{report.kept_as}-wal").exists()
    assert codes_in(report.kept_as, key) == ["20261125-1-001", "20261125-1-002"]
    assert stat.S_IMODE(report.kept_as.stat().st_mode) == 0o600
    assert codes_in(store_path(folder), key) == ["20261125-1-001"]
    assert stat.S_IMODE(store_path(folder).stat().st_mode) == 0o600


def test_restore_while_the_store_is_open_elsewhere_keeps_its_unsaved_wal(
    new_store: Store,
) -> None:
    """The app holding the store open: the -wal stays, so the restore refuses."""
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path
    add_dossier(new_store, 1)
    with pytest.raises(CounterAppError) as refused:
        restore_backup(new_store.folder, backup, key_file=None, actor=ACTOR, now=NOW)
    assert refused.value.code == "STORE_IN_USE"
    assert codes_in(store_path(new_store.folder), store_key(new_store)) == ["20261125-1-001"]


def flipped(path: Path, target: Path, offset: int) -> Path:
    data = bytearray(path.read_bytes())
    data[offset : offset + 16] = bytes(b ^ 0xFF for b in data[offset : offset + 16])
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("keep_sidecar", [True, False])
def test_a_damaged_backup_is_refused_and_nothing_changes(
    new_store: Store, tmp_path: Path, keep_sidecar: bool
) -> None:
    for n in (1, 2, 3):
        add_dossier(new_store, n)
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path
    damaged = flipped(backup, tmp_path / backup.name, offset=backup.stat().st_size - 3000)
    if keep_sidecar:
        (tmp_path / backup.with_suffix(".json").name).write_bytes(
            backup.with_suffix(".json").read_bytes()
        )
    new_store.close()
    before = store_path(new_store.folder).read_bytes()
    with pytest.raises((BackupCorruptError, StoreKeyError)) as refused:
        restore_backup(new_store.folder, damaged, key_file=None, actor=ACTOR, now=NOW)
    if keep_sidecar:
        assert refused.value.detail == "sha256"
    assert store_path(new_store.folder).read_bytes() == before
    assert sorted(p.name for p in new_store.folder.glob("counter*")) == ["counter.db"]


def test_a_file_that_is_no_database_is_refused(new_store: Store, tmp_path: Path) -> None:
    text = tmp_path / "counter-20261125-093000.db"
    text.write_text("not a database, " * 500)
    with pytest.raises(BackupCorruptError):
        restore_backup(new_store.folder, text, key_file=None, actor=ACTOR, now=NOW)


def test_a_backup_from_a_newer_app_is_refused(new_store: Store, tmp_path: Path) -> None:
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path
    newer = tmp_path / backup.name
    newer.write_bytes(backup.read_bytes())
    db = connect(newer, key=store_key(new_store))
    db.conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    db.close()
    with pytest.raises(StoreTooNewError):
        restore_backup(new_store.folder, newer, key_file=None, actor=ACTOR, now=NOW)
    assert schema_version(new_store.db) == latest_version()


def test_a_backup_made_with_another_key_is_refused(new_store: Store, tmp_path: Path) -> None:
    other = create_store(new_folder(tmp_path / "other"))
    foreign = make_backup(other, actor=ACTOR, now=NOW).path
    other.close()
    with pytest.raises(StoreKeyError):
        restore_backup(new_store.folder, foreign, key_file=None, actor=ACTOR, now=NOW)
    assert not (new_store.folder / "counter-restore.db.partial").exists()


def test_export_key_then_restore_on_a_new_machine(new_store: Store, tmp_path: Path) -> None:
    for n in (1, 2):
        add_dossier(new_store, n)
    key_out = tmp_path / "it-safe" / "counter.key"
    key_out.parent.mkdir()
    export_key(new_store, key_out, actor=ACTOR, now=NOW)
    assert stat.S_IMODE(key_out.stat().st_mode) == 0o600
    assert keys.read_key_file(key_out) == store_key(new_store)
    with pytest.raises(KeyExportExistsError):
        export_key(new_store, key_out, actor=ACTOR, now=NOW)
    assert [r.action for r in iter_audit(new_store.db)].count("key.export") == 1
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path

    machine_b = create_store(new_folder(tmp_path / "machine-b"))
    own_key, folder_b = store_key(machine_b), machine_b.folder
    machine_b.close()
    report = restore_backup(folder_b, backup, key_file=key_out, actor=ACTOR, now=NOW)
    assert report.dossier_count == 2 and report.missing == ()
    assert codes_in(store_path(folder_b), own_key) == ["20261125-1-001", "20261125-1-002"]
    assert keys.load_key(store_path(folder_b)).key == own_key


def test_restore_into_an_empty_data_folder_takes_the_key_file(
    new_store: Store, tmp_path: Path
) -> None:
    add_dossier(new_store, 1)
    key_out = tmp_path / "counter.key"
    export_key(new_store, key_out, actor=ACTOR, now=NOW)
    backup = make_backup(new_store, actor=ACTOR, now=NOW).path
    fresh = tmp_path / "fresh"
    fresh.mkdir(mode=0o700)
    report = restore_backup(fresh, backup, key_file=key_out, actor=ACTOR, now=NOW)
    assert report.kept_as is None
    store = open_store(fresh)
    try:
        assert store.encrypted and store_key(store) == store_key(new_store)
    finally:
        store.close()


def test_plain_store_backup_and_key_export(tmp_path: Path) -> None:
    store = create_store(new_folder(tmp_path / "plain"), encrypted=False)
    try:
        add_dossier(store, 1)
        result = make_backup(store, actor=ACTOR, now=NOW)
        assert sqlite3.connect(result.path).execute("SELECT count(*) FROM dossiers").fetchone()
        with pytest.raises(KeyExportPlainError):
            export_key(store, tmp_path / "k", actor=ACTOR, now=NOW)
    finally:
        store.close()
    report = restore_backup(store.folder, result.path, key_file=None, actor=ACTOR, now=NOW)
    assert report.dossier_count == 1


def test_a_plain_backup_cannot_replace_an_encrypted_store(new_store: Store, tmp_path: Path) -> None:
    plain = create_store(new_folder(tmp_path / "plain"), encrypted=False)
    backup = make_backup(plain, actor=ACTOR, now=NOW).path
    plain.close()
    with pytest.raises(RestoreEncryptionMismatchError):
        restore_backup(new_store.folder, backup, key_file=None, actor=ACTOR, now=NOW)


def test_automatic_backup_once_a_day(new_store: Store) -> None:
    folder = new_store.folder
    assert backup_due_today(new_store, NOW)
    new_store.close()
    first = auto_backup_if_due(folder, NOW)
    assert first is not None and first.result is not None and first.error_code == ""
    assert auto_backup_if_due(folder, NOW + timedelta(hours=3)) is None
    next_day = auto_backup_if_due(folder, NOW + timedelta(days=1))
    assert next_day is not None and next_day.result is not None
    assert len(backup_files(folder / "backups")) == 2
    store = open_store(folder)
    try:
        assert not backup_due_today(store, NOW + timedelta(days=1))
        actors = {r.actor for r in iter_audit(store.db) if r.action == "backup.create"}
        assert actors == {"system:auto-backup"}
    finally:
        store.close()


def test_automatic_backup_never_raises(tmp_path: Path) -> None:
    outcome = auto_backup_if_due(tmp_path / "no-store-here", NOW)
    assert outcome is not None and outcome.result is None
    assert outcome.error_code == "STORE_NOT_SET_UP"


def test_the_store_is_only_read_by_a_backup(new_store: Store) -> None:
    add_dossier(new_store, 1)
    key = store_key(new_store)
    make_backup(new_store, actor=ACTOR, now=NOW)
    db = open_with_key(new_store.path, key)
    try:
        assert [r[0] for r in db.conn.execute("SELECT code FROM dossiers")] == ["20261125-1-001"]
    finally:
        db.close()
