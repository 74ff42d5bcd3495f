"""Opening the counter's store: the file, its key, its migrations and its marks file.

Every command and the desktop app go through ``open_store`` (an existing, set-up store) or
``create_store`` (setup). One user action is one transaction: ``store.action()`` wraps it and,
once it has committed, copies the audit chain's head into the marks file kept outside the
store, so a cut-off tail or a restored old file shows in ``audit verify``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from counter_app.errors import EnvironmentProblem
from counter_app.services import keys
from counter_app.services.paths import data_dir as default_data_dir
from counter_app.services.paths import ensure_private_dir
from counter_app.services.store_remnants import before_create, before_open
from counter_app.storage.audit import audit_head
from counter_app.storage.engine import Database, connect, is_plain_sqlite, write_transaction
from counter_app.storage.marks import MARKS_FILE_NAME, Marks
from counter_app.storage.migrations import latest_version, migrate, schema_version

STORE_FILE_NAME = "counter.db"


class StoreNotSetUpError(EnvironmentProblem):
    """No store exists in the data folder yet: IT must run ``counter-app setup`` first."""

    code = "STORE_NOT_SET_UP"


class StoreExistsError(EnvironmentProblem):
    """``setup`` found a store already; changing settings uses ``setup`` on the open store."""

    code = "STORE_EXISTS"


@dataclass
class Store:
    db: Database
    marks: Marks
    path: Path
    encrypted: bool
    key_location: str  # keys.KEYRING, keys.KEY_FILE, or "" for a plain store

    @property
    def folder(self) -> Path:
        return self.path.parent

    @contextlib.contextmanager
    def action(self) -> Iterator[Database]:
        """One user action as one write transaction; afterwards, mark the audit head."""
        with write_transaction(self.db) as db:
            yield db
        head = audit_head(self.db)
        self.marks.record_audit_head(head.seq, head.hash)

    def close(self) -> None:
        self.db.close()
        self.marks.close()


def store_path(folder: Path | None = None) -> Path:
    """The store file of ``folder`` (the data folder by default), the folder made owner-only."""
    return (ensure_private_dir(folder) if folder else default_data_dir()) / STORE_FILE_NAME


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
        return _finish_open(path, key=None, where="")
    key = keys.new_key()
    where = keys.save_key(path, key, prefer_keyring=prefer_keyring)
    try:
        return _finish_open(path, key=key, where=where)
    except BaseException:
        keys.forget_key(path)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        raise


def open_with_key(path: Path, key: bytes | None) -> Database:
    """A bare connection to any store file (a backup being checked), without migrating it."""
    return connect(path, key=key)


def _finish_open(
    path: Path, *, key: bytes | None, where: str, on_upgrade: Callable[[], None] | None = None
) -> Store:
    db = connect(path, key=key)
    try:
        if on_upgrade is not None and 0 < schema_version(db) < latest_version():
            on_upgrade()
        migrate(db)
    except BaseException:
        db.close()
        raise
    marks = Marks(path.parent / MARKS_FILE_NAME)
    return Store(db=db, marks=marks, path=path, encrypted=key is not None, key_location=where)
