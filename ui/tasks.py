"""Running work off the GUI thread: a callable on the thread pool, its result on the GUI thread.

STYLE rule 2: a UI action builds the call, runs it in the background, and handles success or
failure on the main thread. Background code never touches a widget; the callbacks given here
run on the GUI thread (a queued signal into a relay object that lives there).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from counter_app.services.store.opening import Store
from ui.crash import log_if_unexpected

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Relay(QObject):
    """Lives on the GUI thread; a worker's signals reach it queued, so callbacks run there.

    The one bridge from a worker thread (a pool job, the sync thread) to the GUI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_done: Done,
        on_error: Failed,
        forget: Callable[[Relay], None] = lambda _: None,
        parent: QObject | None = None,
    ) -> None:
        """``parent``: an owner on the GUI thread, for a relay a long-lived worker holds (the
        sync thread): the relay is then deleted there, never by the worker's last reference."""
        super().__init__(parent)
        self._on_done, self._on_error, self._forget = on_done, on_error, forget
        self.done.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    def cut(self) -> None:
        """Deliver nothing more: a late result of an abandoned worker reaches no one."""
        self.done.disconnect(self._deliver_result)
        self.failed.disconnect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self._forget(self)
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self._forget(self)
        self._on_error(error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the GUI thread, which decides
            log_if_unexpected(error, where="window job")
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(result)


class Background:
    """The window's one door to the thread pool. GUI thread only."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._pending: set[Relay] = set()

    @property
    def busy(self) -> int:
        """Jobs whose callbacks have not run yet."""
        return len(self._pending)

    def run(self, work: Callable[[], Any], *, on_done: Done, on_error: Failed) -> None:
        relay = Relay(on_done, on_error, self._pending.discard)
        self._pending.add(relay)  # keeps the relay alive until its callback has run
        self._pool.start(_Job(work, relay))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (closing the window, tests)."""
        return bool(self._pool.waitForDone(msecs))


class StoreRunner:
    """Store work, one job at a time, on one thread that owns its own store connection.

    SQLite connections belong to the thread that opened them, and the GUI thread must never
    wait on the disk: every read and write of the window goes through here, in order, on a
    pool of exactly one thread that never expires. The sync engine keeps its own thread and
    connection (WAL lets them work side by side), so a slow network never delays a save.
    """

    def __init__(self, open_store: Callable[[], Store]) -> None:
        self._open = open_store
        self._store: Store | None = None
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._background = Background(self._pool)

    @property
    def busy(self) -> int:
        return self._background.busy

    def run(self, work: Callable[[Store], Any], *, on_done: Done, on_error: Failed) -> None:
        self._background.run(lambda: work(self._thread_store()), on_done=on_done, on_error=on_error)

    def _thread_store(self) -> Store:
        if self._store is None:
            self._store = self._open()
        return self._store

    def close(self, msecs: int = 10_000) -> bool:
        """Finish queued jobs, then close the connection on its own thread."""
        self._background.run(self._close_store, on_done=_ignore, on_error=_ignore)
        return self._background.wait(msecs)

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _ignore(_value: object) -> None:
    return None
