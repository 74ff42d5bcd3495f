"""Shared fixtures: a private data folder per test, and the spec's test payloads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from counter_app.services.store.opening import Store, create_store

# The chip tests' pcscd, test PKI and emulated cards (tests/chip/).
pytest_plugins = ["tests.chip.fixtures"]

# No deadline: speed is measured in bench/, never asserted in a test. On CI the examples are
# derandomised so that a run can be repeated exactly; locally they explore afresh each time.
settings.register_profile("local", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")

# Tests never touch the developer's real keyring: the "fail" backend makes the store fall back
# to its owner-only key file, as on a machine without a keyring service.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

# Widgets render offscreen in tests (no display on CI); set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder, so nothing touches the real user's files."""
    folder = tmp_path / "data"
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(folder))
    monkeypatch.delenv("COUNTER_APP_LANG", raising=False)
    # No detached backup processes outliving a test; the test of that feature turns it on.
    monkeypatch.setenv("COUNTER_APP_NO_AUTO_BACKUP", "1")
    yield folder


@pytest.fixture
def new_store(private_data_dir: Path) -> Iterator[Store]:
    """An empty, migrated, encrypted store in the test's data folder (not yet set up)."""
    store = create_store(private_data_dir)
    yield store
    store.close()
