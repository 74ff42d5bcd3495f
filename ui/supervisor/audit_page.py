"""The audit viewer: filter by user, dossier, action and time; verify; export as CSV.

Widgets only: the desk runs the services (which check the role) on the store's thread and
hands the rows and the report back here. A verify that finds a break shows the first bad row
and, when it is among the rows listed, selects it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import message_for
from counter_app.services.audit_check import AuditReport
from counter_app.services.supervision.audit_view import AuditFilter, AuditRow

COLUMNS = ("seq", "at", "actor", "action", "subject", "details")


class AuditPage(QWidget):
    search_requested = Signal(object)  # AuditFilter
    verify_requested = Signal()
    export_requested = Signal(object)  # AuditFilter
    more_requested = Signal(object, int)  # AuditFilter, the seq the next page starts below

    def __init__(self, *, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self._lang = lang
        self.user = _line(self.tr("user name"), "auditUser")
        self.dossier = _line(self.tr("dossier code"), "auditDossier")
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.setEditable(True)
        self.since_on, self.since = _day_filter(self.tr("From"), "auditSince")
        self.until_on, self.until = _day_filter(self.tr("To"), "auditUntil")
        self.search = _button(self.tr("Search"), "auditSearch")
        self.verify = _button(self.tr("Verify the log"), "auditVerify")
        self.export = _button(self.tr("Export CSV…"), "auditExport")
        self.more = _button(self.tr("Older rows"), "auditMore")
        self.more.setEnabled(False)
        self._shown_filter = AuditFilter()
        self.result = QLabel()
        self.result.setObjectName("auditResult")
        self.result.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Time"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Subject"),
                self.tr("Details"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.search.clicked.connect(lambda: self.search_requested.emit(self.current_filter()))
        self.more.clicked.connect(self._ask_more)
        self.export.clicked.connect(lambda: self.export_requested.emit(self.current_filter()))
        self.verify.clicked.connect(self.verify_requested.emit)
        self._layout()

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for widget in (self.user, self.dossier, self.action, self.since_on, self.since,
                       self.until_on, self.until, self.search):  # fmt: skip
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.verify)
        filters.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.result)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more)

    def set_actions(self, actions: list[str]) -> None:
        current = self.action.currentText()
        self.action.clear()
        self.action.addItems(["", *actions])
        self.action.setCurrentText(current)

    def current_filter(self) -> AuditFilter:
        since = _day(self.since) if self.since_on.isChecked() else None
        until = _day(self.until) if self.until_on.isChecked() else None
        return AuditFilter(
            actor=self.user.text().strip(),
            subject=self.dossier.text().strip(),
            action=self.action.currentText().strip(),
            since=since.isoformat() if since else "",
            until=date.fromordinal(until.toordinal() + 1).isoformat() if until else "",
        )

    def show_rows(
        self, rows: list[AuditRow], *, found: AuditFilter, page: int, more: bool = False
    ) -> None:
        """A page of rows (newest first); ``more`` appends it below the rows shown."""
        self._shown_filter = found
        start = self.table.rowCount() if more else 0
        self.table.setRowCount(start + len(rows))
        for index, row in enumerate(rows, start):
            cells = (str(row.seq), row.at[:19].replace("T", " "), row.actor, row.action,
                     row.subject, row.details)  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.more.setEnabled(len(rows) >= page)  # a full page: there may be older rows
        self.result.setStyleSheet("")
        self.result.setText(self.tr("%1 rows").replace("%1", str(self.table.rowCount())))

    def _ask_more(self) -> None:
        last = self.table.item(self.table.rowCount() - 1, 0)
        if last is not None:
            self.more_requested.emit(self._shown_filter, int(last.text()))

    def show_report(self, report: AuditReport) -> None:
        if report.ok:
            self.result.setStyleSheet("")
            self.result.setText(self.tr("The log is intact: %1 rows checked.")
                                .replace("%1", str(report.rows)))  # fmt: skip
            return
        self.result.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        lines = [self.tr("First bad row: %1").replace("%1", str(report.first_bad_seq or "–"))]
        if report.problem_code:
            seq = {"seq": str(report.first_bad_seq)}
            lines.append(message_for(report.problem_code, self._lang, seq))
        for finding in report.findings[:3]:
            params = {"seq": str(finding.seq), "subject": finding.subject}
            lines.append(message_for(finding.code, self._lang, params))
        self.result.setText("\n".join(lines))
        self._select_seq(report.first_bad_seq)

    def show_exported(self, count: int, path: str) -> None:
        self.result.setStyleSheet("")
        self.result.setText(message_for("audit.exported", self._lang,
                                        {"count": str(count), "path": path}))  # fmt: skip

    def _select_seq(self, seq: int | None) -> None:
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item is not None and item.text() == str(seq):
                self.table.selectRow(index)
                self.table.scrollToItem(item)
                return


def _line(placeholder: str, name: str) -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    line.setPlaceholderText(placeholder)
    line.setClearButtonEnabled(True)
    return line


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    return button


def _day_filter(label: str, name: str) -> tuple[QCheckBox, QDateEdit]:
    check = QCheckBox(label)
    check.setObjectName(f"{name}On")
    edit = QDateEdit(QDate.currentDate())
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    check.toggled.connect(edit.setEnabled)
    edit.setEnabled(False)
    return check, edit


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())
