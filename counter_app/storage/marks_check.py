"""Checking the marks file's MACs: a mark edited, a row deleted or a break erased outside the app.

Every row of ``marks.db`` carries an HMAC with a key derived from the store key
(storage/marks.py), and a signed count of the dossier marks shows rows deleted. Without a key
(a plain store) there is nothing to check.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

COUNT_KEY = "dossier_marks"  # the meta row holding the signed number of dossier marks

Mac = Callable[..., str]


def tampered_rows(conn: sqlite3.Connection, mac: Mac) -> list[str]:
    """The rows whose MAC does not match, each named by its table and key (no personal data)."""
    if mac("probe") == "":
        return []
    found = [
        f"code_marks:{day}:{counter}"
        for day, counter, number, row_mac in conn.execute(
            "SELECT day, counter, last_number, mac FROM code_marks"
        )
        if row_mac != mac("code", day, counter, number)
    ]
    found += [
        f"dossier_marks:{code}"
        for uuid, code, version, committed, day, row_mac in conn.execute(
            "SELECT uuid, code, version, committed, day, mac FROM dossier_marks"
        )
        if row_mac != mac("dossier", uuid, code, version, committed, day)
    ]
    head = conn.execute("SELECT seq, hash, mac FROM audit_marks").fetchone()
    if head is not None and head[2] != mac("head", head[0], head[1]):
        found.append("audit_marks")
    found += [
        f"letter_marks:{kind}:{year}"
        for kind, year, seq, row_mac in conn.execute(
            "SELECT kind, year, last_seq, mac FROM letter_marks"
        )
        if row_mac != mac("letter", kind, year, seq)
    ]
    return found + _broken_breaks(conn, mac) + _broken_losses(conn, mac) + _count(conn, mac)


def _broken_breaks(conn: sqlite3.Connection, mac: Mac) -> list[str]:
    found = []
    rows = conn.execute(
        "SELECT id, from_seq, to_seq, kind, detected_at, acknowledged_seq, mac FROM audit_breaks"
    )
    for break_id, from_seq, to_seq, kind, at, acknowledged, row_mac in rows:
        fields: list[object] = [from_seq, to_seq, kind, at]
        if acknowledged is not None:
            fields.append(acknowledged)
        if row_mac != mac("break", *fields):
            found.append(f"audit_breaks:{break_id}")
    return found


def _broken_losses(conn: sqlite3.Connection, mac: Mac) -> list[str]:
    rows = conn.execute("SELECT uuid, restore_seq, mac FROM restore_losses")
    return [f"restore_losses:{u}" for u, seq, row_mac in rows if row_mac != mac("loss", u, seq)]


def _count(conn: sqlite3.Connection, mac: Mac) -> list[str]:
    found = conn.execute("SELECT value, mac FROM meta WHERE key = ?", (COUNT_KEY,)).fetchone()
    count = conn.execute("SELECT count(*) FROM dossier_marks").fetchone()[0]
    if found is None:
        return ["meta:dossier_marks"] if count else []
    value, row_mac = found
    if row_mac != mac("meta", COUNT_KEY, value) or int(value) != count:
        return ["meta:dossier_marks"]
    return []
