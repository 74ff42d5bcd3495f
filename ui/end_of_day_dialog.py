"""The end of the day in the window: a day's figures, each dossier to chase, and the sign-off.

The report is read on the store's thread whenever the day changes; "Sign off the day" records
the supervisor's sign-off (``sign_off_day``, audited as the signed-in user), which the day's
tracking log prints. The sentences are the command's (``counter_app.texts.reports``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.documents.log_model import SignOff
from counter_app.messages import message_for
from counter_app.services.clock import now_vn, today_vn
from counter_app.services.store.opening import Store
from counter_app.services.supervision.end_of_day import DayReport, end_of_day_report, sign_off_day
from ui.messages import error_with_code
from ui.session import Session


class EndOfDayDialog(QDialog):
    """``shown`` carries each report as it arrives (tests wait on it)."""

    shown = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("end_of_day_dialog")
        self.setWindowTitle(self.tr("End of day"))
        today = today_vn()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("eod_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.dateChanged.connect(lambda _day: self.refresh())
        self.figures = QLabel()
        self.figures.setObjectName("eod_figures")
        self.figures.setWordWrap(True)
        self.gaps = QListWidget()
        self.gaps.setObjectName("eod_gaps")
        self.signed = QLabel()
        self.signed.setObjectName("eod_signed")
        self.signed.setWordWrap(True)
        self.sign_button = QPushButton(self.tr("Sign off the day"))
        self.sign_button.setObjectName("eod_sign_off")
        self.sign_button.clicked.connect(self.sign_off)
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Day"), self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.figures, self.gaps, self.signed, buttons):
            layout.addWidget(widget)

    def chosen_day(self) -> date:
        day = self.day.date()
        return date(day.year(), day.month(), day.day())

    def refresh(self) -> None:
        day, role = self.chosen_day(), self.session.role
        self.sign_button.setEnabled(False)
        self.session.store.run(lambda store: end_of_day_report(store, day, role=role),
                               on_done=self._show, on_error=self._failed)  # fmt: skip

    def sign_off(self) -> None:
        day, actor, role = self.chosen_day(), self.session.user, self.session.role

        def work(store: Store) -> DayReport:
            return sign_off_day(store, day, actor=actor, role=role, now=now_vn())

        self.sign_button.setEnabled(False)
        self.session.store.run(work, on_done=self._show, on_error=self._failed)

    def _show(self, report: DayReport) -> None:
        if report.day != self.chosen_day():
            return  # an answer for a day the supervisor has left already
        lang = self.session.lang
        self.figures.setText(message_for("EOD_FIGURES", lang, _figures(report)))
        self.gaps.clear()
        for found in report.discrepancies:
            words = message_for(f"EOD_GAP_{found.gap.value.upper()}", lang)
            self.gaps.addItem(f"{found.code} — {words}")
        if report.balanced:
            self.gaps.addItem(message_for("EOD_BALANCED", lang))
        self.signed.setText("\n".join(_signed_line(each, lang) for each in report.sign_offs))
        self.sign_button.setEnabled(True)
        self.shown.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.figures.setText(error_with_code(error, self.session.lang))
        self.sign_button.setEnabled(True)


def _figures(report: DayReport) -> dict[str, str]:
    return {
        "date": report.day.strftime("%d/%m/%Y"), "received": str(report.received),
        "printed": str(report.printed), "sent": str(report.sent),
        "acknowledged": str(report.acknowledged), "returned": str(report.returned),
    }  # fmt: skip


def _signed_line(sign_off: SignOff, lang: str) -> str:
    at = sign_off.at.strftime("%H:%M %d/%m/%Y")
    return message_for("EOD_SIGNED_OFF", lang, {"name": sign_off.name or "-", "at": at})
