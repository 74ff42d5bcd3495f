"""The supervisor's desk (Giám sát): the dashboard, the audit viewer, the dossiers sent back.

Every read and write runs on the store's thread through the services, which check the role
(``dashboard.view``, ``audit.view``, ``audit.export``, ``dossier.send_back``); the tab is only
shown to the roles that pass. The dashboard reads again when a dossier changes (while it is in
front; else when it next comes to the front) and every ``REFRESH_MS`` for the city's changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from counter_app.services.clock import now_vn, today_vn
from counter_app.services.store.opening import Store
from counter_app.services.supervision import audit_view, send_back
from counter_app.services.supervision.audit_view import AuditFilter
from counter_app.services.supervision.dashboard import Dashboard, load_dashboard
from ui.messages import error_with_code
from ui.session import Session
from ui.supervisor.audit_page import AuditPage
from ui.supervisor.dashboard_page import DashboardPage
from ui.supervisor.send_back_page import SendBackPage
from ui.users import allowed

REFRESH_MS = 60_000  # the city's statuses and the sync arrive without a local change


class SupervisorScreen(QWidget):
    dossier_opened = Signal(str)
    dashboard_shown = Signal(object)  # the Dashboard just painted (tests, the bench)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorScreen")
        self.session = session
        self.dashboard = DashboardPage(lang=session.lang)
        self.audit = AuditPage(lang=session.lang)
        self.send_backs = SendBackPage()
        self.pages = QTabWidget()
        self.pages.setObjectName("supervisorPages")
        self.pages.addTab(self.dashboard, self.tr("Dashboard"))
        self.pages.addTab(self.audit, self.tr("Audit log"))
        self.pages.addTab(self.send_backs, self.tr("Sent back for fixing"))
        QVBoxLayout(self).addWidget(self.pages)
        self.stale = True
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.dossiers_changed)
        self._wire()

    def _wire(self) -> None:
        for page in (self.dashboard, self.send_backs):
            page.dossier_opened.connect(self.dossier_opened.emit)
        self.audit.search_requested.connect(self.search_audit)
        self.audit.verify_requested.connect(self.verify_audit)
        self.audit.export_requested.connect(self.export_audit)
        self.audit.more_requested.connect(self.more_audit)
        self.send_backs.send_requested.connect(self.send_back)
        self.send_backs.check_requested.connect(self.check_fix)
        self.pages.currentChanged.connect(lambda _i: self.refresh())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        if self.stale:
            self.refresh()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def dossiers_changed(self) -> None:
        """A dossier was saved or changed: read again now if in front, else when shown."""
        self.stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """F5: the page in front reads its data again (not for a role without the desk: the
        services would refuse it anyway)."""
        if not allowed(self.session, "dashboard.view"):
            return
        page = self.pages.currentWidget()
        if page is self.dashboard:
            self.load_dashboard()
        elif page is self.audit:
            self.search_audit(self.audit.current_filter())
        else:
            self._run(lambda store: send_back.all_open(store), self.send_backs.show_rows)

    def load_dashboard(self) -> None:
        self.stale = False
        role = self.session.role
        self._run(lambda store: load_dashboard(store, role=role, today=today_vn()),
                  self._show_dashboard)  # fmt: skip

    def _show_dashboard(self, board: Dashboard) -> None:
        self.dashboard.show_board(board)
        self.dashboard_shown.emit(board)

    def search_audit(self, found: AuditFilter) -> None:
        role = self.session.role

        def work(store: Store) -> tuple[list[Any], list[str], AuditFilter]:
            rows = audit_view.find_rows(store, found, role=role)
            return rows, audit_view.known_actions(store, role=role), found

        self._run(work, self._show_audit)

    def _show_audit(self, found: tuple[list[Any], list[str], AuditFilter]) -> None:
        rows, actions, asked = found
        self.audit.set_actions(actions)
        self.audit.show_rows(rows, found=asked, page=audit_view.PAGE)

    def more_audit(self, found: AuditFilter, below_seq: int) -> None:
        role = self.session.role
        self._run(lambda store: audit_view.find_rows(store, found, role=role,
                                                     before_seq=below_seq),
                  lambda rows: self.audit.show_rows(rows, found=found, page=audit_view.PAGE,
                                                    more=True))  # fmt: skip

    def verify_audit(self) -> None:
        role = self.session.role
        self._run(lambda store: audit_view.verify(store, role=role), self.audit.show_report)

    def export_audit(self, found: AuditFilter) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"),
                                              "nhat-ky-kiem-toan.csv", "CSV (*.csv)")  # fmt: skip
        if name:
            self.export_audit_to(found, Path(name))

    def export_audit_to(self, found: AuditFilter, path: Path) -> None:
        role, actor = self.session.role, self.session.user
        self._run(lambda store: audit_view.export_csv(store, found, path, role=role, actor=actor,
                                                      now=now_vn()),
                  lambda count: self.audit.show_exported(count, str(path)))  # fmt: skip

    def send_back(self, code: str, reason: str) -> None:
        role, actor = self.session.role, self.session.user
        self._run(lambda store: send_back.send_back(store, code, reason=reason, role=role,
                                                    actor=actor, now=now_vn()),
                  lambda _row: self.refresh())  # fmt: skip

    def check_fix(self, code: str) -> None:
        role, actor = self.session.role, self.session.user
        self._run(lambda store: send_back.check_fix(store, code, role=role, actor=actor,
                                                    now=now_vn()),
                  lambda _none: self.refresh())  # fmt: skip

    def _run(self, work: Callable[[Store], Any], done: Callable[[Any], None]) -> None:
        self.session.store.run(work, on_done=done, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Supervisor"),
                          error_with_code(error, self.session.lang),
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setObjectName("supervisor_error")
        box.open()
