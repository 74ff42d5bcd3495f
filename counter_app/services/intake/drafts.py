"""The intake form's draft: kept as the clerk types, so a crash or power cut loses nothing.

A draft is personal data (name, ID, address): it stays in the encrypted store, is never
logged, and is deleted when the dossier is saved or the clerk starts a new intake. Saving a
draft is no user action: it writes no audit row, only the one draft row.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from counter_app.domain.vn_time import iso_vn
from counter_app.services.store.opening import Store
from counter_app.storage import drafts as rows
from counter_app.storage.engine import write_transaction

INTAKE_DRAFT = "intake"


def save_draft(
    store: Store, content: Mapping[str, Any], *, now: datetime, key: str = INTAKE_DRAFT
) -> None:
    text = json.dumps(dict(content), ensure_ascii=False, sort_keys=True)
    with write_transaction(store) as db:
        rows.put_draft(db, key, text, at=iso_vn(now))


def load_draft(store: Store, key: str = INTAKE_DRAFT) -> dict[str, Any] | None:
    """The saved draft, or None; a draft that no longer reads as JSON counts as none."""
    text = rows.get_draft(store, key)
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def discard_draft(store: Store, key: str = INTAKE_DRAFT) -> None:
    with write_transaction(store) as db:
        rows.delete_draft(db, key)
