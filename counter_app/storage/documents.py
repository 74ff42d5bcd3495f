"""The register of printed documents (receipts and counter forms), one row per print."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.storage.engine import Database

_COLUMNS = (
    "id, dossier_id, kind, form_set, year, seq, number, layout, copies, dossier_version, "
    "issued_at, actor, reprint_of, params"
)


@dataclass(frozen=True)
class IssuedRow:
    id: int
    dossier_id: int
    kind: str
    form_set: str
    year: int
    seq: int | None
    number: str
    layout: str
    copies: tuple[str, ...]
    dossier_version: int
    issued_at: str
    actor: str
    reprint_of: int | None
    params: dict[str, Any]


def insert_issued(db: Database, row: Mapping[str, Any]) -> int:
    values = dict(row)
    values["copies"] = ",".join(values["copies"])
    values["params"] = json.dumps(values.get("params", {}), ensure_ascii=False, sort_keys=True)
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = db.conn.execute(
        f"INSERT INTO issued_documents ({names}) VALUES ({marks})", tuple(values.values())
    )
    return int(cursor.lastrowid or 0)


def next_letter_seq(db: Database, kind: str, year: int, *, low: int, high: int) -> int | None:
    """The next ``Số`` of a kind of letter this year inside this counter's block
    [``low``, ``high``]; None when the block is used up (the unique index guards a race)."""
    row = db.conn.execute(
        "SELECT max(seq) FROM issued_documents WHERE kind = ? AND year = ? AND seq BETWEEN ? AND ?",
        (kind, year, low, high),
    ).fetchone()
    following = low if row[0] is None else int(row[0]) + 1
    return following if following <= high else None


def issued_for(db: Database, dossier_id: int) -> list[IssuedRow]:
    rows = db.conn.execute(
        f"SELECT {_COLUMNS} FROM issued_documents WHERE dossier_id = ? ORDER BY id",
        (dossier_id,),
    )
    return [_issued(row) for row in rows]


def _issued(row: tuple[Any, ...]) -> IssuedRow:
    values = list(row)
    values[8] = tuple(c for c in str(values[8]).split(",") if c)
    values[13] = json.loads(values[13])
    return IssuedRow(*values)
