"""Starting the desktop app: ``counter-app`` with no command.

Builds the QApplication (readable base font, high-DPI), installs the translations, opens the
window on the store of the data folder. Screens are added here, so each stays unaware of the
others except through the window.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from counter_app import APP_NAME
from counter_app.services.store import open_store
from ui.dossiers import install as install_dossiers
from ui.i18n import install_translations
from ui.intake import install as install_intake
from ui.main_window import MainWindow
from ui.printing import PrintDesk
from ui.returns import install as install_returns
from ui.session import Session
from ui.tasks import Background, StoreRunner

BASE_POINT_SIZE = 11  # ux.md: readable at arm's length


def make_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    font = QFont(app.font())
    font.setPointSize(max(font.pointSize(), BASE_POINT_SIZE))
    app.setFont(font)
    return app


def build_window(*, data_dir: Path | None, lang: str) -> MainWindow:
    session = Session(
        store=StoreRunner(lambda: open_store(data_dir)),
        background=Background(),
        print_desk=PrintDesk(),
        data_dir=data_dir,
        lang=lang,
    )
    return MainWindow(session)


def install_screens(window: MainWindow) -> None:
    """The screens in their tab order (Ctrl+1 …): intake first, the home screen."""
    for install in (install_intake, install_dossiers, install_returns):
        install(window)
    window.show_screen("intake")


def run_app(*, data_dir: Path | None = None, lang: str = "vi") -> int:
    app = make_application(sys.argv[:1])
    translators = install_translations(app, lang)
    window = build_window(data_dir=data_dir, lang=lang)
    install_screens(window)
    window.show()
    status = app.exec()
    del translators
    return int(status)
