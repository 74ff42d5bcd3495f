"""The dossiers screen (Hồ sơ): search and filters, the lazy table, the detail pane.

Today's dossiers by default. Ctrl+F goes to the search box, Enter or Down from there to the
table; moving through the table shows each dossier in the pane after a short pause, so
arrowing down a long list does not queue a read per row. Everything the store does runs on
its thread; replies for a dossier no longer shown are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.procedure import Procedure
from counter_app.services.catalogue import list_procedures
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.queries import DossierOverview, ListedDossier, dossier_overview
from counter_app.services.dossiers.queries import listed_dossier as read_listed
from ui.dossiers.actions import ActionBar, DossierActions
from ui.dossiers.detail import DetailPane
from ui.dossiers.filters import FilterBar
from ui.dossiers.model import (
    APPLICANT,
    CODE,
    CODE_ROLE,
    DUE,
    ID_NUMBER,
    PROCEDURE,
    RECEIVED,
    STATUS,
    DossierTableModel,
)
from ui.keys import screen_key
from ui.messages import error_with_code
from ui.naming import named
from ui.session import Session
from ui.users import allowed

SHOW_PAUSE_MS = 150  # arrowing through rows: show the dossier the clerk stops on
ERROR_STYLE = "color: #b00020"
SPLIT_SIZES = [780, 560]  # table and pane at 1366 px wide, the common counter screen
# Each column as wide as its widest usual text, so codes, times and ID numbers show whole.
COLUMN_SAMPLES = {
    CODE: "000.31.27.H26-261126-1012",
    RECEIVED: "26/11/2026 11:33",
    APPLICANT: "Nguyễn Thị Thanh Hương",
    ID_NUMBER: "001089004217",
    STATUS: "Yêu cầu bổ sung giấy tờ",
    DUE: "26/11/2026 16:00",
    PROCEDURE: "Chứng thực bản sao từ bản chính",
}
CELL_PADDING = 16


class DossiersScreen(QWidget):
    dossier_shown = Signal(str)  # the pane shows this dossier (other areas add their part)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossiersScreen")
        self.session = session
        self._shown_code = ""  # the dossier the pane shows or is loading
        self._keep_code = ""  # a refresh selects this dossier again once its page is back
        self.filters = FilterBar(lang=session.lang, today=now_vn().date())
        self.model = DossierTableModel(session.store, lang=session.lang, parent=self)
        self.table = _table(self.model)
        self.detail = DetailPane(lang=session.lang)
        self.actions_bar = ActionBar(self, may=lambda action: allowed(session, action))
        self.dossier_actions = DossierActions(session, self, self._report)
        self.message = named(QLabel(), "dossierMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = named(QLabel(), "dossierEmpty")
        self._show_timer = QTimer(self, singleShot=True, interval=SHOW_PAUSE_MS)
        self._layout()
        self._connect()
        self._load_procedures()
        self.apply_filters()

    def _layout(self) -> None:
        right = QWidget()
        pane = QVBoxLayout(right)
        pane.setContentsMargins(0, 0, 0, 0)
        pane.addWidget(_scrolling(self.detail), 1)
        pane.addWidget(self.actions_bar)
        pane.addWidget(self.message)
        left = QWidget()
        listing = QVBoxLayout(left)
        listing.setContentsMargins(0, 0, 0, 0)
        listing.addWidget(self.table, 1)
        listing.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes(SPLIT_SIZES)
        column = QVBoxLayout(self)
        column.addWidget(self.filters)
        column.addWidget(split, 1)
        self.setTabOrder(self.filters.search, self.table)

    def _connect(self) -> None:
        self.filters.changed.connect(self.apply_filters)
        self.filters.search.returnPressed.connect(self._enter_table)
        self.filters.search.installEventFilter(self)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.failed.connect(lambda error: self._report(self._error(error), True))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._show_timer.timeout.connect(self._show_current)
        self.actions_bar.triggered.connect(self.dossier_actions.trigger)
        self.dossier_actions.changed.connect(self._dossier_changed)
        self.dossier_actions.dialog_closed.connect(self._after_dialog)
        screen_key(self, "Ctrl+F", self.focus_search, self.tr("Search dossiers"))

    # --- public -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    @Slot(str)
    def show_dossier(self, code: str) -> None:
        """Show exactly ``code`` (a scanned receipt, needs-attention, the history panel): the
        search and filters are reset to find it, and its row is chosen once the list is back,
        whatever the clerk had searched before."""
        code = code.strip()
        self.filters.show_code(code)
        self._keep_code = code
        self._show_timer.stop()
        self.apply_filters()
        self._load(code)

    def refresh(self) -> None:
        """Read the list and the dossier on show again (the window's F5, coming back to this
        tab): a dossier just received, a status the city sent, keeping the clerk's place."""
        self._keep_code = self._shown_code
        self.apply_filters()
        if self._shown_code:
            self._load(self._shown_code)

    def can_leave(self) -> bool:
        return True  # nothing typed here is lost by leaving: actions save at once

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text size was changed
            fit_columns(self.table)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to this tab puts the keys here: in the search box unless already inside."""
        super().showEvent(event)
        # Also the first time: dossiers saved since the window opened belong in "Today".
        self.refresh()
        QTimer.singleShot(0, self._take_focus)

    def _take_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.focus_search()

    def apply_filters(self) -> None:
        self.filters.set_today(now_vn().date())
        self.empty.setText(self.tr("Loading…"))
        self.model.set_request(self.filters.request())

    # --- the table ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.filters.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self._enter_table()
            return True
        return super().eventFilter(watched, event)

    def _enter_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, CODE))

    def _after_dialog(self) -> None:
        self.window().activateWindow()
        self.table.setFocus()

    def _page_loaded(self, added: int) -> None:
        if self.model.rowCount():
            self.empty.setText("")
        elif not self.model.canFetchMore(QModelIndex()) and not self.model.loading:
            self.empty.setText(self.tr("No dossier matches."))
        kept, self._keep_code = self._keep_code, ""
        if kept and self.model.row_of(kept) >= 0:
            self.table.setCurrentIndex(self.model.index(self.model.row_of(kept), CODE))
        elif added and self.table.hasFocus() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, CODE))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_timer.start()

    def _show_current(self) -> None:
        code = self.model.data(self.table.currentIndex(), CODE_ROLE)
        if code and code != self._shown_code:
            self._load(str(code))

    # --- the pane ----------------------------------------------------------------------------

    def _load(self, code: str) -> None:
        self._shown_code = code
        self.session.store.run(
            lambda store: dossier_overview(store, code),
            on_done=lambda overview: self._loaded(code, overview),
            on_error=lambda error: self._load_failed(code, error),
        )

    def _loaded(self, code: str, overview: DossierOverview) -> None:
        if code != self._shown_code:
            return
        self.detail.show_overview(overview)
        self.dossier_actions.set_overview(overview)
        self.actions_bar.update_for(overview)
        self.dossier_shown.emit(code)

    def _load_failed(self, code: str, error: BaseException) -> None:
        if code != self._shown_code:
            return
        self._shown_code = ""
        self.detail.clear()
        self.dossier_actions.set_overview(None)
        self.actions_bar.update_for(None)
        self._report(self._error(error), True)

    def _dossier_changed(self, code: str) -> None:
        today = now_vn().date()
        self.session.store.run(
            lambda store: read_listed(store, code, today=today),
            on_done=self._row_read,
            on_error=lambda error: self._report(self._error(error), True),
        )
        self._load(code)

    def _row_read(self, listed: ListedDossier) -> None:
        self.model.replace_row(listed)

    def _load_procedures(self) -> None:
        self.session.store.run(
            list_procedures,
            on_done=self._procedures_read,
            on_error=lambda error: self._report(self._error(error), True),
        )

    def _procedures_read(self, procedures: list[Procedure]) -> None:
        self.filters.set_procedures(procedures)

    def _report(self, text: str, is_error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if is_error else "")

    def _error(self, error: BaseException) -> str:
        return error_with_code(error, self.session.lang)


def _scrolling(pane: QWidget) -> QScrollArea:
    """The detail keeps each line's height at any text size: when a long message under the
    actions leaves too little room (130 % on 1366×768), it scrolls rather than squeezing its
    lines until the marks under the letters are cut."""
    area = QScrollArea()
    area.setWidget(pane)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def _table(model: DossierTableModel) -> QTableView:
    table = named(QTableView(), "dossierTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(False)  # the overdue band must not be confused with it
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    # Fixed row heights: the view never asks every row for its size (a million rows).
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    fit_columns(table)
    return table


def fit_columns(table: QTableView) -> None:
    """Columns and rows sized for the font in force: larger text keeps codes and accents whole."""
    metrics = table.fontMetrics()
    for column, sample in COLUMN_SAMPLES.items():
        table.setColumnWidth(column, metrics.horizontalAdvance(sample) + CELL_PADDING)
    table.verticalHeader().setDefaultSectionSize(metrics.height() + CELL_PADDING // 2)
