"""Backups as real processes: one killed with SIGKILL mid-way, two counters at the same moment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.storage.backup_names import Owner, parse_name
from tests.integration.backup.test_backup_disk import EXE

AGENCY = ["--agency-code", "000.31.27.H26", "--agency-name", "UBND"]


def quiet_env() -> dict[str, str]:
    """No automatic backup, and no .pyc written: Python renames those into place too."""
    return {**os.environ, "COUNTER_APP_NO_AUTO_BACKUP": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def set_up(folder: Path, counter: int) -> Path:
    assert main(["--data-dir", str(folder), "setup", *AGENCY, "--counter", str(counter)]) == 0
    return folder


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_a_backup_killed_before_its_rename_leaves_a_partial_the_next_backup_removes(
    private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = set_up(private_data_dir, 1)
    capsys.readouterr()
    # The first rename of the run is the checked, fsynced copy taking its final name: the
    # process is killed (SIGKILL, by the kernel on strace's request) exactly there.
    killed = subprocess.run(
        ["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=/^rename",
         "-e", "inject=/^rename:signal=KILL", EXE, "--data-dir", str(data), "backup"],
        capture_output=True, env=quiet_env(),
    )  # fmt: skip
    if b"ptrace" in killed.stderr:
        pytest.skip("ptrace is not allowed here")
    assert killed.returncode in (-9, 137), killed.stderr
    backups = data / "backups"
    [partial] = backups.glob("*.partial")
    assert partial.stat().st_size >= (data / "counter.db").stat().st_size // 2
    assert not list(backups.glob("*.db"))
    done = subprocess.run(
        [EXE, "--data-dir", str(data), "backup", "--json"], capture_output=True, env=quiet_env()
    )
    assert done.returncode == 0, done.stderr
    assert not partial.exists() and not list(backups.glob("*.partial"))
    assert [p.name for p in backups.glob("*.db")] == [Path(json.loads(done.stdout)["file"]).name]


def backups_three_times(folder: Path, shared: Path) -> subprocess.Popen[str]:
    loop = (
        'for i in 1 2 3; do "$0" --data-dir "$1" backup --to "$2" --keep 2 --json || exit 1; done'
    )
    return subprocess.Popen(
        ["sh", "-c", loop, EXE, str(folder), str(shared)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=quiet_env(),
    )  # fmt: skip


def test_two_counters_backing_up_into_one_folder_at_once_keep_each_others_files(
    tmp_path: Path,
) -> None:
    first, second = set_up(tmp_path / "pc1", 1), set_up(tmp_path / "pc2", 2)
    shared = tmp_path / "shared"
    shared.mkdir()
    runs = [backups_three_times(folder, shared) for folder in (first, second)]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert [json.loads(line)["ok"] for line in out.splitlines()] == [True] * 3
    kept = [parse_name(p.name) for p in shared.glob("*.db")]
    assert sorted((n.owner, n.sequence) for n in kept if n is not None) == [
        (Owner("000.31.27.H26", 1), 2), (Owner("000.31.27.H26", 1), 3),
        (Owner("000.31.27.H26", 2), 2), (Owner("000.31.27.H26", 2), 3),
    ]  # fmt: skip
    assert len(list(shared.glob("*.json"))) == 4 and not list(shared.glob("*.partial"))
