"""IT's setup of a counter: its settings (audited) and the shipped procedure catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.services.catalogue import install_shipped_catalogue
from counter_app.services.settings.counter import CounterConfig, save_config
from counter_app.services.store.keys import KEY_FILE, KEYRING
from counter_app.services.store.opening import Store
from counter_app.storage.migrations import schema_version
from counter_app.storage.settings import all_settings


def set_up_counter(store: Store, config: CounterConfig, *, actor: str, now: datetime) -> list[str]:
    """Save the settings that changed and make sure a catalogue is installed; return changes."""
    changed = save_config(store, config, actor=actor, now=now)
    install_shipped_catalogue(store, actor=actor, now=now)
    return changed


@dataclass(frozen=True)
class StoreDescription:
    """What IT sees in the settings: the counter, and how the data is protected at rest."""

    settings: dict[str, Any]
    encrypted: bool
    key_location: str  # keys.KEYRING, keys.KEY_FILE or "" (plain)
    protection: str  # a message code: what this protects and what it does not
    schema_version: int
    store_file: str


_PROTECTION = {
    KEYRING: "PROTECTION_KEYRING",
    KEY_FILE: "PROTECTION_KEY_FILE",
    "": "PROTECTION_PLAIN",
}


def describe_store(store: Store) -> StoreDescription:
    return StoreDescription(
        settings=all_settings(store),
        encrypted=store.encrypted,
        key_location=store.key_location,
        protection=_PROTECTION[store.key_location],
        schema_version=schema_version(store),
        store_file=store.path.name,
    )
