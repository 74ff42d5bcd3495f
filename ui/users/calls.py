"""Waiting for one store job while the event loop keeps turning (start-up and modal steps).

The sign-in and the wizard must know an answer before the window opens; the job still runs
on the store thread, and the GUI thread spins a local event loop meanwhile, so it never
blocks on the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop

from counter_app.services.store.opening import Store
from ui.session import Session
from ui.tasks import Background

T = TypeVar("T")


def wait_for_store(session: Session, work: Callable[[Store], T]) -> T:
    """Run ``work`` on the store thread, return its result or raise its error here."""
    result: T = _wait(lambda done, failed: session.store.run(work, on_done=done, on_error=failed))
    return result


def wait_for_background(background: Background, work: Callable[[], T]) -> T:
    result: T = _wait(lambda done, failed: background.run(work, on_done=done, on_error=failed))
    return result


def _wait(start: Callable[[Callable[[Any], None], Callable[[BaseException], None]], None]) -> Any:
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(value: Any) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    start(done, failed)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
