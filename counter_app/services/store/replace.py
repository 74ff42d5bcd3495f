"""``setup --replace``: a new store where the earlier one is lost, everything of it kept aside.

IT's explicit way out when no backup can be restored. It never overwrites or deletes a key or
a store file: the store's files get the aside name ``counter-before-replace-STAMP.db``, the key
file becomes ``store.key.replaced-STAMP`` and a keyring key is copied to an owner-only file
before the keyring entry is replaced. The new store's first audit row names what was kept.
A store that opens is never replaced: that is what ``restore`` is for.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import CounterAppError
from counter_app.services.backup.restore_swap import COMPANIONS, recover_interrupted_restore
from counter_app.services.store import keys
from counter_app.services.store.opening import (
    Store,
    StoreExistsError,
    create_store,
    open_store,
    store_exists,
    store_path,
)
from counter_app.storage.audit import append_audit

REPLACE_ACTION = "setup.replace"


def replace_store(
    folder: Path | None = None, *, encrypted: bool, actor: str, now: datetime
) -> tuple[Store, list[str]]:
    """Set the earlier store's files and keys aside, create a new store; return what was kept."""
    path = store_path(folder)
    recover_interrupted_restore(path.parent)
    _refuse_a_store_that_opens(folder)
    stamp = now.astimezone(VN_TZ).strftime(keys.STAMP)
    kept = _set_store_aside(path, stamp) + keys.set_keys_aside(path, stamp=stamp)
    store = create_store(folder, encrypted=encrypted, replacing=True)
    try:
        with store.action() as db:
            append_audit(
                db, at=iso_vn(now), actor=actor, action=REPLACE_ACTION, subject=path.name,
                details={"kept": kept},
            )  # fmt: skip
    except BaseException:
        store.close()
        raise
    return store, kept


def _refuse_a_store_that_opens(folder: Path | None) -> None:
    if not store_exists(folder):
        return
    try:
        opened = open_store(folder)
    except CounterAppError:
        return  # damaged, or its key lost: replacing it is the point
    opened.close()
    raise StoreExistsError("replace")


def _set_store_aside(path: Path, stamp: str) -> list[str]:
    """Rename ``counter.db`` and its -wal/-shm to a free aside name; return the new names."""
    aside, attempt = path.with_name(f"counter-before-replace-{stamp}.db"), 1
    while any(p.exists() for p in (aside, *(_companion(aside, s) for s in COMPANIONS))):
        attempt += 1
        aside = path.with_name(f"counter-before-replace-{stamp}-{attempt}.db")
    kept = []
    for source, target in [(path, aside), *((_companion(path, s), _companion(aside, s))
                                             for s in COMPANIONS)]:  # fmt: skip
        with contextlib.suppress(FileNotFoundError):
            os.replace(source, target)  # a free name (checked above): nothing overwritten
            kept.append(target.name)
    return kept


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
