"""The draft keeper: the form saved as the clerk types, debounced, on the store thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from counter_app.services.intake.drafts import discard_draft
from ui.intake import work
from ui.session import Session

# Half a second after the last keystroke: a typing clerk causes about two writes a second at
# most, and a crash loses at most what was typed in the last half second.
DRAFT_DEBOUNCE_MS = 500


class DraftKeeper(QObject):
    def __init__(
        self, session: Session, content: Callable[[], dict[str, Any]], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._session, self._content = session, content
        self._paused = False
        self.saves = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DEBOUNCE_MS)
        self._timer.timeout.connect(self._save)

    def touch(self) -> None:
        if not self._paused:
            self._timer.start()

    def pause(self) -> None:
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False

    def discard(self) -> None:
        self._timer.stop()
        self._session.store.run(discard_draft, on_done=_ignore, on_error=_ignore)

    def _save(self) -> None:
        content = self._content()  # read on the GUI thread; only plain values travel
        self.saves += 1
        self._session.store.run(
            lambda store: work.keep_draft(store, content), on_done=_ignore, on_error=_ignore
        )


def _ignore(_value: object) -> None:
    """A failed draft write is retried by the next keystroke; saving the dossier is what
    counts, and it reports its own errors."""
