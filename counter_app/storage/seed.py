"""Bulk writes for demonstration data (``counter-app demo seed``): many dossiers per transaction.

A real intake writes one dossier per transaction, each fsync'd; a training store of a million
dossiers written that way would take hours. These writers take whole batches of rows built in
memory and hand them to ``executemany``, into the same tables and columns a real intake fills
(schema.py), so the seeded store behaves like a real one: search, lists, audit, sync. Call them
inside one write transaction per batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from counter_app.storage.engine import Database
from counter_app.storage.search import add_search_words

# Columns of a seeded dossier row, in the order the tuples of ``SeedRows.dossiers`` hold them.
DOSSIER_COLUMNS: tuple[str, ...] = (
    "id", "uuid", "code", "version", "status", "channel", "receiving_agency",
    "competent_agency", "counter", "procedure_code", "catalogue_version", "applicant_id",
    "applicant_kind", "id_type", "id_number", "full_name", "applicant", "proxy", "phone",
    "email", "documents", "sets", "fee_vnd", "fee_exemption", "received_at", "received_day",
    "due_at", "notes", "clerk", "queue_ticket", "log_book", "log_line", "form_set",
    "outcome_reason", "returned_at", "first_synced_at", "synced_version", "updated_at",
    "folded_name", "folded_address",
)  # fmt: skip

# Page cache while seeding, in KiB (a negative cache_size is KiB in SQLite): the random uuid
# and name index inserts of a million rows touch pages all over the file, and the default
# 2 MB cache makes each batch re-read them. 256 MB fits a training PC; it is given back after.
SEED_CACHE_KIB = 256 * 1024


@dataclass
class SeedRows:
    """One batch: a tuple per row for each table, in the column order of its INSERT."""

    applicants: list[tuple[Any, ...]] = field(default_factory=list)
    applicant_visits: list[tuple[Any, ...]] = field(default_factory=list)  # (updated_at, id)
    dossiers: list[tuple[Any, ...]] = field(default_factory=list)
    versions: list[tuple[Any, ...]] = field(default_factory=list)
    due_dates: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    outbox: list[tuple[Any, ...]] = field(default_factory=list)
    code_numbers: list[tuple[str, int, int]] = field(default_factory=list)  # day, counter, n
    log_lines: list[tuple[str, int]] = field(default_factory=list)  # book, last line


def last_ids(db: Database) -> tuple[int, int]:
    """The highest dossier and applicant ids, so a batch can number its rows itself."""
    dossier = db.conn.execute("SELECT coalesce(max(id), 0) FROM dossiers").fetchone()[0]
    applicant = db.conn.execute("SELECT coalesce(max(id), 0) FROM applicants").fetchone()[0]
    return int(dossier), int(applicant)


def known_id_numbers(db: Database, id_type: str) -> set[str]:
    """Document numbers already in the store: seeded people never take one of them."""
    rows = db.conn.execute("SELECT id_number FROM applicants WHERE id_type = ?", (id_type,))
    return {str(row[0]) for row in rows}


def code_numbers_of(db: Database, counter: int) -> dict[str, int]:
    """The last code number used per day by ``counter`` (day → number)."""
    rows = db.conn.execute(
        "SELECT day, last_number FROM code_sequences WHERE counter = ?", (counter,)
    )
    return {str(day): int(number) for day, number in rows}


def log_book_lines(db: Database) -> dict[str, int]:
    return {
        str(book): int(line)
        for book, line in db.conn.execute("SELECT book, last_line FROM log_books")
    }


_FOLDED = (DOSSIER_COLUMNS.index("folded_name"), DOSSIER_COLUMNS.index("folded_address"))


def insert_batch(db: Database, rows: SeedRows) -> None:
    """Write one batch; call inside the batch's write transaction."""
    conn = db.conn
    conn.executemany(
        "INSERT INTO applicants (id, id_type, id_number, full_name, details, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows.applicants,
    )
    conn.executemany("UPDATE applicants SET updated_at = ? WHERE id = ?", rows.applicant_visits)
    names, marks = ", ".join(DOSSIER_COLUMNS), ", ".join("?" for _ in DOSSIER_COLUMNS)
    conn.executemany(f"INSERT INTO dossiers ({names}) VALUES ({marks})", rows.dossiers)
    add_search_words(db, (row[i] for row in rows.dossiers for i in _FOLDED))
    conn.executemany(
        "INSERT INTO dossier_versions (dossier_id, version, saved_at, actor, snapshot) "
        "VALUES (?, ?, ?, ?, ?)",
        rows.versions,
    )
    conn.executemany(
        "INSERT INTO due_dates (dossier_id, due_at, reason, set_at, actor) VALUES (?, ?, ?, ?, ?)",
        rows.due_dates,
    )
    _insert_events(db, rows.events)
    _insert_outbox(db, rows.outbox)
    _raise_sequences(db, rows.code_numbers, rows.log_lines)


def _insert_events(db: Database, events: Sequence[tuple[Any, ...]]) -> None:
    db.conn.executemany(
        "INSERT INTO dossier_events (dossier_id, at, actor, kind, from_status, to_status, reason, "
        "details, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )


def _insert_outbox(db: Database, entries: Sequence[tuple[Any, ...]]) -> None:
    db.conn.executemany(
        "INSERT INTO outbox (dossier_id, version, idempotency_key, created_at, state, attempts, "
        "done_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        entries,
    )


def _raise_sequences(
    db: Database, code_numbers: Sequence[tuple[str, int, int]], log_lines: Sequence[tuple[str, int]]
) -> None:
    """Raise (never lower) the daily code numbers and the log books' last lines."""
    db.conn.executemany(
        "INSERT INTO code_sequences (day, counter, last_number) VALUES (?, ?, ?) "
        "ON CONFLICT (day, counter) DO UPDATE SET "
        "last_number = max(last_number, excluded.last_number)",
        code_numbers,
    )
    db.conn.executemany(
        "INSERT INTO log_books (book, last_line) VALUES (?, ?) ON CONFLICT (book) DO UPDATE "
        "SET last_line = max(last_line, excluded.last_line)",
        log_lines,
    )


@contextmanager
def bulk_cache(db: Database) -> Iterator[None]:
    """A large page cache for the duration of a seed, then the connection's own size again."""
    before = int(db.conn.execute("PRAGMA cache_size").fetchone()[0])
    db.conn.execute(f"PRAGMA cache_size = -{SEED_CACHE_KIB}")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA cache_size = {before}")
