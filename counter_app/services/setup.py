"""IT's setup of a counter: its settings (audited) and the shipped procedure catalogue."""

from __future__ import annotations

from datetime import datetime

from counter_app.services.catalogue import install_shipped_catalogue
from counter_app.services.counter_config import CounterConfig, save_config
from counter_app.services.store import Store


def set_up_counter(store: Store, config: CounterConfig, *, actor: str, now: datetime) -> list[str]:
    """Save the settings that changed and make sure a catalogue is installed; return changes."""
    with store.action() as db:
        changed = save_config(db, config, actor=actor, now=now)
    install_shipped_catalogue(store, actor=actor, now=now)
    return changed
