"""Fixtures for the chip tests: one pcscd per test session, test PKI, cards served on demand."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from tests.chip import cards, emulator

ServeCard = Callable[..., AbstractContextManager[object]]


_PCSCD_FOLDER: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    """One folder, so one socket path, for every pcscd of the session, pinned before any test
    runs: pcsc-lite's client reads the socket's name once per process (emulator.py)."""
    folder = Path(tempfile.mkdtemp(prefix="counter-pcscd-"))
    _PCSCD_FOLDER.append(folder)
    emulator.pin_client_socket(folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _PCSCD_FOLDER:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def chip_pcscd_folder() -> Path:
    return _PCSCD_FOLDER[0]


@pytest.fixture(scope="module")
def chip_pcscd(chip_pcscd_folder: Path) -> Iterator[emulator.Pcscd]:
    """pcscd for one test module: the modules after it see no reader, as on most PCs."""
    emulator.skip_without_emulator()
    with emulator.running_pcscd(chip_pcscd_folder) as daemon:
        yield daemon


@pytest.fixture(scope="session")
def chip_pki() -> cards.Pki:
    return cards.make_pki()


@pytest.fixture
def trust_folder(tmp_path: Path, chip_pki: cards.Pki, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = chip_pki.write_trust_folder(tmp_path / "csca")
    monkeypatch.setenv("COUNTER_APP_CSCA_DIR", str(folder))
    return folder


@pytest.fixture
def serve_card(tmp_path: Path, chip_pcscd: emulator.Pcscd, chip_pki: cards.Pki) -> ServeCard:
    """``with serve_card(kind="tampered"):`` puts such a card on the virtual reader."""

    def serve(
        kind: str = "good", person: cards.Person | None = None
    ) -> AbstractContextManager[object]:
        folder = cards.write_card(
            tmp_path / f"card-{kind}", person or cards.Person(), chip_pki, kind
        )
        return emulator.serving_card(chip_pcscd, folder)

    return serve
