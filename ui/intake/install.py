"""Adding the intake screen to the window: the first tab, and every scan routed.

The scanner inputs live with the intake screen, but a scan belongs to the screen in front: on
the returns screen a receipt or the proxy's card goes there (``open_code``); anywhere else a
card means a new intake (the intake tab comes forward) and a receipt opens its dossier.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from counter_app.services.clock import today_vn
from ui.intake.screen import IntakeScreen
from ui.main_window import MainWindow
from ui.scanner.router import ScanKind, route_scan

KEY = "intake"


def install(window: MainWindow) -> QWidget:
    screen = IntakeScreen(window.session)
    window.add_screen(KEY, QCoreApplication.translate("IntakeScreen", "Intake"), screen)
    screen.dossier_requested.connect(window.request_dossier)
    screen.router.scanned.disconnect(screen.on_scan)
    screen.router.scanned.connect(lambda payload: route_to_front(window, screen, payload))
    window.settings_saved.connect(lambda saved: screen.apply_settings(saved.intake))
    window.unlocked.connect(screen.after_unlock)
    return screen


def route_to_front(window: MainWindow, screen: IntakeScreen, payload: str) -> None:
    if window.session.locked:  # nobody works behind the lock, not even a scanner
        screen.scan_while_locked()
        return
    front = window.tabs.currentWidget()
    take = getattr(front, "open_code", None)
    if front is not screen and callable(take):
        take(payload)
        return
    if front is not screen and route_scan(payload, today=today_vn()).kind is not ScanKind.DOSSIER:
        window.show_screen(KEY)
    screen.on_scan(payload)
