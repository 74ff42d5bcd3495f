"""Restoring a backup: checked, the current store kept aside, numbering continued above the marks.

A restore never hands out a dossier code or a version twice: the marks file beside the store
is not replaced, so numbering continues above it, and the report lists the dossiers the backup
lacks (and those it holds at an older version) for a supervisor to follow up.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import BadInputError, CounterAppError, EnvironmentProblem
from counter_app.services.backup.restore_marks import open_break_ids, settle_restore
from counter_app.services.backup.restore_swap import journaled_swap, recover_interrupted_restore
from counter_app.services.paths import data_dir, ensure_private_dir
from counter_app.services.store import keys
from counter_app.services.store.opening import (
    open_store,
    open_with_key,
    store_exists,
    store_path,
)
from counter_app.storage.audit import AuditHead, append_audit
from counter_app.storage.backup import (
    BehindDossier,
    MissingDossier,
    StoreFacts,
    check_copy,
    checkpoint,
    copy_private,
    dossier_gaps,
    read_sidecar,
    rekey,
)
from counter_app.storage.engine import Database, StoreCorruptError, is_plain_sqlite
from counter_app.storage.marks import MARKS_FILE_NAME, Marks, mac_key_for
from counter_app.storage.marks_reconcile import settle_pending
from counter_app.storage.migrations import StoreTooNewError, latest_version, schema_version

MIN_PAGE_SIZE = 512  # SQLite's smallest page: every database file is a multiple of it
RESTORE_TEMP_NAME = "counter-restore.db.partial"  # the checked copy, before it takes the place


class RestoreFileMissingError(BadInputError):
    """The backup file named for the restore does not exist."""

    code = "RESTORE_FILE_MISSING"


class BackupCorruptError(BadInputError):
    """The backup file is damaged (checksum, integrity check) or is not a database."""

    code = "BACKUP_CORRUPT"


class RestoreEncryptionMismatchError(BadInputError):
    """A plain backup cannot replace an encrypted store, nor the reverse."""

    code = "RESTORE_ENCRYPTION_MISMATCH"


class StoreInUseError(EnvironmentProblem):
    """Another program (the desktop app) has the store open; it must be closed first."""

    code = "STORE_IN_USE"


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did, and what the restored store lacks compared with the marks."""

    restored_from: str  # the backup's file name
    kept_as: Path | None  # where the previous store was put aside (None: there was none)
    backup_schema: int
    schema_version: int  # after migrating
    dossier_count: int
    missing: tuple[MissingDossier, ...]
    behind: tuple[BehindDossier, ...]
    audit_restored: AuditHead  # the restored store's head, before the restore's own row
    audit_mark: AuditHead | None  # the head last recorded in the marks file

    @property
    def audit_behind(self) -> bool:
        """True when the restored audit log ends before (or apart from) the one last seen."""
        mark = self.audit_mark
        return mark is not None and (
            self.audit_restored.seq < mark.seq
            or (self.audit_restored.seq == mark.seq and self.audit_restored.hash != mark.hash)
        )


def restore_backup(
    folder: Path | None, backup_file: Path, *, key_file: Path | None, actor: str, now: datetime
) -> RestoreReport:
    """Replace the store of ``folder`` by a checked copy of ``backup_file``, keeping the old one.

    The backup is opened with the store's key, or with ``key_file``'s (a backup from another
    computer) and re-keyed to the store's. Nothing changes until the copy has passed its
    checks; then a journaled swap (``restore_swap``) puts it in place, the previous store kept
    under an aside name, never deleted, so a kill at any moment leaves one whole store.
    """
    folder = ensure_private_dir(folder) if folder is not None else data_dir()
    if not backup_file.is_file():
        raise RestoreFileMissingError(backup_file.name)
    target = store_path(folder)
    recover_interrupted_restore(folder)
    had_store = store_exists(folder)
    target_key, backup_key = _restore_keys(target, backup_file, key_file, had_store=had_store)
    temp = folder / RESTORE_TEMP_NAME
    try:
        facts = _checked_copy(backup_file, temp, backup_key=backup_key, target_key=target_key)
        if had_store:
            _fold_wal(target, key=target_key)
    except BaseException:
        _remove_quietly(temp)
        raise
    kept_as = _aside_name(target, now) if _occupied(target) else None
    new_key = None if had_store else target_key
    with journaled_swap(
        folder, partial=temp, backup_name=backup_file.name, aside=kept_as, new_key=new_key,
        now=now,
    ):  # fmt: skip
        return _after_restore(folder, backup_file.name, kept_as, facts, actor=actor, now=now)


def _restore_keys(
    target: Path, backup_file: Path, key_file: Path | None, *, had_store: bool
) -> tuple[bytes | None, bytes | None]:
    """The store's key (kept) and the key that opens the backup; refuse a plain/encrypted mix."""
    given = keys.read_key_file(key_file) if key_file is not None else None
    backup_plain = is_plain_sqlite(backup_file)
    if had_store:
        store_plain = is_plain_sqlite(target)
        target_key = None if store_plain else keys.load_key(target).key
    else:
        store_plain, target_key = backup_plain, given or _key_left_behind(target)
    if store_plain != backup_plain:
        raise RestoreEncryptionMismatchError("")
    if backup_plain:
        return None, None
    backup_key = given or target_key
    if backup_key is None or target_key is None:
        raise keys.StoreKeyMissingError("")
    return target_key, backup_key


def _checked_copy(
    backup_file: Path, temp: Path, *, backup_key: bytes | None, target_key: bytes | None
) -> StoreFacts:
    """Copy the backup beside the store, check it, re-key it; the backup itself is only read."""
    _remove_quietly(temp)
    digest = copy_private(backup_file, temp)
    size = temp.stat().st_size
    if size == 0 or size % MIN_PAGE_SIZE:
        raise BackupCorruptError("size")  # a database is whole pages; a wrong key cannot do this
    expected = (read_sidecar(backup_file) or {}).get("sha256")
    if isinstance(expected, str) and expected != digest:
        raise BackupCorruptError("sha256")
    try:
        facts = check_copy(temp, key=backup_key)
    except StoreCorruptError:
        raise BackupCorruptError("integrity") from None
    if facts.schema_version > latest_version():
        raise StoreTooNewError(f"schema {facts.schema_version} > {latest_version()}")
    if target_key is not None and target_key != backup_key:
        db = open_with_key(temp, backup_key)
        try:
            rekey(db, target_key)
        finally:
            db.close()
        check_copy(temp, key=target_key)
    return facts


def _fold_wal(target: Path, *, key: bytes | None) -> None:
    """Fold the current store's -wal into it, so that its one file is the whole store.

    A store that cannot even be opened (the reason for many restores) keeps its -wal and -shm:
    the swap moves them with it, so nothing of it is lost either way.
    """
    try:
        db = open_with_key(target, key)
    except CounterAppError:
        return
    try:
        _settle_marks(target.parent, db, key=key)
        checkpoint(db)
    finally:
        db.close()
    if _companion(target, "-wal").exists():
        raise StoreInUseError("")  # another connection survived ours: the app is open


def _settle_marks(folder: Path, db: Database, *, key: bytes | None) -> None:
    """Confirm in the marks the saves the current store holds before it goes aside.

    A save whose confirmation was lost (killed after its commit) is then listed as missing
    if the backup lacks it; one that never committed is not.
    """
    marks = Marks(folder / MARKS_FILE_NAME, mac_key=mac_key_for(key))
    try:
        settle_pending(db, marks)
    finally:
        marks.close()


def _occupied(target: Path) -> bool:
    """Anything under the store's names (an empty counter.db, a lone -wal) is kept aside."""
    return any(p.exists() for p in (target, _companion(target, "-wal"), _companion(target, "-shm")))


def _key_left_behind(target: Path) -> bytes | None:
    """The key still kept for a store that is gone (restoring it needs no --key-file)."""
    try:
        return keys.load_key(target).key
    except (keys.StoreKeyMissingError, keys.KeyFileInvalidError):
        return None


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _aside_name(target: Path, now: datetime) -> Path:
    stamp = now.astimezone(VN_TZ).strftime("%Y%m%d-%H%M%S")
    candidate, attempt = target.with_name(f"counter-before-restore-{stamp}.db"), 1
    while candidate.exists():
        attempt += 1
        candidate = target.with_name(f"counter-before-restore-{stamp}-{attempt}.db")
    return candidate


def _after_restore(
    folder: Path, name: str, kept_as: Path | None, facts: StoreFacts, *, actor: str, now: datetime
) -> RestoreReport:
    """Open (and so migrate) the restored store, compare it with the marks, audit the restore.

    Runs inside the swap's lock, before the journal is removed: killed here, the next start
    finishes the restore and audits it. Opening finds the restored audit chain behind the
    marks' head and records that as a break; the restore's own audit row explains it, so the
    break is closed as kind "restore".
    """
    mark = _marks_head(folder)
    breaks_before = open_break_ids(folder)
    with open_store(folder) as store:
        missing, behind = dossier_gaps(store, store.marks)
        report = RestoreReport(
            restored_from=name, kept_as=kept_as, backup_schema=facts.schema_version,
            schema_version=schema_version(store), dossier_count=facts.dossier_count,
            missing=tuple(missing), behind=tuple(behind),
            audit_restored=AuditHead(*facts.audit_head),
            audit_mark=None if mark is None else AuditHead(*mark),
        )  # fmt: skip
        with store.action() as db:
            head = append_audit(
                db, at=iso_vn(now), actor=actor, action="backup.restore", subject=name,
                details={"schema": facts.schema_version, "dossiers": facts.dossier_count,
                         "missing": len(missing), "behind": len(behind)},
            )  # fmt: skip
        settle_restore(store, restore_seq=head.seq, breaks_before=breaks_before)
    return report


def _marks_head(folder: Path) -> tuple[int, str] | None:
    """The audit head the marks recorded before the restored store is opened (and compared)."""
    marks = Marks(folder / MARKS_FILE_NAME)
    try:
        return marks.audit_head()
    finally:
        marks.close()


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
