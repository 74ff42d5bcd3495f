"""Copies of the store: an online backup file with its sidecar, and what a restore must check.

A backup is taken through SQLite's backup API on the open connection, so the clerk may keep
working: the copy is one consistent snapshot, encrypted with the same key as the store (a plain
store gives a plain copy). The copy is written under a temporary name, opened again and checked
(integrity, schema version), fsynced and only then renamed to its final name (see
storage/backup_names.py), so a file with a backup's name is always a complete, checked backup.
Its JSON sidecar holds counts, versions and hashes, never personal data.

The functions at the end compare a restored store with the high-water marks kept outside it
(``marks.db``), so codes and versions continue above anything ever issued.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from counter_app import __version__
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import EnvironmentProblem
from counter_app.storage.audit import AuditHead, audit_head
from counter_app.storage.backup_names import Owner, backup_name, temp_path
from counter_app.storage.backup_settings import SETTING_AGENCY, SETTING_COUNTER, json_or_none
from counter_app.storage.engine import (
    Database,
    DatabaseError,
    DiskFullError,
    StoreCorruptError,
    connect,
    integrity_ok,
)
from counter_app.storage.marks import Marks
from counter_app.storage.migrations import schema_version

SIDECAR_SUFFIX = ".json"

HASH_CHUNK = 1024 * 1024  # read 1 MB at a time when hashing a copy: flat memory for any size
OWNER_ONLY_FILE = 0o600


class BackupWriteError(EnvironmentProblem):
    """The backup could not be written to its folder (a drive removed, an I/O error)."""

    code = "BACKUP_WRITE_FAILED"


class StoreFacts(NamedTuple):
    """What a backup sidecar and a restore report say about a store, with no personal data."""

    schema_version: int
    dossier_count: int
    audit_head: AuditHead
    agency: Any
    counter: Any


class BackupFile(NamedTuple):
    path: Path
    sidecar: Path
    size: int
    sha256: str
    facts: StoreFacts


class MissingDossier(NamedTuple):
    code: str
    uuid: str


class BehindDossier(NamedTuple):
    code: str
    restored_version: int
    mark_version: int


# --- names ---------------------------------------------------------------------------------


def sidecar_path(backup: Path) -> Path:
    return backup.with_suffix(SIDECAR_SUFFIX)


# --- writing a backup ---------------------------------------------------------------------


def write_backup(
    db: Database, folder: Path, *, key: bytes | None, now: datetime, owner: Owner, sequence: int
) -> BackupFile:
    """Copy the open store into ``folder`` as a checked backup file plus its sidecar.

    Raises DiskFullError or BackupWriteError with nothing left behind; the store is only read.
    The temporary name is unique to this process, so two backups never meet on it.
    """
    final = _free_name(folder, owner, now, sequence)
    temp = temp_path(final)
    try:
        _copy_online(db, temp, key=key)
        facts = check_copy(temp, key=key)
        digest, size = file_sha256(temp), temp.stat().st_size
        _fsync_file(temp)
        os.replace(temp, final)
        _fsync_dir(folder)
    except BaseException:
        _remove_quietly(temp)
        raise
    sidecar = sidecar_path(final)
    try:
        write_private_json(sidecar, _sidecar(final, facts, size, digest, key, now))
    except BaseException:
        _remove_quietly(final)
        raise
    return BackupFile(final, sidecar, size, digest, facts)


def _free_name(folder: Path, owner: Owner, now: datetime, sequence: int) -> Path:
    """The name for ``sequence``; a higher number if taken (two data folders set up alike)."""
    while (folder / backup_name(owner, now, sequence)).exists():
        sequence += 1
    return folder / backup_name(owner, now, sequence)


def _copy_online(db: Database, target: Path, *, key: bytes | None) -> None:
    """SQLite's backup API into a new file keyed like the store; one consistent snapshot.

    The copy uses a rollback journal, not WAL: it needs no -shm, takes the store's size once
    (not twice, through a -wal), and ends as one self-contained file a USB stick can carry.
    """
    if target.exists():
        target.unlink()  # a partial file left by a crash: never append to it
    with _os_errors():
        destination = connect(target, key=key)
    try:
        with _database_errors(needed=_size_of(db), folder=target.parent):
            destination.conn.execute("PRAGMA journal_mode = DELETE")
            db.conn.backup(destination.conn)
    finally:
        destination.close()
        _remove_quietly(Path(f"{target}-journal"))


def _size_of(db: Database) -> int:
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    page_size = db.conn.execute("PRAGMA page_size").fetchone()[0]
    return int(pages) * int(page_size)


def check_copy(path: Path, *, key: bytes | None) -> StoreFacts:
    """Open a copy afresh and check it; StoreCorruptError when it is damaged.

    Opening through the engine also proves the key opens it. The copy is left as one
    self-contained file (journal mode DELETE) after the check.
    """
    db = connect(path, key=key)
    try:
        with _database_errors(corrupt=True):
            if not integrity_ok(db):
                raise StoreCorruptError("integrity_check")
            facts = read_facts(db)
            db.conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        db.close()
    return facts


def read_facts(db: Database) -> StoreFacts:
    settings = dict(db.conn.execute("SELECT key, value FROM settings").fetchall())
    count = db.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    return StoreFacts(
        schema_version=schema_version(db),
        dossier_count=int(count),
        audit_head=audit_head(db),
        agency=json_or_none(settings.get(SETTING_AGENCY)),
        counter=json_or_none(settings.get(SETTING_COUNTER)),
    )


def _sidecar(
    path: Path, facts: StoreFacts, size: int, digest: str, key: bytes | None, now: datetime
) -> dict[str, Any]:
    return {
        "file": path.name,
        "app_version": __version__,
        "schema_version": facts.schema_version,
        "created_at": iso_vn(now),
        "agency": facts.agency,
        "counter": facts.counter,
        "dossier_count": facts.dossier_count,
        "audit_head": {"seq": facts.audit_head.seq, "hash": facts.audit_head.hash},
        "encrypted": key is not None,
        "size": size,
        "sha256": digest,
    }


def read_sidecar(backup: Path) -> dict[str, Any] | None:
    """The sidecar of ``backup`` as written, or None when it is absent or unreadable."""
    try:
        value = json.loads(sidecar_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


# --- files --------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_private_json(path: Path, value: dict[str, Any]) -> None:
    """Write ``value`` owner-only through a temporary name, so a reader never sees half."""
    temp = temp_path(path)
    data = json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    try:
        with _os_errors():
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY_FILE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
    except BaseException:
        _remove_quietly(temp)
        raise


def copy_private(source: Path, target: Path) -> str:
    """Copy ``source`` to a new owner-only ``target`` (fsynced); return the copy's SHA-256."""
    digest = hashlib.sha256()
    try:
        with _os_errors():
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
            with source.open("rb") as reader, os.fdopen(fd, "wb") as writer:
                while chunk := reader.read(HASH_CHUNK):
                    digest.update(chunk)
                    writer.write(chunk)
                writer.flush()
                os.fsync(writer.fileno())
    except BaseException:
        _remove_quietly(target)
        raise
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with _os_errors():
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; Windows cannot open a folder, and NTFS journals renames itself."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


@contextlib.contextmanager
def _os_errors() -> Iterator[None]:
    """A full disk becomes DiskFullError, any other write failure BackupWriteError."""
    try:
        yield
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError("") from None
        raise BackupWriteError(type(error).__name__) from None


@contextlib.contextmanager
def _database_errors(
    *, corrupt: bool = False, needed: int = 0, folder: Path | None = None
) -> Iterator[None]:
    """SQLite errors while copying or checking, as the app's typed errors.

    SQLite reports some full disks as a plain I/O error; less free space in ``folder`` than
    the ``needed`` bytes tells them apart from a failing drive.
    """
    try:
        yield
    except DatabaseError as error:
        if "full" in str(error).lower() or _short_of_space(folder, needed):
            raise DiskFullError("") from None
        if corrupt:
            raise StoreCorruptError(type(error).__name__) from None
        raise BackupWriteError(type(error).__name__) from None


def _short_of_space(folder: Path | None, needed: int) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < needed
    except OSError:
        return False


# --- restore helpers ----------------------------------------------------------------------


def checkpoint(db: Database) -> None:
    """Fold the -wal into the main file, so moving the main file moves everything."""
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def rekey(db: Database, key: bytes) -> None:
    """Re-encrypt an encrypted database in place with ``key`` (works in WAL mode)."""
    db.conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")


def dossier_gaps(db: Database, marks: Marks) -> tuple[list[MissingDossier], list[BehindDossier]]:
    """Dossiers the marks know but the store lacks, and those whose version went back."""
    stored = {
        str(uuid): int(version)
        for uuid, version in db.conn.execute("SELECT uuid, version FROM dossiers")
    }
    missing: list[MissingDossier] = []
    behind: list[BehindDossier] = []
    for mark in marks.all_dossiers():
        version = stored.get(mark.uuid)
        if version is None:
            missing.append(MissingDossier(mark.code, mark.uuid))
        elif version < mark.version:
            behind.append(BehindDossier(mark.code, version, mark.version))
    return missing, behind
