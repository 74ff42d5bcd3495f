"""The keyboard-wedge scanner: a burst of keystrokes caught wherever the focus is.

A USB-HID scanner types its payload a few milliseconds per key and ends with Enter or Tab
(id-card.md §6). People type far slower. An application-wide event filter holds each
printable key for one gap; keys that keep coming faster than the gap (by the window
system's key stamps) and end with the terminator are a scan: they are swallowed (so they
never land in the focused field and the terminator never presses a button) and handed on
whole. Anything else is replayed, in order,
to the widget it was meant for, a gap later: unnoticeable when typing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from counter_app.services.settings.intake import IntakeSettings

# The thresholds' reasons are with the settings that let IT change them.
DEFAULT_GAP_MS = IntakeSettings.wedge_gap_ms
DEFAULT_MIN_LENGTH = IntakeSettings.wedge_min_length

_TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
# Keys a scanner presses on its way to a character (Shift before "H" or "|" on a US layout;
# AltGr on others): they carry no text and must not end the burst.
_SHIFTING_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
)
_HELD_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass(frozen=True)
class _HeldKey:
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class WedgeFilter(QObject):
    """Install on the application: ``app.installEventFilter(filter)``. GUI thread only."""

    def __init__(
        self,
        on_scan: Callable[[str], None],
        *,
        gap_ms: int = DEFAULT_GAP_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_scan = on_scan
        self.gap_ms, self.min_length = gap_ms, min_length
        self._held: list[_HeldKey] = []
        self._target: QWidget | None = None
        self._last = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False  # the window sees the key first; act once, at the widget
        return self._key(watched, event)

    def _key(self, widget: QWidget, event: QKeyEvent) -> bool:
        if event.key() in _SHIFTING_KEYS:
            return False  # let it through; the burst goes on
        now = _stamp_ms(event)
        fast = bool(self._held) and now - self._last <= self.gap_ms
        if self._held and (not fast or widget is not self._target):
            self._flush()
        if event.key() in _TERMINATORS:
            return self._terminate(event)
        if not _printable(event):
            self._flush()
            return False
        self._hold(widget, event, now)
        return True

    def _terminate(self, event: QKeyEvent) -> bool:
        if len(self._held) >= self.min_length and not event.modifiers() & _HELD_MODIFIERS:
            text = "".join(key.text for key in self._held)
            self._reset()
            self._on_scan(text)
            return True
        self._flush()
        return False

    def _hold(self, widget: QWidget, event: QKeyEvent, now: float) -> None:
        self._target = widget
        self._held.append(_HeldKey(event.key(), event.modifiers(), event.text()))
        self._last = now
        self._timer.start(self.gap_ms + 1)

    def _flush(self) -> None:
        """Not a scan: hand the held keys to their widget as if typed now."""
        held, target = self._held, self._target
        self._reset()
        if target is None or not held or not isValid(target):
            return
        self._replaying = True
        try:
            for key in held:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.sendEvent(
                        target, QKeyEvent(kind, key.key, key.modifiers, key.text)
                    )
        finally:
            self._replaying = False

    def _reset(self) -> None:
        self._timer.stop()
        self._held, self._target = [], None


def _stamp_ms(event: QKeyEvent) -> float:
    """When the key was pressed: the window system's stamp, so a GUI thread busy for a moment
    does not split a burst; simulated keys carry none and get the time they are handled."""
    return float(event.timestamp()) or time.monotonic() * 1000


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    return len(text) == 1 and text.isprintable() and not event.modifiers() & _HELD_MODIFIERS


def install_wedge(
    on_scan: Callable[[str], None], owner: QObject, *, gap_ms: int, min_length: int
) -> WedgeFilter:
    """A filter on the running application, living as long as ``owner`` (Qt drops a deleted
    filter from the application by itself)."""
    app = QApplication.instance()
    assert app is not None
    wedge = WedgeFilter(on_scan, gap_ms=gap_ms, min_length=min_length, parent=owner)
    app.installEventFilter(wedge)
    return wedge
