"""Real faults under the store: a full small drive, damaged pages, a failed automatic backup.

Each runs the installed command (or ``main``) on real files; the small drive is a private
tmpfs inside ``unshare`` (skipped where user namespaces are not available).
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.services.demo.seed import seed_demo
from counter_app.services.store.opening import create_store
from tests.dossier_helpers import configure, vn
from tests.integration.backup.test_backup_disk import EXE, can_mount_a_small_drive
from tests.payloads import T1

SETUP = ["setup", "--agency-code", "000.31.27.H26", "--agency-name", "UBND", "--counter", "1"]
ADD = ["dossier", "add", "--procedure", "1.004873", "--qr", "-"]  # the ID card's QR on stdin
DRIVE = "2m"  # room for a set-up store (some 250 KB) and a filler file


def quiet_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "COUNTER_APP_NO_AUTO_BACKUP": "1", "PYTHONDONTWRITEBYTECODE": "1",
            **extra}  # fmt: skip


@pytest.mark.parametrize("left_kb", [0, 40])
def test_a_full_drive_while_saving_a_dossier_says_disk_full_with_the_free_space(
    tmp_path: Path, left_kb: int
) -> None:
    """0 KB left: the -shm cannot grow; 40 KB: the marks file's cannot (both "disk I/O error")."""
    drive = tmp_path / "drive"
    drive.mkdir()
    if not can_mount_a_small_drive(drive):
        pytest.skip("no user namespaces to mount a small drive")
    data = drive / "data"
    script = (
        f'mount -t tmpfs -o size={DRIVE} tmpfs "{drive}" && '
        f'"{EXE}" --data-dir "{data}" {" ".join(SETUP)} >/dev/null && '
        f'free=$(df -k --output=avail "{drive}" | tail -1) && '
        f'dd if=/dev/zero of="{drive}/filler" bs=1k count=$((free - {left_kb})) 2>/dev/null; '
        f'"{EXE}" --data-dir "{data}" --lang en "$@" --json'
    )
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", *ADD],
        input=T1 + "\n", capture_output=True, text=True, encoding="utf-8", env=quiet_env(),
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
    answer = json.loads(done.stdout.splitlines()[-1])
    assert answer["error_code"] == "DISK_FULL"
    assert f" free in {data}" in done.stderr and f" free in {data}" in answer["detail"]
    assert "restore" not in answer["error"].lower()


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return status, (lines[-1] if lines else None), err


def damage_middle_pages(path: Path, *, page_size: int = 4096) -> None:
    """Overwrite every other page of the file's middle half, as a failing disk would.

    The schema's pages come first in the file (written at setup), so the store still opens;
    every table's data spreads over the middle, so any listing meets a damaged page.
    """
    pages = path.stat().st_size // page_size
    with path.open("r+b") as handle:
        for page in range(pages // 4, 3 * pages // 4, 2):
            handle.seek(page * page_size)
            handle.write(b"\xa5" * page_size)


@pytest.mark.parametrize("encrypted", [False, True])
def test_a_damaged_page_is_found_by_the_daily_check_and_named_by_every_command(
    private_data_dir: Path, capsys: pytest.CaptureFixture[str], encrypted: bool
) -> None:
    private_data_dir.mkdir(mode=0o700)
    store = create_store(private_data_dir, encrypted=encrypted)
    configure(store)
    # Enough dossiers for the table and its indexes to span hundreds of pages.
    seed_demo(store, count=2000, seed=7, actor="it", now=vn(2026, 11, 25, 15, 30))
    store.close()  # the last connection folds the -wal into the file
    damage_middle_pages(private_data_dir / "counter.db")

    status, answer, _ = run_cli(capsys, "backup", "--auto", "--json")
    assert status == 1 and answer["error_code"] == "STORE_CORRUPT"
    status, shown, _ = run_cli(capsys, "sync", "status", "--json")
    assert status == 0 and shown["backup"]["check_failed"] is True
    assert shown["backup"]["last_error"] == "STORE_CORRUPT"
    assert main(["--lang", "en", "sync", "status"]) == 0
    assert "found damage" in capsys.readouterr().out
    status, answer, err = run_cli(capsys, "dossier", "list", "--date", "all", "--json")
    assert status == 3 and answer["error_code"] == "STORE_CORRUPT", err
    status, answer, err = run_cli(capsys, "search", "nguyen", "--limit", "5000", "--json")
    assert status == 3 and answer["error_code"] == "STORE_CORRUPT", err
    assert "counter-app check" in answer["error"]  # how IT checks before any restore


def wait_for(predicate: Any, *, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)  # a detached process writes its outcome when it ends
    return False


def test_a_failed_automatic_backup_shows_in_sync_status_and_settings(
    private_data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(SETUP) == 0
    (private_data_dir / "backups").write_text("a file where the backups folder should be")
    monkeypatch.delenv("COUNTER_APP_NO_AUTO_BACKUP")
    assert main(["dossier", "list"]) == 0  # starts the detached `backup --auto`
    status_file = private_data_dir / "backup-status.json"
    assert wait_for(status_file.exists), "the detached backup recorded nothing"
    capsys.readouterr()
    _, shown, _ = run_cli(capsys, "sync", "status", "--json")
    assert shown["backup"]["last_error"] == "BACKUP_TARGET_UNWRITABLE"
    assert shown["backup"]["backup_failed"] is True and shown["backup"]["last_success_at"] is None
    _, described, _ = run_cli(capsys, "settings", "--json")
    assert described["backup"]["last_error"] == "BACKUP_TARGET_UNWRITABLE"
    main(["--lang", "en", "sync", "status"])
    text = capsys.readouterr().out
    assert "automatic backup failed" in text.lower() and "BACKUP_TARGET_UNWRITABLE" in text
    monkeypatch.setenv("COUNTER_APP_NO_AUTO_BACKUP", "1")
