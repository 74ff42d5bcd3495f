"""Returning applicants, keyed by their identity document's type and number.

The row keeps the latest details seen, so a returning citizen typed by hand (no card at
hand) can be filled in from a previous visit at this counter.
"""

from __future__ import annotations

import json

from counter_app.domain.dossier import Applicant
from counter_app.storage.engine import Database


def upsert_applicant(db: Database, applicant: Applicant, *, at: str) -> int:
    row = db.conn.execute(
        "INSERT INTO applicants (id_type, id_number, full_name, details, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id_type, id_number) DO UPDATE SET "
        "full_name = excluded.full_name, details = excluded.details, "
        "updated_at = excluded.updated_at RETURNING id",
        (
            applicant.id_type.value,
            applicant.id_number,
            applicant.full_name,
            json.dumps(applicant.to_json(), ensure_ascii=False),
            at,
        ),
    ).fetchone()
    return int(row[0])


def find_applicant(db: Database, id_type: str, id_number: str) -> Applicant | None:
    row = db.conn.execute(
        "SELECT details FROM applicants WHERE id_type = ? AND id_number = ?", (id_type, id_number)
    ).fetchone()
    return None if row is None else Applicant.from_json(json.loads(row[0]))
