"""The dossiers screen (Hồ sơ): today's and searched dossiers, their detail and actions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.dossiers.screen import DossiersScreen
from ui.main_window import MainWindow

KEY = "dossiers"

__all__ = ["KEY", "DossiersScreen", "install"]


def install(window: MainWindow) -> QWidget:
    """Add the screen as the "Hồ sơ" tab; a dossier asked for anywhere opens there."""
    screen = DossiersScreen(window.session)
    window.add_screen(KEY, QCoreApplication.translate("DossiersScreen", "Dossiers"), screen)
    window.dossier_requested.connect(lambda code: _show(window, screen, code))
    return screen


def _show(window: MainWindow, screen: DossiersScreen, code: str) -> None:
    window.show_screen(KEY)
    screen.show_dossier(code)
