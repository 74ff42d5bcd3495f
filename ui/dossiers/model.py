"""The dossiers table: a lazy model that stays smooth on a million rows.

Rows arrive a page at a time (``canFetchMore`` / ``fetchMore``), each page read on the store's
thread through ``session.store.run``; the GUI thread only appends what arrived. The model never
knows how many rows match in all: it learns there is more from the page's cursor, so opening
it costs one page whatever the size of the store. A new request (search text, filters) starts
a new generation; a page of an older generation that arrives late is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from counter_app.services.clock import now_vn
from counter_app.services.dossiers.queries import (
    LIST_PAGE,
    DossierPage,
    ListCursor,
    ListedDossier,
    ListFilters,
    dossier_page,
    search_page,
)
from counter_app.services.store.opening import Store
from ui.dossiers.texts import day_text, moment_text, status_text
from ui.tasks import StoreRunner

ModelIndex = QModelIndex | QPersistentModelIndex
# A page of the plain list (with its cursor), or of a search (rows and the next offset).
Page = DossierPage | tuple[list[ListedDossier], int | None]

# Status and due date before the long procedure name: at 1366 px they show without scrolling.
CODE, RECEIVED, APPLICANT, STATUS, DUE, ID_NUMBER, PROCEDURE = range(7)
COLUMN_COUNT = 7
CODE_ROLE = Qt.ItemDataRole.UserRole  # the dossier code of a row, whatever the column
# Overdue rows stand out (ux.md): a pale red band and dark red, bold text, readable on a
# cheap monitor; voided rows fade to grey.
OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_FOREGROUND = QColor("#8b0000")
VOIDED_FOREGROUND = QColor("#777777")


@dataclass(frozen=True)
class ListRequest:
    """What the table shows: the search text (empty: the plain list) and the filters."""

    query: str = ""
    filters: ListFilters = field(default_factory=ListFilters)
    today: date = field(default_factory=lambda: now_vn().date())


class DossierTableModel(QAbstractTableModel):
    """Pages of ``ListedDossier`` rows; GUI thread only."""

    page_loaded = Signal(int)  # rows the page added (0 for an empty first page)
    failed = Signal(object)  # the error of a page that could not be read

    def __init__(
        self,
        runner: StoreRunner,
        *,
        lang: str = "vi",
        page_size: int = LIST_PAGE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner, self._lang, self._page_size = runner, lang, page_size
        self._rows: list[ListedDossier] = []
        self._request = ListRequest()
        self._cursor: ListCursor | None = None
        self._offset = 0
        self._more = False
        self._loading = False
        self._generation = 0

    # --- what the view reads ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == CODE_ROLE:
            return row.code
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row)
        if role == Qt.ItemDataRole.FontRole and (row.overdue or row.voided):
            return self._font(row)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == PROCEDURE:
            return row.procedure_name
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            CODE: self.tr("Code"),
            RECEIVED: self.tr("Received"),
            APPLICANT: self.tr("Applicant"),
            ID_NUMBER: self.tr("ID number"),
            PROCEDURE: self.tr("Procedure"),
            STATUS: self.tr("Status"),
            DUE: self.tr("Due"),
        }
        return titles.get(section)

    def _display(self, row: ListedDossier, column: int) -> str:
        if column == CODE:
            return row.code
        if column == RECEIVED:
            return moment_text(row.received_at)
        if column == APPLICANT:
            return row.full_name
        if column == ID_NUMBER:
            return row.id_number
        if column == PROCEDURE:
            return row.procedure_name or row.procedure_code
        if column == STATUS:
            return self._status(row)
        if column == DUE:
            due = day_text(row.due_at)
            overdue = self.tr("overdue")
            return f"{due} · {overdue}" if row.overdue else due
        return ""

    def _status(self, row: ListedDossier) -> str:
        name = status_text(row.status, self._lang)
        voided = self.tr("voided")
        return f"{name} ({voided})" if row.voided else name

    def _foreground(self, row: ListedDossier) -> QBrush | None:
        if row.voided:
            return QBrush(VOIDED_FOREGROUND)
        return QBrush(OVERDUE_FOREGROUND) if row.overdue else None

    def _font(self, row: ListedDossier) -> QFont:
        font = QFont()
        font.setBold(row.overdue)
        font.setStrikeOut(row.voided)
        return font

    # --- rows for the screen ------------------------------------------------------------------

    def row_at(self, row: int) -> ListedDossier | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.code == code), -1)

    def replace_row(self, listed: ListedDossier) -> None:
        """Show a dossier's new state (after an action) where it is, without reloading."""
        row = self.row_of(listed.code)
        if row < 0:
            return
        self._rows[row] = listed
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def request(self) -> ListRequest:
        return self._request

    # --- paging ------------------------------------------------------------------------------

    def set_request(self, request: ListRequest) -> None:
        """Show ``request``'s rows from the top: drop the rows, read the first page."""
        self.beginResetModel()
        self._generation += 1
        self._request = request
        self._rows, self._cursor, self._offset = [], None, 0
        self._more, self._loading = True, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, request = self._generation, self._request
        cursor, offset, size = self._cursor, self._offset, self._page_size
        self._runner.run(
            lambda store: _read_page(store, request, cursor, offset, size),
            on_done=lambda page: self._arrived(generation, page),
            on_error=lambda error: self._page_failed(generation, error),
        )

    def _arrived(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return  # the clerk asked for something else meanwhile
        self._loading = False
        if isinstance(page, DossierPage):
            rows, self._cursor = page.rows, page.next
            self._more = page.next is not None
        else:
            rows, following = page
            self._offset = following or 0
            self._more = following is not None
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(rows))
        if not rows and self._more:
            self.fetchMore(QModelIndex())  # a budgeted scan found nothing yet: go on

    def _page_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading, self._more = False, False
        self.failed.emit(error)


def _read_page(
    store: Store, request: ListRequest, cursor: ListCursor | None, offset: int, size: int
) -> Page:
    """On the store's thread: the next page of the plain list, or of the search."""
    if request.query.strip():
        return search_page(
            store, request.query, request.filters, today=request.today, offset=offset, limit=size
        )
    return dossier_page(store, request.filters, today=request.today, after=cursor, limit=size)
