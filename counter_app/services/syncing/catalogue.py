"""The catalogue the city publishes (sync.md B5), made a new local catalogue version.

The city's procedures carry the procedures.csv columns plus ``active``; they are written back
as that CSV and checked by the very parser an import uses, so a city catalogue can never hold
what a file could not. The new version is added and made current in one transaction; earlier
versions stay, because a dossier keeps the version it was received under.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from counter_app.domain.catalogue import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    CatalogueVersion,
    catalogue_sha256,
    parse_catalogue,
    parse_search,
)
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import iso_vn
from counter_app.services.store.opening import Store
from counter_app.storage import catalogue as rows
from counter_app.storage.audit import append_audit
from counter_app.storage.engine import Database
from counter_app.storage.sync_state import get_state, set_state

ETAG_KEY = "catalogue.etag"
CHECKED_KEY = "catalogue.checked_at"
COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)


def catalogue_etag(store: Store) -> str | None:
    return get_state(store, ETAG_KEY) or None


def catalogue_checked_at(store: Store) -> str | None:
    return get_state(store, CHECKED_KEY)


def note_catalogue_unchanged(store: Store, *, now: datetime) -> None:
    with store.action() as db:
        set_state(db, CHECKED_KEY, iso_vn(now), at=iso_vn(now))


def install_city_catalogue(
    store: Store,
    procedures: Sequence[Mapping[str, Any]],
    *,
    city_version: str,
    etag: str,
    now: datetime,
) -> CatalogueVersion | None:
    """Make the city's catalogue current; None when it is the catalogue in force already.

    Raises CatalogueInvalidError (before writing anything) when a row would not pass import.
    """
    raw = as_csv(procedures).encode("utf-8")
    parsed = parse_catalogue(raw.decode("utf-8"))
    stamp = iso_vn(now)
    with store.action() as db:
        set_state(db, ETAG_KEY, etag, at=stamp)
        set_state(db, CHECKED_KEY, stamp, at=stamp)
        current = rows.current_version(db)
        if current is not None and _same_procedures(db, current.version, parsed):
            return None
        number = rows.insert_catalogue_version(
            db, parsed, imported_at=stamp, source=f"city {city_version}"[:200],
            checked_on=now.date().isoformat(), sha256=catalogue_sha256(raw),
        )  # fmt: skip
        rows.set_current_version(db, number)
        version = rows.current_version(db)
        assert version is not None  # just written in this transaction
        append_audit(
            db, at=stamp, actor="sync", action="catalogue.import", subject=f"catalogue:{number}",
            details={"version": number, "source": version.source, "city_version": city_version,
                     "procedures": version.procedure_count, "sha256": version.sha256},
        )  # fmt: skip
    return version


def _same_procedures(db: Database, version: int, incoming: Sequence[Procedure]) -> bool:
    """The city's list equals the version in force (the file's bytes may differ)."""
    stored = rows.list_procedures(db, version, parse_search(None), include_inactive=True)
    return _comparable(stored) == _comparable(incoming)


def _comparable(procedures: Sequence[Procedure]) -> list[Procedure]:
    return sorted((replace(p, catalogue_version=0) for p in procedures), key=lambda p: p.code)


def as_csv(procedures: Sequence[Mapping[str, Any]]) -> str:
    """The city's procedures as procedures.csv text (lists joined with ';', flags 0/1)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for procedure in procedures:
        writer.writerow([_cell(procedure.get(column, "")) for column in COLUMNS])
    return out.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)
