"""Where the offline batch file's keys live: the counter's signing key and the city's public key.

The counter signs its offline files with its own Ed25519 key (docs/SYNC-PROTOCOL.md), kept in
the owner-only file ``sync-signing-key.pem`` in the data folder, like the sync token: it never
appears on screen, in a log or the audit, and it does not travel with backups (a restored
counter makes a new key, which IT registers with the city again). The city's public key is no
secret: it is kept as ``city-public-key.pem`` beside it. This module only stores bytes; making
and checking keys is the sync package's part (the core never imports it), hence ``make``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.paths import write_private_file
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit

SIGNING_KEY_FILE = "sync-signing-key.pem"
CITY_KEY_FILE = "city-public-key.pem"
MAX_KEY_FILE_BYTES = 64 * 1024  # a PEM key is well under 1 KiB; anything bigger is another file


class SyncKeyUnreadableError(EnvironmentProblem):
    """The counter's own key file cannot be read or written (permissions, a full disk)."""

    code = "SYNC_KEY_UNREADABLE"


class SyncKeyFileUnreadableError(BadInputError):
    """A key file IT gave (the city's public key) is missing, unreadable or far too large."""

    code = "SYNC_KEY_FILE_UNREADABLE"


class SyncCityKeyMissingError(EnvironmentProblem):
    """No city public key is stored: ``sync keys --city-key FILE`` first."""

    code = "SYNC_CITY_KEY_MISSING"


def signing_key(store: Store, *, make: Callable[[], bytes], now: datetime) -> bytes:
    """The counter's private signing key (PEM), made and stored owner-only on first use."""
    path = store.folder / SIGNING_KEY_FILE
    try:
        created = not path.exists() and _create_once(path, make())
    except OSError:
        raise SyncKeyUnreadableError(path.name) from None
    if created:
        with store.action() as db:
            append_audit(
                db, at=iso_vn(now), actor="sync", action="sync.key_created", subject="sync",
                details={"file": path.name},
            )  # fmt: skip
    return _read(path)


def city_key(store: Store) -> bytes:
    """The city's public key (PEM) the offline files are encrypted to."""
    path = store.folder / CITY_KEY_FILE
    if not path.exists():
        raise SyncCityKeyMissingError("")
    return _read(path)


def has_city_key(store: Store) -> bool:
    return (store.folder / CITY_KEY_FILE).exists()


def read_key_file(path: Path) -> bytes:
    """A key file IT hands over, read with a size bound (checked by the caller)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except OSError:
        raise SyncKeyFileUnreadableError(path.name) from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise SyncKeyFileUnreadableError(path.name)
    return data


def save_city_key(store: Store, pem: bytes, *, fingerprint: str, actor: str, now: datetime) -> None:
    """Store the city's public key (already checked); audited with its fingerprint."""
    write_private_file(store.folder / CITY_KEY_FILE, pem)
    with store.action() as db:
        append_audit(
            db, at=iso_vn(now), actor=actor, action="sync.city_key", subject="sync",
            details={"fingerprint": fingerprint},
        )  # fmt: skip


def _create_once(path: Path, data: bytes) -> bool:
    """Create ``path`` whole, unless another process made it first (then keep theirs)."""
    try:
        write_private_file(path, data, overwrite=False)  # one key, ever
    except FileExistsError:
        return False
    return True


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise SyncKeyUnreadableError(path.name) from None
