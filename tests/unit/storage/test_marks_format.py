"""A marks file written by the previous release is upgraded in place: every row kept, signed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from counter_app.storage.marks import MARKS_FORMAT, Marks, mac_key_for

FORMAT_1 = (
    "CREATE TABLE code_marks (day TEXT NOT NULL, counter INTEGER NOT NULL, "
    "last_number INTEGER NOT NULL, PRIMARY KEY (day, counter))",
    "CREATE TABLE dossier_marks (uuid TEXT PRIMARY KEY, code TEXT NOT NULL, "
    "version INTEGER NOT NULL, day TEXT NOT NULL)",
    "CREATE TABLE audit_marks (id INTEGER PRIMARY KEY CHECK (id = 1), "
    "seq INTEGER NOT NULL, hash TEXT NOT NULL)",
    "INSERT INTO code_marks VALUES ('2026-11-25', 1, 1007)",
    "INSERT INTO dossier_marks VALUES ('u-1', 'H26-261125-1001', 3, '2026-11-25')",
    "INSERT INTO dossier_marks VALUES ('u-2', 'H26-261125-1007', 1, '2026-11-25')",
    "INSERT INTO audit_marks VALUES (1, 42, 'abc')",
)


def test_a_previous_release_marks_file_is_kept_and_signed(tmp_path: Path) -> None:
    path = tmp_path / "marks.db"
    conn = sqlite3.connect(path)
    with conn:
        for statement in FORMAT_1:
            conn.execute(statement)
    conn.close()
    marks = Marks(path, mac_key=mac_key_for(b"k" * 32))
    try:
        assert marks.conn.execute("PRAGMA user_version").fetchone()[0] == MARKS_FORMAT
        assert marks.last_code_number("2026-11-25", 1) == 1007
        assert marks.dossier_version("u-1") == 3
        assert marks.audit_head() == (42, "abc")
        # Format 1 wrote its marks just before the store committed: taken as saved.
        assert [m.code for m in marks.all_dossiers()] == ["H26-261125-1001", "H26-261125-1007"]
        assert marks.tampered() == []
    finally:
        marks.close()
    other_key = Marks(path, mac_key=mac_key_for(b"x" * 32))
    try:
        assert other_key.tampered()  # signed with the store's key, not any key
    finally:
        other_key.close()
