"""pcscd with the virtual reader, and vsmartcard's ``vicc`` serving a test card, for tests.

``running_pcscd(folder)`` starts pcsc-lite's daemon in the foreground with its own reader
configuration (the virtual reader on a free port) and, where the kernel lets us, its own socket:
pcscd 1.9 always listens on /run/pcscd/pcscd.comm, so it runs in a private mount namespace
(``unshare``) where a folder of the test is bound over /run/pcscd, and clients find it through
``PCSCLITE_CSOCK_NAME``. Parallel test runs then never share a daemon. Without ``unshare``
rights it falls back to the system path (one run at a time).

``serving_card(daemon, card_folder)`` runs ``vicc_card.py`` under Debian's python3 (the emulator
is packaged for it) and waits until the reader sees the card.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"
VICC_PACKAGE = Path("/usr/lib/python3/site-packages/virtualsmartcard")
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
VICC_CARD = Path(__file__).with_name("vicc_card.py")
SOCKET_ENV = "PCSCLITE_CSOCK_NAME"
SYSTEM_SOCKET = Path("/run/pcscd/pcscd.comm")
START_TIMEOUT_S = 20.0  # two shared cores: pcscd and the emulator's imports take a few seconds
POLL_S = 0.05


@dataclass
class Pcscd:
    socket_path: Path
    port: int
    process: subprocess.Popen[bytes]
    log: Path


def skip_without_emulator() -> None:
    """Skip only where the Debian packages are truly absent (CI installs them)."""
    missing = [
        name
        for name, present in (
            ("pcscd", shutil.which("pcscd") is not None),
            ("vsmartcard-vpcd", VPCD_DRIVER.exists()),
            ("vsmartcard-vpicc", VICC_PACKAGE.exists()),
            ("python3-pycryptodome", _system_python_has("Cryptodome")),
        )
        if not present
    ]
    if missing:
        pytest.skip(f"card emulator packages not installed: {', '.join(missing)}")


@contextmanager
def running_pcscd(folder: Path) -> Iterator[Pcscd]:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    port = _free_port_pair()
    for leftover in ("pcscd.comm", "pcscd.pid"):  # a previous daemon's, in the same folder
        (folder / "run" / leftover).unlink(missing_ok=True)
    config = folder / "reader.conf.d"
    config.mkdir(exist_ok=True)
    (config / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:{port:#x}\n'
        f"LIBPATH {VPCD_DRIVER}\nCHANNELID {port:#x}\n"
    )
    run_dir = folder / "run"
    run_dir.mkdir(exist_ok=True)
    command = _pcscd_command(config, run_dir)
    socket_path = client_socket(folder)
    if os.environ.get(SOCKET_ENV) != str(socket_path):
        raise RuntimeError(f"{SOCKET_ENV} must be set before any PC/SC call: pin_client_socket")
    log = folder / "pcscd.log"
    with log.open("ab") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=sink, stdin=subprocess.DEVNULL)
    daemon = Pcscd(socket_path, port, process, log)
    try:
        _wait_for(lambda: socket_path.exists() and _port_open(port), process, "pcscd")
        yield daemon
    finally:
        _stop(process)


@contextmanager
def serving_card(daemon: Pcscd, card_folder: Path) -> Iterator[subprocess.Popen[bytes]]:
    log = card_folder.parent / f"{card_folder.name}.vicc.log"
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [SYSTEM_PYTHON, str(VICC_CARD), str(card_folder), str(daemon.port)],
            stdout=sink, stderr=sink, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        _wait_for(lambda: _card_present(daemon), process, "vicc")
        yield process
    finally:
        _stop(process)
        _wait_until(lambda: not _card_present(daemon))


def client_socket(folder: Path) -> Path:
    """Where the daemons started in ``folder`` listen (the system path without ``unshare``)."""
    return folder / "run" / "pcscd.comm" if _can_unshare() else SYSTEM_SOCKET


def pin_client_socket(folder: Path) -> None:
    """Point this process's PC/SC client at ``folder``'s daemons, before any PC/SC call.

    pcsc-lite's client reads ``PCSCLITE_CSOCK_NAME`` once, at its first call in a process,
    and the app's windows make that call in tests that know nothing of cards (the intake
    screen watches for a reader). Set at the session's start, every later daemon is found,
    and until one runs no test can reach a real reader of the machine.
    """
    os.environ[SOCKET_ENV] = str(client_socket(folder))


def _pcscd_command(config: Path, run_dir: Path) -> list[str]:
    pcscd = ["pcscd", "--foreground", "--config", str(config)]
    if _can_unshare():
        inner = (
            f"mkdir -p /run/pcscd && mount --bind '{run_dir}' /run/pcscd && exec {' '.join(pcscd)}"
        )
        return ["unshare", "--mount", "--propagation", "private", "sh", "-c", inner]
    return pcscd


@functools.cache
def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "true"],
        capture_output=True, check=False,
    )  # fmt: skip
    return probe.returncode == 0


def _card_present(daemon: Pcscd) -> bool:
    """True when the reader holds a card (pyscard in this process, pointed at ``daemon``)."""
    from smartcard.Exceptions import CardConnectionException, NoCardException
    from smartcard.pcsc.PCSCExceptions import BaseSCardException
    from smartcard.System import readers

    try:
        connection = readers()[0].createConnection()
    except (CardConnectionException, BaseSCardException, IndexError):
        return False
    try:
        connection.connect()
        connection.disconnect()
        return True
    except (NoCardException, CardConnectionException):
        return False
    finally:
        connection.release()


def _free_port_pair() -> int:
    """A port P with P+1 free too: the virtual reader listens on both (two slots)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 65535 and not _port_open(port + 1):
            return port
    raise RuntimeError("no free port pair")


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _system_python_has(module: str) -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    check = subprocess.run(
        [SYSTEM_PYTHON, "-c", f"import {module}"], capture_output=True, check=False
    )
    return check.returncode == 0


def _wait_for(ready, process: subprocess.Popen[bytes], name: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with status {process.returncode}")
        if ready():
            return
        time.sleep(POLL_S)
    raise RuntimeError(f"{name} did not start in {START_TIMEOUT_S} s")


def _wait_until(condition) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and not condition():
        time.sleep(POLL_S)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
