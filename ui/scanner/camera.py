"""The webcam: a live preview, and its frames handed to a ``FrameDecoder``.

Built only when the counter has a camera and the setting asks for it; without one the
screen simply has no preview (the other inputs work the same).
"""

from __future__ import annotations

from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoFrame
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QWidget

from ui.scanner.images import FrameDecoder


def camera_available() -> bool:
    return bool(QMediaDevices.videoInputs())


class CameraPreview(QVideoWidget):
    """The live picture; every frame shown is also offered to the decoder (most are dropped
    while one decodes)."""

    def __init__(self, decoder: FrameDecoder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("camera_preview")
        self._decoder = decoder
        self.camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self.capture = QMediaCaptureSession(self)
        self.capture.setCamera(self.camera)
        self.capture.setVideoOutput(self)
        self.videoSink().videoFrameChanged.connect(self._frame)

    def start(self) -> None:
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()

    def _frame(self, frame: QVideoFrame) -> None:
        if not self._decoder.busy:
            self._decoder.offer(frame.toImage())
