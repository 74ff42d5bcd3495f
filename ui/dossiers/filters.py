"""The search box and filters above the dossiers table (ux.md: ID, code, accent-free name;
day, status, procedure, overdue).

The bar only says what the clerk chose (``request()``); typing waits for a short pause before
it asks, so a name typed letter by letter reads the store once, not once per letter.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from counter_app.domain.dossier import Status, status_name
from counter_app.domain.procedure import Procedure
from counter_app.services.dossiers.queries import ListFilters
from ui.dossiers.model import ListRequest
from ui.naming import named

TYPING_PAUSE_MS = 300  # a clerk's pause between words; shorter reads the store per letter
SEARCH_DIGITS = 20  # the search box shows an ID number or a name whole, at any text size
STATUS_CHARS = 14
TODAY, RANGE, ALL_DATES = "today", "range", "all"
DATE_FORMAT = "dd/MM/yyyy"


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, *, lang: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.search = named(QLineEdit(), "dossierSearch")
        self.search.setPlaceholderText(self.tr("Search: ID number, dossier code or name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.scope = named(QComboBox(), "dossierScope")
        for key, label in (
            (TODAY, self.tr("Today")),
            (RANGE, self.tr("Date range")),
            (ALL_DATES, self.tr("All dates")),
        ):
            self.scope.addItem(label, key)
        self.date_from = _date_edit("dossierFrom", today)
        self.date_to = _date_edit("dossierTo", today)
        self.status = named(QComboBox(), "dossierStatus")
        self.status.addItem(self.tr("All statuses"), None)
        for status in Status:
            if status is not Status.UNKNOWN:
                self.status.addItem(status_name(status, lang), int(status))
        # As wide as a short status, not the longest: at 150 % text the row must leave the
        # search box room (the list opens wider than the box).
        self.status.setMinimumContentsLength(STATUS_CHARS)
        self.status.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.procedure = named(QComboBox(), "dossierProcedure")
        self.procedure.addItem(self.tr("All procedures"), None)
        self.procedure.setMinimumContentsLength(18)
        self.procedure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.overdue = named(QCheckBox(self.tr("Overdue only")), "dossierOverdue")
        self._layout()
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._connect()
        self._scope_changed()

    def changeEvent(self, event: QEvent) -> None:
        """A new text size (Settings) keeps the search box wide enough to read."""
        if event.type() == QEvent.Type.FontChange:
            self._fit_search()
        super().changeEvent(event)

    def _fit_search(self) -> None:
        self.search.setMinimumWidth(
            self.search.fontMetrics().horizontalAdvance("0" * SEARCH_DIGITS)
        )

    def _layout(self) -> None:
        self._fit_search()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        for widget in (self.scope, self.date_from, self.date_to, self.status, self.procedure):
            row.addWidget(widget)
        row.addWidget(self.overdue)

    def _connect(self) -> None:
        self._pause.timeout.connect(self.changed)
        self.search.textChanged.connect(self._typed)
        self.search.returnPressed.connect(self.apply_now)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.scope.currentIndexChanged.connect(self.apply_now)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.apply_now)
        self.status.currentIndexChanged.connect(self.apply_now)
        self.procedure.currentIndexChanged.connect(self.apply_now)
        self.overdue.toggled.connect(self.apply_now)

    def set_procedures(self, procedures: list[Procedure]) -> None:
        """Fill the procedure filter (read on the store's thread by the screen)."""
        chosen = self.procedure.currentData()
        self.procedure.blockSignals(True)
        for procedure in procedures:
            self.procedure.addItem(f"{procedure.code} · {procedure.name_vi}", procedure.code)
        self.procedure.setCurrentIndex(max(0, self.procedure.findData(chosen)))
        self.procedure.blockSignals(False)

    def show_code(self, code: str) -> None:
        """Every filter back to "all" and the search set to ``code``, without a request of
        its own (the screen asks once, for the dossier it opens)."""
        widgets = (self.search, self.scope, self.status, self.procedure, self.overdue)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.setText(code)
        self.scope.setCurrentIndex(self.scope.findData(ALL_DATES))
        self.status.setCurrentIndex(0)
        self.procedure.setCurrentIndex(0)
        self.overdue.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._pause.stop()
        self._scope_changed()

    def set_today(self, today: date) -> None:
        self._today = today

    def _typed(self, text: str) -> None:
        # A search over today alone would hide the returning citizen's older dossiers.
        if text.strip() and self.scope.currentData() == TODAY:
            self.scope.blockSignals(True)
            self.scope.setCurrentIndex(self.scope.findData(ALL_DATES))
            self.scope.blockSignals(False)
            self._scope_changed()
        self._pause.start()

    def apply_now(self) -> None:
        self._pause.stop()
        self.changed.emit()

    def _scope_changed(self) -> None:
        ranged = self.scope.currentData() == RANGE
        self.date_from.setEnabled(ranged)
        self.date_to.setEnabled(ranged)

    def request(self) -> ListRequest:
        """The request the bar stands for now."""
        scope = self.scope.currentData()
        day_from = day_to = None
        if scope == TODAY:
            day_from = day_to = self._today
        elif scope == RANGE:
            day_from, day_to = _day(self.date_from), _day(self.date_to)
            if day_from > day_to:
                day_from, day_to = day_to, day_from
        filters = ListFilters(
            day_from=day_from,
            day_to=day_to,
            status=self.status.currentData(),
            procedure_code=self.procedure.currentData(),
            overdue=self.overdue.isChecked(),
        )
        return ListRequest(self.search.text().strip(), filters, self._today)


def _date_edit(name: str, today: date) -> QDateEdit:
    edit = named(QDateEdit(QDate(today.year, today.month, today.day)), name)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
