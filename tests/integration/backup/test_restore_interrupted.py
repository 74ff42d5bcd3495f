"""A restore killed with SIGKILL at each step of its file swap, then setup and the next start.

The installed command runs under ``strace``, which kills it just before the chosen system call
(a rename, a link or an unlink of the swap). Afterwards ``setup`` must never make a new key,
the next command must finish or roll back the restore and say so, and the store must open with
the key it had (so every backup stays readable).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.services.audit_check import verify_audit
from counter_app.services.backup.copies import make_backup
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store import keys
from counter_app.services.store.opening import create_store, open_store
from counter_app.storage.audit import iter_audit
from counter_app.storage.backup import check_copy
from tests.dossier_helpers import AGENCY, CLERK, configure, intake, vn

EXE = str(Path(sys.executable).with_name("counter-app"))
SETUP = ["setup", "--agency-code", AGENCY, "--agency-name", "UBND phường Hoàn Kiếm",
         "--counter", "1", "--json"]  # fmt: skip
SWAP_CALLS = "rename,link,unlink"  # the system calls a restore's file swap is made of
FIRST: list[str] = []  # the codes of the base store's two dossiers (the backup holds the first)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("strace") is None,
    reason="strace fault injection needs Linux and the strace program",
)


def run(folder: Path, *args: str, kill_at: str | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command on ``folder``; ``kill_at`` ("rename:3") kills it before that call."""
    command = [EXE, "--data-dir", str(folder), "--lang", "en", *args]
    if kill_at is not None:
        command = ["strace", "-f", "-qq", "--seccomp-bpf", "-o", os.devnull,
                   "-e", f"inject={kill_at.replace(':', ':signal=KILL:when=')}",
                   *command]  # fmt: skip
    env = {**os.environ, "COUNTER_APP_NO_AUTO_BACKUP": "1"}
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A counter with one dossier, a backup of it, then a second dossier (so the two differ)."""
    folder = tmp_path_factory.mktemp("base") / "data"
    folder.mkdir(mode=0o700)
    store = create_store(folder)
    try:
        configure(store)
        FIRST.append(receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2)).code)
        backup = make_backup(store, actor="it", now=vn(2026, 11, 2, 9, 5)).path
        FIRST.append(receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2, 9, 10)).code)
    finally:
        store.close()
    return folder, backup


def copy_of(base: tuple[Path, Path], where: Path) -> tuple[Path, Path]:
    folder, backup = base
    copied = where / "data"
    shutil.copytree(folder, copied)
    return copied, copied / backup.relative_to(folder)


# Each step of the swap, found in the trace of one whole restore by the paths it touches.
STEPS: dict[str, Callable[[str, str], bool]] = {
    "journal written": lambda call, args: call == "rename" and args.endswith('restore.journal")'),
    "old store linked aside": lambda call, args: (
        call in ("link", "rename")
        and re.search(r'counter\.db", ".*counter-before-restore-', args) is not None
    ),
    "copy put in place": lambda call, args: (
        call == "rename"
        and re.search(r'counter-restore\.db\.partial", ".*counter\.db"', args) is not None
    ),
    "journal removed": lambda call, args: call == "unlink" and args.endswith('restore.journal")'),
}


@pytest.fixture(scope="module")
def kill_points(
    base: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """Each step's ``call:N``, from one traced restore of a copy of the base counter."""
    folder, backup = copy_of(base, tmp_path_factory.mktemp("traced"))
    calls = swap_calls(folder, backup)
    return {step: kill_point(calls, step) for step in STEPS}


def swap_calls(folder: Path, backup: Path) -> list[tuple[str, str]]:
    """The (call, arguments) of every rename, link and unlink of one traced restore."""
    log = folder.parent / "trace.log"
    subprocess.run(
        ["strace", "-f", "-qq", "-o", str(log), "-e", f"trace={SWAP_CALLS}",
         EXE, "--data-dir", str(folder), "restore", "--yes", str(backup)],
        capture_output=True, check=True, env={**os.environ, "COUNTER_APP_NO_AUTO_BACKUP": "1"},
    )  # fmt: skip
    found = re.findall(r"^(?:\d+ +)?(\w+)\((.*?\)) += ", log.read_text(), flags=re.MULTILINE)
    return [(call, args) for call, args in found]


def kill_point(calls: list[tuple[str, str]], step: str) -> str:
    """``call:N``: the N-th call of that kind is the step's (strace counts each call apart)."""
    for index, (call, args) in enumerate(calls):
        if STEPS[step](call, args):
            return f"{call}:{sum(1 for c, _ in calls[: index + 1] if c == call)}"
    pytest.fail(f"the restore has no step '{step}'")


def dossier_codes(listed: subprocess.CompletedProcess[str]) -> list[str]:
    assert listed.returncode == 0, listed.stderr
    return sorted(json.loads(line)["code"] for line in listed.stdout.splitlines())


@pytest.mark.parametrize("step", list(STEPS))
def test_a_restore_killed_at_each_step_never_loses_the_key_or_a_store(
    base: tuple[Path, Path], kill_points: dict[str, str], tmp_path: Path, step: str
) -> None:
    folder, backup = copy_of(base, tmp_path)
    key_file = folder / keys.KEY_FILE_NAME
    key_before = key_file.read_bytes()
    killed = run(folder, "restore", "--yes", str(backup), kill_at=kill_points[step])
    assert killed.returncode == -9, killed.stderr
    twin = tmp_path / "twin"
    shutil.copytree(folder, twin)

    setup = run(folder, *SETUP)  # the step the old "not set up" message asked for
    assert key_file.read_bytes() == key_before
    if setup.returncode == 0:
        assert json.loads(setup.stdout.splitlines()[-1])["created"] is False
    else:
        assert (setup.returncode, json.loads(setup.stdout)["error_code"]) == (
            3,
            "STORE_SETUP_REFUSED",
        )

    listed = run(twin, "dossier", "list", "--date", "all", "--json")
    codes = dossier_codes(listed)
    assert codes in (FIRST[:1], FIRST)
    if step != "journal written":  # before the journal, the swap had not begun
        said = "was finished" if codes == FIRST[:1] else "was undone"
        assert f"An interrupted restore {said}" in listed.stderr
    assert not (twin / "restore.journal").exists()
    assert (twin / keys.KEY_FILE_NAME).read_bytes() == key_before
    assert check_copy(backup, key=keys.read_key_file(key_file)).dossier_count == 1
    store = open_store(twin)
    try:
        assert verify_audit(store).ok, str(verify_audit(store).as_json()["findings"])
    finally:
        store.close()


def error_code(done: subprocess.CompletedProcess[str]) -> tuple[int, str]:
    return done.returncode, json.loads(done.stdout.splitlines()[-1])["error_code"]


def test_an_empty_store_file_refuses_setup_and_points_at_restore(
    base: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, backup = copy_of(base, tmp_path)
    (folder / "counter.db").write_bytes(b"")
    key_before = (folder / keys.KEY_FILE_NAME).read_bytes()
    setup = run(folder, *SETUP)
    assert error_code(setup) == (3, "STORE_SETUP_REFUSED")
    assert "counter.db, store.key" in setup.stderr  # what it found, by name
    assert (folder / keys.KEY_FILE_NAME).read_bytes() == key_before
    listed = run(folder, "dossier", "list", "--json")
    assert error_code(listed) == (3, "STORE_MISSING")
    assert "restore" in listed.stderr
    restored = run(folder, "restore", "--yes", str(backup))  # the key left behind opens it
    assert restored.returncode == 0, restored.stderr
    assert dossier_codes(run(folder, "dossier", "list", "--date", "all", "--json")) == FIRST[:1]


def test_a_restore_into_an_empty_folder_killed_before_the_copy_takes_its_place(
    base: tuple[Path, Path], tmp_path: Path
) -> None:
    _, backup = base
    key_file = tmp_path / "it-safe.key"
    shutil.copyfile(base[0] / keys.KEY_FILE_NAME, key_file)
    traced, killed = tmp_path / "traced", tmp_path / "killed"
    for folder in (traced, killed):
        folder.mkdir(mode=0o700)
    restore = ["restore", "--yes", str(backup), "--key-file", str(key_file)]
    log = tmp_path / "trace.log"
    subprocess.run(["strace", "-f", "-qq", "-o", str(log), "-e", f"trace={SWAP_CALLS}",
                    EXE, "--data-dir", str(traced), *restore],
                   capture_output=True, check=True)  # fmt: skip
    calls = re.findall(r"^(?:\d+ +)?(\w+)\((.*?\)) += ", log.read_text(), flags=re.MULTILINE)
    done = run(killed, *restore, kill_at=kill_point(calls, "copy put in place"))
    assert done.returncode == -9, done.stderr
    setup = run(killed, *SETUP)  # undoes the swap first (and says so), then refuses
    assert "An interrupted restore was undone" in setup.stderr
    assert error_code(setup) == (3, "STORE_SETUP_REFUSED")
    assert (killed / keys.KEY_FILE_NAME).read_bytes() == key_file.read_bytes()
    assert error_code(run(killed, "dossier", "list", "--json")) == (3, "STORE_MISSING")
    assert run(killed, "restore", "--yes", str(backup)).returncode == 0
    assert dossier_codes(run(killed, "dossier", "list", "--date", "all", "--json")) == FIRST[:1]


def test_setup_replace_keeps_the_old_key_and_store_aside_and_audits_it(
    base: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, _ = copy_of(base, tmp_path)
    assert error_code(run(folder, *SETUP, "--replace")) == (3, "STORE_EXISTS")  # it opens
    (folder / "counter.db").write_bytes(b"")
    key_before = (folder / keys.KEY_FILE_NAME).read_bytes()
    replaced = run(folder, *SETUP, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    result = json.loads(replaced.stdout)
    assert result["created"] is True
    kept = result["kept_aside"]
    assert [name.split("-")[0] for name in kept] == ["counter", "store.key.replaced"]
    assert (folder / kept[1]).read_bytes() == key_before
    assert (folder / keys.KEY_FILE_NAME).read_bytes() != key_before
    store = open_store(folder)
    try:
        first = next(iter_audit(store.db))
    finally:
        store.close()
    assert (first.action, json.loads(first.details)) == ("setup.replace", {"kept": kept})
