"""On the dossier: the open request to fix it, and the buttons of the two sides.

The clerk reads why the dossier was sent back and says "Fixed" after editing it; a supervisor
sends it back from here and checks the fix. The buttons a role cannot use are disabled with a
tooltip; the services refuse whatever a button shows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from counter_app.services.clock import now_vn
from counter_app.services.supervision import send_back
from counter_app.services.supervision.send_back import SendBackRow
from ui.messages import error_with_code
from ui.session import Session
from ui.supervisor.send_back_page import SendBackDialog
from ui.users import allowed

BANNER_STYLE = "QLabel { background: #fff3cd; color: #5d4037; padding: 4px; }"


class FixBanner(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fixBanner")
        self.session = session
        self.code = ""
        self.request: SendBackRow | None = None
        self.text = QLabel()
        self.text.setObjectName("fixBannerText")
        self.text.setWordWrap(True)
        self.text.setStyleSheet(BANNER_STYLE)
        self.send = self._button("fixBannerSend", self.tr("Send back for fixing…"))
        self.fixed = self._button("fixBannerFixed", self.tr("Fixed"))
        self.check = self._button("fixBannerCheck", self.tr("The fix is checked"))
        self.send.clicked.connect(self._ask)
        self.fixed.clicked.connect(self._report_fixed)
        self.check.clicked.connect(self._check)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        for button in (self.send, self.fixed, self.check):
            row.addWidget(button)
        self.show_request("", None)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        return button

    def load(self, code: str) -> None:
        self.code = code
        self._run(lambda store: send_back.open_request(store, code),
                  lambda row: self.show_request(code, row))  # fmt: skip

    def show_request(self, code: str, row: SendBackRow | None) -> None:
        if code != self.code:
            return
        self.request = row
        supervisor = allowed(self.session, "dossier.send_back")
        if row is None:
            self.text.setVisible(False)
        else:
            self.text.setVisible(True)
            state = self.tr("fixed, waiting for the check") if row.fixed_at else ""
            head = self.tr("Sent back for fixing: %1").replace("%1", row.reason)
            self.text.setText(f"{head} {f'({state})' if state else ''}".strip())
        self.send.setVisible(bool(code) and row is None)
        self.send.setEnabled(supervisor)
        self.send.setToolTip("" if supervisor else self.tr("A supervisor sends dossiers back"))
        self.fixed.setVisible(row is not None and row.fixed_at is None)
        self.check.setVisible(row is not None and row.fixed_at is not None)
        self.check.setEnabled(supervisor)
        self.check.setToolTip("" if supervisor else self.tr("A supervisor checks the fix"))

    def _ask(self) -> None:
        dialog = SendBackDialog(self, code=self.code)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason, code = dialog.reason.toPlainText(), self.code
        self._act(lambda store, role, actor: send_back.send_back(
            store, code, reason=reason, role=role, actor=actor, now=now_vn()))  # fmt: skip

    def _report_fixed(self) -> None:
        code = self.code
        self._act(lambda store, role, actor: send_back.report_fixed(
            store, code, role=role, actor=actor, now=now_vn()))  # fmt: skip

    def _check(self) -> None:
        code = self.code
        self._act(lambda store, role, actor: send_back.check_fix(
            store, code, role=role, actor=actor, now=now_vn()))  # fmt: skip

    def _act(self, work: Any) -> None:
        role, actor, code = self.session.role, self.session.user, self.code
        self._run(lambda store: work(store, role, actor), lambda _r: self.load(code))

    def _run(self, work: Any, done: Any) -> None:
        self.session.store.run(work, on_done=done, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Send back for fixing"),
                          error_with_code(error, self.session.lang),
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setObjectName("fix_banner_error")
        box.open()


def attach(dossiers: Any, session: Session) -> FixBanner:
    """Put the banner under the dossier's detail pane; it follows the dossier shown."""
    banner = FixBanner(session)
    dossiers.detail.layout().insertWidget(3, banner)
    dossiers.dossier_shown.connect(banner.load)
    return banner
