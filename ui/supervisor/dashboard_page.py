"""The dashboard page: today and this month at a glance, a chart, and the due lists.

Display only: ``load`` reads a ``Dashboard`` on the store's thread (the service checks the
role) and ``show_board`` fills the widgets on the GUI thread. A double-click on a due row
opens that dossier on the dossiers screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.supervision.dashboard import Dashboard, DueRow
from ui.dossiers.texts import status_text
from ui.main_window import shown_user

CHART_BARS = 8  # statuses or procedures drawn; the rest are few at a ward and go in the table
CARD_STYLE = "QLabel { font-size: 20pt; font-weight: bold; }"
ALERT = "#b00020"


class DashboardPage(QWidget):
    dossier_opened = Signal(str)

    def __init__(self, *, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._lang = lang
        self.cards: dict[str, QLabel] = {}
        self.chart = QChart()
        self.chart.setObjectName("dashboardChart")
        self.chart.legend().setVisible(False)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        counts = [self.tr("Today"), self.tr("This month")]
        self.by_clerk = _table(self, "dashboardByClerk", [self.tr("Clerk"), *counts])
        self.by_procedure = _table(self, "dashboardByProcedure", [self.tr("Procedure"), *counts])
        self.breakdowns = QTabWidget()
        self.breakdowns.setObjectName("dashboardBreakdowns")
        self.overdue = self._due_table("dashboardOverdue")
        self.due_soon = self._due_table("dashboardDueSoon")
        for table in (self.overdue, self.due_soon):
            table.cellDoubleClicked.connect(lambda row, _c, t=table: self._open(t, row))
        self.overdue_box = QGroupBox(self.tr("Overdue"))
        self.due_soon_box = QGroupBox(self.tr("Due today or in the next two days"))
        self._layout()

    def _due_table(self, name: str) -> QTableWidget:
        headers = [self.tr("Code"), self.tr("Due"), self.tr("Status"), self.tr("Applicant"),
                   self.tr("Procedure"), self.tr("Clerk")]  # fmt: skip
        return _table(self, name, headers)

    def _layout(self) -> None:
        cards = QGridLayout()
        titles = {
            "today": self.tr("Received today"),
            "month": self.tr("Received this month"),
            "overdue": self.tr("Overdue"),
            "due_soon": self.tr("Due within two days"),
            "unsynced": self.tr("Not yet sent to the city"),
            "rejected": self.tr("Rejected by the city"),
        }
        for column, (key, title) in enumerate(titles.items()):
            value = QLabel("–")
            value.setObjectName(f"card_{key}")
            value.setStyleSheet(CARD_STYLE)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(title)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            cards.addWidget(value, 0, column)
            cards.addWidget(caption, 1, column)
            self.cards[key] = value
        middle = QHBoxLayout()
        middle.addWidget(self.chart_view, 3)
        self.breakdowns.addTab(self.by_clerk, self.tr("By clerk"))
        self.breakdowns.addTab(self.by_procedure, self.tr("By procedure"))
        middle.addWidget(self.breakdowns, 2)
        lists = QHBoxLayout()
        for box, table in ((self.overdue_box, self.overdue), (self.due_soon_box, self.due_soon)):
            inner = QVBoxLayout(box)
            inner.setContentsMargins(4, 4, 4, 4)
            inner.addWidget(table)
            lists.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addLayout(middle, 3)
        layout.addLayout(lists, 4)

    def show_board(self, board: Dashboard) -> None:
        self._cards(board)
        self._chart(board)
        self._clerks(board)
        self._procedures(board)
        _fill_due(self.overdue, board.overdue, self._lang)
        _fill_due(self.due_soon, board.due_soon, self._lang)
        self.overdue_box.setTitle(self._listed(self.tr("Overdue"), board.overdue_total,
                                               len(board.overdue)))  # fmt: skip
        self.due_soon_box.setTitle(
            self._listed(
                self.tr("Due today or in the next two days"),
                board.due_soon_total,
                len(board.due_soon),
            )
        )

    def _listed(self, title: str, total: int, shown: int) -> str:
        if total > shown:
            return self.tr("%1: %2 (the first %3 shown)").replace("%1", title).replace(
                "%2", f"{total:,}".replace(",", ".")).replace("%3", str(shown))  # fmt: skip
        return f"{title}: {total}"

    def _cards(self, board: Dashboard) -> None:
        values = {
            "today": board.today_counts.total,
            "month": board.month_counts.total,
            "overdue": board.overdue_total,
            "due_soon": board.due_soon_total,
            "unsynced": board.unsynced,
            "rejected": board.rejected,
        }
        for key, value in values.items():
            label = self.cards[key]
            label.setText(f"{value:,}".replace(",", "."))  # Vietnamese thousands: 12.345
            alert = key in {"overdue", "rejected"} and value > 0
            label.setStyleSheet(CARD_STYLE + (f" QLabel {{ color: {ALERT}; }}" if alert else ""))

    def _chart(self, board: Dashboard) -> None:
        """This month by status: people would rather look than read."""
        counts = sorted(board.month_counts.by_status.items(), key=lambda kv: kv[1])[-CHART_BARS:]
        bars = QBarSet(self.tr("Dossiers"))
        bars.append([float(n) for _, n in counts])
        bars.setColor("#1565c0")
        bars.setLabelColor("#000000")
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.setTruncateLabels(False)  # "Được tiếp nhận" in full, never "…"
        axis.append([status_text(int(code), self._lang) for code, _ in counts] or ["–"])
        self.chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        self.chart.setTitle(self.tr("This month by status"))

    def _clerks(self, board: Dashboard) -> None:
        _fill_counts(self.by_clerk, board.today_counts.by_clerk, board.month_counts.by_clerk,
                     lambda clerk: shown_user(clerk, ""))  # fmt: skip

    def _procedures(self, board: Dashboard) -> None:
        names = board.procedure_names
        english = self._lang == "en"

        def procedure_label(code: str) -> str:
            name = names.get(code, ("", ""))[1 if english else 0]
            return f"{code} · {name}" if name else code

        _fill_counts(self.by_procedure, board.today_counts.by_procedure,
                     board.month_counts.by_procedure, procedure_label)  # fmt: skip

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.dossier_opened.emit(item.text())


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill_counts(
    table: QTableWidget, today: dict[str, int], month: dict[str, int], label: Callable[[str], str]
) -> None:
    """One row per key of the month, most first: its label, today's count, the month's."""
    rows = sorted(month, key=lambda key: -month[key])
    table.setRowCount(len(rows))
    for index, key in enumerate(rows):
        for column, text in enumerate((label(key), str(today.get(key, 0)), str(month[key]))):
            table.setItem(index, column, QTableWidgetItem(text))


def _fill_due(table: QTableWidget, rows: list[DueRow], lang: str) -> None:
    table.setRowCount(len(rows))
    for index, row in enumerate(rows):
        due = row.due_at[:16].replace("T", " ")
        cells = (row.code, due, status_text(row.status, lang), row.full_name,
                 row.procedure_code, shown_user(row.clerk, ""))  # fmt: skip
        for column, text in enumerate(cells):
            table.setItem(index, column, QTableWidgetItem(text))
