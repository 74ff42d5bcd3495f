"""Dossiers sent back for fixing: the open requests, a new one, and the check of a fix.

Widgets only; the desk runs the services (which check the role) on the store's thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.supervision.send_back import MAX_REASON, SendBackRow
from ui.main_window import shown_user


class SendBackPage(QWidget):
    send_requested = Signal(str, str)  # code, reason
    check_requested = Signal(str)  # code
    dossier_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendBackPage")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("sendBackTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Clerk"),
                self.tr("Reason"),
                self.tr("Sent by"),
                self.tr("Sent at"),
                self.tr("Fixed"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda row, _c: self._emit_code(row, opened=True))
        self.send = QPushButton(self.tr("Send a dossier back for fixing…"))
        self.send.setObjectName("sendBackNew")
        self.check = QPushButton(self.tr("The fix is checked"))
        self.check.setObjectName("sendBackCheck")
        self.send.clicked.connect(self._ask)
        self.check.clicked.connect(lambda: self._emit_code(self.table.currentRow(), opened=False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.send)
        buttons.addWidget(self.check)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def show_rows(self, rows: list[SendBackRow]) -> None:
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            fixed = (row.fixed_at or "")[:16].replace("T", " ")
            cells = (row.code, shown_user(row.clerk, ""), row.reason, shown_user(row.sent_by, ""),
                     row.sent_at[:16].replace("T", " "), fixed)  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))

    def _emit_code(self, row: int, *, opened: bool) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        (self.dossier_opened if opened else self.check_requested).emit(item.text())

    def _ask(self, code: str = "") -> None:
        dialog = SendBackDialog(self, code=code if isinstance(code, str) else "")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.send_requested.emit(dialog.code.text().strip(), dialog.reason.toPlainText())


class SendBackDialog(QDialog):
    """The code and the reason: what the clerk must fix, in a sentence or three."""

    def __init__(self, parent: QWidget | None = None, *, code: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("sendBackDialog")
        self.setWindowTitle(self.tr("Send back for fixing"))
        self.code = QLineEdit(code)
        self.code.setObjectName("sendBackCode")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("sendBackReason")
        self.reason.setPlaceholderText(
            self.tr("What must be fixed (at most %1 characters)").replace("%1", str(MAX_REASON))
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Dossier code"), self.code)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(buttons)
