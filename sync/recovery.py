"""After a restore: ask the city for the dossiers the backup lacked, and take them back.

The city is the other copy of what left the counter. For each lost dossier it holds, it
returns the record of the last version it accepted, with the counter's own copy of every
field (``sync/counter_copy.py``): the dossier is rebuilt from it (``services/
restore_recovery.py``) rather than typed again, which would make a second dossier at the
city. One the city does not hold is listed for re-entry. A held dossier whose record carries
no readable copy (sent by an older version of the app) is listed as held: not to be typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.services.backup.city_recovery import (
    CityCopy,
    Rebuilt,
    awaiting_city,
    rebuild_from_city,
)
from counter_app.services.backup.restore_marks import lost_dossiers
from counter_app.services.settings.counter import load_config
from counter_app.services.store.opening import Store
from sync import protocol
from sync.client import (
    SyncClient,
    SyncEnvelopeRejectedError,
    SyncHttpError,
    SyncReplyInvalidError,
)
from sync.counter_copy import CounterCopyInvalidError, dossier_from_copy
from sync.records import from_iso


@dataclass(frozen=True)
class HeldAtCity:
    code: str  # the local code
    uuid: str
    city_code: str  # MaHoSo at the city
    version: int
    status: str
    cancelled: bool


@dataclass(frozen=True)
class Recovery:
    recovered: list[Rebuilt]  # rebuilt from the city's records
    held: list[HeldAtCity]  # at the city, not rebuilt (no readable copy): do not type again
    missing: list[tuple[str, str]]  # (code, uuid) the city does not hold: re-enter


def recover_if_awaiting(store: Store, client: SyncClient, *, now: datetime) -> int:
    """At a sync pass: when some loss still awaits the city's answer, ask; the number rebuilt.

    Cheap when there is nothing to ask (the usual case): one read of the marks' losses.
    """
    if not store.marks.losses() or not awaiting_city(store):
        return 0
    try:
        return len(recover_from_city(store, client, now=now).recovered)
    except (SyncHttpError, SyncEnvelopeRejectedError):
        # A city without the lookup (404) or refusing it must not stop the sending: the
        # losses stay waiting, the window says so, and ``sync recover`` shows the error.
        return 0


def recover_from_city(store: Store, client: SyncClient, *, now: datetime) -> Recovery:
    """Ask about every loss the store still lacks (500 per request) and rebuild what comes."""
    lost = lost_dossiers(store)
    codes = dict(lost)
    config = load_config(store)
    recovery = Recovery([], [], [])
    for start in range(0, len(lost), protocol.MAX_LOOKUP):
        chunk = lost[start : start + protocol.MAX_LOOKUP]
        body = {"protocol": protocol.PROTOCOL, "counter_id": str(config.counter),
                "MaDonVi": config.agency_code, "dossier_uuids": [u for u, _ in chunk]}  # fmt: skip
        found = _found(client.post_lookup(body).body, codes)
        copies, held = _split(found, codes)
        asked = [(uuid, code) for uuid, code in chunk]
        recovery.recovered.extend(
            rebuild_from_city(
                store, copies, asked=asked, unreadable=[h.uuid for h in held], now=now
            )
        )
        recovery.held.extend(held)
    at_city = {r.uuid for r in recovery.recovered} | {h.uuid for h in recovery.held}
    recovery.missing.extend((code, uuid) for uuid, code in lost if uuid not in at_city)
    return recovery


def _found(body: Any, codes: dict[str, str]) -> list[dict[str, Any]]:
    found = body.get("found") if isinstance(body, dict) else None
    if not isinstance(found, list) or not all(isinstance(item, dict) for item in found):
        raise SyncReplyInvalidError("found")
    return [item for item in found if str(item.get("dossier_uuid")) in codes]


def _split(
    found: list[dict[str, Any]], codes: dict[str, str]
) -> tuple[list[CityCopy], list[HeldAtCity]]:
    copies: list[CityCopy] = []
    held: list[HeldAtCity] = []
    for item in found:
        copy = _copy(item, codes)
        if copy is None:
            held.append(_held(item, codes))
        else:
            copies.append(copy)
    return copies, held


def _copy(item: dict[str, Any], codes: dict[str, str]) -> CityCopy | None:
    """The dossier the item's record carries; None when there is no readable copy of it, or
    one that is not the dossier asked about (another uuid or code)."""
    record = item.get("record")
    if not isinstance(record, dict):
        return None
    try:
        dossier = dossier_from_copy(record.get("counter_copy") or {})
    except CounterCopyInvalidError:
        return None
    uuid = str(item.get("dossier_uuid"))
    if dossier.uuid != uuid or dossier.code != codes[uuid]:
        return None
    return CityCopy(
        dossier=dossier,
        city_code=str(item.get("MaHoSo") or dossier.code),
        first_received_at=from_iso(item.get("received_at")),
        cancelled_at=from_iso(item.get("cancelled_at")) if item.get("cancelled") else None,
    )


def _held(item: dict[str, Any], codes: dict[str, str]) -> HeldAtCity:
    uuid = str(item["dossier_uuid"])
    try:
        return HeldAtCity(
            code=codes[uuid],
            uuid=uuid,
            city_code=str(item["MaHoSo"]),
            version=int(item["version"]),
            status=str(item["TrangThaiHoSo"]),
            cancelled=bool(item.get("cancelled")),
        )
    except (KeyError, TypeError, ValueError):
        raise SyncReplyInvalidError("found") from None
