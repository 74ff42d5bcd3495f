"""The marks file under real faults: a write failing after the commit, a lock held by another
process, a damaged or deleted file, a save killed before its commit.

Each runs the installed ``counter-app`` in a real process; faults are real system calls made to
fail by ``strace -e inject`` on the marks file's path, a real lock held by another process, real
bytes overwritten. What must hold: a save reports success exactly when it saved, a saved dossier
is never reported as failed (so a retry never duplicates it), no code or version is ever issued
twice, and a restore lists as missing only dossiers that were saved.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from counter_app.services.backup.copies import make_backup
from counter_app.services.backup.restore import restore_backup
from counter_app.services.store.opening import open_store
from tests.dossier_helpers import vn

EXE = str(Path(sys.executable).with_name("counter-app"))
PAYLOAD = (
    "001089004217|013579246|Trần Quốc Bảo|05061989|Nam|"
    "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021\n"
)
ADD = ["dossier", "add", "--procedure", "1.004873", "--qr", "-", "--document", "Tờ khai:1:0"]
needs_strace = pytest.mark.skipif(
    shutil.which("strace") is None,
    reason="strace injects the faults (scripts/setup.sh installs it)",
)


def run(
    folder: Path, args: Sequence[str], *, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(folder), "COUNTER_APP_LANG": "en"}
    return subprocess.run(
        [*prefix, EXE, *args], input=PAYLOAD, capture_output=True, text=True, encoding="utf-8",
        env=env, timeout=120,
    )  # fmt: skip


def set_up(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    done = run(folder, ["setup", "--agency-code", "000.31.27.H26", "--agency-name", "UBND phường",
                        "--counter", "1"])  # fmt: skip
    assert done.returncode == 0, done.stderr


def add(folder: Path, *, prefix: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    return run(folder, [*ADD, "--json"], prefix=prefix)


def stored_codes(folder: Path) -> list[str]:
    store = open_store(folder)
    try:
        return [r[0] for r in store.db.conn.execute("SELECT code FROM dossiers ORDER BY id")]
    finally:
        store.close()


def audit_actions(folder: Path) -> list[str]:
    store = open_store(folder)
    try:
        return [r[0] for r in store.db.conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    finally:
        store.close()


def backup_of(folder: Path) -> Path:
    store = open_store(folder)
    try:
        return make_backup(store, actor="it", now=vn(2026, 12, 7, 8)).path
    finally:
        store.close()


def marks_writes_before_sync(folder: Path) -> int:
    """How many writes the reservation makes to the marks WAL before its fsync, counted on a
    copy of the folder (the same state gives the same writes)."""
    copy = folder.with_name(folder.name + "-dry")
    shutil.copytree(folder, copy)
    trace = copy.with_name("trace.txt")
    wal, calls = str(copy / "marks.db-wal"), "trace=pwrite64,fdatasync,fsync"
    done = add(copy, prefix=["strace", "-f", "-qq", "-o", str(trace), "-P", wal, "-e", calls])
    assert done.returncode == 0, done.stderr
    count, pages = 0, 0
    for line in trace.read_text().splitlines():
        if "sync(" in line and pages:  # a new WAL syncs its header first: not the commit
            return count
        count += "pwrite64(" in line
        pages += "pwrite64(" in line and ", 4096, " in line
    raise AssertionError("the reservation never synced the marks")


@needs_strace
def test_a_marks_write_failing_after_the_commit_still_reports_the_saved_dossier(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    set_up(folder)
    first = json.loads(add(folder).stdout)["code"]
    writes = marks_writes_before_sync(folder)
    # Every write to the marks after the reservation fails: the confirmation after the commit.
    inject = f"inject=pwrite64:error=EIO:when={writes + 1}+"
    done = add(folder, prefix=["strace", "-f", "-qq", "-o", os.devnull, "-P",
                               str(folder / "marks.db-wal"), "-e", inject])  # fmt: skip
    assert done.returncode == 0, done.stderr
    second = json.loads(done.stdout)["code"]
    # The next start catches the marks up from the store, says so and audits it.
    third = add(folder)
    assert third.returncode == 0 and "brought up to date" in third.stderr
    assert stored_codes(folder) == [first, second, json.loads(third.stdout)["code"]]
    assert "marks.catch_up" in audit_actions(folder)
    assert run(folder, ["audit", "verify"]).returncode == 0


def test_a_locked_marks_file_fails_the_save_with_its_own_words(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    set_up(folder)
    first = json.loads(add(folder).stdout)["code"]
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
         "c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); sys.stdin.read()",
         str(folder / "marks.db")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        done = add(folder)
    finally:
        holder.communicate("")
    assert done.returncode == 3
    assert json.loads(done.stdout)["error_code"] == "MARKS_LOCKED"
    assert "Traceback" not in done.stderr and "marks.db" in done.stderr
    assert stored_codes(folder) == [first]  # nothing saved
    retry = add(folder)
    assert retry.returncode == 0 and stored_codes(folder) == [
        first,
        json.loads(retry.stdout)["code"],
    ]


@pytest.mark.parametrize("fault", ["damaged", "deleted"])
def test_a_damaged_or_deleted_marks_file_is_rebuilt_and_nothing_is_issued_twice(
    tmp_path: Path, fault: str
) -> None:
    folder = tmp_path / "data"
    set_up(folder)
    before = [json.loads(add(folder).stdout)["code"] for _ in range(3)]
    edited = run(folder, ["dossier", "edit", before[0], "--note", "đã bổ sung", "--json"])
    assert edited.returncode == 0, edited.stderr
    backup = backup_of(folder)
    after_backup = json.loads(add(folder).stdout)["code"]
    for suffix in ("-wal", "-shm"):
        (folder / f"marks.db{suffix}").unlink(missing_ok=True)
    if fault == "damaged":
        (folder / "marks.db").write_bytes(b"\x00garbage" * 512)
    else:
        (folder / "marks.db").unlink()

    done = add(folder)
    assert done.returncode == 0, done.stderr
    assert "rebuilt from the data" in done.stderr
    assert "marks.rebuild" in audit_actions(folder)
    if fault == "damaged":  # set aside, never deleted
        assert [p.name.startswith("marks-damaged-") for p in folder.glob("marks-damaged-*.db")]
    issued = [*before, after_backup, json.loads(done.stdout)["code"]]
    assert len(set(issued)) == len(issued)

    # The rebuilt marks still protect a restore of the older backup.
    report = restore_backup(folder, backup, key_file=None, actor="it", now=vn(2026, 12, 7, 9))
    assert {m.code for m in report.missing} == {after_backup, issued[-1]}
    again = add(folder)
    assert again.returncode == 0 and json.loads(again.stdout)["code"] not in issued
    version = run(folder, ["dossier", "edit", before[0], "--note", "lần hai", "--json"])
    assert json.loads(version.stdout)["version"] == 3  # version 2 was saved before the restore


@needs_strace
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")
def test_a_save_killed_before_its_commit_is_not_listed_missing_by_a_restore(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    set_up(folder)
    kept = json.loads(add(folder).stdout)["code"]
    backup = backup_of(folder)
    saved = json.loads(add(folder).stdout)["code"]
    # Killed at its first write to the store's WAL: the commit. The marks are reserved by then.
    killed = add(folder, prefix=["strace", "-f", "-qq", "-o", os.devnull, "-P",
                                 str(folder / "counter.db-wal"),
                                 "-e", "inject=pwrite64:signal=KILL:when=1"])  # fmt: skip
    assert killed.returncode != 0
    assert stored_codes(folder) == [kept, saved]
    report = restore_backup(folder, backup, key_file=None, actor="it", now=vn(2026, 12, 7, 9))
    assert [m.code for m in report.missing] == [saved]  # not the one that never existed
    after = json.loads(add(folder).stdout)["code"]
    assert after not in (kept, saved)


def test_a_restore_does_not_also_warn_of_the_break_it_explains(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    set_up(folder)
    add(folder)
    backup = backup_of(folder)
    add(folder)
    done = run(folder, ["restore", "--yes", str(backup)])
    assert done.returncode == 0, done.stderr
    assert "audit log does not match" not in done.stderr
    assert run(folder, ["audit", "verify"]).returncode == 0
