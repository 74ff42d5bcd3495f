"""Opening the store: one SQLite file, encrypted with SQLCipher unless IT opted out.

Storage speaks SQL to sqlcipher3's DB-API connection directly (docs/ARCHITECTURE.md says why
there is no sqlite-utils). Code that catches database errors uses the classes below, never
``sqlite3.*``: sqlcipher3 raises its own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2

from counter_app.errors import BadInputError, CounterAppError, EnvironmentProblem


class Database:
    """The store's open connection: the first argument of every storage verb.

    ``conn`` is the DB-API connection (autocommit; ``write_transaction`` opens transactions).
    """

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def __repr__(self) -> str:
        return f"<Database {self.conn!r}>"


DatabaseError = dbapi2.DatabaseError
# Any SQLite error: the store's (sqlcipher3) and the marks file's (the standard library's).
ANY_DATABASE_ERROR: tuple[type[Exception], ...] = (dbapi2.DatabaseError, sqlite3.DatabaseError)
IntegrityError = dbapi2.IntegrityError
OperationalError = dbapi2.OperationalError

KEY_BYTES = 32  # SQLCipher's raw key: 256 bits, used as is (no PBKDF2 on every open)
# Each page's HMAC, the first for new stores. Every page a save writes (some 35) is enciphered
# and authenticated; SHA-256 runs in the processor's SHA extensions on current x86 where SHA-512
# does not: processor time per 4 KB page written, plain 6 µs, HMAC-SHA512 18 µs, HMAC-SHA256
# 14 µs (bench/bench_page_hmac.py); the rest is AES-256-CBC, which SQLCipher does not let us
# choose. Stores made before keep HMAC-SHA512 (the second); a new file or backup gets the first.
HMAC_ALGORITHMS = ("HMAC_SHA256", "HMAC_SHA512")
# How long a writer waits for another (the sync worker, a CLI run) before giving up: long
# enough to ride out a sync pass's commit, short enough that a clerk is never left hanging.
BUSY_TIMEOUT_MS = 5000
PLAIN_HEADER = b"SQLite format 3\x00"
# Page cache per connection, in KiB. A save touches a few random index pages (UUIDs, ID numbers,
# the search index); with SQLite's 2 MiB default they are re-read and re-decrypted every time
# on a large store. 64 MiB keeps the hot index pages of a million-dossier store in memory.
CACHE_KIB = 65536
# SQLite reports a -wal or -shm file that cannot grow as a plain "disk I/O error" (SQLITE_IOERR),
# not as "database or disk is full". With less than this free beside the store, such an error
# is a full disk, not a failing one: a save needs a few WAL frames (4 KB pages, up to the 4 MB
# auto-checkpoint) and the -shm grows by 32 KB, so 8 MB free rules the disk out as the cause.
LOW_SPACE_BYTES = 8 * 1024 * 1024
SIZE_UNITS = ("KB", "MB", "GB", "TB")
QUICK_CHECK_DETAIL_CHARS = 300  # the first findings are enough for IT; the rest repeat them


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
    """The disk (or the store's size limit) is full: nothing of the action was written.

    ``detail`` says how much is free in which folder, when known (no personal data).
    """

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
    owner-only when it does not exist yet. A keyed file is read with each page HMAC of
    ``HMAC_ALGORITHMS`` in turn: a store made before HMAC-SHA256 keeps its HMAC-SHA512.
    """
    _create_private(path)
    if key is None:
        return _connect_with(path, key=None, hmac=None)
    for hmac in HMAC_ALGORITHMS[:-1]:
        try:
            return _connect_with(path, key=key, hmac=hmac)
        except StoreKeyError:
            continue  # a store of the earlier page HMAC, or the wrong key: try the next
    return _connect_with(path, key=key, hmac=HMAC_ALGORITHMS[-1])


def _connect_with(path: Path, *, key: bytes | None, hmac: str | None) -> Database:
    conn = dbapi2.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        if key is not None and hmac is not None:
            _apply_key(conn, key, hmac)
        _configure(conn)
    except DatabaseError as error:
        conn.close()
        raise classify_error(error, keyed=key is not None, folder=path.parent) from None
    return Database(conn)


def _create_private(path: Path) -> None:
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)


def _apply_key(conn: Any, key: bytes, hmac: str) -> None:
    if len(key) != KEY_BYTES:
        raise StoreKeyError("key length")
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA cipher_hmac_algorithm = {hmac}")


def _configure(conn: Any) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # The first real read: a wrong key or a non-database file fails here.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a dossier whose save returned survives a power cut (platform.md, SQLite).
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def classify_error(
    error: Exception, *, keyed: bool = False, folder: Path | None
) -> CounterAppError:
    """A database error as the app's typed error.

    ``keyed``: the error came from a keyed store's first read, where "not a database" means
    the wrong key. ``folder`` is where the store lives: an I/O error there with little space
    left is DISK_FULL, never STORE_CORRUPT (whose advice, a restore, would do harm).
    """
    text = str(error).lower()
    if "not a database" in text and keyed:
        return StoreKeyError("")
    if "locked" in text or "busy" in text:
        return StoreLockedError("")
    free = free_bytes(folder)
    if "full" in text or ("i/o" in text and free is not None and free < LOW_SPACE_BYTES):
        return DiskFullError(space_detail(folder, free))
    return StoreCorruptError(type(error).__name__)


def free_bytes(folder: Path | None) -> int | None:
    """Free space in ``folder`` for this account, or None when it cannot be told."""
    if folder is None:
        return None
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def space_detail(folder: Path | None, free: int | None) -> str:
    """ "38 KB free in /path": what DISK_FULL shows IT (a folder, never a citizen's data)."""
    if folder is None or free is None:
        return ""
    return f"{human_size(free)} free in {folder}"


def human_size(size: int) -> str:
    """1536 -> "2 KB": free space as IT reads it."""
    if size < 1024:
        return f"{size} bytes"
    value, unit = size / 1024, 0
    while value >= 1024 and unit < len(SIZE_UNITS) - 1:
        value, unit = value / 1024, unit + 1
    return f"{value:.0f} {SIZE_UNITS[unit]}"


def database_folder(db: Database) -> Path | None:
    """The folder of ``db``'s main file; None for an in-memory one or a broken connection."""
    try:
        rows = db.conn.execute("PRAGMA database_list").fetchall()
    except ANY_DATABASE_ERROR:
        return None
    paths = [str(row[2]) for row in rows if row[1] == "main" and row[2]]
    return Path(paths[0]).parent if paths else None


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
        raise classify_error(error, folder=database_folder(db)) from None
    try:
        yield db
    except BaseException as error:
        conn.execute("ROLLBACK")
        if isinstance(error, IntegrityError):
            raise StoreIntegrityError("") from None
        if isinstance(error, DatabaseError):
            raise classify_error(error, folder=database_folder(db)) from None
        raise
    else:
        try:
            conn.execute("COMMIT")
        except DatabaseError as error:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
            raise classify_error(error, folder=database_folder(db)) from None


@contextlib.contextmanager
def savepoint(db: Database) -> Iterator[Database]:
    """A part of the transaction already open: undone alone when it raises, else kept for the
    outer commit. Lets a use case call another inside its own action (one user action, one
    transaction) without a second, "inside the caller's transaction" copy of it."""
    conn = db.conn
    conn.execute("SAVEPOINT nested")
    try:
        yield db
    except BaseException:
        conn.execute("ROLLBACK TO nested")
        conn.execute("RELEASE nested")
        raise
    conn.execute("RELEASE nested")


def integrity_ok(db: Database) -> bool:
    rows = db.conn.execute("PRAGMA integrity_check").fetchall()
    return [tuple(row) for row in rows] == [("ok",)]


def quick_check(db: Database) -> str:
    """SQLite's ``quick_check``: "ok", or its first finding (page numbers, no row data).

    A damaged page may also stop the check itself with an error: that is its finding.
    """
    try:
        rows = db.conn.execute("PRAGMA quick_check").fetchall()
    except ANY_DATABASE_ERROR as error:
        return f"{type(error).__name__}: {error}"[:QUICK_CHECK_DETAIL_CHARS]
    findings = [str(row[0]) for row in rows]
    return "ok" if findings == ["ok"] else "; ".join(findings)[:QUICK_CHECK_DETAIL_CHARS]
