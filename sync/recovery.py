"""After a restore: ask the city which of the dossiers the backup lacked it holds.

The city is the other copy of what left the counter. A dossier it holds must not be typed
again (that would make a second dossier at the city): the clerk sees its code and the city's
status. One it does not hold is listed for re-entry. Restoring the dossiers' rows from the
city's records is not done here (docs/SECURITY.md, "Not built yet").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.services.counter_config import load_config
from counter_app.services.restore_marks import lost_dossiers
from counter_app.services.store import Store
from sync import protocol
from sync.client import SyncClient, SyncReplyInvalidError


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
    held: list[HeldAtCity]  # at the city: do not type again
    missing: list[tuple[str, str]]  # (code, uuid) the city does not hold: re-enter


def ask_city_for_losses(store: Store, client: SyncClient) -> Recovery:
    """One lookup per 500 lost dossiers; the restore's losses split by what the city holds."""
    lost = lost_dossiers(store)
    codes = dict(lost)
    config = load_config(store)
    held: list[HeldAtCity] = []
    for start in range(0, len(lost), protocol.MAX_LOOKUP):
        chunk = [uuid for uuid, _ in lost[start : start + protocol.MAX_LOOKUP]]
        body = {"protocol": protocol.PROTOCOL, "counter_id": str(config.counter),
                "MaDonVi": config.agency_code, "dossier_uuids": chunk}  # fmt: skip
        held.extend(_held(client.post_lookup(body).body, codes))
    at_city = {h.uuid for h in held}
    missing = [(code, uuid) for uuid, code in lost if uuid not in at_city]
    return Recovery(held, missing)


def _held(body: Any, codes: dict[str, str]) -> list[HeldAtCity]:
    found = body.get("found") if isinstance(body, dict) else None
    if not isinstance(found, list):
        raise SyncReplyInvalidError("found")
    try:
        return [_one(item, codes) for item in found if str(item.get("dossier_uuid")) in codes]
    except (AttributeError, KeyError, TypeError, ValueError):
        raise SyncReplyInvalidError("found") from None


def _one(item: dict[str, Any], codes: dict[str, str]) -> HeldAtCity:
    uuid = str(item["dossier_uuid"])
    return HeldAtCity(
        code=codes[uuid],
        uuid=uuid,
        city_code=str(item["MaHoSo"]),
        version=int(item["version"]),
        status=str(item["TrangThaiHoSo"]),
        cancelled=bool(item.get("cancelled")),
    )
