"""The first-run wizard's printing and calendar page: the printer and the receipt paper, and
whether this year's holiday calendar is confirmed against the official notice (without it
every intake warns that its due date may be off, docs/CALENDAR.md).

The calendar can be imported here from the notice's file, or later with ``counter-app
calendar import FILE``: the page says both, and shows the year's state either way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from counter_app.domain.calendar import YearStatus
from counter_app.services.calendar.work_days import import_calendar_year, load_calendar
from counter_app.services.clock import now_vn
from counter_app.services.settings.forms import RECEIPT_LAYOUTS
from ui.print_job import available_printers
from ui.session import Session
from ui.users.widgets import error_line, show_error

CONFIRMED_STYLE = "color: #1b5e20; font-weight: bold"
UNCONFIRMED_STYLE = "color: #8a4b00; font-weight: bold"


class PrintingCalendarPage(QWizardPage):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self.setTitle(self.tr("Printing and the holiday calendar"))
        self.setSubTitle(self.tr("Where the receipts print, on which paper, and whether this "
                                 "year's days off are the official ones."))  # fmt: skip
        self.printer = QComboBox(self)
        self.printer.setObjectName("setup_printer")
        self.printer.addItem(self.tr("The system's default printer"), "")
        for name in available_printers():
            self.printer.addItem(name, name)
        self.paper = QComboBox(self)
        self.paper.setObjectName("setup_paper")
        papers = {"a5": self.tr("A5, one receipt a sheet"),
                  "a4-two-up": self.tr("A4, the two copies on one sheet"),
                  "a4": self.tr("A4, one receipt a sheet")}  # fmt: skip
        for layout in RECEIPT_LAYOUTS:
            self.paper.addItem(papers.get(layout, layout), layout)
        self.calendar = QLabel(self)
        self.calendar.setObjectName("setup_calendar")
        self.calendar.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import the official notice's calendar file…"))
        self.import_button.setObjectName("setup_calendar_import")
        self.import_button.clicked.connect(self.choose_calendar)
        later = QLabel(
            self.tr("Or later, IT: counter-app calendar import FILE (docs/CALENDAR.md).")
        )
        later.setWordWrap(True)
        self.message = error_line("setup_calendar_message", self)
        form = QFormLayout()
        form.addRow(self.tr("Printer"), self.printer)
        form.addRow(self.tr("Receipt paper"), self.paper)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        for widget in (self.calendar, self.import_button, later, self.message):
            outer.addWidget(widget)
        self.show_calendar()

    def show_calendar(self) -> bool:
        """This year's state in words; True when it is the official one."""
        year = now_vn().year
        status = load_calendar(self._session.data_dir).year_status(year)
        official = status is YearStatus.OFFICIAL
        confirmed = self.tr("Holiday calendar %1: confirmed against the official notice ✓")
        missing = self.tr("Holiday calendar %1: not confirmed yet. Every intake will warn "
                          "that its due date may be off until the official notice is "
                          "imported.")  # fmt: skip
        text = confirmed if official else missing
        self.calendar.setText(text.replace("%1", str(year)))
        self.calendar.setStyleSheet(CONFIRMED_STYLE if official else UNCONFIRMED_STYLE)
        return official

    def choose_calendar(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The official notice's calendar file"), "", "JSON (*.json)"
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        try:
            import_calendar_year(path, actor="setup", now=now_vn(), folder=self._session.data_dir)
        except Exception as error:  # a typed refusal, shown on the page
            show_error(self.message, error, self._session.lang)
            return
        self.message.clear()
        self.show_calendar()

    @property
    def chosen_printer(self) -> str:
        return str(self.printer.currentData() or "")

    @property
    def chosen_paper(self) -> str:
        return str(self.paper.currentData())
