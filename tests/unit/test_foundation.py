"""Small foundation pieces: resource lookup, Vietnam time, the private data folder."""

from __future__ import annotations

import stat
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from counter_app.domain.vn_time import iso_vn
from counter_app.resources import resource_path, resources_root
from counter_app.services.paths import data_dir, log_dir

REPO = Path(__file__).resolve().parents[2]


def test_resources_come_from_the_checkout() -> None:
    assert resource_path("fonts", "x.ttf") == REPO / "resources" / "fonts" / "x.ttf"
    assert (REPO / "resources").is_dir()


def test_resources_come_from_the_bundle_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources_root.cache_clear()  # found once per process; this test pretends a new one
    try:
        assert resource_path("catalogue.csv") == tmp_path / "resources" / "catalogue.csv"
    finally:
        monkeypatch.undo()
        resources_root.cache_clear()


def test_times_are_written_in_vietnam_time() -> None:
    moment = datetime(2026, 11, 25, 18, 30, 5, tzinfo=UTC)
    assert iso_vn(moment) == "2026-11-26T01:30:05+07:00"


def test_data_folder_is_owner_only(private_data_dir: Path) -> None:
    assert data_dir() == private_data_dir
    logs = log_dir()
    assert logs == private_data_dir / "logs"
    for folder in (private_data_dir, logs):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_an_explicit_data_folder_wins(tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere"
    assert data_dir(chosen) == chosen and chosen.is_dir()
