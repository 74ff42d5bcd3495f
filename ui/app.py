"""Starting the desktop app: ``counter-app`` with no command.

Builds the QApplication (readable base font, high-DPI), installs the translations, runs the
first-run wizard or the sign-in, then opens the window on the store of the data folder with
its screens, the sync area and the lock. Screens are added here, so each stays unaware of the
others except through the window.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from counter_app import APP_NAME
from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.services.backup.restore_swap import take_notices
from counter_app.services.paths import DataFolderUnusableError
from counter_app.services.paths import data_dir as usable_data_dir
from counter_app.services.settings.ui import load_ui_settings
from counter_app.services.store.opening import open_store, store_exists
from counter_app.services.store.opening import take_notices as take_marks_notices
from ui.backup_area import install as install_backup_area
from ui.crash import CrashGuard
from ui.dossiers import install as install_dossiers
from ui.fonts import use_fonts_that_write_vietnamese
from ui.i18n import install_translations
from ui.intake import install as install_intake
from ui.look import BASE_POINT_SIZE
from ui.main_window import MainWindow
from ui.messages import error_with_code
from ui.printing import PrintDesk
from ui.reports import install as install_reports
from ui.returns import install as install_returns
from ui.session import Session
from ui.supervisor import install as install_supervisor
from ui.sync_area import install as install_sync_area
from ui.sync_area import sync_area
from ui.tasks import Background, StoreRunner
from ui.users import ensure_ready
from ui.users import install as install_users
from ui.users.personal import signed_in_language

DEFAULT_LANGUAGE = "vi"


def make_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    font = QFont(app.font())
    font.setPointSize(max(font.pointSize(), BASE_POINT_SIZE))
    app.setFont(font)
    use_fonts_that_write_vietnamese(app)
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
    for install in (install_intake, install_dossiers, install_returns, install_supervisor):
        install(window)
    window.show_screen("intake")


def install_everything(window: MainWindow) -> None:
    """Screens, then the sync area (status bar, F5, settings), then the lock and users menu."""
    install_screens(window)
    install_sync_area(window)
    install_backup_area(window)
    install_users(window)
    install_reports(window)
    window.add_help_menu()
    intake = window.screen_widget("intake")
    area = sync_area(window)
    if area is not None:  # a saved dossier goes out at once when the city is reachable
        intake.saved.connect(lambda _saved: area.runner.nudge())  # type: ignore[attr-defined]


def show_full_screen_area(window: MainWindow) -> None:
    """A counter PC runs this one program: open maximised, and sized to the screen first for
    window managers (or none) that ignore the maximised state."""
    window.resize(window.screen().availableGeometry().size())
    window.showMaximized()


class UpgradeNotice:
    """Said while a store an older version wrote is upgraded at start: seconds on a large
    store, before any window exists. Both languages: the chosen one is not read yet."""

    TEXT = (
        "Đang nâng cấp dữ liệu của quầy, xin chờ trong giây lát…\n"
        "Upgrading the counter's data, one moment…"
    )

    def __init__(self) -> None:
        self.label: QLabel | None = None

    def show(self) -> None:
        label = QLabel(self.TEXT)
        label.setObjectName("upgradeNotice")
        label.setWindowFlags(Qt.WindowType.SplashScreen)
        label.setContentsMargins(32, 24, 32, 24)
        label.show()
        QApplication.processEvents()  # painted before the upgrade holds this thread
        self.label = label

    def close(self) -> None:
        if self.label is not None:
            self.label.close()
            self.label = None


def stored_language(
    data_dir: Path | None, *, on_upgrade: Callable[[], None] | None = None
) -> str | None:
    """The language chosen in the settings, if the store exists and can be read (the first
    opening at start: an upgrade, if any, happens here)."""
    if not store_exists(data_dir):
        return None
    try:
        store = open_store(data_dir, on_upgrade=on_upgrade)
    except CounterAppError:
        return None  # the wizard or the error screen speaks the default language
    with store:
        return load_ui_settings(store).language


def show_repairs(window: MainWindow) -> None:
    """What opening the store repaired at start (an interrupted restore, the marks file, a
    break of the audit log seen), told once."""
    for notice in take_notices():
        text = message_for(notice.code, window.session.lang, notice.params())
        _tell(window, text, "restore_repaired", QMessageBox.Icon.Information)
    for marks in take_marks_notices():
        text = message_for(marks.code, window.session.lang, {"count": str(marks.amount)})
        icon = (
            QMessageBox.Icon.Information
            if marks.code == "MARKS_CAUGHT_UP"
            else QMessageBox.Icon.Warning  # a lost marks file, a break: someone must look
        )
        _tell(window, text, "marks_notice", icon)


def _tell(window: MainWindow, text: str, name: str, icon: QMessageBox.Icon) -> None:
    box = QMessageBox(icon, APP_NAME, text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName(name)
    box.exec()


def refuse_to_start(error: CounterAppError, lang: str) -> int:
    """A data folder that cannot be used (a file in its way, no write permission): the
    sentence and the code for IT, then the exit status the CLI gives for it."""
    text = error_with_code(error, lang)
    if error.detail:
        text += f" ({error.detail})"
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text, QMessageBox.StandardButton.Ok)
    box.setObjectName("start_refused")
    box.exec()
    return error.exit_status


def run_app(*, data_dir: Path | None = None, lang: str | None = None) -> int:
    """``lang``: asked for on the command line; otherwise the setting, else Vietnamese."""
    app = make_application(sys.argv[:1])
    try:
        usable_data_dir(data_dir)
    except DataFolderUnusableError as error:
        return refuse_to_start(error, lang or DEFAULT_LANGUAGE)
    notice = UpgradeNotice()
    chosen = stored_language(data_dir, on_upgrade=notice.show) or DEFAULT_LANGUAGE
    chosen = lang or chosen
    notice.close()
    translators = install_translations(app, chosen)
    CrashGuard(chosen).install()
    window = build_window(data_dir=data_dir, lang=chosen)
    ready = ensure_ready(window.session, window)
    show_repairs(window)
    if not ready:
        window.session.store.close()
        return 0
    own = lang or signed_in_language(window.session)
    if own != chosen:  # the user's own language: the screens are built after this
        for translator in translators:
            app.removeTranslator(translator)
        translators = install_translations(app, own)
        window.session.lang = own
    install_everything(window)
    show_full_screen_area(window)
    status = app.exec()
    del translators
    return int(status)
