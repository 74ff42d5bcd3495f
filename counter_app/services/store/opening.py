"""Opening the counter's store: the file, its key, its migrations and its marks file.

Every command and the desktop app go through ``open_store`` (an existing, set-up store) or
``create_store`` (setup). Opening compares the marks file kept outside the store with the store
and brings it level (storage/marks_reconcile.py): a lost or damaged marks file is rebuilt
upward, one behind is caught up, a break of the audit chain is remembered; each is audited and
kept for the person in front (``take_notices``).

One user action is one transaction: ``store.action()`` wraps it. Codes and versions are
reserved in the marks before the store commits (``store.reserve``); once it has committed they
are confirmed with the audit head. A failed confirmation never fails the action (the dossier is
saved): the marks are caught up from the store at the next action or start.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import CounterAppError, EnvironmentProblem
from counter_app.services.clock import now_vn
from counter_app.services.paths import data_dir as default_data_dir
from counter_app.services.store import keys
from counter_app.services.store.remnants import before_create, before_open
from counter_app.services.store.upgrade import backup_before_upgrade
from counter_app.storage.audit import append_audit, append_sealed_audit, audit_head
from counter_app.storage.dossier_digest import iter_dossier_digests
from counter_app.storage.engine import (
    Database,
    connect,
    is_plain_sqlite,
    savepoint,
    write_transaction,
)
from counter_app.storage.marks import MARKS_FILE_NAME, DossierMark, Marks, mac_key_for
from counter_app.storage.marks_errors import MarksDamagedError
from counter_app.storage.marks_reconcile import MarksNotice, rebuild, reconcile
from counter_app.storage.migrations import latest_version, migrate, schema_version
from counter_app.storage.settings import delete_setting, get_setting

SYSTEM_ACTOR = "system:store"
BASELINE_SETTING = "audit.baseline_pending"  # set by migration 7 when dossiers existed
_notices: list[MarksNotice] = []

STORE_FILE_NAME = "counter.db"


class StoreNotSetUpError(EnvironmentProblem):
    """No store exists in the data folder yet: IT must run ``counter-app setup`` first."""

    code = "STORE_NOT_SET_UP"


class StoreExistsError(EnvironmentProblem):
    """``setup`` found a store already; changing settings uses ``setup`` on the open store."""

    code = "STORE_EXISTS"


@dataclass
class Store(Database):
    """The open store: storage verbs take it as their database, services take nothing else.

    It is a ``Database`` (its ``conn`` is the store's connection), so a service hands itself
    to storage (``rows.insert_dossier(store, row)``) and the connection never leaves the
    core; ``db`` is kept for storage-level tests and the store's own plumbing.
    """

    db: Database
    marks: Marks
    path: Path
    encrypted: bool
    key_location: str  # keys.KEYRING, keys.KEY_FILE, or "" for a plain store
    marks_behind: bool = False  # a confirmation failed: catch the marks up before the next action
    _reserved: list[tuple[str, int]] = field(default_factory=list)
    _depth: int = 0  # actions open: an action inside another is a savepoint of it

    def __post_init__(self) -> None:
        self.conn = self.db.conn

    @property
    def folder(self) -> Path:
        return self.path.parent

    @contextlib.contextmanager
    def action(self) -> Iterator[Database]:
        """One user action as one write transaction; afterwards, confirm it in the marks.

        Holding the write lock, it first checks that the marks are level with the store (a
        cheap comparison of heads): a break or a lag since the last action is dealt with
        before any number is taken. Inside another action it nests (a savepoint): the outer
        action commits and confirms everything once.
        """
        if self._depth:
            self._depth += 1
            try:
                with savepoint(self.db) as db:
                    yield db
            finally:
                self._depth -= 1
            return
        self._reserved, self._depth = [], 1
        try:
            with write_transaction(self.db) as db:
                self._level_marks(db)
                yield db
        finally:
            self._depth = 0
        self._confirm()

    def _level_marks(self, db: Database) -> None:
        recorded = self.marks.audit_head()  # the marks first: they never run ahead of the store
        head = audit_head(db)
        if not self.marks_behind and recorded == (head.seq, head.hash):
            return
        at = iso_vn(now_vn())
        # A catch-up here is silent: the marks may only be a moment behind another process's
        # confirmation still on its way. A break is never a timing matter: audited and told.
        breaks = [n for n in reconcile(db, self.marks, at=at) if n.code != "MARKS_CAUGHT_UP"]
        _audit_notices(db, breaks, at=at)
        _notices.extend(breaks)
        self.marks_behind = False

    def reserve(self, *, day: str, counter: int, number: int | None, mark: DossierMark) -> None:
        """Reserve a code number and a version in the marks, inside the action, before commit."""
        self.marks.reserve(day=day, counter=counter, number=number, mark=mark)
        self._reserved.append((mark.uuid, mark.version))

    def reserve_many(
        self, *, code_numbers: Iterable[tuple[str, int, int]], marks: Iterable[DossierMark]
    ) -> None:
        """``reserve`` for a batch of new dossiers (demonstration data)."""
        batch = list(marks)
        self.marks.reserve_many(code_numbers=code_numbers, marks=batch)
        self._reserved.extend((mark.uuid, mark.version) for mark in batch)

    def _confirm(self) -> None:
        head = audit_head(self.db)
        try:
            self.marks.confirm(committed=self._reserved, head=(head.seq, head.hash))
        except (CounterAppError, sqlite3.Error, OSError):
            self.marks_behind = True  # the action is committed: never report it as failed
        else:
            self.marks_behind = False
        self._reserved = []

    def close(self) -> None:
        self.db.close()
        self.marks.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """``with open_store() as store:``: the store is closed however the block ends."""
        self.close()


def drop_notices(code: str) -> None:
    """Forget the notices of ``code`` not yet told (a restore explains the break it causes)."""
    _notices[:] = [n for n in _notices if n.code != code]


def take_notices() -> list[MarksNotice]:
    """What opening stores did to their marks since the last call (shown once, then gone)."""
    taken = list(_notices)
    _notices.clear()
    return taken


def store_path(folder: Path | None = None) -> Path:
    """The store file of ``folder`` (the data folder by default), the folder made owner-only."""
    return default_data_dir(folder) / STORE_FILE_NAME


def store_exists(folder: Path | None = None) -> bool:
    path = store_path(folder)
    return path.exists() and path.stat().st_size > 0


def open_store(
    folder: Path | None = None, *, on_upgrade: Callable[[], None] | None = None
) -> Store:
    """Open the set-up store of ``folder`` (the data folder by default), migrating it.

    ``on_upgrade`` is called before migrating a store an older version wrote: on a large
    store an upgrade takes seconds (an index over every dossier), and the window says so.
    """
    path = store_path(folder)
    before_open(path)  # an interrupted restore is finished or undone; a lost store is no new one
    if not store_exists(folder):
        raise StoreNotSetUpError("")
    if is_plain_sqlite(path):
        return _finish_open(path, key=None, where="", on_upgrade=on_upgrade)
    stored = keys.load_key(path)
    return _finish_open(path, key=stored.key, where=stored.where, on_upgrade=on_upgrade)


def create_store(
    folder: Path | None = None,
    *,
    encrypted: bool = True,
    prefer_keyring: bool = True,
    replacing: bool = False,
) -> Store:
    """Create a new, empty store (setup's first step); refuse if one exists or once did.

    ``replacing``: ``setup --replace`` has set the earlier store and keys aside already.
    """
    path = store_path(folder)
    if store_exists(folder):
        raise StoreExistsError("")
    if not replacing:
        before_create(path)
    if not encrypted:
        return _finish_open(path, key=None, where="", new=True)
    key = keys.new_key()
    where = keys.save_key(path, key, prefer_keyring=prefer_keyring)
    try:
        return _finish_open(path, key=key, where=where, new=True)
    except BaseException:
        keys.forget_key(path)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        raise


def open_with_key(path: Path, key: bytes | None) -> Database:
    """A bare connection to any store file (a backup being checked), without migrating it."""
    return connect(path, key=key)


def _finish_open(
    path: Path,
    *,
    key: bytes | None,
    where: str,
    on_upgrade: Callable[[], None] | None = None,
    new: bool = False,
) -> Store:
    db = connect(path, key=key)
    try:
        if 0 < schema_version(db) < latest_version():
            if on_upgrade is not None:
                on_upgrade()
            backup_before_upgrade(db, store_file=path, key=key, now=now_vn())
        migrate(db)
        marks, damaged = _open_marks(path.parent / MARKS_FILE_NAME, key)
    except BaseException:
        db.close()
        raise
    store = Store(db=db, marks=marks, path=path, encrypted=key is not None, key_location=where)
    try:
        if new:
            store.marks.start_new_chain()  # marks a replaced store left: numbers keep climbing
        _bring_marks_level(store, rebuilt_reason="damaged" if damaged else "")
        _seal_older_dossiers(store)
    except BaseException:
        store.close()
        raise
    return store


def _open_marks(path: Path, key: bytes | None) -> tuple[Marks, bool]:
    """The marks file; a damaged one is set aside (never deleted) and a new one started."""
    try:
        return Marks(path, mac_key=mac_key_for(key)), False
    except MarksDamagedError:
        stamp = now_vn().astimezone(VN_TZ).strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            old = path.with_name(path.name + suffix)
            if old.exists():
                os.replace(old, path.with_name(f"marks-damaged-{stamp}.db{suffix}"))
        return Marks(path, mac_key=mac_key_for(key)), True


def _bring_marks_level(store: Store, *, rebuilt_reason: str) -> None:
    """Compare the marks with the store at start; audit and keep what was done."""
    at = iso_vn(now_vn())
    if rebuilt_reason:
        notices = [rebuild(store, store.marks, reason=rebuilt_reason)]
    else:
        notices = reconcile(store, store.marks, at=at)
    if not notices:
        return
    with write_transaction(store) as db:
        _audit_notices(db, notices, at=at)
    head = audit_head(store)
    store.marks.follow_head(head.seq, head.hash)
    _notices.extend(notices)


def _audit_notices(db: Database, notices: list[MarksNotice], *, at: str) -> None:
    for notice in notices:
        append_audit(
            db, at=at, actor=SYSTEM_ACTOR, action=_NOTICE_ACTIONS[notice.code],
            subject=MARKS_FILE_NAME, details={"reason": notice.reason, "count": notice.amount},
        )  # fmt: skip


_NOTICE_ACTIONS = {
    "MARKS_REBUILT": "marks.rebuild",
    "MARKS_CAUGHT_UP": "marks.catch_up",
    "AUDIT_BREAK_FOUND": "audit.break",
}


def _seal_older_dossiers(store: Store) -> None:
    """Seal the dossiers saved before digests existed, once (migration 7 left the flag)."""
    if get_setting(store, BASELINE_SETTING) is None:
        return
    with store.action() as db:
        last_id = int(get_setting(db, BASELINE_SETTING) or 0)
        append_sealed_audit(
            db, at=iso_vn(now_vn()), actor=SYSTEM_ACTOR, action="audit.baseline",
            subject="dossiers", details={"last_id": last_id},
            sealed=iter_dossier_digests(db, last_id=last_id),
        )  # fmt: skip
        delete_setting(db, BASELINE_SETTING)
