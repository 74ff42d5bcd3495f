"""Setup beside an earlier store's traces: refused by name; ``--replace`` keeps every key."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from counter_app.domain.vn_time import VN_TZ
from counter_app.services.store import keys
from counter_app.services.store.opening import create_store, open_store
from counter_app.services.store.remnants import StoreMissingError, StoreSetupRefusedError
from counter_app.services.store.replace import replace_store

NOW = datetime(2026, 11, 25, 9, 30, 0, tzinfo=VN_TZ)


class MemoryKeyring(KeyringBackend):
    """A keyring service of this process only (a real backend, not a stand-in for our code)."""

    priority = 1  # type: ignore[assignment]  # keyring declares it as a class property

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(fail.Keyring())


def test_a_keyring_key_refuses_setup_and_replace_copies_it_aside(
    private_data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    store = create_store(private_data_dir)
    assert store.key_location == keys.KEYRING
    old_key = keys.load_key(store.path).key
    store.close()
    (private_data_dir / "counter.db").write_bytes(b"")
    with pytest.raises(StoreSetupRefusedError) as refused:
        create_store(private_data_dir)
    assert refused.value.detail == "counter.db, keyring"
    assert keys.load_key(private_data_dir / "counter.db").key == old_key
    with pytest.raises(StoreMissingError):
        open_store(private_data_dir)

    new, kept = replace_store(private_data_dir, encrypted=True, actor="cli:it", now=NOW)
    new.close()
    assert kept == [
        "counter-before-replace-20261125-093000.db",
        "store.key.replaced-20261125-093000.keyring",
    ]
    assert keys.read_key_file(private_data_dir / kept[1]) == old_key
    assert keys.load_key(private_data_dir / "counter.db").key != old_key


def test_a_store_set_aside_with_its_key_is_no_new_counter(private_data_dir: Path) -> None:
    create_store(private_data_dir).close()
    (private_data_dir / "counter.db").rename(private_data_dir / "counter-before-restore-x.db")
    with pytest.raises(StoreMissingError) as missing:
        open_store(private_data_dir)
    assert missing.value.detail == "counter-before-restore-x.db, store.key"
    with pytest.raises(StoreSetupRefusedError):
        create_store(private_data_dir)


def test_a_new_folder_is_set_up_as_before(private_data_dir: Path) -> None:
    create_store(private_data_dir).close()
    store = open_store(private_data_dir)
    store.close()
    assert store.encrypted
