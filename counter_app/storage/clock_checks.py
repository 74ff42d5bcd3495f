"""What the clock check reads: receipts later than the PC clock, and the confirmation's mark.

A receipt later than "now" means either the clock is behind now (codes and dates would be
wrong: intake stops) or it was ahead when that dossier was saved (a supervisor confirms the
clock, and that dossier stops counting). docs/DOSSIERS.md, "A wrong clock".
"""

from __future__ import annotations

from typing import NamedTuple

from counter_app.storage.engine import Database


class ReceiptAhead(NamedTuple):
    """A dossier, not voided, whose receipt time is later than the PC clock."""

    id: int
    code: str
    received_at: str


def newest_received_ahead(
    db: Database, *, now: str, confirmed_at: str, confirmed_id: int
) -> str | None:
    """The newest receipt, not voided, later than ``now`` (ISO, +07:00), leaving out the
    dossiers a supervisor already confirmed as made by a wrong clock: those saved up to row
    ``confirmed_id`` whose receipt was already ahead of ``confirmed_at``.

    It runs on every save: one walk down the ``dossiers_received_at`` index from its top that
    stops at ``now``, so on a right clock it reads no row at all; the rowid test needs no
    table read, only ``voided_at`` does (for the few dossiers ahead). ``INDEXED BY`` makes a
    plan without that index an error rather than a slow table scan on a million rows.
    """
    row = db.conn.execute(
        "SELECT received_at FROM dossiers INDEXED BY dossiers_received_at "
        "WHERE received_at > ? AND voided_at IS NULL "
        "AND NOT (id <= ? AND received_at > ?) "
        "ORDER BY received_at DESC LIMIT 1",
        (now, confirmed_id, confirmed_at),
    ).fetchone()
    return None if row is None else str(row[0])


def list_received_ahead(db: Database, *, now: str, limit: int) -> list[ReceiptAhead]:
    """Dossiers, not voided, received later than ``now``, newest first (at most ``limit``)."""
    rows = db.conn.execute(
        "SELECT id, code, received_at FROM dossiers INDEXED BY dossiers_received_at "
        "WHERE received_at > ? AND voided_at IS NULL ORDER BY received_at DESC LIMIT ?",
        (now, limit),
    )
    return [ReceiptAhead(int(i), str(code), str(at)) for i, code, at in rows]


def count_received_ahead(db: Database, *, now: str) -> int:
    row = db.conn.execute(
        "SELECT count(*) FROM dossiers INDEXED BY dossiers_received_at "
        "WHERE received_at > ? AND voided_at IS NULL",
        (now,),
    ).fetchone()
    return int(row[0])


def newest_received_at(db: Database) -> str | None:
    """The latest receipt of a dossier not voided (the top of the time index)."""
    row = db.conn.execute(
        "SELECT received_at FROM dossiers INDEXED BY dossiers_received_at "
        "WHERE voided_at IS NULL ORDER BY received_at DESC LIMIT 1"
    ).fetchone()
    return None if row is None else str(row[0])


def last_dossier_id(db: Database) -> int:
    """The highest row id: a confirmation covers the dossiers saved up to it."""
    row = db.conn.execute("SELECT max(id) FROM dossiers").fetchone()
    return 0 if row is None or row[0] is None else int(row[0])
