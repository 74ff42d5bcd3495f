"""The offline export: every pending record as one signed, encrypted batch file for a USB stick.

When the network is gone for days, IT carries the outbox to the city. The records are built
exactly as the engine sends them (``sync.records``; the envelope's fields as ``sync.engine``
makes them) and keep their idempotency keys, so the city's import and a later network sync
answer ``duplicate`` for each other's records and nothing is stored twice. The file is sealed
by ``sync.offline_file``; the records stay pending until the city acknowledges them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from counter_app.domain.vn_time import iso_vn
from counter_app.services.settings.counter import CounterConfig, load_config
from counter_app.services.store.opening import Store
from counter_app.services.syncing.cancellations import mark_sending
from counter_app.services.syncing.export import all_pending, note_export, write_export
from counter_app.services.syncing.journal import SKEW_WARNING_S, read_journal
from counter_app.services.syncing.keys import city_key, has_city_key, save_city_key, signing_key
from counter_app.services.syncing.outbox import PendingItem
from sync import protocol
from sync.engine import counter_id
from sync.offline_file import (
    OfflineKeyInvalidError,
    key_fingerprint,
    new_counter_key,
    public_key_pem,
    seal,
)
from sync.records import build_record


@dataclass(frozen=True)
class CounterKeys:
    """What IT hands to the city (``city-sim trust``): never the private half."""

    counter_id: str
    public_key: str  # PEM
    fingerprint: str
    city_fingerprint: str | None


@dataclass(frozen=True)
class ExportResult:
    records: int
    batch_id: str
    file_name: str
    city_fingerprint: str


def build_envelope(
    config: CounterConfig, records: list[dict[str, Any]], *, now: datetime, skew_s: float | None
) -> dict[str, Any]:
    """A batch envelope with the engine's fields (sync.md B2), any number of records."""
    skew = skew_s or 0.0
    return {
        "protocol": protocol.PROTOCOL,
        "batch_id": str(uuid.uuid4()),
        "counter_id": counter_id(config),
        "MaDonVi": config.agency_code,
        "sent_at": iso_vn(now),
        # sync.md B6, as the engine does: the city learns of a doubtful counter clock.
        "clock_skew_s": round(skew) if abs(skew) > SKEW_WARNING_S else 0,
        "records": records,
    }


def build_records(items: Sequence[PendingItem], *, agency_name: str) -> list[dict[str, Any]]:
    return [build_record(i.dossier, i.procedure, agency_name=agency_name) for i in items]


def counter_keys(store: Store, *, now: datetime) -> CounterKeys:
    """The counter's public key and fingerprint, the key made on first use."""
    public = public_key_pem(signing_key(store, make=new_counter_key, now=now))
    city = _city_fingerprint(store)
    config = load_config(store)
    return CounterKeys(counter_id(config), public.decode("ascii"), key_fingerprint(public), city)


def set_city_key(store: Store, pem: bytes, *, actor: str, now: datetime) -> str:
    """Check that ``pem`` is an X25519 public key and store it; its fingerprint."""
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError):
        raise OfflineKeyInvalidError("") from None
    if not isinstance(key, X25519PublicKey):  # e.g. a counter's Ed25519 key given by mistake
        raise OfflineKeyInvalidError("")
    fingerprint = key_fingerprint(pem)
    save_city_key(store, pem, fingerprint=fingerprint, actor=actor, now=now)
    return fingerprint


def export_offline(store: Store, *, out: Path, actor: str, now: datetime) -> ExportResult:
    """Seal every pending record into ``out``; the records stay pending, but are noted as
    possibly at the city (a void of one of them becomes a cancellation record)."""
    city = city_key(store)
    items = all_pending(store)
    config = load_config(store)
    records = build_records(items, agency_name=config.agency_name)
    envelope = build_envelope(config, records, now=now, skew_s=read_journal(store).clock_skew_s)
    sealed = seal(
        envelope, signing_key=signing_key(store, make=new_counter_key, now=now),
        city_public_key=city, created_at=now,
    )  # fmt: skip
    mark_sending(store, [item.outbox_id for item in items], now=now)  # before the file exists
    write_export(out, sealed)
    batch_id = str(envelope["batch_id"])
    note_export(store, count=len(records), batch_id=batch_id, file_name=out.name, actor=actor,
                now=now)  # fmt: skip
    return ExportResult(len(records), batch_id, out.name, key_fingerprint(city))


def _city_fingerprint(store: Store) -> str | None:
    return key_fingerprint(city_key(store)) if has_city_key(store) else None
