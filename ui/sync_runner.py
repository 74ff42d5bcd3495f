"""The sync inside the window: passes on their own thread, timed by a Qt timer on the GUI thread.

The engine does one pass and says when to try again (STYLE rule 8); this runner is the
window's clock. Passes run one at a time on a dedicated thread that opens its own store
connection (never ``session.store``), so a slow network never delays a clerk's save: WAL
lets both connections work. The thread is a daemon: closing the window waits a moment for a
running pass and otherwise abandons it, which is harmless because every record carries its
idempotency key and a pass's transactions are short (sync.md B2). Results reach the GUI
thread as a small immutable ``SyncStatus``; 401/403, a refused certificate and a missing
address pause the timer until the user asks again (F5) or the settings change.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from counter_app import __version__
from counter_app.errors import CounterAppError
from counter_app.services.backup.city_recovery import RecoveryNotice, recovery_notice
from counter_app.services.clock import now_vn
from counter_app.services.settings.counter import load_config
from counter_app.services.store.opening import Store
from counter_app.services.syncing.journal import read_journal
from counter_app.services.syncing.outbox import pending_count, rejected_count
from counter_app.services.syncing.overdue import unsynced_state
from counter_app.services.syncing.settings import SyncSettings, load_sync_settings, read_token
from sync.client import ClientConfig, SyncClient
from sync.engine import SyncReport, counter_id, run_sync_once
from ui.crash import log_if_unexpected
from ui.tasks import Relay

log = logging.getLogger(__name__)

# With nothing pending the runner still passes now and then: the city's status changes come
# back by pull, and a dossier saved meanwhile goes out without waiting for a nudge.
IDLE_INTERVAL_S = 60.0
# After a local save the next pass waits this long, so a burst of saves makes one pass.
NUDGE_DELAY_S = 2.0
# Something unexpected broke a pass (a bug, a full disk): try again, but not in a tight loop.
UNEXPECTED_RETRY_S = 300.0
# Quitting waits this long for a running pass, then abandons it (a pass is idempotent).
STOP_WAIT_S = 2.0
_STATUS_ONLY, _PASS = "status", "pass"
NO_RECOVERY = RecoveryNotice(0, (), ())


class CityLink(StrEnum):
    """Where the counter stands with the city system (the status bar's word)."""

    STARTING = "starting"  # no pass finished yet
    ONLINE = "online"  # the last pass reached the city and finished
    OFFLINE = "offline"  # the last pass failed and will be retried by itself
    PAUSED = "paused"  # 401, 403, a certificate: no retry until IT acts
    NOT_CONFIGURED = "not_configured"  # no city address yet


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows; built on the sync thread, read on the GUI thread."""

    state: CityLink = CityLink.STARTING
    running: bool = False
    pending: int = 0
    rejected: int = 0
    last_success_at: str | None = None  # ISO, Vietnam time
    last_error: str | None = None  # an error code of docs/CLI.md
    clock_skew_s: float | None = None
    skew_warning: bool = False
    unsynced_warning: bool = False
    retry_in_s: float | None = None  # None: no pass planned but the idle one
    recovery: RecoveryNotice = NO_RECOVERY  # after a restore: what the city gave back


def _counts(store: Store, state: CityLink, error: str | None = None) -> SyncStatus:
    """The store's side of the status (counts, journal, warnings); no network."""
    journal = read_journal(store)
    return SyncStatus(
        state=state,
        pending=pending_count(store),
        rejected=rejected_count(store),
        last_success_at=journal.last_success_at,
        last_error=error if error is not None else journal.last_error,
        clock_skew_s=journal.clock_skew_s,
        skew_warning=journal.skew_warning,
        unsynced_warning=unsynced_state(store, now=now_vn()).warning,
        recovery=recovery_notice(store, now=now_vn()),
    )


def read_status(store: Store) -> SyncStatus:
    """The status as stored, without a pass (the state follows the journal's last error)."""
    if not load_sync_settings(store).url:
        return _counts(store, CityLink.NOT_CONFIGURED)
    journal = read_journal(store)
    if journal.last_success_at is None and journal.last_error is None:
        return _counts(store, CityLink.STARTING)
    return _counts(store, CityLink.OFFLINE if journal.last_error else CityLink.ONLINE)


def _status_of(store: Store, report: SyncReport) -> SyncStatus:
    if report.paused:
        state = CityLink.PAUSED
    else:
        state = CityLink.OFFLINE if report.error is not None else CityLink.ONLINE
    return replace(_counts(store, state, report.error_code or ""), retry_in_s=report.retry_in_s)


class _SyncThread:
    """One daemon thread, one store connection, one client; requests come through a queue."""

    def __init__(self, open_store: Callable[[], Store], relay: Relay) -> None:
        self._open, self._relay = open_store, relay
        self._requests: queue.Queue[str | None] = queue.Queue()
        self._store: Store | None = None
        self._client: tuple[ClientConfig, SyncClient] | None = None
        self._thread = threading.Thread(target=self._loop, name="counter-sync", daemon=True)
        self._thread.start()

    def ask(self, request: str) -> None:
        self._requests.put(request)

    def stop(self, wait_s: float) -> bool:
        """No more requests; True when the thread has ended within ``wait_s``."""
        self._requests.put(None)
        return self.join(wait_s)

    def join(self, wait_s: float) -> bool:
        self._thread.join(max(wait_s, 0.0))
        return not self._thread.is_alive()

    def _loop(self) -> None:
        while (request := self._requests.get()) is not None:
            result = (request, self._serve(request))
            try:
                self._relay.done.emit(result)  # (request, SyncStatus)
            except RuntimeError:  # the window is gone while an abandoned pass ran
                break
        self._close()

    def _serve(self, request: str) -> SyncStatus:
        try:
            store = self._own_store()
            return self._pass(store) if request == _PASS else read_status(store)
        except CounterAppError as error:  # no counter, a token file unreadable, a bad address
            return SyncStatus(state=CityLink.PAUSED, last_error=error.code)
        except Exception:  # a bug must not kill the thread; logged, retried later
            log.exception("sync pass failed")
            return SyncStatus(state=CityLink.OFFLINE, last_error="UNEXPECTED",
                              retry_in_s=UNEXPECTED_RETRY_S)  # fmt: skip

    def _own_store(self) -> Store:
        if self._store is None:
            self._store = self._open()
        return self._store

    def _pass(self, store: Store) -> SyncStatus:
        settings = load_sync_settings(store)
        if not settings.url:
            return _counts(store, CityLink.NOT_CONFIGURED)
        client = self._client_for(store, settings)
        report = run_sync_once(store, client, now=now_vn(), settings=settings)
        return _status_of(store, report)

    def _client_for(self, store: Store, settings: SyncSettings) -> SyncClient:
        """The same client (and its connections) while the settings stay the same."""
        config = ClientConfig(
            url=settings.url,
            counter_id=counter_id(load_config(store)),
            app_version=__version__,
            token=read_token(store, settings),
            ca_bundle=settings.ca_bundle or None,
            connect_timeout_s=settings.connect_timeout_s,
            read_timeout_s=settings.read_timeout_s,
        )
        if self._client is None or self._client[0] != config:
            if self._client is not None:
                self._client[1].close()
            self._client = (config, SyncClient(config))
        return self._client[1]

    def _close(self) -> None:
        if self._client is not None:
            self._client[1].close()
        if self._store is not None:
            self._store.close()


class SyncRunner(QObject):
    """The window's sync: a timer on the GUI thread, passes on the sync thread. GUI thread only."""

    status_changed = Signal(object)  # SyncStatus

    def __init__(self, open_store: Callable[[], Store], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open = open_store
        self._relay: Relay | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)  # Qt timers run on the monotonic clock (sync.md B6)
        self._timer.timeout.connect(self.sync_now)
        self._worker: _SyncThread | None = None
        self._retired: list[_SyncThread] = []  # stopped, maybe still ending a pass
        self._busy = False
        self._again = False
        self.status = SyncStatus()

    @property
    def running(self) -> bool:
        return self._worker is not None

    def start(self) -> None:
        """Start the thread: the stored counts first (no network), then a pass at once."""
        if self._worker is None:
            # A relay per thread: an abandoned thread's late result reaches no one.
            self._relay = Relay(
                self._finished, lambda e: log_if_unexpected(e, where="sync"), parent=self
            )
            self._busy = self._again = False
            self._worker = _SyncThread(self._open, self._relay)
            self._worker.ask(_STATUS_ONLY)
        self.sync_now()

    @Slot()
    def sync_now(self) -> None:
        """A pass as soon as the thread is free (F5, the timer, changed settings)."""
        if self._worker is None:
            return
        self._timer.stop()
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._publish(replace(self.status, running=True))
        self._worker.ask(_PASS)

    def nudge(self) -> None:
        """A dossier was saved: a pass soon, unless the backoff says the city needs a rest."""
        if self._worker is None:
            return
        if self.status.state in (CityLink.ONLINE, CityLink.STARTING):
            if self._busy:
                self._again = True  # the running pass may have read the outbox already
                return
            self._timer.start(int(NUDGE_DELAY_S * 1000))
        else:
            self._worker.ask(_STATUS_ONLY)  # counts only: the backoff timer stays as it is

    def stop(self, wait_s: float = 0.0) -> bool:
        """Stop timing passes; a running pass ends on its own thread, waited for ``wait_s``.

        Hiding the window must not freeze it, so by default nothing is waited for; the
        application's quit waits a moment through ``finish`` (a pass is idempotent, so one
        cut off by the process's end is simply sent again next time).
        """
        self._timer.stop()
        worker, self._worker = self._worker, None
        if self._relay is not None:
            self._relay.cut()
            self._relay = None
        if worker is None:
            return True
        self._retired.append(worker)
        return worker.stop(wait_s)

    def finish(self, wait_s: float = STOP_WAIT_S) -> bool:
        """Stop, and wait up to ``wait_s`` in all for the threads still ending (at quit)."""
        self.stop()
        deadline = time.monotonic() + wait_s
        self._retired = [w for w in self._retired if not w.join(deadline - time.monotonic())]
        return not self._retired

    @Slot(object)
    def _finished(self, result: tuple[str, SyncStatus]) -> None:
        request, status = result
        if self._worker is None:
            return  # stopped meanwhile: nothing to plan
        if request == _STATUS_ONLY:  # fresh counts; the state stays the last pass's
            fresh = replace(
                self.status, pending=status.pending, rejected=status.rejected,
                unsynced_warning=status.unsynced_warning,
            )  # fmt: skip
            self._publish(fresh)
            return
        self._busy = False
        self._publish(status)
        if self._again:
            self._again = False
            self.sync_now()
        else:
            self._plan(status)

    def _plan(self, status: SyncStatus) -> None:
        if status.state in (CityLink.PAUSED, CityLink.NOT_CONFIGURED):
            return  # F5 or saved settings start it again
        delay = IDLE_INTERVAL_S if status.retry_in_s is None else status.retry_in_s
        self._timer.start(max(0, int(delay * 1000)))

    def next_pass_in_ms(self) -> int:
        """Milliseconds until the planned pass; -1 when none is planned (tests, the tooltip)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def _publish(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
