"""Backups of the store, on demand: named per counter, rotated per counter; and the key export.

A backup is a checked, encrypted copy (storage/backup.py) in ``backups/`` of the data folder
or in a folder IT names (an external drive, a folder several counters share). Its name says
whose it is and its number in that counter's sequence (storage/backup_names.py); only the
newest ``keep`` of this counter's backups in a folder are kept. Each backup, key export and
restore is an audit row. The automatic daily backup is in ``services/backup/auto.py``.

A restore never replaces the high-water marks file (``marks.db``): the report compares the
restored store with it, and new codes and versions continue above the marks.
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.clock import wall_seconds
from counter_app.services.paths import ensure_private_dir, write_private_file
from counter_app.services.store import keys
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.backup import (
    BackupFile,
    file_sha256,
    read_sidecar,
    sidecar_path,
    write_backup,
)
from counter_app.storage.backup_names import (
    TEMP_SUFFIX,
    BackupName,
    Owner,
    is_leftover,
    owner_of,
    parse_name,
    sequence_of,
)
from counter_app.storage.backup_settings import (
    backup_owner,
    next_backup_sequence,
    record_backup_sequence,
)
from counter_app.storage.engine import DiskFullError

BACKUPS_FOLDER = "backups"
# Two weeks of daily backups: enough to step back past a bad day noticed late, small enough
# (a few MB each) for any counter PC's disk.
DEFAULT_KEEP = 14
# Why ``backup list`` marks a file as not to be trusted.
PROBLEM_NO_SIDECAR = "sidecar_missing"
PROBLEM_SIDECAR = "sidecar_unreadable"
PROBLEM_SIZE = "size_mismatch"
PROBLEM_SHA256 = "sha256_mismatch"
PROBLEM_PARTIAL = "partial"  # a copy being written, or left by a killed run


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
    """One backup of a folder, as listed for IT; ``info`` is its sidecar (empty if none).

    ``problems``: why the file should not be trusted (PROBLEM_* codes); empty when sound.
    """

    path: Path
    size: int
    info: dict[str, Any]
    problems: tuple[str, ...] = ()


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

    The store is only read until the backup exists (then its number and the audit row are
    written); a failure (a full disk, a removed drive) leaves no partial file. Leftovers of
    this counter's killed runs are removed first; rotation touches only its own backups.
    """
    if keep < 1:
        raise BackupKeepInvalidError(str(keep))
    folder = _default_folder(store) if to is None else _checked_target(to)
    owner = backup_owner(store)
    clean_leftovers(folder, owner)
    sequence = next_backup_sequence(store, floor=_highest_sequence(folder, owner))
    made = write_backup(
        store, folder, key=_store_key(store), now=now, owner=owner, sequence=sequence
    )
    removed = rotate(folder, owner=owner, keep=keep)
    with store.action() as db:
        record_backup_sequence(db, sequence_of(made.path.name))
        append_audit(
            db, at=iso_vn(now), actor=actor, action="backup.create", subject=made.path.name,
            details={"size": made.size, "dossiers": made.facts.dossier_count,
                     "external": to is not None, "removed": len(removed)},
        )  # fmt: skip
    return _result(made, removed, encrypted=store.encrypted)


def _default_folder(store: Store) -> Path:
    """``backups/`` of the data folder; something else under that name is a typed error."""
    try:
        return ensure_private_dir(default_backup_folder(store))
    except OSError:
        raise BackupTargetUnwritableError(BACKUPS_FOLDER) from None


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


def rotate(folder: Path, *, owner: Owner, keep: int) -> list[str]:
    """Delete all but the newest ``keep`` of ``owner``'s backups (by their sequence number).

    Another counter's backups, unnamed files and older-format backups whose sidecar does
    not name this counter are never touched.
    """
    removed: list[str] = []
    for path in backup_files(folder, owner=owner)[:-keep]:
        path.unlink()
        with contextlib.suppress(FileNotFoundError):
            sidecar_path(path).unlink()
        removed.append(path.name)
    return removed


def backup_files(folder: Path, *, owner: Owner | tuple[str, int] | None = None) -> list[Path]:
    """Our backups in ``folder``, oldest first; with ``owner``, only that counter's.

    A counter's backups are ordered by their sequence number, never by the time in their
    names (a wrong clock); its older-format files, numbered 0, come first by file time.
    Without an owner, all backups are ordered by file time.
    """
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = parse_name(path.name)
        if parsed is None or not path.is_file():
            continue
        if owner is not None and _owner_of(path, parsed) != tuple(owner):
            continue
        mtime = path.stat().st_mtime_ns
        found.append(((parsed.sequence, mtime) if owner else (mtime, parsed.sequence), path))
    return [path for _, path in sorted(found)]


def _owner_of(path: Path, parsed: BackupName) -> Owner | None:
    if parsed.owner is not None:
        return parsed.owner
    info = read_sidecar(path)  # an older-format name: only its sidecar says whose it is
    return None if info is None else owner_of(info.get("agency"), info.get("counter"))


def _highest_sequence(folder: Path, owner: Owner) -> int:
    files = backup_files(folder, owner=owner)
    return max((_sequence(path) for path in files), default=0)


def _sequence(path: Path) -> int:
    return sequence_of(path.name)


def clean_leftovers(folder: Path, owner: Owner) -> list[str]:
    """Remove temporary files of killed backups (see ``is_leftover``); return their names."""
    now_s = wall_seconds()
    removed = []
    for path in folder.glob(f"counter-*{TEMP_SUFFIX}"):
        if is_leftover(path, owner, now_s=now_s):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path.name)
    return removed


def list_backups(folder: Path, *, verify: bool = True) -> list[BackupEntry]:
    """The backups of ``folder`` (newest first) with their sidecars and what is wrong with them.

    ``verify`` also compares each file's SHA-256 with its sidecar (reads every file whole).
    Temporary files are listed too, as "partial".
    """
    entries = [_entry(path, verify=verify) for path in reversed(backup_files(folder))]
    partials = sorted(folder.glob(f"counter-*{TEMP_SUFFIX}")) if folder.is_dir() else []
    return entries + [
        BackupEntry(path, path.stat().st_size, {}, (PROBLEM_PARTIAL,)) for path in partials
    ]


def _entry(path: Path, *, verify: bool) -> BackupEntry:
    size, info = path.stat().st_size, read_sidecar(path)
    if info is None:
        missing = not sidecar_path(path).exists()
        return BackupEntry(path, size, {}, (PROBLEM_NO_SIDECAR if missing else PROBLEM_SIDECAR,))
    problems = []
    if info.get("size") != size:
        problems.append(PROBLEM_SIZE)
    elif verify and info.get("sha256") != file_sha256(path):
        problems.append(PROBLEM_SHA256)
    return BackupEntry(path, size, info, tuple(problems))


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
