"""The supervisor's desk tab (Giám sát) and the clerk's notice of dossiers sent back.

The tab shows only for the roles the action table lets see the dashboard; the services refuse
the others whatever a widget shows. At each sign-in of a new person, a clerk with dossiers
sent back to them hears which, and why.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from counter_app.services.supervision import send_back
from counter_app.services.supervision.send_back import SendBackRow
from ui.main_window import MainWindow
from ui.supervisor.desk import SupervisorScreen
from ui.supervisor.fix_banner import attach
from ui.users import allowed

KEY = "supervisor"
VIEW = "dashboard.view"

__all__ = ["KEY", "SupervisorScreen", "install"]


def install(window: MainWindow) -> SupervisorScreen:
    screen = SupervisorScreen(window.session)
    title = QCoreApplication.translate("SupervisorScreen", "Supervisor")
    window.add_screen(KEY, title, screen)
    screen.dossier_opened.connect(window.dossier_requested.emit)
    _follow_changes(window, screen)
    _attach_banner(window)
    notice = SendBackNotice(window)
    window.role_changed.connect(lambda _role: _show_for_role(window, screen))
    window.tabs.currentChanged.connect(lambda _index: _keep_out(window, screen))
    window.role_changed.connect(lambda _role: notice.signed_in())
    _show_for_role(window, screen)
    return screen


def _follow_changes(window: MainWindow, screen: SupervisorScreen) -> None:
    """Read again when the intake saves or a dossier action changes a dossier."""
    for key, signal in (("intake", "saved"), ("dossiers", "dossier_actions")):
        try:
            widget: object = window.screen_widget(key)
        except KeyError:
            continue
        source = getattr(widget, signal, None)
        if signal == "dossier_actions" and source is not None:
            source = getattr(source, "changed", None)
        if source is not None:
            source.connect(lambda *_args: screen.dossiers_changed())


def _attach_banner(window: MainWindow) -> None:
    """The dossier's open request to fix it, on the dossiers screen (when it is installed)."""
    try:
        dossiers = window.screen_widget("dossiers")
    except KeyError:
        return
    banner = attach(dossiers, window.session)
    window.role_changed.connect(lambda _role: banner.load(banner.code))


def _keep_out(window: MainWindow, screen: SupervisorScreen) -> None:
    """Ctrl+4 reaches a hidden tab too: a role without the desk goes back to the first one."""
    if window.tabs.currentWidget() is screen and not allowed(window.session, VIEW):
        window.tabs.setCurrentIndex(0)


def _show_for_role(window: MainWindow, screen: SupervisorScreen) -> None:
    index = window.tabs.indexOf(screen)
    visible = allowed(window.session, VIEW)
    window.tabs.setTabVisible(index, visible)
    if not visible and window.tabs.currentWidget() is screen:
        window.tabs.setCurrentIndex(0)


class SendBackNotice:
    """Tells a clerk, once per sign-in of a new person, what was sent back to them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.shown_for = ""

    def signed_in(self) -> None:
        user = self.window.session.user
        if not user or user == self.shown_for:
            return
        self.shown_for = user
        self.window.session.store.run(lambda store: send_back.waiting_for(store, user),
                                      on_done=self._tell, on_error=lambda _e: None)  # fmt: skip

    def _tell(self, rows: list[SendBackRow]) -> None:
        if not rows:
            return
        title = QCoreApplication.translate("SendBackNotice", "Dossiers to fix")
        lead = QCoreApplication.translate(
            "SendBackNotice", "A supervisor sent these dossiers back to you for fixing:"
        )
        lines = [f"• {row.code}: {row.reason}" for row in rows[:20]]
        box = QMessageBox(QMessageBox.Icon.Information, title, "\n".join([lead, *lines]),
                          QMessageBox.StandardButton.Ok, self.window)  # fmt: skip
        box.setObjectName("send_back_notice")
        box.open()
