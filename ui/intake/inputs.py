"""The intake screen's scanner inputs, all feeding one ``ScanRouter``.

Keyboard wedge (always on while the screen lives), the COM port named in the settings, the
webcam when the setting asks and a camera is there, and pictures (Ctrl+O, drag-and-drop).
Pictures and frames are decoded on ``session.background``; only text reaches the router.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QLayout, QWidget

from counter_app.services.clock import today_vn
from counter_app.services.settings.intake import IntakeSettings
from ui.scanner.images import IMAGE_FILTER, FrameDecoder, scan_image_file
from ui.scanner.router import ScanRouter
from ui.scanner.serial import SerialScanner
from ui.scanner.wedge import install_wedge
from ui.session import Session

Failed = Callable[[BaseException], None]


class ScanInputs(QObject):
    """Owned by the screen: the wedge filter goes when the screen goes."""

    def __init__(self, session: Session, owner: QWidget, *, gap_ms: int, min_length: int) -> None:
        super().__init__(owner)
        self._session, self._owner = session, owner
        self.router = ScanRouter(self)
        deliver = self.router.deliver
        self.wedge = install_wedge(deliver, self, gap_ms=gap_ms, min_length=min_length)
        self.serial = SerialScanner(deliver, parent=self)
        self.frames = FrameDecoder(session.background, deliver, self)

    def open_serial(self, settings: IntakeSettings) -> bool:
        """Open the configured COM port; True when there is none to open."""
        if not settings.scanner_port:
            return True
        return self.serial.open(settings.scanner_port, settings.scanner_baud)

    def open_camera(self, into: QLayout | None) -> bool:
        """The live preview in ``into``; False when this computer has no camera."""
        try:  # QtMultimedia on demand; a bundle built without the camera has none
            from ui.scanner.camera import CameraPreview, camera_available
        except ImportError:
            return False
        if not camera_available() or into is None:
            return False
        preview = CameraPreview(self.frames)
        preview.setMinimumHeight(160)
        into.addWidget(preview)
        preview.start()
        return True

    def choose_image(self, title: str, on_error: Failed) -> None:
        path, _ = QFileDialog.getOpenFileName(self._owner, title, "", IMAGE_FILTER)
        if path:
            self.scan_file(path, on_error)

    def scan_file(self, path: str, on_error: Failed) -> None:
        """Decode a picture off the GUI thread; its code goes through the router."""
        today = today_vn()
        self._session.background.run(
            lambda: scan_image_file(Path(path), today=today),
            on_done=self.router.deliver,
            on_error=on_error,
        )
