"""The SQL of migration 1, one statement per item (``executescript`` would commit early).

Times are ISO 8601 text with the +07:00 offset; days are ``YYYY-MM-DD``. Personal data sits in
the dossier and applicant rows only, never in the audit details or the outbox.
"""

from __future__ import annotations

from typing import Final

SCHEMA_V1: Final[tuple[str, ...]] = (
    # Key/value settings (agency, counter, code ranges, form set ...), values as JSON text.
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # Catalogue versions: every import or city pull is a new version; dossiers keep theirs.
    """CREATE TABLE catalogue_versions (
        version INTEGER PRIMARY KEY,
        imported_at TEXT NOT NULL,
        source TEXT NOT NULL,
        checked_on TEXT,
        sha256 TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE procedures (
        catalogue_version INTEGER NOT NULL REFERENCES catalogue_versions(version),
        code TEXT NOT NULL,
        agency_suffix TEXT NOT NULL DEFAULT '',
        name_vi TEXT NOT NULL,
        name_en TEXT NOT NULL,
        field TEXT NOT NULL,
        processing_days INTEGER NOT NULL,
        calendar_days INTEGER NOT NULL DEFAULT 0,
        same_day INTEGER NOT NULL,
        cutoff TEXT,
        fee_vnd INTEGER NOT NULL,
        documents TEXT NOT NULL,
        confidence TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        folded TEXT NOT NULL,
        PRIMARY KEY (catalogue_version, code)
    )""",
    # The latest known details of a returning applicant, keyed by their document number.
    """CREATE TABLE applicants (
        id INTEGER PRIMARY KEY,
        id_type TEXT NOT NULL,
        id_number TEXT NOT NULL,
        full_name TEXT NOT NULL,
        details TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (id_type, id_number)
    )""",
    """CREATE TABLE dossiers (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL UNIQUE,
        official_code TEXT,
        version INTEGER NOT NULL,
        status INTEGER NOT NULL,
        channel INTEGER NOT NULL,
        receiving_agency TEXT NOT NULL,
        competent_agency TEXT NOT NULL,
        counter INTEGER NOT NULL,
        procedure_code TEXT NOT NULL,
        catalogue_version INTEGER NOT NULL,
        applicant_id INTEGER REFERENCES applicants(id),
        applicant_kind TEXT NOT NULL,
        id_type TEXT NOT NULL,
        id_number TEXT NOT NULL,
        full_name TEXT NOT NULL,
        applicant TEXT NOT NULL,
        proxy TEXT,
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        documents TEXT NOT NULL,
        sets INTEGER NOT NULL DEFAULT 1,
        fee_vnd INTEGER NOT NULL DEFAULT 0,
        fee_exemption TEXT NOT NULL DEFAULT '',
        received_at TEXT NOT NULL,
        received_day TEXT NOT NULL,
        due_at TEXT,
        notes TEXT NOT NULL DEFAULT '',
        clerk TEXT NOT NULL,
        queue_ticket TEXT NOT NULL DEFAULT '',
        log_book TEXT NOT NULL,
        log_line INTEGER NOT NULL,
        form_set TEXT NOT NULL,
        outcome_reason TEXT NOT NULL DEFAULT '',
        voided_at TEXT,
        void_reason TEXT NOT NULL DEFAULT '',
        returned_at TEXT,
        first_synced_at TEXT,
        synced_version INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        folded_name TEXT NOT NULL,
        folded_address TEXT NOT NULL,
        UNIQUE (log_book, log_line)
    )""",
    "CREATE INDEX dossiers_id_number ON dossiers (id_number)",
    "CREATE INDEX dossiers_received ON dossiers (received_day, status)",
    "CREATE INDEX dossiers_received_at ON dossiers (received_at)",
    "CREATE INDEX dossiers_status ON dossiers (status, due_at)",
    "CREATE INDEX dossiers_official_code ON dossiers (official_code)",
    # Every version of every dossier as it was saved (edits are new versions, never overwrites).
    """CREATE TABLE dossier_versions (
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        PRIMARY KEY (dossier_id, version)
    )""",
    # Every version of the due date: the original, each supplement or apology date.
    """CREATE TABLE due_dates (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        due_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        set_at TEXT NOT NULL,
        actor TEXT NOT NULL
    )""",
    "CREATE INDEX due_dates_dossier ON due_dates (dossier_id)",
    # Lifecycle and other events of a dossier; origin 'local' or 'city' (pulled, sync.md B3b).
    """CREATE TABLE dossier_events (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        from_status INTEGER,
        to_status INTEGER,
        reason TEXT NOT NULL DEFAULT '',
        details TEXT NOT NULL DEFAULT '{}',
        origin TEXT NOT NULL DEFAULT 'local'
    )""",
    "CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, id)",
    # The transactional outbox: one row per local dossier version to send (sync consumes it).
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        version INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        next_attempt_at TEXT,
        done_at TEXT
    )""",
    "CREATE INDEX outbox_state ON outbox (state, id)",
    # Daily code sequence and tracking-log line sequence (dossier.md §2).
    """CREATE TABLE code_sequences (
        day TEXT NOT NULL,
        counter INTEGER NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (day, counter)
    )""",
    """CREATE TABLE log_books (
        book TEXT PRIMARY KEY,
        last_line INTEGER NOT NULL
    )""",
    # Append-only, hash-chained audit log; triggers refuse UPDATE and DELETE through SQL.
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    # Accent-free search over names and addresses: an external-content FTS5 index on the
    # folded columns (unicode61 does not fold đ, so the app folds before indexing). Prefix
    # indexes for 1–3 letters: a clerk types "nguyen thi h", and without them "h"* merges every
    # word starting with h ("ha noi" is in every address): 40–50 ms against about 5 ms on
    # 200,000 dossiers, for 4 % more file.
    """CREATE VIRTUAL TABLE dossier_search USING fts5 (
        folded_name, folded_address,
        content='dossiers', content_rowid='id', tokenize='unicode61', prefix='1 2 3'
    )""",
    # Every folded word the index holds, so a typed prefix ("nguy") can be expanded into the
    # whole words it may mean ("nguyen"): FTS5 builds a prefix query's whole merged list in
    # memory, which for a word as common as "nguyen" costs tens of ms on a large store.
    "CREATE TABLE search_words (word TEXT PRIMARY KEY) WITHOUT ROWID",
    """CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_search (rowid, folded_name, folded_address)
        VALUES (new.id, new.folded_name, new.folded_address);
    END""",
    """CREATE TRIGGER dossiers_search_update AFTER UPDATE OF folded_name, folded_address
       ON dossiers BEGIN
        INSERT INTO dossier_search (dossier_search, rowid, folded_name, folded_address)
        VALUES ('delete', old.id, old.folded_name, old.folded_address);
        INSERT INTO dossier_search (rowid, folded_name, folded_address)
        VALUES (new.id, new.folded_name, new.folded_address);
    END""",
)
