"""What the bundle changes at run time, checked from the checkout: background commands run
the bundle's console executable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from counter_app.services.backup.auto import CLI_EXECUTABLE, _self_command


def test_from_a_checkout_the_background_backup_runs_this_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert _self_command() == [sys.executable, "-m", "counter_app"]


@pytest.mark.parametrize("suffix", ["", ".exe"])
def test_in_the_bundle_the_windowed_app_starts_the_console_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    window_app = tmp_path / f"counter-app{suffix}"
    cli = tmp_path / f"{CLI_EXECUTABLE}{suffix}"
    for program in (window_app, cli):
        program.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(window_app))
    assert _self_command() == [str(cli)]


def test_a_bundle_without_the_console_executable_runs_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window_app = tmp_path / "counter-app"
    window_app.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(window_app))
    assert _self_command() == [str(window_app)]
