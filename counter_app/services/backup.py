"""Backups of the store: on demand, once a day automatically, rotated; and the key export.

A backup is a checked, encrypted copy (storage/backup.py) in ``backups/`` of the data folder
or in a folder IT names (an external drive). Only the newest ``keep`` backups of a folder are
kept. Each backup, key export and restore is an audit row.

A restore never replaces the high-water marks file (``marks.db``): the report compares the
restored store with it, and new codes and versions continue above the marks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import BadInputError, CounterAppError
from counter_app.services import keys
from counter_app.services.error_log import log_unexpected_error
from counter_app.services.paths import DATA_DIR_ENV, ensure_private_dir, write_private_file
from counter_app.services.store import (
    Store,
    open_store,
)
from counter_app.storage.audit import append_audit
from counter_app.storage.backup import (
    BackupFile,
    backup_sort_key,
    last_auto_backup_day,
    read_sidecar,
    set_last_auto_backup_day,
    sidecar_path,
    write_backup,
)
from counter_app.storage.engine import DiskFullError

BACKUPS_FOLDER = "backups"
# Two weeks of daily backups: enough to step back past a bad day noticed late, small enough
# (a few MB each) for any counter PC's disk.
DEFAULT_KEEP = 14
AUTO_ACTOR = "system:auto-backup"


class BackupTargetMissingError(BadInputError):
    """The folder named for the backup (or the key file) does not exist or is not a folder."""

    code = "BACKUP_TARGET_MISSING"


class BackupTargetUnwritableError(BadInputError):
    """The folder named for the backup cannot be written by this account (or is read-only)."""

    code = "BACKUP_TARGET_UNWRITABLE"


class BackupKeepInvalidError(BadInputError):
    """``--keep`` must keep at least the backup just made."""

    code = "BACKUP_KEEP_INVALID"


class KeyExportPlainError(BadInputError):
    """The store is not encrypted (IT opted out), so there is no key to export."""

    code = "KEY_EXPORT_PLAIN"


class KeyExportExistsError(BadInputError):
    """The key export never overwrites a file: an older key there may still be needed."""

    code = "KEY_EXPORT_EXISTS"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    dossier_count: int
    schema_version: int
    encrypted: bool
    sha256: str
    removed: tuple[str, ...]  # older backups rotated out of the folder


@dataclass(frozen=True)
class AutoBackupOutcome:
    """What the automatic backup did: a result, or the code of the error that stopped it."""

    result: BackupResult | None
    error_code: str = ""


@dataclass(frozen=True)
class BackupEntry:
    """One backup of a folder, as listed for IT; ``info`` is its sidecar (empty if none)."""

    path: Path
    size: int
    info: dict[str, Any]


def default_backup_folder(store: Store) -> Path:
    return store.folder / BACKUPS_FOLDER


def make_backup(
    store: Store,
    *,
    to: Path | None = None,
    keep: int = DEFAULT_KEEP,
    actor: str,
    now: datetime,
) -> BackupResult:
    """Back the store up into ``to`` (default: the data folder's ``backups/``), then rotate.

    The store is only read; a failure (a full disk, a removed drive) leaves no partial file.
    """
    if keep < 1:
        raise BackupKeepInvalidError(str(keep))
    folder = ensure_private_dir(default_backup_folder(store)) if to is None else _checked_target(to)
    made = write_backup(store.db, folder, key=_store_key(store), now=now)
    removed = rotate(folder, keep=keep)
    with store.action() as db:
        append_audit(
            db, at=iso_vn(now), actor=actor, action="backup.create", subject=made.path.name,
            details={"size": made.size, "dossiers": made.facts.dossier_count,
                     "external": to is not None, "removed": len(removed)},
        )  # fmt: skip
    return _result(made, removed, encrypted=store.encrypted)


def _store_key(store: Store) -> bytes | None:
    return keys.load_key(store.path).key if store.encrypted else None


def _checked_target(folder: Path) -> Path:
    if not folder.is_dir():
        raise BackupTargetMissingError(folder.name)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupTargetUnwritableError(folder.name)
    return folder


def _result(made: BackupFile, removed: list[str], *, encrypted: bool) -> BackupResult:
    return BackupResult(
        path=made.path,
        size=made.size,
        dossier_count=made.facts.dossier_count,
        schema_version=made.facts.schema_version,
        encrypted=encrypted,
        sha256=made.sha256,
        removed=tuple(removed),
    )


def rotate(folder: Path, *, keep: int) -> list[str]:
    """Delete all but the newest ``keep`` backups of ``folder``; other files are never touched."""
    removed: list[str] = []
    for path in backup_files(folder)[:-keep]:
        path.unlink()
        with contextlib.suppress(FileNotFoundError):
            sidecar_path(path).unlink()
        removed.append(path.name)
    return removed


def backup_files(folder: Path) -> list[Path]:
    """Our backups in ``folder``, oldest first (by the time in their names)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        sort_key = backup_sort_key(path.name)
        if sort_key is not None and path.is_file():
            found.append((sort_key, path))
    return [path for _, path in sorted(found)]


def list_backups(folder: Path) -> list[BackupEntry]:
    """The backups of ``folder`` (newest first) with what their sidecars say."""
    return [
        BackupEntry(path, path.stat().st_size, read_sidecar(path) or {})
        for path in reversed(backup_files(folder))
    ]


# --- the automatic daily backup -------------------------------------------------------------


def backup_due_today(store: Store, now: datetime) -> bool:
    """True until an automatic backup has been made on ``now``'s day (Vietnam time)."""
    return last_auto_backup_day(store.db) != _day(now)


def _day(now: datetime) -> str:
    return now.astimezone(VN_TZ).date().isoformat()


def auto_backup_if_due(folder: Path | None, now: datetime) -> AutoBackupOutcome | None:
    """The first start of a day makes one backup; None when today's is already made.

    Runs on a worker thread, so it opens (and closes) its own store connection. It never
    raises: an expected problem comes back as its code (the window may show it), anything
    else is logged, redacted, and comes back as ``UNEXPECTED``.
    """
    try:
        return _auto_backup(folder, now)
    except CounterAppError as error:
        return AutoBackupOutcome(None, error.code)
    except Exception as error:  # a background task must not crash the app: log, report, go on
        with contextlib.suppress(OSError):
            log_unexpected_error(error, where="auto-backup")
        return AutoBackupOutcome(None, CounterAppError.code)


def _auto_backup(folder: Path | None, now: datetime) -> AutoBackupOutcome | None:
    store = open_store(folder)
    try:
        if not backup_due_today(store, now):
            return None
        result = make_backup(store, actor=AUTO_ACTOR, now=now)
        with store.action() as db:
            set_last_auto_backup_day(db, _day(now))
        return AutoBackupOutcome(result)
    finally:
        store.close()


# --- the key export -------------------------------------------------------------------------


def export_key(store: Store, out: Path, *, actor: str, now: datetime) -> Path:
    """Write the store's raw key (hex) to a new owner-only file for IT's safe keeping.

    Needed to restore a backup on another computer. Never overwrites a file.
    """
    if not store.encrypted:
        raise KeyExportPlainError("")
    if not out.parent.is_dir():
        raise BackupTargetMissingError(out.parent.name)
    key = keys.load_key(store.path).key
    _write_new_private(out, key.hex() + "\n")
    try:
        with store.action() as db:
            append_audit(
                db, at=iso_vn(now), actor=actor, action="key.export", subject=out.name,
                details={"location": store.key_location},
            )  # fmt: skip
    except BaseException:
        out.unlink()
        raise
    return out


def _write_new_private(path: Path, text: str) -> None:
    try:
        write_private_file(path, text.encode("ascii"), overwrite=False)
    except FileExistsError:
        raise KeyExportExistsError(path.name) from None
    except PermissionError:
        raise BackupTargetUnwritableError(path.parent.name) from None
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise DiskFullError("") from None
        raise


# --- the daily automatic backup, started in the background -----------------------------------

NO_AUTO_BACKUP_ENV = "COUNTER_APP_NO_AUTO_BACKUP"  # "1": never start one (tests, IT scripts)


def start_daily_backup_if_due(folder: Path | None, now: datetime) -> bool:
    """Start today's automatic backup in a separate, detached process if it is still due.

    The command line's processes are short-lived, so a thread would die with them; a detached
    ``counter-app backup --auto`` finishes on its own and never delays the command that
    started it. The desktop app runs ``auto_backup_if_due`` on a worker thread instead.
    Returns True when a backup process was started.
    """
    if os.environ.get(NO_AUTO_BACKUP_ENV) == "1":
        return False
    try:
        store = open_store(folder)
        try:
            due = backup_due_today(store, now)
        finally:
            store.close()
        if due:
            _spawn_detached([*_self_command(), "backup", "--auto"], folder)
        return due
    except (CounterAppError, OSError):
        return False  # the command itself succeeded; the next start tries again


def _self_command() -> list[str]:
    """How to run this app again: the frozen executable, or this Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "counter_app"]


def _spawn_detached(command: list[str], folder: Path | None) -> None:
    env = dict(os.environ)
    if folder is not None:
        env[DATA_DIR_ENV] = str(folder)
    options: dict[str, Any] = {"start_new_session": True}
    if sys.platform == "win32":  # no console window flashing up, not killed with the parent
        options = {"creationflags": subprocess.CREATE_NO_WINDOW | subprocess.DETACHED_PROCESS}
    subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **options,
    )
