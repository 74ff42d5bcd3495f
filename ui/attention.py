"""The needs-attention list (Cần xử lý): dossiers the city rejected, what to fix, who took them.

Each row is a dossier version the city refused, with the field it names in the clerk's words
and the reason with its next step (the ``FIELD_*`` sentences of ``counter_app/texts``, or the
city's own sentence for a code we do not know). The clerk who took the dossier is shown, and
the signed-in clerk's own dossiers come first. Opening a row asks the window for the dossier;
correcting it makes a new version that is sent, and the row leaves the list (docs/SYNC.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.messages import MESSAGES, message_for
from counter_app.services.dossiers.changes import get_dossier
from counter_app.services.store.opening import Store
from counter_app.services.syncing.outbox import needs_attention
from ui.messages import error_with_code
from ui.status_bar import short_time

CODE, CLERK, REJECTED_AT, FIELDS, REASONS = range(5)
FIELDS_WIDTH = 160  # px: field names wrap here, leaving the reasons most of the width
_CONTEXT = "AttentionFields"
# The national field names of a record (sync.md A3) as the clerk knows them on the form.
FIELD_LABELS: dict[str, str] = {
    "MaTTHC": str(QT_TRANSLATE_NOOP(_CONTEXT, "Procedure")),
    "TenTTHC": str(QT_TRANSLATE_NOOP(_CONTEXT, "Procedure")),
    "SoGiayToChuHoSo": str(QT_TRANSLATE_NOOP(_CONTEXT, "Applicant's ID number")),
    "SoDinhDanh": str(QT_TRANSLATE_NOOP(_CONTEXT, "Applicant's ID number")),
    "ChuHoSo": str(QT_TRANSLATE_NOOP(_CONTEXT, "Applicant's name")),
    "SoDienThoai": str(QT_TRANSLATE_NOOP(_CONTEXT, "Phone")),
    "Email": str(QT_TRANSLATE_NOOP(_CONTEXT, "Email")),
    "NgayHenTra": str(QT_TRANSLATE_NOOP(_CONTEXT, "Due date")),
    "NgayTiepNhan": str(QT_TRANSLATE_NOOP(_CONTEXT, "Time received")),
    "TrichYeuHoSo": str(QT_TRANSLATE_NOOP(_CONTEXT, "Summary")),
    "GhiChu": str(QT_TRANSLATE_NOOP(_CONTEXT, "Notes")),
    "DanhSachTepDinhKemKhac": str(QT_TRANSLATE_NOOP(_CONTEXT, "Documents received")),
    "MaHoSo": str(QT_TRANSLATE_NOOP(_CONTEXT, "Dossier code")),
}
_INDEX = re.compile(r"\[\d+\]")
# The correct-dialog field each national name stands for (ui/correct_dialog.py).
FIELD_KEYS: dict[str, str] = {
    "SoGiayToChuHoSo": "id_number",
    "SoDinhDanh": "id_number",
    "ChuHoSo": "full_name",
    "SoDienThoai": "phone",
    "Email": "email",
    "GhiChu": "notes",
}
# Reasons no correction by the clerk can fix: the app or the city's setup is at fault.
FOR_IT: frozenset[str] = frozenset({
    "FIELD_WRONG_TYPE", "FIELD_NOT_STRING", "FIELD_NOT_NFC", "FIELD_MISMATCH",
    "FIELD_UNSUPPORTED_PROTOCOL", "FIELD_DUPLICATE_DOSSIER", "FIELD_CODE_TAKEN",
})  # fmt: skip
ROW_MARK = QColor("#fdecea")  # a pale red band: these rows wait for someone


def _name(path: str) -> str:
    return _INDEX.sub("", path).split(".")[-1]


def field_label(path: str) -> str:
    """ "hoSo.DinhDanhCHS[0].SoDinhDanh" → "Số định danh của người nộp"; a field the form does
    not show: said so in words (the path stays out of the clerk's sight)."""
    if not path:
        return QCoreApplication.translate(_CONTEXT, "The whole dossier")
    label = FIELD_LABELS.get(_name(path))
    return QCoreApplication.translate(_CONTEXT, label or "A field the form does not show")


def field_key(path: str) -> str:
    """The correct-dialog field a national field path names ("" when it shows none)."""
    return FIELD_KEYS.get(_name(path), "") if path else ""


def is_clerk_fixable(error: dict[str, str]) -> bool:
    return error.get("code", "") not in FOR_IT


def reason_text(error: dict[str, str], lang: str) -> str:
    """Our sentence for the city's code; the city's own sentence for a code we do not know."""
    code = error.get("code", "")
    if code in MESSAGES:
        return message_for(code, lang)
    return error.get("message") or message_for("UNEXPECTED", lang)


def reason_lines(errors: tuple[dict[str, str], ...], lang: str) -> list[str]:
    """ "Field: reason and what to do", once each, as the table's columns show them: the city
    names the applicant's ID number under two of its paths (``SoGiayToChuHoSo`` and
    ``DinhDanhCHS[0].SoDinhDanh``), which are one field on our form."""
    lines = (f"{field_label(e.get('field', ''))}: {reason_text(e, lang)}" for e in errors)
    return list(dict.fromkeys(lines))


@dataclass(frozen=True)
class AttentionRow:
    code: str
    clerk: str
    rejected_at: str
    errors: tuple[dict[str, str], ...]
    mine: bool


def load_attention(store: Store, *, user: str) -> list[AttentionRow]:
    """Store job: the list with each dossier's clerk; the signed-in clerk's own first."""
    rows = []
    for item in needs_attention(store):
        clerk = get_dossier(store, item.code).clerk
        rows.append(AttentionRow(item.code, clerk, item.rejected_at, tuple(item.errors),
                                 mine=bool(user) and clerk == user))  # fmt: skip
    rows.sort(key=lambda row: (not row.mine, row.rejected_at))
    return rows


def _clerk_name(actor: str) -> str:
    return actor.split(":", 1)[-1]


class AttentionModel(QAbstractTableModel):
    """One row per rejected dossier version."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[AttentionRow] = []
        self._headers = [self.tr("Dossier"), self.tr("Received by"), self.tr("Rejected at"),
                         self.tr("To correct"), self.tr("Reason and what to do")]  # fmt: skip

    def set_rows(self, rows: list[AttentionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AttentionRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._headers[section] if 0 <= section < len(self._headers) else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return ROW_MARK
        if role == Qt.ItemDataRole.FontRole and row.mine:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._cell(row, index.column())

    def _cell(self, row: AttentionRow, column: int) -> str | None:
        if column == CODE:
            return row.code
        if column == CLERK:
            return _clerk_name(row.clerk)
        if column == REJECTED_AT:
            return short_time(row.rejected_at)
        if column == FIELDS:
            return ", ".join(dict.fromkeys(field_label(e.get("field", "")) for e in row.errors))
        if column == REASONS:
            return "\n".join(dict.fromkeys(reason_text(e, self._lang) for e in row.errors))
        return None


class AttentionDialog(QDialog):
    """The list, a detail line for the chosen row, and "open the dossier"."""

    open_requested = Signal(str)  # a dossier code
    correct_requested = Signal(object)  # the AttentionRow to correct

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attentionDialog")
        self.setWindowTitle(self.tr("Needs attention"))
        self.resize(1100, 460)  # fits a 1366×768 screen
        self._lang = lang
        self.model = AttentionModel(lang, self)
        self.table = self._table()
        self.detail = QLabel()
        self.detail.setObjectName("attentionDetail")
        self.detail.setWordWrap(True)
        self.empty = QLabel(self.tr("Nothing needs attention: the city accepted every dossier."))
        self.empty.setObjectName("attentionEmpty")
        self.open_button = QPushButton(self.tr("Open and correct (Enter)"))
        self.open_button.setObjectName("attentionOpen")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_current)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (self.empty, self.table, self.detail):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.set_rows([])

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("attentionTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIELDS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FIELDS, FIELDS_WIDTH)
        header.setSectionResizeMode(REASONS, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda _index: self.open_current())
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        return table

    def set_rows(self, rows: list[AttentionRow]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
            self.table.resizeRowsToContents()
        self._show_detail()

    def show_error(self, error: BaseException) -> None:
        self.detail.setText(error_with_code(error, self._lang))

    def current_row(self) -> AttentionRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_detail(self) -> None:
        row = self.current_row()
        if row is None:
            self.detail.setText("")
            return
        lines = reason_lines(row.errors, self._lang)
        if any(is_clerk_fixable(e) for e in row.errors):
            lines.append(self.tr("Enter opens the dossier to correct it; once saved, the new "
                                 "version is sent by itself and it leaves this list."))  # fmt: skip
        else:
            lines.append(self.tr("This is for IT: the dossier itself needs no change. Call IT."))
        self.detail.setText("\n".join(lines))

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_requested.emit(row.code)
            self.accept()
            self.correct_requested.emit(row)
