"""Backup names, rotation and leftovers in real folders: shared folders, wrong clocks."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from counter_app.domain.vn_time import VN_TZ
from counter_app.services.backup.copies import backup_files, list_backups, make_backup
from counter_app.services.store.opening import Store, create_store

NOW = datetime(2026, 12, 7, 10, 15, 0, tzinfo=VN_TZ)
ACTOR = "cli:test"


def counter_store(folder: Path, *, agency: str, counter: int) -> Store:
    """A plain store set up as ``counter`` of ``agency`` (plain: fast, and enough for names)."""
    folder.mkdir(mode=0o700, parents=True)
    store = create_store(folder, encrypted=False)
    with store.action() as db:
        for key, value in (("counter.agency_code", agency), ("counter.counter", counter)):
            db.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)", (key, json.dumps(value))
            )
    return store


@pytest.fixture
def two_counters(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    first = counter_store(tmp_path / "pc1", agency="000.31.27.H26", counter=1)
    second = counter_store(tmp_path / "pc2", agency="000.31.27.H26", counter=2)
    yield first, second
    first.close()
    second.close()


def names(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


def test_names_carry_agency_counter_and_sequence_and_no_colon(
    two_counters: tuple[Store, Store], tmp_path: Path
) -> None:
    first, _ = two_counters
    made = make_backup(first, actor=ACTOR, now=NOW)
    assert made.path.name == "counter-000.31.27.H26-c1-20261207-101500-000001.db"
    again = make_backup(first, actor=ACTOR, now=NOW)
    assert again.path.name == "counter-000.31.27.H26-c1-20261207-101500-000002.db"
    assert ":" not in made.path.name


def test_two_counters_sharing_a_folder_in_one_second_keep_their_own(
    two_counters: tuple[Store, Store], tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    first, second = two_counters
    for _ in range(3):
        make_backup(first, to=shared, keep=2, actor=ACTOR, now=NOW)
        make_backup(second, to=shared, keep=2, actor=ACTOR, now=NOW)
    everything = sorted(p.name for p in shared.glob("*.db"))
    assert everything == [
        "counter-000.31.27.H26-c1-20261207-101500-000002.db",
        "counter-000.31.27.H26-c1-20261207-101500-000003.db",
        "counter-000.31.27.H26-c2-20261207-101500-000002.db",
        "counter-000.31.27.H26-c2-20261207-101500-000003.db",
    ]
    assert not list(shared.glob("*.partial"))


def test_rotation_follows_the_sequence_when_the_clock_goes_back(
    two_counters: tuple[Store, Store],
) -> None:
    store, _ = two_counters
    make_backup(store, keep=2, actor=ACTOR, now=NOW)
    make_backup(store, keep=2, actor=ACTOR, now=NOW + timedelta(hours=1))
    just_made = make_backup(store, keep=2, actor=ACTOR, now=NOW - timedelta(days=365))
    kept = backup_files(store.folder / "backups")
    assert just_made.path in kept and len(kept) == 2
    assert names(kept)[-1] == just_made.path.name
    assert names(kept)[0].endswith("-000002.db")


def test_rotation_follows_the_sequence_when_the_clock_was_ahead(
    two_counters: tuple[Store, Store],
) -> None:
    store, _ = two_counters
    ahead = make_backup(store, keep=2, actor=ACTOR, now=NOW + timedelta(days=365))
    make_backup(store, keep=2, actor=ACTOR, now=NOW)
    make_backup(store, keep=2, actor=ACTOR, now=NOW + timedelta(hours=1))
    kept = backup_files(store.folder / "backups")
    assert ahead.path not in kept and not ahead.path.exists()
    assert [n[-10:] for n in names(kept)] == ["-000002.db", "-000003.db"]


def test_the_sequence_never_goes_back_below_the_folders_files(
    two_counters: tuple[Store, Store],
) -> None:
    """A store restored from an older backup holds an older sequence: the folder's files lift it."""
    store, _ = two_counters
    for _ in range(3):
        make_backup(store, keep=5, actor=ACTOR, now=NOW)
    with store.action() as db:
        db.conn.execute("DELETE FROM settings WHERE key = 'backup.sequence'")
    newest = make_backup(store, keep=2, actor=ACTOR, now=NOW)
    assert newest.path.name.endswith("-000004.db")
    assert newest.path in backup_files(store.folder / "backups")


def legacy(folder: Path, stamp: str, *, agency: object, counter: object) -> Path:
    path = folder / f"counter-{stamp}.db"
    path.write_bytes(b"old backup")
    sidecar = {"file": path.name, "agency": agency, "counter": counter, "size": 10}
    path.with_suffix(".json").write_text(json.dumps(sidecar), encoding="utf-8")
    return path


def test_older_names_are_listed_and_rotated_only_when_their_sidecar_names_this_counter(
    two_counters: tuple[Store, Store],
) -> None:
    store, _ = two_counters
    folder = store.folder / "backups"
    folder.mkdir(mode=0o700)
    mine = legacy(folder, "20261201-090000", agency="000.31.27.H26", counter=1)
    other = legacy(folder, "20261202-090000", agency="000.31.27.H26", counter=2)
    unknown = folder / "counter-20261203-090000.db"
    unknown.write_bytes(b"no sidecar")
    listed = names([entry.path for entry in list_backups(folder)])
    assert {mine.name, other.name, unknown.name} <= set(listed)
    for _ in range(2):
        make_backup(store, keep=2, actor=ACTOR, now=NOW)
    assert not mine.exists() and other.exists() and unknown.exists()
    assert len(backup_files(folder, owner=("000.31.27.H26", 1))) == 2


def test_leftovers_of_this_counter_are_cleaned_never_a_live_one_or_another_counters(
    two_counters: tuple[Store, Store], tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    store, _ = two_counters
    dead_pid = dead_process_id()
    base = "counter-000.31.27.H26-c1-20261207-090000-000009.db"
    dead = shared / f"{base}.{dead_pid}-0a1b2c3d.partial"
    live = shared / f"{base}.{os.getpid()}-0a1b2c3e.partial"
    other = (
        shared / f"counter-000.31.27.H26-c2-20261207-090000-000009.db.{dead_pid}-0a1b2c3f.partial"
    )
    old_style = shared / "counter-20261201-090000.db.partial"
    for path in (dead, live, other, old_style):
        path.write_bytes(b"x" * 100)
    week_ago = time.time() - 7 * 24 * 3600  # file times follow the system clock, not NOW
    os.utime(old_style, (week_ago, week_ago))
    make_backup(store, to=shared, actor=ACTOR, now=NOW)
    assert not dead.exists() and not old_style.exists()
    assert live.exists() and other.exists()


def dead_process_id() -> int:
    """The id of a process that has ended (a real child, waited for)."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_backup_list_marks_the_files_not_to_trust(two_counters: tuple[Store, Store]) -> None:
    store, _ = two_counters
    folder = store.folder / "backups"
    sound, no_sidecar, bad_size, bad_hash, bad_json = (
        make_backup(store, keep=10, actor=ACTOR, now=NOW).path for _ in range(5)
    )
    no_sidecar.with_suffix(".json").unlink()
    with bad_size.open("ab") as handle:
        handle.write(b"\0" * 4096)
    flip_one_byte(bad_hash, at=bad_hash.stat().st_size // 2)
    bad_json.with_suffix(".json").write_text("{not json", encoding="utf-8")
    partial = folder / f"{sound.name}.999999-0a1b2c3d.partial"
    partial.write_bytes(b"half")
    found = {entry.path.name: entry.problems for entry in list_backups(folder)}
    assert found == {
        sound.name: (),
        no_sidecar.name: ("sidecar_missing",),
        bad_size.name: ("size_mismatch",),
        bad_hash.name: ("sha256_mismatch",),
        bad_json.name: ("sidecar_unreadable",),
        partial.name: ("partial",),
    }
    assert {e.path.name: e.problems for e in list_backups(folder, verify=False)}[
        bad_hash.name
    ] == ()


def flip_one_byte(path: Path, *, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
