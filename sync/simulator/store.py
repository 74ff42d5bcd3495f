"""The city simulator's own SQLite file: the only module of the simulator with SQL.

The city is not the counter's store: a plain stdlib ``sqlite3`` file (no encryption, no
sqlite-utils) that a test can inspect with ``city-sim dump``. One connection per operation,
WAL and a busy timeout, so ``city-sim advance`` may run while the server serves.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

BUSY_TIMEOUT_MS = 5000  # as the counter's store: a CLI advance waits for a request to finish

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    dossier_uuid TEXT PRIMARY KEY,
    counter_id TEXT NOT NULL,
    agency TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,          -- MaHoSo at the city: the local one or one assigned here
    local_code TEXT NOT NULL,
    version INTEGER NOT NULL,
    payload TEXT NOT NULL,              -- the record as last accepted (JSON)
    sent_status TEXT NOT NULL,          -- TrangThaiHoSo of that record
    status TEXT NOT NULL,               -- the city's current status
    due_at TEXT NOT NULL,               -- NgayHenTra (yyyyMMddHHmmss), the city's current one
    finished_at TEXT NOT NULL,          -- NgayKetThucXuLy
    status_changed_at REAL NOT NULL,    -- epoch seconds of the server clock
    first_received_at TEXT NOT NULL,
    last_received_at TEXT NOT NULL,
    times_received INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    idempotency_key TEXT PRIMARY KEY,
    dossier_uuid TEXT NOT NULL,
    digest TEXT NOT NULL,
    result TEXT NOT NULL,               -- the RecordResult JSON first answered
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_uuid TEXT NOT NULL,
    counter_id TEXT NOT NULL,
    item TEXT NOT NULL                  -- the change item JSON, as the changes feed sends it
);
CREATE TABLE IF NOT EXISTS code_sequences (
    agency_day TEXT PRIMARY KEY,
    last_number INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counter_keys (counter_id TEXT PRIMARY KEY, public_key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cancellations (
    dossier_uuid TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, counter_id TEXT NOT NULL,
    agency TEXT NOT NULL, local_code TEXT NOT NULL, cancelled_at TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ward_counter_keys (
    agency TEXT NOT NULL, counter_id TEXT NOT NULL, public_key TEXT NOT NULL,
    PRIMARY KEY (agency, counter_id)
);
"""


@dataclass(frozen=True)
class CityDossier:
    dossier_uuid: str
    counter_id: str
    agency: str
    code: str
    local_code: str
    version: int
    payload: str
    sent_status: str
    status: str
    due_at: str
    finished_at: str
    status_changed_at: float
    first_received_at: str
    last_received_at: str
    times_received: int


_DOSSIER_COLUMNS = ", ".join(CityDossier.__dataclass_fields__)


@dataclass(frozen=True)
class StoredKey:
    dossier_uuid: str
    digest: str
    result: str


@contextmanager
def open_db(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection with the schema in place, closed on exit; transactions via ``atomic``.

    The file holds citizens' data: it is created owner-only (0600), and SQLite gives its WAL
    and shared-memory files the same mode; a wider file left by an older version is narrowed.
    """
    _owner_only(path)
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        db.executescript(_SCHEMA)
        yield db


def _owner_only(path: Path) -> None:
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


@contextmanager
def atomic(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` transaction: a batch is stored whole or not at all."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def get_key(db: sqlite3.Connection, key: str) -> StoredKey | None:
    row = db.execute(
        "SELECT dossier_uuid, digest, result FROM idempotency_keys WHERE idempotency_key = ?",
        (key,),
    ).fetchone()
    return StoredKey(*row) if row else None


def put_key(
    db: sqlite3.Connection, key: str, *, dossier_uuid: str, digest: str, result: str, at: str
) -> None:
    db.execute(
        "INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?)",
        (key, dossier_uuid, digest, result, at),
    )


def count_keys(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM idempotency_keys").fetchone()[0])


def get_dossier(db: sqlite3.Connection, dossier_uuid: str) -> CityDossier | None:
    row = db.execute(
        f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE dossier_uuid = ?", (dossier_uuid,)
    ).fetchone()
    return CityDossier(*row) if row else None


def dossier_with_code(db: sqlite3.Connection, code: str) -> str | None:
    """The UUID of the dossier holding ``code``, if any."""
    row = db.execute("SELECT dossier_uuid FROM dossiers WHERE code = ?", (code,)).fetchone()
    return str(row[0]) if row else None


def insert_dossier(db: sqlite3.Connection, dossier: CityDossier) -> None:
    marks = ", ".join("?" for _ in CityDossier.__dataclass_fields__)
    values = tuple(getattr(dossier, name) for name in CityDossier.__dataclass_fields__)
    db.execute(f"INSERT INTO dossiers ({_DOSSIER_COLUMNS}) VALUES ({marks})", values)


def update_version(db: sqlite3.Connection, dossier: CityDossier) -> None:
    """Store a newer version's payload and the status and due date it leaves the city with."""
    db.execute(
        "UPDATE dossiers SET version = ?, payload = ?, local_code = ?, sent_status = ?, "
        "status = ?, due_at = ?, status_changed_at = ? WHERE dossier_uuid = ?",
        (
            dossier.version, dossier.payload, dossier.local_code, dossier.sent_status,
            dossier.status, dossier.due_at, dossier.status_changed_at, dossier.dossier_uuid,
        ),
    )  # fmt: skip


def count_receipt(db: sqlite3.Connection, dossier_uuid: str, at: str) -> None:
    """One more delivery of a record of this dossier (a duplicate counts too)."""
    db.execute(
        "UPDATE dossiers SET times_received = times_received + 1, last_received_at = ? "
        "WHERE dossier_uuid = ?",
        (at, dossier_uuid),
    )


def set_city_state(
    db: sqlite3.Connection,
    dossier_uuid: str,
    *,
    status: str,
    due_at: str,
    finished_at: str,
    changed_at: float,
) -> None:
    db.execute(
        "UPDATE dossiers SET status = ?, due_at = ?, finished_at = ?, status_changed_at = ? "
        "WHERE dossier_uuid = ?",
        (status, due_at, finished_at, changed_at, dossier_uuid),
    )


def dossiers_in_status(
    db: sqlite3.Connection, statuses: tuple[str, ...], changed_before: float | None = None
) -> list[CityDossier]:
    """Dossiers in one of ``statuses``, optionally unchanged since ``changed_before``."""
    marks = ", ".join("?" for _ in statuses)
    sql = (
        f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE status IN ({marks}) "
        "AND dossier_uuid NOT IN (SELECT dossier_uuid FROM cancellations)"  # voided: no steps
    )
    params: list[object] = list(statuses)
    if changed_before is not None:
        sql += " AND status_changed_at <= ?"
        params.append(changed_before)
    return [CityDossier(*row) for row in db.execute(sql + " ORDER BY rowid", params)]


def all_dossiers(db: sqlite3.Connection) -> Iterator[CityDossier]:
    for row in db.execute(f"SELECT {_DOSSIER_COLUMNS} FROM dossiers ORDER BY rowid"):
        yield CityDossier(*row)


def add_change(db: sqlite3.Connection, *, dossier_uuid: str, counter_id: str, item: str) -> int:
    cursor = db.execute(
        "INSERT INTO changes (dossier_uuid, counter_id, item) VALUES (?, ?, ?)",
        (dossier_uuid, counter_id, item),
    )
    return int(cursor.lastrowid or 0)


def changes_after(
    db: sqlite3.Connection, seq: int, *, counter_id: str | None, limit: int
) -> list[tuple[int, str]]:
    """Up to ``limit`` changes after ``seq``, oldest first; ``counter_id`` None: every counter."""
    sql, params = "SELECT seq, item FROM changes WHERE seq > ?", list[object]([seq])
    if counter_id is not None:
        sql += " AND counter_id = ?"
        params.append(counter_id)
    rows = db.execute(sql + " ORDER BY seq LIMIT ?", [*params, limit]).fetchall()
    return [(int(row[0]), str(row[1])) for row in rows]


def next_code_number(db: sqlite3.Connection, agency_day: str) -> int:
    """The city's next number for an agency and day (call inside ``atomic``)."""
    db.execute(
        "INSERT INTO code_sequences VALUES (?, 1) ON CONFLICT(agency_day) "
        "DO UPDATE SET last_number = last_number + 1",
        (agency_day,),
    )
    row = db.execute(
        "SELECT last_number FROM code_sequences WHERE agency_day = ?", (agency_day,)
    ).fetchone()
    return int(row[0])


def get_setting(db: sqlite3.Connection, name: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
    return str(row[0]) if row else None


def put_setting(db: sqlite3.Connection, name: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (name, value))


def trust_counter_key(
    db: sqlite3.Connection, *, agency: str, counter_id: str, public_key: str
) -> None:
    """The key of one ward's counter; trusting a new key replaces the old one (rotation).

    The older ``counter_keys`` table, keyed by counter number alone, is no longer read: a
    number names a counter in every ward.
    """
    db.execute(
        "INSERT OR REPLACE INTO ward_counter_keys VALUES (?, ?, ?)",
        (agency, counter_id, public_key),
    )


def revoke_counter_key(db: sqlite3.Connection, *, agency: str, counter_id: str) -> bool:
    """Forget a ward counter's key: its files are refused from now on; False if none."""
    done = db.execute(
        "DELETE FROM ward_counter_keys WHERE agency = ? AND counter_id = ?", (agency, counter_id)
    )
    return done.rowcount > 0


def counter_key(db: sqlite3.Connection, *, agency: str, counter_id: str) -> str | None:
    row = db.execute(
        "SELECT public_key FROM ward_counter_keys WHERE agency = ? AND counter_id = ?",
        (agency, counter_id),
    ).fetchone()
    return str(row[0]) if row else None


def add_cancellation(
    db: sqlite3.Connection,
    *,
    key: str,
    dossier_uuid: str,
    counter_id: str,
    agency: str,
    local_code: str,
    cancelled_at: str,
    received_at: str,
) -> bool:
    """Record a void (a tombstone: a version arriving later does not revive the dossier);
    False when this dossier's cancellation is already held."""
    done = db.execute(
        "INSERT OR IGNORE INTO cancellations VALUES (?, ?, ?, ?, ?, ?, ?)",
        (dossier_uuid, key, counter_id, agency, local_code, cancelled_at, received_at),
    )
    return done.rowcount > 0


def is_cancelled(db: sqlite3.Connection, dossier_uuid: str) -> bool:
    return cancelled_at(db, dossier_uuid) is not None


def cancelled_at(db: sqlite3.Connection, dossier_uuid: str) -> str | None:
    """When the counter voided the dossier (as its cancellation said); None: not cancelled."""
    row = db.execute(
        "SELECT cancelled_at FROM cancellations WHERE dossier_uuid = ?", (dossier_uuid,)
    ).fetchone()
    return None if row is None else str(row[0])


def own_dossiers(
    db: sqlite3.Connection, uuids: list[str], *, counter_id: str, agency: str
) -> list[CityDossier]:
    """The dossiers among ``uuids`` that this ward's counter sent (never another counter's)."""
    if not uuids:
        return []
    marks = ", ".join("?" for _ in uuids)
    sql = (
        f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE dossier_uuid IN ({marks}) "
        "AND counter_id = ? AND agency = ? ORDER BY code"
    )
    return [CityDossier(*row) for row in db.execute(sql, [*uuids, counter_id, agency])]
