"""Numbered, append-only schema migrations, applied at start before anything else runs.

A migration is a function registered with ``@migration(n)``; once released it is never
edited, only followed by a new one. The schema version lives in ``PRAGMA user_version``.
A store written by a newer app (a higher version than any we know) is refused rather than
guessed at: opening it could corrupt data the newer app relies on.
"""

from __future__ import annotations

from collections.abc import Callable

from counter_app.errors import EnvironmentProblem
from counter_app.storage.engine import Database, write_transaction
from counter_app.storage.schema import SCHEMA_V1

Migration = Callable[[Database], None]
MIGRATIONS: dict[int, Migration] = {}


class StoreTooNewError(EnvironmentProblem):
    """The store was written by a newer version of the app."""

    code = "STORE_TOO_NEW"


def migration(number: int) -> Callable[[Migration], Migration]:
    def register(function: Migration) -> Migration:
        if number in MIGRATIONS:
            raise ValueError(f"migration {number} registered twice")
        MIGRATIONS[number] = function
        return function

    return register


def latest_version() -> int:
    return max(MIGRATIONS)


def schema_version(db: Database) -> int:
    row = db.conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(db: Database, *, target: int | None = None) -> list[int]:
    """Apply every pending migration (up to ``target``), each in its own transaction.

    Returns the numbers applied. ``target`` exists for tests that build an older store.
    """
    current = schema_version(db)
    if current > latest_version():
        raise StoreTooNewError(f"schema {current} > {latest_version()}")
    last = latest_version() if target is None else target
    applied = []
    for number in sorted(n for n in MIGRATIONS if current < n <= last):
        with write_transaction(db):
            MIGRATIONS[number](db)
            db.conn.execute(f"PRAGMA user_version = {number}")
        applied.append(number)
    return applied


@migration(1)
def _create_schema(db: Database) -> None:
    """The first schema: settings, catalogue, dossiers, events, outbox, audit, search."""
    for statement in SCHEMA_V1:
        db.conn.execute(statement)


@migration(2)
def _sync_bookkeeping(db: Database) -> None:
    """What the sync engine keeps between passes, and why a city rejected a version.

    ``sync_state`` holds the status-pull cursor, the last success and error, the clock skew;
    ``outbox.rejection`` the city's field-level reasons for the "needs attention" list.
    """
    db.conn.execute(
        "CREATE TABLE sync_state ("
        "key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )
    db.conn.execute("ALTER TABLE outbox ADD COLUMN rejection TEXT NOT NULL DEFAULT ''")


@migration(3)
def _issued_documents(db: Database) -> None:
    """Every receipt and counter form printed, so a reprint matches the original.

    ``form_set`` and ``params`` (reason, items, appointment) are what the original printed;
    ``seq`` numbers the letters (``Số``) per kind and year; a reprint points at its original.
    """
    db.conn.execute(
        """CREATE TABLE issued_documents (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            kind TEXT NOT NULL,
            form_set TEXT NOT NULL,
            year INTEGER NOT NULL,
            seq INTEGER,
            number TEXT NOT NULL DEFAULT '',
            layout TEXT NOT NULL,
            copies TEXT NOT NULL,
            dossier_version INTEGER NOT NULL,
            issued_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            reprint_of INTEGER REFERENCES issued_documents(id),
            params TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.conn.execute("CREATE INDEX issued_documents_dossier ON issued_documents (dossier_id, id)")
    db.conn.execute(
        "CREATE UNIQUE INDEX issued_documents_number ON issued_documents (kind, year, seq) "
        "WHERE seq IS NOT NULL"
    )


@migration(4)
def _users(db: Database) -> None:
    """The people who sign in at the window, their role and their password hash.

    ``username`` is stored lower-case (and compared without case); ``password_hash`` carries
    its own algorithm and parameters so they can be raised later; ``failed_attempts`` and
    ``locked_until`` throttle guessing.
    """
    db.conn.execute(
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL COLLATE NOCASE UNIQUE,
            full_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'administrator')),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


@migration(5)
def _drafts(db: Database) -> None:
    """The intake form as the clerk types it, so a crash or power cut loses nothing.

    Personal data: it lives in the encrypted store only, one row per form (``key``), and is
    deleted once the dossier is saved or the clerk starts a new intake.
    """
    db.conn.execute(
        "CREATE TABLE drafts ("
        "key TEXT PRIMARY KEY, content TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )


@migration(6)
def _filter_time_indexes(db: Database) -> None:
    """The dossiers view filtered by one status or one procedure, newest first: walked in
    index order.

    Without them a common status (result ready, returned) was found by walking the time index
    and reading each row for its status: up to a second on a cold million-row store.
    """
    db.conn.execute("CREATE INDEX dossiers_status_received ON dossiers (status, received_at, id)")
    db.conn.execute(
        "CREATE INDEX dossiers_procedure_received ON dossiers (procedure_code, received_at, id)"
    )


@migration(7)
def _dossier_seals(db: Database) -> None:
    """Seals: the digest of each dossier's rows, vouched for by one audit row for many dossiers.

    Dossiers saved before this release are sealed once, when the store is next opened
    (``services/store/opening.py``), so ``audit verify`` covers their data too
    (storage/dossier_digest).
    """
    db.conn.execute(
        "CREATE TABLE dossier_seals ("
        "audit_seq INTEGER NOT NULL, dossier_id INTEGER NOT NULL, code TEXT NOT NULL, "
        "digest TEXT NOT NULL, PRIMARY KEY (audit_seq, dossier_id))"
    )
    last_id = db.conn.execute("SELECT coalesce(max(id), 0) FROM dossiers").fetchone()[0]
    if last_id:
        db.conn.execute(
            "INSERT INTO settings (key, value) VALUES ('audit.baseline_pending', ?)",
            (str(int(last_id)),),
        )


@migration(8)
def _cancellations(db: Database) -> None:
    """Voids that must reach the city, and when each outbox entry may first have left.

    ``outbox.sent_at`` is set before a batch is posted or a file exported: from then on the
    city may hold the dossier whatever the counter heard back, so a void of it becomes a
    cancellation record (one per dossier, key ``<uuid>:cancel``) sent until acknowledged.
    """
    db.conn.execute("ALTER TABLE outbox ADD COLUMN sent_at TEXT")
    db.conn.execute(
        "CREATE TABLE cancellations ("
        "dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id), "
        "idempotency_key TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, "
        "state TEXT NOT NULL DEFAULT 'pending', done_at TEXT)"
    )


@migration(9)
def _city_recovery(db: Database) -> None:
    """What the city answered about each dossier a restore took back (``services/
    restore_recovery.py``): recovered from it, held but unreadable, or not held. A loss with
    no row here still awaits the city's answer, and a re-entry meanwhile asks first."""
    db.conn.execute(
        "CREATE TABLE city_recovery (uuid TEXT PRIMARY KEY, code TEXT NOT NULL, "
        "outcome TEXT NOT NULL, asked_at TEXT NOT NULL)"
    )


@migration(10)
def _supervisor_desk(db: Database) -> None:
    """Dossiers sent back for fixing, and the command line's sign-in sessions.

    ``send_backs``: one row per "needs fixing" (reason, who sent it, the clerk's fix, the
    supervisor's check); a dossier has at most one open at a time. ``cli_sessions`` keeps the
    SHA-256 of each session token (never the token or a password) with its user and expiry.
    """
    db.conn.execute(
        "CREATE TABLE send_backs ("
        "id INTEGER PRIMARY KEY, dossier_id INTEGER NOT NULL REFERENCES dossiers(id), "
        "clerk TEXT NOT NULL, reason TEXT NOT NULL, sent_by TEXT NOT NULL, sent_at TEXT NOT NULL, "
        "fixed_by TEXT, fixed_at TEXT, fix_note TEXT NOT NULL DEFAULT '', "
        "checked_by TEXT, checked_at TEXT)"
    )
    db.conn.execute(
        "CREATE UNIQUE INDEX send_backs_open ON send_backs (dossier_id) WHERE checked_at IS NULL"
    )
    db.conn.execute(
        "CREATE TABLE cli_sessions ("
        "token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, created_at TEXT NOT NULL, "
        "expires_at TEXT NOT NULL)"
    )


@migration(11)
def _chip_portraits(db: Database) -> None:
    """The chip's portrait of a dossier's applicant, kept only where the ward enables it.

    In the store, so it is encrypted at rest with the dossier and leaves with its backups; one
    row per dossier at most, never sent to the city (docs/CHIP.md).
    """
    db.conn.execute(
        "CREATE TABLE dossier_portraits ("
        "dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id), "
        "mime_type TEXT NOT NULL, image BLOB NOT NULL, sha256 TEXT NOT NULL, "
        "verification TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
