"""CHIP: after a QR scan, "tap the card" reads its chip and replaces the QR's fields.

The read runs on ``session.background`` (BAC and a few dozen APDUs take a second or two); the
reader's card events come from the card watcher's thread as queued signals. A failed read is shown
once and never retried by itself: a wrong key tried again and again may slow the chip down, so
after a refusal the clerk types the expiry printed on the card (one more try) or goes on with
the QR data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter_app.chip.errors import ChipError
from counter_app.domain.reading import IdCardReading, Source
from counter_app.messages import message_for
from counter_app.services.chip import pcsc
from counter_app.services.chip.identity import ChipIdentity, read_identity
from counter_app.services.chip.portrait import StoredPortrait, portrait_png, portrait_to_keep
from counter_app.services.clock import today_vn
from ui.naming import named
from ui.session import Session

PORTRAIT_SIZE = (96, 128)  # a passport photo's 3:4, small enough for the right-hand column
# Dark enough for text on the light window at any size (contrast above 4.5:1).
_STATE_COLOURS = {
    "chip_verified": "#1b5e20",
    "chip_unverified": "#8a4b00",
    "chip_failed": "#b71c1c",
}
# Without a reader, look again at a scan at most this often: a reader plugged in later is found,
# and a counter without one does not ask PC/SC at every scan.
READER_RECHECK_S = 60.0
# Codes after which the clerk may type the card's expiry for one more try.
_ASK_EXPIRY = {"CHIP_ACCESS_DENIED", "CHIP_KEY_MISSING"}


class ChipEvents(QObject):
    """The reader's card events as signals; emitted on the watcher's thread, delivered queued."""

    card_arrived = Signal(str)
    card_left = Signal(str)
    progress = Signal(int, int)  # bytes of the current file read, its size


class ChipPanel(QWidget):
    """The chip's status, the portrait, and the expiry field when the derived keys failed."""

    read_done = Signal(object)  # ChipIdentity

    def __init__(self, session: Session, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.lang = session, lang
        self.start: IdCardReading | None = None
        self.identity: ChipIdentity | None = None
        self.reading_now = self.tried = False
        self.card_on_reader = False
        self.events = ChipEvents(self)
        self._stop_watching: Callable[[], None] | None = None
        self._next_ask_at = 0.0  # monotonic time before which no reader is looked for again
        self.status = named(QLabel(), "chip_status")
        self.portrait = named(QLabel(), "chip_portrait")
        self.expiry = named(QLineEdit(), "chip_expiry")
        self.retry = named(QPushButton(self.tr("Read the chip again")), "chip_retry")
        self._build()
        self.events.card_arrived.connect(self._card_arrived)
        self.events.card_left.connect(self._card_left)
        self.events.progress.connect(self._progress)
        self.expiry.returnPressed.connect(self.read_with_expiry)
        self.retry.clicked.connect(self.read_with_expiry)
        self.clear()

    def _build(self) -> None:
        self.status.setWordWrap(True)
        self.portrait.setFixedSize(*PORTRAIT_SIZE)
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.expiry.setPlaceholderText(self.tr("Valid until (dd/mm/yyyy) on the card"))
        self.retry.setAutoDefault(False)
        title = QLabel(self.tr("CHIP"))
        title.setObjectName("section_title")
        row = QHBoxLayout()
        row.addWidget(self.portrait)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.expiry)
        layout.addWidget(self.retry)

    # The reader

    def watch(self) -> None:
        """Listen for cards once a reader is found (asked off the GUI thread); without a
        reader the panel stays idle and F6 still tries.

        Called at the first QR scan, not when the screen opens: loading pyscard holds the
        interpreter for a moment, and at start that would stretch the gaps between a
        scanner's first keys into typing speed.
        """
        if self._stop_watching is not None or time.monotonic() < self._next_ask_at:
            return
        self._next_ask_at = time.monotonic() + READER_RECHECK_S
        self.session.background.run(
            pcsc.reader_names, on_done=self._start_watching, on_error=self._no_reader
        )

    def _start_watching(self, _names: list[str]) -> None:
        if self._stop_watching is not None:
            return
        try:
            stop = pcsc.watch_cards(self.events.card_arrived.emit, self.events.card_left.emit)
        except ChipError as error:
            self._no_reader(error)
            return
        self._stop_watching = stop
        # The watcher's thread ends with the panel.
        self.destroyed.connect(lambda *_args, stop=stop: stop())

    def _no_reader(self, error: BaseException) -> None:
        if not isinstance(error, ChipError):
            raise error
        self._say(message_for(error.code, self.lang))

    def stop(self) -> None:
        if self._stop_watching is not None:
            self._stop_watching()
            self._stop_watching = None

    def _card_arrived(self, _reader: str) -> None:
        self.card_on_reader = True
        if self.start is not None and not self.tried:
            self.read()

    def _card_left(self, _reader: str) -> None:
        self.card_on_reader = False

    # Reading

    def offer(self, start: IdCardReading) -> None:
        """A QR scan (or a typed identity) gives the keys: read now if a card lies there."""
        self.clear()
        self.start = start
        self._say(self.tr("Lay the card on the reader to read its chip (F6)."))
        self.watch()  # a card already lying there is reported as it starts
        if self.card_on_reader:
            self.read()

    def read_now(self, start: IdCardReading) -> None:
        """F6: the clerk asks for a read (again) with what the form holds."""
        if self.reading_now:
            return
        self.start, self.tried = start, False
        self.read()

    def read(self, expiry: date | None = None) -> None:
        if self.start is None or self.reading_now:
            return
        start, self.reading_now, self.tried = self.start, True, True
        self.expiry.hide()
        self.retry.hide()
        self._say(self.tr("Reading the chip… keep the card still."))
        progress = self.events.progress.emit
        self.session.background.run(
            lambda: read_identity(start, today=today_vn(), expiry=expiry, progress=progress),
            on_done=self._done,
            on_error=self._failed,
        )

    def _progress(self, done: int, total: int) -> None:
        if self.reading_now and total:
            percent = min(100, done * 100 // total)
            self._say(self.tr("Reading the chip… {percent} %").format(percent=percent))

    def read_with_expiry(self) -> None:
        typed = _typed_date(self.expiry.text())
        if typed is None:
            self._say(message_for("CHIP_BAD_EXPIRY", self.lang))
            return
        self.read(typed)

    def _done(self, identity: ChipIdentity) -> None:
        self.reading_now, self.identity = False, identity
        self._show_portrait(identity)
        if identity.verified:
            self._say(self.tr("✓ Identity from the chip, verified."), "chip_verified")
        else:
            self._say(
                self.tr("⚠ Identity from the chip, read but NOT verified."), "chip_unverified"
            )
        self.read_done.emit(identity)

    def _failed(self, error: BaseException) -> None:
        self.reading_now = False
        if not isinstance(error, ChipError):
            raise error  # not ours to explain: the crash handler logs and tells
        self._say("✗ " + message_for(error.code, self.lang), "chip_failed")
        ask = error.code in _ASK_EXPIRY
        self.expiry.setVisible(ask)
        self.retry.setVisible(ask)
        if ask:
            self.expiry.setFocus()

    def clear(self) -> None:
        self.start, self.tried, self.identity = None, False, None
        self.portrait.clear()
        self.portrait.hide()
        self.expiry.clear()
        self.expiry.hide()
        self.retry.hide()
        self._say(self.tr("After the QR scan, lay the card on the reader (F6)."))

    def portrait_to_keep(self, *, keep: bool, reading: IdCardReading) -> StoredPortrait | None:
        """The portrait to save with the dossier: only where the ward keeps portraits, and
        only while the form still shows the chip's identity."""
        if not keep or self.identity is None or reading.source is not Source.CHIP:
            return None
        return portrait_to_keep(self.identity)

    def _show_portrait(self, identity: ChipIdentity) -> None:
        portrait = identity.read.portrait
        png = portrait_png(portrait.image) if portrait is not None else None
        if png is None:
            return
        image = QImage.fromData(png)
        pixmap = QPixmap.fromImage(image).scaled(
            *PORTRAIT_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.portrait.setPixmap(pixmap)
        self.portrait.show()

    def _say(self, text: str, state: str = "") -> None:
        self.status.setText(text)
        self.status.setProperty("state", state)
        colour = _STATE_COLOURS.get(state)
        self.status.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")


def _typed_date(text: str) -> date | None:
    parts = text.strip().replace("-", "/").replace(".", "/").split("/")
    try:
        day, month, year = (int(part) for part in parts)
        return date(year, month, day)
    except ValueError:
        return None
