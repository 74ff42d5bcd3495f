"""The restore's journal and lock: what a start needs to finish or undo an interrupted swap.

The journal ``restore.journal`` is a small owner-only JSON file in the data folder, written
whole (fsync, atomic rename) before the swap's first file operation and removed after its
last. It names the files of the swap (no personal data). The copy's name tells a later start
how far the swap went: only the swap's one rename (or its undoing) removes that name, so while
it exists the copy has not taken the store's name. (An inode would not do: IT may copy the
whole data folder to another disk before anything else.)

The lock ``restore.lock`` keeps a start from repairing a swap that another process is still
making: the restorer holds it from the journal's first write to its removal; a start takes it
only when it finds a journal, and then waits (a swap takes milliseconds). The operating system
drops the lock when its process dies, so a killed restore never leaves it held.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from counter_app.services.paths import OWNER_ONLY_FILE, fsync_folder, write_private_file

JOURNAL_NAME = "restore.journal"
LOCK_NAME = "restore.lock"
JOURNAL_VERSION = 1
STEP_SWAP = "swap"  # the only step: the swap has begun; the copy's name says how far

# Folders whose swap this process is making or repairing: its own nested opens of the store
# (the audit row of a restore) must not wait for the lock it holds already.
_HELD: set[Path] = set()


@dataclass(frozen=True)
class Journal:
    """One interrupted-or-running restore: file names only, relative to the data folder."""

    backup: str  # the backup's file name, for the notice and the audit row
    partial: str  # the checked, re-keyed copy that takes the store's name
    aside: str | None  # where the previous store is kept (None: there was none)
    step: str = STEP_SWAP
    version: int = JOURNAL_VERSION


def journal_path(folder: Path) -> Path:
    return folder / JOURNAL_NAME


def write_journal(folder: Path, journal: Journal) -> None:
    """Write the journal whole and durably before any file of the swap moves."""
    data = json.dumps(asdict(journal), ensure_ascii=True).encode("ascii") + b"\n"
    write_private_file(journal_path(folder), data)


def read_journal(folder: Path) -> Journal | None:
    """The journal of ``folder``, or None when there is none; a damaged one raises ValueError."""
    try:
        raw = json.loads(journal_path(folder).read_text(encoding="ascii"))
    except FileNotFoundError:
        return None
    return Journal(
        backup=str(raw["backup"]), partial=str(raw["partial"]),
        aside=None if raw["aside"] is None else str(raw["aside"]), step=str(raw["step"]),
        version=int(raw["version"]),
    )  # fmt: skip


def remove_journal(folder: Path) -> None:
    """The swap is over (finished or undone): remove the journal, durably."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(folder).unlink()
    fsync_folder(folder)


def is_held(folder: Path) -> bool:
    """True while this process makes or repairs the swap of ``folder``."""
    return folder.resolve() in _HELD


@contextlib.contextmanager
def swap_lock(folder: Path) -> Iterator[None]:
    """Hold the restore lock of ``folder`` (waiting for another process's swap to end)."""
    key = folder.resolve()
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, OWNER_ONLY_FILE)
    try:
        _lock(fd)
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for ten seconds, then OSError
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
