"""The returns screen (Trả kết quả): scan a receipt, see whether it is ready, hand it over."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.main_window import MainWindow
from ui.returns.screen import ReturnsScreen

KEY = "returns"

__all__ = ["KEY", "ReturnsScreen", "install"]


def install(window: MainWindow) -> QWidget:
    """Add the screen as the "Trả kết quả" tab. Scans reach it through ``open_code``."""
    screen = ReturnsScreen(window.session)
    window.add_screen(KEY, QCoreApplication.translate("ReturnsScreen", "Returns"), screen)
    return screen
