"""High-water marks kept outside the store file, so a restore never reissues a code or version.

A small plain SQLite file beside the store (``marks.db``) records the highest code number per
day and counter, each dossier's code and versions, and the audit chain's head. It holds no
personal data (codes, UUIDs, numbers), so it is not encrypted; each row carries an HMAC with a
key derived from the store key, so a quiet edit (a mark lowered to reissue codes after a
restore) shows. A plain store has no key and so no MACs (docs/STORE.md).

A save writes in two steps around the store's commit:

1. ``reserve`` (before the commit, fsync'd): the code number and the dossier's version as
   *reserved*. A failure here fails the save with a typed error and nothing is written; a
   crash after it leaves a gap (gaps are normal), never a reused number.
2. ``confirm`` (after the commit, not fsync'd): the version as *committed* and the audit head.
   A failure here never turns a saved dossier into a reported failure: the store is already
   right, and the marks are caught up from it at the next action or start
   (storage/marks_reconcile.py).

A restore lists as missing only dossiers whose version was committed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from counter_app.storage.marks_check import COUNT_KEY, tampered_rows
from counter_app.storage.marks_errors import (
    marks_errors,
)

MARKS_FILE_NAME = "marks.db"
MARKS_CACHE_KIB = 32768
# Writers of the marks are serialised by the store's own write lock, so the marks file is
# only ever busy for a moment; a lock held longer is another program (an editor, a copy).
MARKS_BUSY_MS = 2000
MARKS_FORMAT = 2  # PRAGMA user_version of the marks file; 0 is the first (unauthenticated) one
MAC_CHARS = 32  # 128 bits of HMAC-SHA256 in hex

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS code_marks (day TEXT NOT NULL, counter INTEGER NOT NULL, "
    "last_number INTEGER NOT NULL, PRIMARY KEY (day, counter))",
    "CREATE TABLE IF NOT EXISTS dossier_marks (uuid TEXT PRIMARY KEY, code TEXT NOT NULL, "
    "version INTEGER NOT NULL, day TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS audit_marks (id INTEGER PRIMARY KEY CHECK (id = 1), "
    "seq INTEGER NOT NULL, hash TEXT NOT NULL)",
)
_FORMAT_2 = (
    "ALTER TABLE code_marks ADD COLUMN mac TEXT NOT NULL DEFAULT ''",
    # committed: the highest version the store is known to hold; version: the highest reserved.
    "ALTER TABLE dossier_marks ADD COLUMN committed INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE dossier_marks ADD COLUMN mac TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE audit_marks ADD COLUMN mac TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX dossier_marks_pending ON dossier_marks (uuid) WHERE committed < version",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL, mac TEXT NOT NULL)",
    # Breaks of the audit chain seen against these marks (a tail cut, a rewrite, a restore):
    # reported by ``audit verify`` until a supervisor acknowledges them.
    "CREATE TABLE audit_breaks (id INTEGER PRIMARY KEY, from_seq INTEGER NOT NULL, "
    "to_seq INTEGER NOT NULL, kind TEXT NOT NULL, detected_at TEXT NOT NULL, "
    "acknowledged_seq INTEGER, mac TEXT NOT NULL)",
    # Dossiers a restore took back to before they were saved: listed by the restore for
    # re-entry, so no longer reported as deleted by ``audit verify``.
    "CREATE TABLE restore_losses (uuid TEXT PRIMARY KEY, restore_seq INTEGER NOT NULL, "
    "mac TEXT NOT NULL)",
    # The highest letter number (Số) of each kind and year: printed letters are never
    # numbered twice after a restore either.
    "CREATE TABLE letter_marks (kind TEXT NOT NULL, year INTEGER NOT NULL, "
    "last_seq INTEGER NOT NULL, mac TEXT NOT NULL, PRIMARY KEY (kind, year))",
)


class DossierMark(NamedTuple):
    uuid: str
    code: str
    version: int
    day: str


class AuditBreak(NamedTuple):
    id: int
    from_seq: int
    to_seq: int
    kind: str  # "tail_missing", "rewritten", "restore"
    detected_at: str
    acknowledged_seq: int | None


def mac_key_for(store_key: bytes | None) -> bytes | None:
    """The marks' HMAC key, derived from the store key (never the store key itself)."""
    if store_key is None:
        return None
    return hmac.new(store_key, b"counter-app marks v2", hashlib.sha256).digest()


class Marks:
    """The marks file of one store; one connection, used from the thread that made it."""

    def __init__(self, path: Path, *, mac_key: bytes | None = None) -> None:
        self.path = path
        self.created = not path.exists()
        self._key = mac_key
        with marks_errors(path):
            if self.created:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            self.conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            with marks_errors(path):
                self._configure()
        except BaseException:
            self.conn.close()
            raise

    def _configure(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {MARKS_BUSY_MS}")
        self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # damaged: fails here
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        # Every save touches a random leaf of the UUID key; with SQLite's 2 MiB default the
        # marks of a million dossiers (about 130 MB) are re-read from disk on each save.
        self.conn.execute(f"PRAGMA cache_size = -{MARKS_CACHE_KIB}")
        if self.conn.execute("PRAGMA user_version").fetchone()[0] < MARKS_FORMAT:
            self._upgrade()

    def _upgrade(self) -> None:
        """Create or upgrade the file to format 2: MACs over every existing row."""
        with self._transaction():
            for statement in _SCHEMA:
                self.conn.execute(statement)
            if self.conn.execute("PRAGMA user_version").fetchone()[0] < MARKS_FORMAT:
                for statement in _FORMAT_2:
                    self.conn.execute(statement)
                # Format 1 wrote marks only just before the store committed: take them as
                # committed (a restore then lists them, as it always did).
                self.conn.execute("UPDATE dossier_marks SET committed = version")
                self._sign_all()
                self.conn.execute(f"PRAGMA user_version = {MARKS_FORMAT}")

    def _sign_all(self) -> None:
        letters = self.conn.execute("SELECT kind, year, last_seq FROM letter_marks").fetchall()
        self.conn.executemany(
            "UPDATE letter_marks SET mac = ? WHERE kind = ? AND year = ?",
            ((self.mac("letter", k, y, n), k, y) for k, y, n in letters),
        )
        rows = self.conn.execute("SELECT day, counter, last_number FROM code_marks").fetchall()
        self.conn.executemany(
            "UPDATE code_marks SET mac = ? WHERE day = ? AND counter = ?",
            ((self._code_mac(d, c, n), d, c) for d, c, n in rows),
        )
        marks = self.conn.execute("SELECT uuid, code, version, committed, day FROM dossier_marks")
        self.conn.executemany(
            "UPDATE dossier_marks SET mac = ? WHERE uuid = ?",
            ((self._dossier_mac(u, c, v, k, d), u) for u, c, v, k, d in marks.fetchall()),
        )
        head = self.conn.execute("SELECT seq, hash FROM audit_marks").fetchone()
        if head is not None:
            self.conn.execute("UPDATE audit_marks SET mac = ?", (self.mac("head", *head),))
        count = self.conn.execute("SELECT count(*) FROM dossier_marks").fetchone()[0]
        self._set_meta(COUNT_KEY, str(count))

    def close(self) -> None:
        self.conn.close()

    # --- MACs ---------------------------------------------------------------------------

    def mac(self, table: str, *fields: object) -> str:
        """The row MAC (empty without a key): public for the check in storage/marks_check.py."""
        if self._key is None:
            return ""
        text = "\x1f".join([table, *(str(f) for f in fields)])
        return hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).hexdigest()[:MAC_CHARS]

    def _code_mac(self, day: str, counter: int, number: int) -> str:
        return self.mac("code", day, counter, number)

    def _dossier_mac(self, uuid: str, code: str, version: int, committed: int, day: str) -> str:
        return self.mac("dossier", uuid, code, version, committed, day)

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value, mac) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value, mac = excluded.mac",
            (key, value, self.mac("meta", key, value)),
        )

    # --- reading ------------------------------------------------------------------------

    def last_code_number(self, day: str, counter: int) -> int:
        with marks_errors(self.path):
            row = self.conn.execute(
                "SELECT last_number FROM code_marks WHERE day = ? AND counter = ?", (day, counter)
            ).fetchone()
        return 0 if row is None else int(row[0])

    def dossier_version(self, uuid: str) -> int:
        """The highest version ever reserved for ``uuid``: the next one goes above it."""
        with marks_errors(self.path):
            row = self.conn.execute(
                "SELECT version FROM dossier_marks WHERE uuid = ?", (uuid,)
            ).fetchone()
        return 0 if row is None else int(row[0])

    def last_letter_seq(self, kind: str, year: int) -> int:
        with marks_errors(self.path):
            row = self.conn.execute(
                "SELECT last_seq FROM letter_marks WHERE kind = ? AND year = ?", (kind, year)
            ).fetchone()
        return 0 if row is None else int(row[0])

    def reserve_letter(self, kind: str, year: int, seq: int) -> None:
        """Before the store commits a printed letter: raise its number's mark (fsync'd)."""
        with self._transaction():
            self._raise_letter(kind, year, seq)

    def _raise_letter(self, kind: str, year: int, seq: int) -> None:
        if self.conn.execute(
            "SELECT 1 FROM letter_marks WHERE kind = ? AND year = ? AND last_seq >= ?",
            (kind, year, seq),
        ).fetchone():
            return
        self.conn.execute(
            "INSERT INTO letter_marks (kind, year, last_seq, mac) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (kind, year) DO UPDATE SET last_seq = excluded.last_seq, "
            "mac = excluded.mac",
            (kind, year, seq, self.mac("letter", kind, year, seq)),
        )

    def audit_head(self) -> tuple[int, str] | None:
        with marks_errors(self.path):
            row = self.conn.execute("SELECT seq, hash FROM audit_marks WHERE id = 1").fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def all_dossiers(self) -> list[DossierMark]:
        """Dossiers known to have been committed, with their highest committed version."""
        rows = self.conn.execute(
            "SELECT uuid, code, committed, day FROM dossier_marks WHERE committed > 0 ORDER BY code"
        )
        return [DossierMark(*row) for row in rows]

    def losses(self) -> list[tuple[str, str]]:
        """(uuid, code) of the dossiers restores took back, in code order (for re-entry or
        recovery from the city)."""
        rows = self.conn.execute(
            "SELECT l.uuid, coalesce(d.code, '') FROM restore_losses l "
            "LEFT JOIN dossier_marks d ON d.uuid = l.uuid ORDER BY d.code, l.uuid"
        )
        return [(str(u), str(c)) for u, c in rows]

    def committed_by_uuid(self) -> Iterator[tuple[str, str]]:
        """(uuid, code) of every dossier known to be saved and not lost to a restore, in UUID
        order."""
        rows = self.conn.execute(
            "SELECT uuid, code FROM dossier_marks WHERE committed > 0 "
            "AND uuid NOT IN (SELECT uuid FROM restore_losses) ORDER BY uuid"
        )
        for uuid, code in rows:
            yield str(uuid), str(code)

    def pending(self) -> list[tuple[str, int, int]]:
        """(uuid, reserved, committed) of the dossiers whose last save is not confirmed."""
        rows = self.conn.execute(
            "SELECT uuid, version, committed FROM dossier_marks WHERE committed < version"
        )
        return [(str(u), int(v), int(c)) for u, v, c in rows]

    # --- writing around a save ------------------------------------------------------------

    def reserve(self, *, day: str, counter: int, number: int | None, mark: DossierMark) -> None:
        """Before the store commits: raise the code number and reserve the dossier's version."""
        with self._transaction():
            if number is not None:
                self._raise_code(day, counter, number)
            self._reserve_dossier(mark)

    def reserve_many(
        self, *, code_numbers: Iterable[tuple[str, int, int]], marks: Iterable[DossierMark]
    ) -> None:
        """``reserve`` for a batch of new dossiers at once (demonstration data)."""
        with self._transaction():
            for day, counter, number in code_numbers:
                self._raise_code(day, counter, number)
            for mark in marks:
                self._reserve_dossier(mark)

    def confirm(self, *, committed: Iterable[tuple[str, int]], head: tuple[int, str]) -> None:
        """After the store committed: versions as committed, and the audit head.

        Not fsync'd: a confirmation a power cut loses is redone from the store at the next
        start, so it need not cost a disk flush on every save.
        """
        self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            with self._transaction():
                for uuid, version in committed:
                    self._commit_dossier(uuid, version)
                self._write_head(*head, allow_lower=False)
        finally:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA synchronous = FULL")

    def raise_from_store(
        self,
        *,
        code_numbers: Iterable[tuple[str, int, int]],
        dossiers: Iterable[DossierMark],
        head: tuple[int, str] | None,
        letters: Iterable[tuple[str, int, int]] = (),
    ) -> None:
        """Rebuild upward from what the store holds (committed there): never lowers a mark."""
        with self._transaction():
            for kind, year, seq in letters:
                self._raise_letter(kind, year, seq)
            for day, counter, number in code_numbers:
                self._raise_code(day, counter, number)
            for mark in dossiers:
                self._reserve_dossier(mark)
                self._commit_dossier(mark.uuid, mark.version)
            if head is not None:
                self._write_head(*head, allow_lower=False)

    def settle(self, uuid: str, committed: int) -> None:
        """A pending reservation checked against the store: ``committed`` is what it holds."""
        with self._transaction():
            self._commit_dossier(uuid, committed)

    def _raise_code(self, day: str, counter: int, number: int) -> None:
        current = self.conn.execute(
            "SELECT last_number FROM code_marks WHERE day = ? AND counter = ?", (day, counter)
        ).fetchone()
        if current is not None and int(current[0]) >= number:
            return
        self.conn.execute(
            "INSERT INTO code_marks (day, counter, last_number, mac) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (day, counter) DO UPDATE SET last_number = excluded.last_number, "
            "mac = excluded.mac",
            (day, counter, number, self._code_mac(day, counter, number)),
        )

    def _reserve_dossier(self, mark: DossierMark) -> None:
        row = self.conn.execute(
            "SELECT code, version, committed, day FROM dossier_marks WHERE uuid = ?", (mark.uuid,)
        ).fetchone()
        if row is None:
            self._write_dossier(mark.uuid, mark.code, mark.version, 0, mark.day)
            self._bump_count()
        elif mark.version > int(row[1]):
            self._write_dossier(mark.uuid, row[0], mark.version, int(row[2]), row[3])

    def _commit_dossier(self, uuid: str, version: int) -> None:
        row = self.conn.execute(
            "SELECT code, version, committed, day FROM dossier_marks WHERE uuid = ?", (uuid,)
        ).fetchone()
        if row is not None and version > int(row[2]):
            self._write_dossier(uuid, row[0], max(int(row[1]), version), version, row[3])

    def _write_dossier(self, uuid: str, code: str, version: int, committed: int, day: str) -> None:
        self.conn.execute(
            "INSERT INTO dossier_marks (uuid, code, version, committed, day, mac) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET version = "
            "excluded.version, committed = excluded.committed, mac = excluded.mac",
            (uuid, code, version, committed, day,
             self._dossier_mac(uuid, code, version, committed, day)),
        )  # fmt: skip

    def _bump_count(self) -> None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (COUNT_KEY,)).fetchone()
        self._set_meta(COUNT_KEY, str((int(row[0]) if row else 0) + 1))

    def _write_head(self, seq: int, digest: str, *, allow_lower: bool) -> None:
        current = self.audit_head()
        if current is not None and current[0] > seq and not allow_lower:
            return
        self.conn.execute(
            "INSERT INTO audit_marks (id, seq, hash, mac) VALUES (1, ?, ?, ?) ON CONFLICT (id) "
            "DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac",
            (seq, digest, self.mac("head", seq, digest)),
        )

    # --- breaks of the audit chain --------------------------------------------------------

    def record_break(self, *, from_seq: int, to_seq: int, kind: str, at: str) -> None:
        """Remember a break seen against the head, then follow the store's head from here."""
        with self._transaction():
            self.conn.execute(
                "INSERT INTO audit_breaks (from_seq, to_seq, kind, detected_at, mac) "
                "VALUES (?, ?, ?, ?, ?)",
                (from_seq, to_seq, kind, at, self.mac("break", from_seq, to_seq, kind, at)),
            )

    def follow_head(self, seq: int, digest: str) -> None:
        """Set the head to the store's, even lower (after a break has been recorded)."""
        with self._transaction():
            self._write_head(seq, digest, allow_lower=True)

    def start_new_chain(self) -> None:
        """A new store in this folder (``setup --replace``): keep every mark, so no number is
        issued again, but sign them with the new store's key and follow its empty chain."""
        with self._transaction():
            self._sign_all()
            self.conn.execute("DELETE FROM audit_marks")

    def breaks(self, *, open_only: bool = True) -> list[AuditBreak]:
        where = "WHERE acknowledged_seq IS NULL" if open_only else ""
        rows = self.conn.execute(
            "SELECT id, from_seq, to_seq, kind, detected_at, acknowledged_seq FROM audit_breaks "
            f"{where} ORDER BY id"
        )
        return [AuditBreak(*row) for row in rows]

    def acknowledge_breaks(self, ids: Iterable[int], *, by_seq: int, kind: str = "") -> None:
        """Close breaks (a supervisor's acknowledgement, or the restore that explains them)."""
        with self._transaction():
            for break_id in ids:
                row = self.conn.execute(
                    "SELECT from_seq, to_seq, kind, detected_at FROM audit_breaks WHERE id = ?",
                    (break_id,),
                ).fetchone()
                if row is None:
                    continue
                new_kind = kind or row[2]
                self.conn.execute(
                    "UPDATE audit_breaks SET kind = ?, acknowledged_seq = ?, mac = ? WHERE id = ?",
                    (new_kind, by_seq, self.mac("break", row[0], row[1], new_kind, row[3],
                                                 by_seq), break_id),
                )  # fmt: skip

    def record_losses(self, uuids: Iterable[str], *, restore_seq: int) -> None:
        """Dossiers the restore at audit row ``restore_seq`` took back (listed for re-entry)."""
        with self._transaction():
            self.conn.executemany(
                "INSERT OR IGNORE INTO restore_losses (uuid, restore_seq, mac) VALUES (?, ?, ?)",
                ((u, restore_seq, self.mac("loss", u, restore_seq)) for u in uuids),
            )

    def tampered(self) -> list[str]:
        """Rows whose MAC does not match, and a dossier count that does not (rows deleted)."""
        return tampered_rows(self.conn, self.mac)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with marks_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
