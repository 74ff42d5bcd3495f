"""High-water marks kept outside the store file, so a restore never reissues a code or version.

A small plain SQLite file beside the store (``marks.db``) records, before each dossier write
commits, the highest code number per day and counter, and each dossier's code and highest
version. It holds no personal data (codes, UUIDs, numbers), so it is not encrypted. After a
restore the app continues above these marks and lists the dossiers the backup lacks. The mark
is written first: if the store's commit then fails, a number is skipped (gaps are normal),
never reused.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

MARKS_FILE_NAME = "marks.db"
MARKS_CACHE_KIB = 32768

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS code_marks (day TEXT NOT NULL, counter INTEGER NOT NULL, "
    "last_number INTEGER NOT NULL, PRIMARY KEY (day, counter))",
    "CREATE TABLE IF NOT EXISTS dossier_marks (uuid TEXT PRIMARY KEY, code TEXT NOT NULL, "
    "version INTEGER NOT NULL, day TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS audit_marks (id INTEGER PRIMARY KEY CHECK (id = 1), "
    "seq INTEGER NOT NULL, hash TEXT NOT NULL)",
)


class DossierMark(NamedTuple):
    uuid: str
    code: str
    version: int
    day: str


class Marks:
    """The marks file of one store; one connection, used from the thread that made it."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        self.path = path
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA busy_timeout = 5000")
        # Every save touches a random leaf of the UUID key; with SQLite's 2 MiB default the
        # marks of a million dossiers (about 130 MB) are re-read from disk on each save.
        self.conn.execute(f"PRAGMA cache_size = -{MARKS_CACHE_KIB}")
        for statement in _SCHEMA:
            self.conn.execute(statement)

    def close(self) -> None:
        self.conn.close()

    def last_code_number(self, day: str, counter: int) -> int:
        row = self.conn.execute(
            "SELECT last_number FROM code_marks WHERE day = ? AND counter = ?", (day, counter)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def dossier_version(self, uuid: str) -> int:
        row = self.conn.execute(
            "SELECT version FROM dossier_marks WHERE uuid = ?", (uuid,)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def record(self, *, day: str, counter: int, number: int | None, mark: DossierMark) -> None:
        """Raise the marks for one dossier write (and its new code number, if it got one)."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            if number is not None:
                self.conn.execute(
                    "INSERT INTO code_marks (day, counter, last_number) VALUES (?, ?, ?) "
                    "ON CONFLICT (day, counter) DO UPDATE SET "
                    "last_number = max(last_number, excluded.last_number)",
                    (day, counter, number),
                )
            self.conn.execute(
                "INSERT INTO dossier_marks (uuid, code, version, day) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (uuid) DO UPDATE SET version = max(version, excluded.version)",
                tuple(mark),
            )

    def record_many(
        self, *, code_numbers: Iterable[tuple[str, int, int]], marks: Iterable[DossierMark]
    ) -> None:
        """Raise the marks for a batch of new dossiers at once (demonstration data).

        ``code_numbers`` holds (day, counter, number); like ``record``, call it before the
        store's transaction commits, so a failed batch leaves gaps, never reused numbers.
        """
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany(
                "INSERT INTO code_marks (day, counter, last_number) VALUES (?, ?, ?) "
                "ON CONFLICT (day, counter) DO UPDATE SET "
                "last_number = max(last_number, excluded.last_number)",
                code_numbers,
            )
            self.conn.executemany(
                "INSERT INTO dossier_marks (uuid, code, version, day) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (uuid) DO UPDATE SET version = max(version, excluded.version)",
                (tuple(mark) for mark in marks),
            )

    def record_audit_head(self, seq: int, digest: str) -> None:
        """Copy the audit head, without waiting for the disk.

        A head that a power cut leaves behind the store is harmless (``audit verify`` checks
        the row at the recorded head, which still exists), so this write skips the fsync the
        code marks need, which would cost a whole disk flush on every save.
        """
        self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            self._write_audit_head(seq, digest)
        finally:
            self.conn.execute("PRAGMA synchronous = FULL")

    def _write_audit_head(self, seq: int, digest: str) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO audit_marks (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) "
                "DO UPDATE SET seq = excluded.seq, hash = excluded.hash WHERE excluded.seq >= seq",
                (seq, digest),
            )

    def audit_head(self) -> tuple[int, str] | None:
        row = self.conn.execute("SELECT seq, hash FROM audit_marks WHERE id = 1").fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def all_dossiers(self) -> list[DossierMark]:
        rows = self.conn.execute("SELECT uuid, code, version, day FROM dossier_marks ORDER BY code")
        return [DossierMark(*row) for row in rows]
