"""A restore's file swap, and the repair a start makes of a swap that was cut short.

At every instant either the old or the new store is whole under the name ``counter.db``:

1. the checked, re-keyed copy waits as ``counter-restore.db.partial`` (no journal yet: a kill
   here leaves the store untouched, and the next restore removes the copy);
2. the journal is written (``restore_journal``), then the old store gets a second name, its
   aside name, by a hard link, so ``counter.db`` still names it; its ``-wal``/``-shm`` (only
   present when it could not be opened) follow to the aside name;
3. a restore into a folder without a store saves the copy's key now, before any store needs it;
4. one rename puts the copy over ``counter.db`` (atomic: the name never goes missing);
5. the restore is audited in the new store; then the journal is removed.

A start that finds a journal repairs: while the copy still has its own name (step 4 not done),
the swap is undone (the aside name and the copy removed, the old -wal/-shm back); if it is,
the restore is finished (audited, the journal removed). Either way it says so in a notice.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.services.backup.restore_journal import (
    Journal,
    is_held,
    journal_path,
    read_journal,
    remove_journal,
    swap_lock,
    write_journal,
)
from counter_app.services.clock import now_vn
from counter_app.services.paths import fsync_folder
from counter_app.services.store import keys
from counter_app.storage.audit import append_audit

STORE_NAME = "counter.db"  # services.store.STORE_FILE_NAME (not imported: store imports us)
COMPANIONS = ("-wal", "-shm")  # SQLite's files beside a store in WAL mode
RECOVERY_ACTOR = "system:start"  # the audit's actor for a restore a start finished
FINISHED = "restore.finished_at_start"
UNDONE = "restore.undone_at_start"


@dataclass(frozen=True)
class RecoveryNotice:
    """What a start did about an interrupted restore; ``code`` is a notice in texts/backup.py."""

    code: str  # FINISHED or UNDONE
    backup: str  # the backup's file name
    kept_as: str | None  # the previous store's aside name, when kept

    def params(self) -> dict[str, str]:
        return {"file": self.backup, "kept_as": self.kept_as or "-"}


_NOTICES: list[RecoveryNotice] = []  # repairs made by this process, until someone shows them


def take_notices() -> list[RecoveryNotice]:
    """The repairs this process made since the last call (the CLI and the window say them)."""
    taken = list(_NOTICES)
    _NOTICES.clear()
    return taken


@contextlib.contextmanager
def journaled_swap(
    folder: Path,
    *,
    partial: Path,
    backup_name: str,
    aside: Path | None,
    new_key: bytes | None,
    now: datetime,
) -> Iterator[None]:
    """Put ``partial`` in place as the store, the old one kept as ``aside``; then run the block.

    ``new_key`` is saved (never over another key) for a folder that had no store. The lock is
    held until the block (the restore's audit row) ends, and the journal removed then. A failure
    before the copy took the name undoes the swap at once; after it, the journal stays and the
    next start finishes the restore.
    """
    with swap_lock(folder):
        journal = Journal(
            backup=backup_name, partial=partial.name, aside=None if aside is None else aside.name,
        )  # fmt: skip
        write_journal(folder, journal)
        try:
            _swap_files(folder, journal, new_key=new_key, now=now)
        except BaseException:
            _undo(folder, journal)
            raise
        yield
        remove_journal(folder)


def recover_interrupted_restore(folder: Path) -> RecoveryNotice | None:
    """Finish or undo a restore whose process died mid-swap; None when there was none.

    Cheap when there is nothing to do (one stat): every command and the window call it before
    opening the store.
    """
    if not journal_path(folder).exists() or is_held(folder):
        return None
    with swap_lock(folder):
        journal = read_journal(folder)  # again under the lock: the restorer may have ended
        if journal is None:
            return None
        notice = _repair(folder, journal)
    _NOTICES.append(notice)
    return notice


def _repair(folder: Path, journal: Journal) -> RecoveryNotice:
    if (folder / STORE_NAME).exists() and not (folder / journal.partial).exists():
        _finish(folder, journal)
        return RecoveryNotice(FINISHED, journal.backup, journal.aside)
    _undo(folder, journal)
    return RecoveryNotice(UNDONE, journal.backup, None)


def _swap_files(folder: Path, journal: Journal, *, new_key: bytes | None, now: datetime) -> None:
    target, partial = folder / STORE_NAME, folder / journal.partial
    if journal.aside is not None:
        aside = folder / journal.aside
        if target.exists():
            _second_name(target, aside)
        for suffix in COMPANIONS:
            if _companion(target, suffix).exists():
                os.replace(_companion(target, suffix), _companion(aside, suffix))
    if new_key is not None:
        keys.keep_new_key(target, new_key, stamp=now.astimezone(VN_TZ).strftime(keys.STAMP))
    os.replace(partial, target)
    fsync_folder(folder)


def _second_name(target: Path, aside: Path) -> None:
    """Give the old store its aside name while ``counter.db`` still names it (a hard link).

    Without hard links (FAT, some shares) it is renamed: the journal then lets a start put it
    back if the copy never took its place.
    """
    try:
        os.link(target, aside)
    except FileExistsError:
        raise
    except OSError:
        os.replace(target, aside)


def _undo(folder: Path, journal: Journal) -> None:
    """Back to the old store: its -wal/-shm and its name back, the aside name and copy gone."""
    target = folder / STORE_NAME
    if journal.aside is not None:
        aside = folder / journal.aside
        for suffix in COMPANIONS:
            moved, home = _companion(aside, suffix), _companion(target, suffix)
            if moved.exists() and not home.exists():
                os.replace(moved, home)
        if aside.exists() and not target.exists():
            os.replace(aside, target)  # the rename fallback of _second_name
        elif aside.exists() and os.path.samefile(aside, target):
            aside.unlink()  # only a second name of the store that stays
    with contextlib.suppress(FileNotFoundError):
        (folder / journal.partial).unlink()
    fsync_folder(folder)
    remove_journal(folder)


def _finish(folder: Path, journal: Journal) -> None:
    """The copy is the store: audit the restore its process could not, then drop the journal.

    Killed after this audit row and before the journal's removal, the next start audits it
    once more: a repeated row, never a missing one.
    """
    from counter_app.services.backup.restore_marks import open_break_ids, settle_restore
    from counter_app.services.store.opening import open_store  # store calls this module first

    breaks_before = open_break_ids(folder)
    with open_store(folder) as store:
        with store.action() as db:
            head = append_audit(
                db, at=iso_vn(now_vn()), actor=RECOVERY_ACTOR, action="backup.restore",
                subject=journal.backup, details={"finished_at_start": True,
                                                 "kept_as": journal.aside},
            )  # fmt: skip
        settle_restore(store, restore_seq=head.seq, breaks_before=breaks_before)
    remove_journal(folder)


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
