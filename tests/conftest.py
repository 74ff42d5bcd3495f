"""Shared fixtures: a private data folder per test, and the spec's test payloads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Widgets render offscreen in tests (no display on CI); set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder, so nothing touches the real user's files."""
    folder = tmp_path / "data"
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(folder))
    monkeypatch.delenv("COUNTER_APP_LANG", raising=False)
    yield folder
