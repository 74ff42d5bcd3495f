"""The installed command against real file systems: a full drive, and a person at a terminal."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.services.store.opening import create_store

EXE = str(Path(sys.executable).with_name("counter-app"))
SMALL_DRIVE = "64k"  # smaller than an empty store (its schema alone is some 37 pages of 4 KB)


def can_mount_a_small_drive(where: Path) -> bool:
    """A private tmpfs needs user namespaces (Linux); without them the test is skipped."""
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
         f'mount -t tmpfs -o size={SMALL_DRIVE} tmpfs "{where}"'],
        capture_output=True,
    )  # fmt: skip
    return done.returncode == 0


def make_store(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    create_store(folder).close()


def test_a_full_drive_leaves_no_partial_backup_and_the_store_intact(tmp_path: Path) -> None:
    drive, data = tmp_path / "drive", tmp_path / "data"
    drive.mkdir()
    if not can_mount_a_small_drive(drive):
        pytest.skip("no user namespaces to mount a small drive")
    make_store(data)
    before = (data / "counter.db").read_bytes()
    script = (
        f'mount -t tmpfs -o size={SMALL_DRIVE} tmpfs "{drive}" && '
        f'"{EXE}" --data-dir "{data}" backup --to "{drive}" --json; status=$?; '
        f'ls -A "{drive}"; exit $status'
    )
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    first, *listing = done.stdout.splitlines()
    assert done.returncode == 3, done.stderr
    assert json.loads(first)["error_code"] == "DISK_FULL"
    assert listing == []  # nothing left on the drive, not even a temporary file
    assert "Traceback" not in done.stderr
    assert (data / "counter.db").read_bytes() == before


def run_on_terminal(args: list[str], answer: bytes) -> tuple[int, str]:
    """Run the command with a pseudo-terminal as standard input and type ``answer``."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            args, stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        os.write(leader, answer)
        out, err = process.communicate(timeout=60)
    finally:
        os.close(leader)
        os.close(follower)
    return process.returncode, (out + err).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(("answer", "status"), [(b"no\n", 2), (b"yes\n", 0)])
def test_restore_asks_a_person_at_a_terminal(tmp_path: Path, answer: bytes, status: int) -> None:
    data = tmp_path / "data"
    make_store(data)
    made = subprocess.run(
        [EXE, "--data-dir", str(data), "backup", "--json"], capture_output=True, text=True
    )
    backup = json.loads(made.stdout)["file"]
    code, text = run_on_terminal(
        [EXE, "--data-dir", str(data), "--lang", "en", "restore", backup], answer
    )
    assert code == status, text
    assert "Type 'yes' to go on." in text
    kept = list(data.glob("counter-before-restore-*.db"))
    assert len(kept) == (1 if status == 0 else 0)
