"""``counter_copy``: the part of a record the national vocabulary has no name for.

The A3 fields (``hoSo``) lack the applicant's date of birth and sex, the proxy, the originals
and copies of each paper, the sets, the tracking-log line and more. The counter sends them
beside ``hoSo`` so that the city, the other copy of what left the counter, can give a lost
dossier back whole after a restore (``sync/recovery.py``). The city keeps the record as it
was sent and returns it only to the counter that sent it (docs/SYNC-PROTOCOL.md). It is not
part of the idempotency digest: a counter that learnt to send it re-sends a version the city
already holds without a "key reused" refusal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counter_app.domain.dossier import Applicant, DocumentReceived, Dossier, Proxy

COPY_VERSION = 1  # the shape below; a reader refuses a shape it does not know
# The store's own bookkeeping: a restored dossier gets its own values for these.
_NOT_COPIED = frozenset({"id", "first_synced_at", "synced_version", "updated_at"})
COPIED_FIELDS = tuple(name for name in Dossier.__dataclass_fields__ if name not in _NOT_COPIED)


class CounterCopyInvalidError(ValueError):
    """A copy the counter cannot read back (another shape, a missing or mistyped field)."""


def counter_copy(dossier: Dossier) -> dict[str, Any]:
    """Every field of the dossier's current version, as the store holds it."""
    copy: dict[str, Any] = {name: getattr(dossier, name) for name in COPIED_FIELDS}
    copy["applicant"] = dossier.applicant.to_json()
    copy["proxy"] = dossier.proxy.to_json() if dossier.proxy else None
    copy["documents"] = [d.to_json() for d in dossier.documents]
    return {"shape": COPY_VERSION, **copy}


def dossier_from_copy(copy: Mapping[str, Any]) -> Dossier:
    """The dossier a copy describes (``id`` 0, not yet synced); raises CounterCopyInvalidError."""
    if not isinstance(copy, Mapping) or copy.get("shape") != COPY_VERSION:
        raise CounterCopyInvalidError("shape")
    try:
        values = {name: copy[name] for name in COPIED_FIELDS}
        values["applicant"] = Applicant.from_json(dict(copy["applicant"]))
        values["proxy"] = Proxy.from_json(dict(copy["proxy"])) if copy["proxy"] else None
        values["documents"] = tuple(DocumentReceived(**d) for d in copy["documents"])
    except (KeyError, TypeError, ValueError) as error:
        raise CounterCopyInvalidError(type(error).__name__) from None
    dossier = Dossier(id=0, first_synced_at=None, synced_version=0, updated_at="", **values)
    _check_types(dossier)
    return dossier


def _check_types(dossier: Dossier) -> None:
    """Numbers where the store wants numbers, text where it wants text."""
    numbers = ("version", "status", "channel", "counter", "catalogue_version", "sets",
               "fee_vnd", "log_line")  # fmt: skip
    texts = ("uuid", "code", "receiving_agency", "competent_agency", "procedure_code",
             "received_at", "notes", "clerk", "queue_ticket", "log_book", "form_set")  # fmt: skip
    if not all(type(getattr(dossier, n)) is int for n in numbers):
        raise CounterCopyInvalidError("number")
    if not all(isinstance(getattr(dossier, n), str) for n in texts) or dossier.version < 1:
        raise CounterCopyInvalidError("text")
