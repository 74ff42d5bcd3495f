"""Backup file names: whose backup a file is, its place in that counter's sequence, temp names.

A backup is named ``counter-<agency>-c<counter>-<YYYYMMDD>-<HHMMSS>-<sequence>.db``, e.g.
``counter-000.31.27.H26-c1-20261207-101500-000042.db``. The agency code and counter say whose
it is (several counters may back up into one shared folder); the time is for people only;
the sequence number, counted by the store, is what rotation orders by, so a wrong clock never
decides which backup is the newest. Names hold no colon (Windows) and no personal data.

Files of the older release (``counter-YYYYMMDD-HHMMSS[-N].db``) are still recognised: listed,
and restorable like any file, but rotated only when their sidecar names this counter.

A backup being written has a temporary name unique to its process:
``<final name>.<pid>-<8 hex>.partial``. A leftover of a killed run is recognised by its pid.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from counter_app.domain.vn_time import VN_TZ

NAME_RE = re.compile(
    r"^counter-(?P<agency>[A-Za-z0-9._]+)-c(?P<counter>\d+)-"
    r"(?P<day>\d{8})-(?P<time>\d{6})-(?P<seq>\d+)\.db$"
)
# The older release's names: counter-20261125-173005.db, counter-20261125-173005-2.db.
LEGACY_NAME_RE = re.compile(r"^counter-(\d{8})-(\d{6})(?:-(\d+))?\.db$")
TEMP_SUFFIX = ".partial"
TEMP_RE = re.compile(r"^(?P<base>.+)\.(?P<pid>\d+)-(?P<token>[0-9a-f]{8})\.partial$")
SEQUENCE_DIGITS = 6  # a million backups: three thousand years of daily ones, sorted by eye
UNSET_AGENCY = "none"  # a store not set up yet (tests, a backup before setup)
# A temporary file this old belongs to no running backup, whatever its pid says (a pid may be
# reused): a backup takes minutes even on a large store and a slow USB stick.
LEFTOVER_AGE_S = 24 * 3600


class Owner(NamedTuple):
    """Whose backups: the agency code (as safe in a file name) and the counter number."""

    agency: str
    counter: int


class BackupName(NamedTuple):
    owner: Owner | None  # None: an older release's name, owner only in its sidecar
    sequence: int  # 0 for an older release's name: older than any numbered backup
    stamp: str  # YYYYMMDD-HHMMSS, for people


def owner_of(agency: object, counter: object) -> Owner:
    """The owner for the store's settings (JSON values; absent before setup)."""
    text = str(agency) if isinstance(agency, str) and agency else UNSET_AGENCY
    number = counter if isinstance(counter, int) and counter >= 0 else 0
    return Owner(re.sub(r"[^A-Za-z0-9.]", "_", text), number)


def backup_name(owner: Owner, moment: datetime, sequence: int) -> str:
    stamp = moment.astimezone(VN_TZ).strftime("%Y%m%d-%H%M%S")
    return f"counter-{owner.agency}-c{owner.counter}-{stamp}-{sequence:0{SEQUENCE_DIGITS}d}.db"


def parse_name(name: str) -> BackupName | None:
    """What a file name says; None for a file that is not one of our backups."""
    match = NAME_RE.match(name)
    if match is not None:
        owner = Owner(match["agency"], int(match["counter"]))
        return BackupName(owner, int(match["seq"]), f"{match['day']}-{match['time']}")
    legacy = LEGACY_NAME_RE.match(name)
    if legacy is not None:
        return BackupName(None, 0, f"{legacy.group(1)}-{legacy.group(2)}")
    return None


def sequence_of(name: str) -> int:
    parsed = parse_name(name)
    return 0 if parsed is None else parsed.sequence


def temp_path(final: Path) -> Path:
    """A temporary name no other process (or earlier run) can hold."""
    token = secrets.token_hex(4)
    return final.with_name(f"{final.name}.{os.getpid()}-{token}{TEMP_SUFFIX}")


def is_leftover(path: Path, owner: Owner, *, now_s: float) -> bool:
    """A temporary file of ``owner`` whose writer is gone, or any one past LEFTOVER_AGE_S.

    Another counter's live temporary file (a shared folder) is never one; another counter's
    long-dead one goes only after the age bound, as does an older release's (no pid).
    """
    if not path.name.endswith(TEMP_SUFFIX) or not path.name.startswith("counter-"):
        return False
    try:
        age = now_s - path.stat().st_mtime
    except OSError:
        return False
    if age > LEFTOVER_AGE_S:
        return True
    match = TEMP_RE.match(path.name)
    if match is None:
        return False
    final = match["base"]  # the backup's name, or its sidecar's (.json)
    base = parse_name(final[: -len(".json")] + ".db" if final.endswith(".json") else final)
    if base is None or base.owner != owner:
        return False
    return not process_alive(int(match["pid"]))


def process_alive(pid: int) -> bool:
    """True when a process ``pid`` runs on this computer (or when that cannot be told)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another account
    return True


def _windows_process_alive(pid: int) -> bool:
    """OpenProcess + WaitForSingleObject: ``os.kill`` would end the process on Windows."""
    import ctypes

    synchronize, wait_timeout = 0x00100000, 0x102
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize, False, pid)
    if not handle:
        return False
    try:
        return bool(kernel32.WaitForSingleObject(handle, 0) == wait_timeout)
    finally:
        kernel32.CloseHandle(handle)
