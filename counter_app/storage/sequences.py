"""Number sequences taken inside the dossier's own transaction: daily codes and log lines."""

from __future__ import annotations

from counter_app.storage.engine import Database
from counter_app.storage.marks import Marks


def last_code_number(db: Database, day: str, counter: int) -> int:
    row = db.conn.execute(
        "SELECT last_number FROM code_sequences WHERE day = ? AND counter = ?", (day, counter)
    ).fetchone()
    return 0 if row is None else int(row[0])


def save_code_number(db: Database, day: str, counter: int, number: int) -> None:
    db.conn.execute(
        "INSERT INTO code_sequences (day, counter, last_number) VALUES (?, ?, ?) "
        "ON CONFLICT (day, counter) DO UPDATE SET last_number = excluded.last_number",
        (day, counter, number),
    )


def continue_log_book(db: Database, *, old: str, new: str) -> None:
    """Give ``new`` the last line of ``old`` when ``new`` has none yet: a renamed book goes
    on counting, so a line number is never printed twice in a counter's year."""
    db.conn.execute(
        "INSERT INTO log_books (book, last_line) SELECT ?, last_line FROM log_books "
        "WHERE book = ? AND NOT EXISTS (SELECT 1 FROM log_books WHERE book = ?)",
        (new, old, new),
    )


def next_log_line(db: Database, book: str) -> int:
    """Take the next line of the tracking-log book (sổ theo dõi hồ sơ)."""
    row = db.conn.execute(
        "INSERT INTO log_books (book, last_line) VALUES (?, 1) "
        "ON CONFLICT (book) DO UPDATE SET last_line = last_line + 1 RETURNING last_line",
        (book,),
    ).fetchone()
    return int(row[0])


def next_code_floor(db: Database, marks: Marks, day: str, counter: int) -> int:
    """The highest code number ever used for ``day`` and ``counter``; issue above it.

    After a restore the store's own sequence may be behind what was issued (and printed on
    receipts) since the backup; the marks file remembers, so no code is ever issued twice.
    """
    row = db.conn.execute(
        "SELECT last_number FROM code_sequences WHERE day = ? AND counter = ?", (day, counter)
    ).fetchone()
    in_store = 0 if row is None else int(row[0])
    return max(in_store, marks.last_code_number(day, counter))


def next_version_floor(db: Database, marks: Marks, uuid: str) -> int:
    """The highest version ever saved of dossier ``uuid``; the next save is above it."""
    row = db.conn.execute("SELECT version FROM dossiers WHERE uuid = ?", (uuid,)).fetchone()
    in_store = 0 if row is None else int(row[0])
    return max(in_store, marks.dossier_version(uuid))
