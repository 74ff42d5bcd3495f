"""The cancellation request (docs/SYNC-PROTOCOL.md "Cancellations"): its shape and its checks.

``POST /v1/dossiers/cancellations`` carries voids of dossiers that may have reached the city:
``{protocol, batch_id, counter_id, MaDonVi, sent_at, cancellations: [{idempotency_key,
dossier_uuid, local_code, cancelled_at}]}``; each key is ``<dossier_uuid>:cancel``. The reply
is ``{batch_id, results: [{idempotency_key, outcome}]}``, outcome ``accepted`` or
``duplicate``. No personal data travels: the city knows the dossier by its uuid.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Final

from sync.protocol.validation import validate_envelope
from sync.protocol.wire import MAX_RECORDS, FieldCode, FieldError, field_error

CANCEL_SUFFIX: Final = ":cancel"


def cancellation_key(dossier_uuid: str) -> str:
    return dossier_uuid + CANCEL_SUFFIX


def validate_cancellations(body: object) -> list[FieldError]:
    """The envelope's fields as for a batch, then each cancellation's uuid, key and code."""
    if not isinstance(body, dict):
        return [field_error("", FieldCode.WRONG_TYPE)]
    items = body.get("cancellations")
    if not isinstance(items, list) or not items:
        return [field_error("cancellations", FieldCode.REQUIRED)]
    if len(items) > MAX_RECORDS:
        return [field_error("cancellations", FieldCode.TOO_LONG)]
    frame = {**body, "records": [{"idempotency_key": "x"}]}  # the envelope's own fields only
    errors = [e for e in validate_envelope(frame) if not e.field.startswith("records")]
    for index, item in enumerate(items):
        errors.extend(_item_errors(item, f"cancellations[{index}]"))
    return errors


def _item_errors(item: object, path: str) -> list[FieldError]:
    if not isinstance(item, Mapping):
        return [field_error(path, FieldCode.WRONG_TYPE)]
    errors = []
    dossier = item.get("dossier_uuid")
    if not _is_uuid_text(dossier):
        errors.append(field_error(f"{path}.dossier_uuid", FieldCode.BAD_FORMAT))
    elif item.get("idempotency_key") != cancellation_key(str(dossier)):
        errors.append(field_error(f"{path}.idempotency_key", FieldCode.MISMATCH))
    for name in ("local_code", "cancelled_at"):
        value = item.get(name)
        if not isinstance(value, str) or not value or len(value) > 60:
            errors.append(field_error(f"{path}.{name}", FieldCode.REQUIRED))
    return errors


def _is_uuid_text(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False
