"""The self-test's window check: Qt starts, the Vietnamese translations load, and a window
with Vietnamese text paints with a font that can write it (no boxes)."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from counter_app import APP_NAME
from counter_app.services.self_test import FAILED, PASSED, CheckResult
from ui.app import make_application
from ui.fonts import writes_vietnamese
from ui.i18n import install_translations

NAME = "window"
# A string of the window's title bar and its translation (resources/translations/shell_vi.ts).
PROBE = ("MainWindow", "One-stop counter", "Bộ phận Một cửa")


def check_window() -> CheckResult:
    """Offscreen, so the check runs the same over SSH, in CI and at the counter."""
    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_application([APP_NAME])
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
