"""PC/SC readers through pyscard (WinSCard on Windows, pcsc-lite elsewhere).

The only module that imports ``smartcard``; it turns the library's exceptions into the chip
errors a clerk can act on (no reader, no card, card removed) and hands the protocol code a
plain ``transmit(bytes) -> bytes``. pyscard is imported when first needed, so a machine
without PC/SC still runs everything else.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

from counter_app.chip.errors import (
    ChipCardRemovedError,
    ChipLibraryMissingError,
    ChipNoCardError,
    ChipNoReaderError,
    ChipReaderError,
)


def reader_names() -> list[str]:
    """The names of the PC/SC readers; ChipNoReaderError when there are none or no service."""
    system = _module("smartcard.System")
    exceptions = _module("smartcard.Exceptions")
    service = _module("smartcard.pcsc.PCSCExceptions")
    try:
        names = [str(reader) for reader in system.readers()]
    except (exceptions.SmartcardException, service.BaseSCardException) as exc:
        # No PC/SC service (pcscd not running, Windows' Smart Card service stopped).
        raise ChipNoReaderError("no PC/SC service") from exc
    if not names:
        raise ChipNoReaderError("no reader")
    return names


def reader_states() -> list[tuple[str, bool]]:
    """Each reader's name and whether a card lies on it (for `id readers` and IT)."""
    system = _module("smartcard.System")
    states = []
    readers = system.readers() if reader_names() else []
    for reader in readers:
        try:
            _connect(reader).close()
            states.append((str(reader), True))
        except (ChipNoCardError, ChipReaderError):
            states.append((str(reader), False))
    return states


class CardConnection:
    """One connection to the card in one reader; ``transmit`` is what the protocol calls."""

    def __init__(self, connection: Any, reader_name: str) -> None:
        self._connection = connection
        self.reader_name = reader_name
        self._exceptions = _module("smartcard.Exceptions")

    def transmit(self, command: bytes) -> bytes:
        try:
            data, sw1, sw2 = self._connection.transmit(list(command))
        except self._exceptions.CardConnectionException as exc:
            raise ChipCardRemovedError("card connection lost") from exc
        return bytes(data) + bytes([sw1, sw2])

    def close(self) -> None:
        # A card already gone leaves nothing to close.
        with contextlib.suppress(self._exceptions.CardConnectionException):
            self._connection.disconnect()
            self._connection.release()  # the PC/SC context too, not at garbage collection


def connect(reader_index: int | None = None) -> CardConnection:
    """Connect to the card in reader ``reader_index``, or in the first reader holding one."""
    system = _module("smartcard.System")
    readers = system.readers() if reader_names() else []
    if reader_index is not None:
        if not 0 <= reader_index < len(readers):
            raise ChipNoReaderError(f"no reader number {reader_index}")
        return _connect(readers[reader_index])
    for reader in readers:
        try:
            return _connect(reader)
        except ChipNoCardError:
            continue
    raise ChipNoCardError("no card on any reader")


def _connect(reader: Any) -> CardConnection:
    exceptions = _module("smartcard.Exceptions")
    connection = reader.createConnection()
    try:
        connection.connect()
    except exceptions.NoCardException as exc:
        _release(connection, exceptions)
        raise ChipNoCardError("no card on the reader") from exc
    except exceptions.CardConnectionException as exc:
        _release(connection, exceptions)
        if getattr(exc, "hresult", None) in _no_usable_card_codes():
            raise ChipNoCardError("no usable card on the reader") from exc
        raise ChipReaderError("the reader refused the connection") from exc
    return CardConnection(connection, str(reader))


def _no_usable_card_codes() -> set[int]:
    """PC/SC answers that mean "put a card (back) on the reader", not a broken reader."""
    scard = _module("smartcard.scard")
    names = (
        "SCARD_E_NO_SMARTCARD",
        "SCARD_W_REMOVED_CARD",
        "SCARD_W_UNPOWERED_CARD",
        "SCARD_W_UNRESPONSIVE_CARD",
    )
    return {getattr(scard, name) for name in names if hasattr(scard, name)}


def _release(connection: Any, exceptions: ModuleType) -> None:
    with contextlib.suppress(exceptions.CardConnectionException):
        connection.release()


# How often the watcher asks PC/SC which readers hold a card: quick enough that a card laid on
# the reader is read at once, rare enough to cost nothing (each ask is one local IPC round).
WATCH_POLL_S = 0.3
# After PC/SC fails (the service restarting, a reader unplugged mid-call), wait before asking again.
WATCH_RETRY_S = 2.0


def watch_cards(
    on_inserted: Callable[[str], None], on_removed: Callable[[str], None]
) -> Callable[[], None]:
    """Call back, on a thread of its own, when a card arrives on a reader or leaves it.

    Returns the function that stops the watch (it may be called more than once). Our own
    small loop rather than pyscard's CardMonitor: that one spins without a pause, printing a
    traceback each turn, when the PC/SC service goes away for a moment.
    """
    scard = _module("smartcard.scard")
    stop = threading.Event()

    def run() -> None:
        present: set[str] = set()
        while not stop.is_set():
            now = _readers_with_a_card(scard)
            if now is None:
                stop.wait(WATCH_RETRY_S)
                continue
            for name in sorted(now - present):
                on_inserted(name)
            for name in sorted(present - now):
                on_removed(name)
            present = now
            stop.wait(WATCH_POLL_S)

    threading.Thread(target=run, name="card-watcher", daemon=True).start()
    return stop.set


def _readers_with_a_card(scard: Any) -> set[str] | None:
    """The readers holding a card now, or None when PC/SC cannot say."""
    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        return None
    try:
        result, readers = scard.SCardListReaders(context, [])
        if result == scard.SCARD_E_NO_READERS_AVAILABLE:
            return set()
        if result != scard.SCARD_S_SUCCESS:
            return None
        states = [(reader, scard.SCARD_STATE_UNAWARE) for reader in readers]
        result, states = scard.SCardGetStatusChange(context, 0, states)
        if result != scard.SCARD_S_SUCCESS:
            return None
        return {str(state[0]) for state in states if state[1] & scard.SCARD_STATE_PRESENT}
    finally:
        scard.SCardReleaseContext(context)


def _module(name: str) -> ModuleType:
    try:
        return __import__(name, fromlist=["_"])
    except ImportError as exc:
        raise ChipLibraryMissingError("pyscard") from exc
