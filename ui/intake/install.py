"""Adding the intake screen to the window: the first tab, and scanned receipts wired up."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.intake.screen import IntakeScreen
from ui.main_window import MainWindow


def install(window: MainWindow) -> QWidget:
    screen = IntakeScreen(window.session)
    window.add_screen("intake", QCoreApplication.translate("IntakeScreen", "Intake"), screen)
    screen.dossier_requested.connect(window.request_dossier)
    return screen
