"""The simulator's offline operations: dump, advance, the city key, trusted counters, imports.

Each is one call on the simulator's SQLite file, so the CLI stays thin and a test can run
them while the server is up (WAL, busy timeout).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.dossier_code import AGENCY_SHAPE, AgencyCodeInvalidError
from sync.offline_file import (
    OfflineFileFormatError,
    key_fingerprint,
    new_city_key,
    open_sealed,
    public_key_pem,
)
from sync.protocol import RecordResult, validate_envelope
from sync.simulator import city, store
from sync.simulator.catalogue import CatalogueSource
from sync.simulator.errors import CityKeyMissingError, SimDatabaseError
from sync.simulator.faults import CodePolicy

CITY_KEY_SETTING = "city_private_key"
# An offline file carries days of work: no 50-record limit, but a bound against a runaway file.
MAX_OFFLINE_RECORDS = 100_000


def dump_dossiers(db_path: Path) -> Iterator[dict[str, Any]]:
    """One object per stored dossier: codes, versions, statuses, receipt counts and the payload."""
    with _open(db_path) as db:
        for row in store.all_dossiers(db):
            yield {
                "dossier_uuid": row.dossier_uuid,
                "counter_id": row.counter_id,
                "MaHoSo": row.code,
                "local_code": row.local_code,
                "version": row.version,
                "status": row.status,
                "times_received": row.times_received,
                "cancelled": store.is_cancelled(db, row.dossier_uuid),
                "first_received_at": row.first_received_at,
                "last_received_at": row.last_received_at,
                "payload": json.loads(row.payload),
            }


def advance_now(db_path: Path, now: datetime, *, postpone_days: int = 0) -> int:
    """Move every open dossier one step; the number moved."""
    with _open(db_path) as db, store.atomic(db):
        return city.advance_all(db, now, postpone_days=postpone_days)


def city_public_key(db_path: Path) -> bytes:
    """The city's public key (PEM), made on first use and kept in the simulator's file."""
    with _open(db_path) as db, store.atomic(db):
        private = store.get_setting(db, CITY_KEY_SETTING)
        if private is None:
            private = new_city_key().decode("ascii")
            store.put_setting(db, CITY_KEY_SETTING, private)
    return public_key_pem(private.encode("ascii"))


def trust_counter(db_path: Path, *, agency: str, counter_id: str, public_pem: bytes) -> str:
    """Register one ward's counter's signing key for offline files; its fingerprint.

    Trusting a new key for the same ward and counter replaces the old one (rotation).
    """
    _check_agency(agency)
    fingerprint = key_fingerprint(public_pem)  # refuses what is not a public key
    with _open(db_path) as db, store.atomic(db):
        store.trust_counter_key(
            db, agency=agency, counter_id=counter_id, public_key=public_pem.decode("ascii")
        )
    return fingerprint


def revoke_counter(db_path: Path, *, agency: str, counter_id: str) -> bool:
    """Forget a ward counter's key (a lost or stolen PC): its files are refused from now on."""
    _check_agency(agency)
    with _open(db_path) as db, store.atomic(db):
        return store.revoke_counter_key(db, agency=agency, counter_id=counter_id)


def _check_agency(agency: str) -> None:
    if not AGENCY_SHAPE.fullmatch(agency):
        raise AgencyCodeInvalidError("")


def import_offline(
    db_path: Path, data: bytes, *, catalogue: Path | None, codes: CodePolicy, now: datetime
) -> list[RecordResult]:
    """Open, verify and receive an offline file as one batch; a second import stores nothing."""
    known = CatalogueSource(catalogue).current().codes
    with _open(db_path) as db:
        private = store.get_setting(db, CITY_KEY_SETTING)
        if private is None:
            raise CityKeyMissingError("")

        def signer_for(agency: str, counter_id: str) -> bytes | None:
            pem = store.counter_key(db, agency=agency, counter_id=counter_id)
            return pem.encode("ascii") if pem else None

        opened = open_sealed(data, city_key=private.encode("ascii"), signer_for=signer_for)
        envelope = opened.envelope
        if validate_envelope(envelope, max_records=MAX_OFFLINE_RECORDS):
            raise OfflineFileFormatError("envelope")
        intake = city.Intake(
            counter_id=envelope["counter_id"], agency=envelope["MaDonVi"],
            known_procedures=known, codes=codes, now=now,
        )  # fmt: skip
        with store.atomic(db):
            return city.receive_records(db, envelope["records"], intake)


@contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    """``store.open_db`` with any SQLite failure as the simulator's typed error."""
    try:
        with store.open_db(path) as db:
            yield db
    except sqlite3.Error:
        raise SimDatabaseError(path.name) from None
