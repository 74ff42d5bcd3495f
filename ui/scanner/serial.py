"""The COM-port scanner (USB-CDC virtual serial port): bytes framed into scans.

id-card.md §6: read bytes, end a scan at CR or LF or after a quiet gap, decode UTF-8; bytes
that are no UTF-8 are read as cp1252 (the parser then repairs UTF-8 mojibake, §1 step 2),
and as Latin-1 when even that fails, so a scan is never lost to its encoding.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtSerialPort import QSerialPort

# A scanner sends a whole payload within a few ms at any baud rate above 9600; 100 ms of
# silence ends a scan that came without CR/LF (a scanner configured with no suffix).
FRAME_GAP_MS = 100
_LINE_ENDS = (b"\r", b"\n")


def decode_scan(raw: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


class SerialScanner(QObject):
    """Reads one named port; each framed scan goes to ``on_scan``. GUI thread only."""

    def __init__(
        self,
        on_scan: Callable[[str], None],
        *,
        gap_ms: int = FRAME_GAP_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_scan = on_scan
        self._buffer = bytearray()
        self.port = QSerialPort(self)
        self.port.readyRead.connect(self._read)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(gap_ms)
        self._quiet.timeout.connect(self._end_frame)

    def open(self, name: str, baud: int = 9600) -> bool:
        """Open ``name`` (typed in the settings: a pty or an unplugged port is not listed)."""
        self.close()
        self.port.setPortName(name)
        if not self.port.open(QSerialPort.OpenModeFlag.ReadOnly):
            return False
        self.port.setBaudRate(baud)
        return True

    def close(self) -> None:
        if self.port.isOpen():
            self.port.close()
        self._buffer.clear()

    def _read(self) -> None:
        self._buffer += bytes(self.port.readAll().data())
        while True:
            cut = min((i for i in map(self._buffer.find, _LINE_ENDS) if i >= 0), default=-1)
            if cut < 0:
                break
            frame, self._buffer = bytes(self._buffer[:cut]), self._buffer[cut + 1 :]
            self._emit(frame)
        if self._buffer:
            self._quiet.start()

    def _end_frame(self) -> None:
        frame = bytes(self._buffer)
        self._buffer.clear()
        self._emit(frame)

    def _emit(self, frame: bytes) -> None:
        if frame.strip():
            self._on_scan(decode_scan(frame))
