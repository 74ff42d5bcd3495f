"""The self-test's probe of the database engine: what the store relies on, on a scratch file.

SQLCipher, WAL and FTS5 are compiled into the sqlcipher3 wheel; a build that lost one (a
wrong wheel, a bundle missing a library) fails here, on IT's screen, not at the first intake.
"""

from __future__ import annotations

from pathlib import Path

from counter_app.storage.engine import connect, is_plain_sqlite

PROBE_NAME = "Trần Quốc Bảo"


def check_engine(path: Path, *, key: bytes) -> str:
    """Create an encrypted store at ``path``, search it with FTS5 and say what was used.

    Raises the engine's error, or ``RuntimeError`` naming the missing part.
    """
    db = connect(path, key=key)
    try:
        mode = db.conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            raise RuntimeError(f"journal mode {mode}")
        db.conn.execute("CREATE VIRTUAL TABLE probe USING fts5(name, tokenize='unicode61')")
        db.conn.execute("INSERT INTO probe (name) VALUES (?)", (PROBE_NAME,))
        found = db.conn.execute("SELECT count(*) FROM probe WHERE probe MATCH 'bảo'").fetchone()
        cipher = db.conn.execute("PRAGMA cipher_version").fetchone()
        sqlite = db.conn.execute("SELECT sqlite_version()").fetchone()[0]
    finally:
        db.close()
    if found[0] != 1:
        raise RuntimeError("fts5 search")
    if is_plain_sqlite(path):
        raise RuntimeError("not encrypted")
    return f"SQLCipher {cipher[0] if cipher else '?'}, SQLite {sqlite}, WAL, FTS5"
