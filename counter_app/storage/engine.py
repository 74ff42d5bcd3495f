"""Opening the store: one SQLite file, encrypted with SQLCipher unless IT opted out.

sqlite-utils catches the stdlib ``sqlite3`` exceptions, while sqlcipher3 raises its own classes.
sqlite-utils prefers ``pysqlite3`` when that module exists, so pointing ``pysqlite3`` at
sqlcipher3 *before* sqlite-utils is first imported makes both agree (platform.md, "sqlite-utils
needs one shim"). This module is the one place that does it; import sqlite-utils only through
here. Code that catches database errors uses ``DB_ERRORS`` below, never ``sqlite3.*``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlcipher3 import dbapi2

sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", dbapi2)

import sqlite_utils  # noqa: E402  (must follow the shim above)

from counter_app.errors import BadInputError, CounterAppError, EnvironmentProblem  # noqa: E402

Database = sqlite_utils.Database
DatabaseError = dbapi2.DatabaseError
IntegrityError = dbapi2.IntegrityError
OperationalError = dbapi2.OperationalError

KEY_BYTES = 32  # SQLCipher's raw key: 256 bits, used as is (no PBKDF2 on every open)
# How long a writer waits for another (the sync worker, a CLI run) before giving up: long
# enough to ride out a sync pass's commit, short enough that a clerk is never left hanging.
BUSY_TIMEOUT_MS = 5000
PLAIN_HEADER = b"SQLite format 3\x00"
# Page cache per connection, in KiB. A save touches a few random index pages (UUIDs, ID numbers,
# the search index); with SQLite's 2 MiB default they are re-read and re-decrypted every time
# on a large store. 64 MiB keeps the hot index pages of a million-dossier store in memory.
CACHE_KIB = 65536


class StoreLockedError(EnvironmentProblem):
    """Another program holds the store's write lock for longer than the busy timeout."""

    code = "STORE_LOCKED"


class StoreKeyError(EnvironmentProblem):
    """The store cannot be read with the key we have (wrong key, or no key at all)."""

    code = "STORE_KEY_WRONG"


class StoreCorruptError(EnvironmentProblem):
    """The file is not a readable SQLite database, or its integrity check failed."""

    code = "STORE_CORRUPT"


class DiskFullError(CounterAppError):
    """The disk (or the store's size limit) is full: nothing of the action was written."""

    code = "DISK_FULL"
    exit_status = 3


class StoreIntegrityError(BadInputError):
    """A write broke a uniqueness or reference rule (e.g. a dossier code already used)."""

    code = "STORE_CONFLICT"


def is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (its header is readable text)."""
    with path.open("rb") as handle:
        return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER


def connect(path: Path, *, key: bytes | None) -> Database:
    """A configured connection: key, WAL, synchronous FULL, foreign keys, busy timeout.

    ``key`` None opens a plain SQLite file (tests, IT who opted out). The file is created
    owner-only when it does not exist yet.
    """
    _create_private(path)
    conn = dbapi2.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        if key is not None:
            _apply_key(conn, key)
        _configure(conn)
    except DatabaseError as error:
        conn.close()
        raise _classify(error, keyed=key is not None) from None
    return Database(conn)


def _create_private(path: Path) -> None:
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)


def _apply_key(conn: Any, key: bytes) -> None:
    if len(key) != KEY_BYTES:
        raise StoreKeyError("key length")
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")


def _configure(conn: Any) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # The first real read: a wrong key or a non-database file fails here.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a dossier whose save returned survives a power cut (platform.md, SQLite).
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _classify(error: Exception, *, keyed: bool) -> CounterAppError:
    text = str(error).lower()
    if "not a database" in text:
        return StoreKeyError("") if keyed else StoreCorruptError("")
    if "locked" in text or "busy" in text:
        return StoreLockedError("")
    if "full" in text:
        return DiskFullError("")
    return StoreCorruptError(type(error).__name__)


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One user action, one transaction: ``BEGIN IMMEDIATE`` takes the write lock up front.

    Taking the lock at the start (rather than at the first write) means a busy store fails
    before anything is computed from data another writer is about to change. Database errors
    come out as the app's typed errors; nothing of the block is kept when one is raised.
    """
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except OperationalError as error:
        raise _classify(error, keyed=False) from None
    try:
        yield db
    except BaseException as error:
        conn.execute("ROLLBACK")
        if isinstance(error, IntegrityError):
            raise StoreIntegrityError("") from None
        if isinstance(error, DatabaseError):
            raise _classify(error, keyed=False) from None
        raise
    else:
        try:
            conn.execute("COMMIT")
        except DatabaseError as error:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
            raise _classify(error, keyed=False) from None


def integrity_ok(db: Database) -> bool:
    rows = db.conn.execute("PRAGMA integrity_check").fetchall()
    return [tuple(row) for row in rows] == [("ok",)]
