"""The self-test's Qt checks: Qt starts, the Vietnamese translations load, and a window with
Vietnamese text paints with a font that can write it (no boxes); the webcam's Qt Multimedia
loads its FFmpeg backend."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLoggingCategory
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from counter_app import APP_NAME
from counter_app.services.store.self_test import FAILED, NOT_APPLICABLE, PASSED, CheckResult
from ui.app import make_application
from ui.fonts import writes_vietnamese
from ui.i18n import install_translations

NAME = "window"
# A string of the window's title bar and its translation (resources/translations/shell_vi.ts).
PROBE = ("MainWindow", "One-stop counter", "Bộ phận Một cửa")


def check_window() -> CheckResult:
    """Offscreen, so the check runs the same over SSH, in CI and at the counter."""
    app = _application()
    translators = install_translations(app, "vi")
    try:
        translated = QCoreApplication.translate(PROBE[0], PROBE[1])
        label = QLabel(translated)
        label.show()
        painted = not label.grab().toImage().isNull()
        label.close()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    family = app.font().family()
    detail = f"{QGuiApplication.platformName()}, {family}"
    if translated != PROBE[2]:
        return CheckResult(NAME, FAILED, "translations missing")
    if not writes_vietnamese(family) or not painted:
        return CheckResult(NAME, FAILED, detail)
    return CheckResult(NAME, PASSED, detail)


CAMERA = "camera"


def check_camera() -> CheckResult:
    """The camera path's objects, as the intake screen makes them, with no camera needed:
    the FFmpeg backend loads (with the libraries it links) when it lists its decoders."""
    # Its probing of optional libraries (PipeWire, VA-API) is noise on a counter PC.
    QLoggingCategory.setFilterRules("qt.multimedia.*=false")
    try:
        from PySide6.QtMultimedia import (
            QMediaCaptureSession,
            QMediaDevices,
            QMediaFormat,
            QVideoSink,
        )
    except ImportError:  # a bundle built with COUNTER_APP_CAMERA=0
        return CheckResult(CAMERA, NOT_APPLICABLE)
    _application()
    session, sink = QMediaCaptureSession(), QVideoSink()
    session.setVideoSink(sink)
    decoders = QMediaFormat().supportedVideoCodecs(QMediaFormat.ConversionMode.Decode)
    cameras = len(QMediaDevices.videoInputs())
    if not decoders or session.videoSink() is not sink:
        return CheckResult(CAMERA, FAILED, "no multimedia backend")
    return CheckResult(CAMERA, PASSED, f"FFmpeg, {cameras}")


def _application() -> QApplication:
    """The app as a real start makes it; offscreen when none runs yet."""
    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return make_application([APP_NAME])
