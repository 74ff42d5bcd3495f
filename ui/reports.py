"""The Reports menu: "Export the tracking log…" and "End of day…", a supervisor's dialogs.

The dialog asks for the period and the format, then the file; the export and the writing run
on the store's thread (``export_tracking_log`` audits it with the signed-in user), and the
dialog says how many dossiers went into which file. A clerk sees the entry disabled, with why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.roles import allows
from counter_app.services.clock import now_vn, today_vn
from counter_app.services.documents.files import write_document
from counter_app.services.store.opening import Store
from counter_app.services.supervision.end_of_day import REPORT_ACTION
from counter_app.services.supervision.tracking_log import (
    EXPORT_ACTION,
    LogFormat,
    LogRequest,
    export_tracking_log,
)
from ui.end_of_day_dialog import EndOfDayDialog
from ui.main_window import MainWindow
from ui.messages import error_with_code
from ui.session import Session

FORMATS = ((LogFormat.XLSX, "Excel (.xlsx)"), (LogFormat.PDF, "PDF"), (LogFormat.CSV, "CSV"))
W = TypeVar("W", bound=QWidget)
PathChooser = Callable[[QWidget, str, str], str]  # (parent, suggested name, filter) → path


def _choose_path(parent: QWidget, suggested: str, file_filter: str) -> str:
    title = QCoreApplication.translate("TrackingLogDialog", "Save the tracking log")
    path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


class TrackingLogDialog(QDialog):
    """Period, format, then "Export…"; ``exported`` carries (rows, file name) when done."""

    exported = Signal(int, str)

    def __init__(self, session: Session, parent: QWidget | None = None,
                 choose_path: PathChooser = _choose_path) -> None:  # fmt: skip
        super().__init__(parent)
        self.session, self.choose_path = session, choose_path
        self.setObjectName("tracking_log_dialog")
        self.setWindowTitle(self.tr("Export the tracking log"))
        today = _qdate(today_vn())
        self.first = self._date_edit("log_first", today.addDays(1 - today.day()))
        self.last = self._date_edit("log_last", today)
        self.format = _named(QComboBox(), "log_format")
        for fmt, label in FORMATS:
            self.format.addItem(label, fmt.value)
        self.outcome = _named(QLabel(), "log_result")
        self.outcome.setWordWrap(True)
        self.export_button = _named(QPushButton(self.tr("Export…")), "log_export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self._lay_out()

    def _date_edit(self, name: str, day: QDate) -> QDateEdit:
        edit = _named(QDateEdit(day), name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To"), self.last)
        form.addRow(self.tr("Format"), self.format)
        note = QLabel(self.tr("Every dossier received in the period, at every counter of this "
                              "computer's store; the export is recorded in the audit log."),
                      wordWrap=True)  # fmt: skip
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (form, note, self.outcome, buttons):
            if isinstance(part, QWidget):
                layout.addWidget(part)
            else:
                layout.addLayout(part)

    def request(self) -> LogRequest:
        fmt = LogFormat(self.format.currentData())
        return LogRequest(_day(self.first.date()), _day(self.last.date()), fmt)

    def export(self) -> None:
        request = self.request()
        suggested = (f"so-theo-doi-{request.first_day.isoformat()}_"
                     f"{request.last_day.isoformat()}.{request.format.value}")  # fmt: skip
        path = self.choose_path(self, suggested, f"*.{request.format.value}")
        if not path:
            return
        self.export_button.setEnabled(False)
        self.outcome.setText(self.tr("Exporting…"))
        session = self.session
        actor, role = session.user, session.role

        def work(store: Store) -> tuple[int, str]:
            done = export_tracking_log(store, request, actor=actor, role=role, now=now_vn())
            written = write_document(Path(path), done.data)  # the save dialog asked already
            return done.rows, written.name

        session.store.run(work, on_done=self._done, on_error=self._failed)

    def _done(self, result: tuple[int, str]) -> None:
        rows, name = result
        self.export_button.setEnabled(True)
        self.outcome.setText(self.tr("Exported {rows} dossier(s) to {file}.")
                            .format(rows=rows, file=name))  # fmt: skip
        self.exported.emit(rows, name)

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.outcome.setText(error_with_code(error, self.session.lang))


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportsMenu(QObject):
    """The Reports menu of one window; the entry follows the signed-in role."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: TrackingLogDialog | None = None
        self.eod_dialog: EndOfDayDialog | None = None
        menu = window.menuBar().addMenu(self.tr("&Reports"))
        menu.setToolTipsVisible(True)  # a disabled entry says why
        self.export_action = QAction(self.tr("Export the tracking log…"), window)
        self.export_action.setObjectName("exportTrackingLog")
        self.export_action.triggered.connect(self.open_export)
        menu.addAction(self.export_action)
        self.eod_action = QAction(self.tr("End of day…"), window)
        self.eod_action.setObjectName("endOfDay")
        self.eod_action.triggered.connect(self.open_end_of_day)
        menu.addAction(self.eod_action)
        window.role_changed.connect(self._role_changed)
        self._role_changed(window.session.role)

    def _role_changed(self, role: str) -> None:
        for action, name in ((self.export_action, EXPORT_ACTION), (self.eod_action, REPORT_ACTION)):
            allowed = allows(role, name)
            action.setEnabled(allowed)
            action.setToolTip("" if allowed else self.tr("For a supervisor or an administrator."))

    def open_export(self) -> TrackingLogDialog | None:
        if not allows(self.window.session.role, EXPORT_ACTION):
            return None
        dialog = TrackingLogDialog(self.window.session, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_end_of_day(self) -> EndOfDayDialog | None:
        if not allows(self.window.session.role, REPORT_ACTION):
            return None
        dialog = EndOfDayDialog(self.window.session, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.eod_dialog = dialog
        dialog.show()
        return dialog


def install(window: MainWindow) -> ReportsMenu:
    return ReportsMenu(window)
