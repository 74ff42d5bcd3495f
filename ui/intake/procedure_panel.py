"""THỦ TỤC: the procedure search (F3), its suggestions, the papers checklist, fee and due date.

Enter in the search takes the highlighted suggestion (the first one unless the arrows moved
it), so the counter's most used procedure costs one key. Space ticks the focused paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.dossier import DocumentReceived
from counter_app.domain.due_date import DueDate
from counter_app.domain.procedure import Procedure, is_conditional_paper
from counter_app.messages import message_for
from ui.intake.procedure_search import matches, suggestions
from ui.naming import named

NAME, ORIGINALS, COPIES = range(3)
_CODE_ROLE = Qt.ItemDataRole.UserRole


class SuggestionList(QListWidget):
    """The procedures matching the search, about a sixth of the screen high whatever the text
    size, so the papers checklist below keeps its room (larger text changes the font at run
    time): 7 rows at 100 % on a 768-pixel screen, 4 at 150 %."""

    SCREEN_SHARE = 6
    MIN_ROWS, MAX_ROWS = 3, 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        row = self.fontMetrics().height() + 4
        screen_rows = self.screen().availableGeometry().height() // row // self.SCREEN_SHARE
        rows = min(max(screen_rows, self.MIN_ROWS), self.MAX_ROWS)
        self.setMaximumHeight(row * rows + 2 * self.frameWidth())


class ProcedurePanel(QWidget):
    """``chosen`` fires with the Procedure the clerk picked; ``changed`` on any edit."""

    chosen = Signal(object)
    changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.procedures: list[Procedure] = []
        self.usage: dict[str, int] = {}
        self.current: Procedure | None = None
        self.search = named(QLineEdit(), "procedure_search")
        self.search.setPlaceholderText(self.tr('Search: "khai sinh", "ks", 1.0011…'))
        self.list = named(SuggestionList(), "procedure_list")
        # Long names end in "…" rather than scroll sideways; the whole name is the tooltip.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.no_match = named(QLabel(), "procedure_no_match")
        self.no_match.setWordWrap(True)
        self.no_match.setStyleSheet("color: #8a4b00;")  # the findings' dark amber
        self.no_match.setVisible(False)
        self.title = named(QLabel(), "procedure_title")
        self.title.setWordWrap(True)
        self.facts = named(QLabel(), "procedure_facts")
        self.due = named(QLabel(), "due_date")
        self.calendar_warning = named(QLabel(), "calendar_warning")
        self.calendar_warning.setWordWrap(True)
        self.documents = named(QTableWidget(0, 3), "documents")
        self.documents.setHorizontalHeaderLabels(
            [self.tr("Papers (Space ticks)"), self.tr("Originals"), self.tr("Copies")]
        )
        header = self.documents.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ORIGINALS, COPIES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Paper names wrap onto a second line instead of being cut; row numbers add nothing.
        self.documents.setWordWrap(True)
        self.documents.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.documents.verticalHeader().hide()
        # Tab leaves the checklist (arrows move inside it): no walking through every cell.
        self.documents.setTabKeyNavigation(False)
        self.reason = named(QLineEdit(), "reason")
        self.reason.setPlaceholderText(self.tr("Note, or the reason for a supplement or refusal"))
        self._build()
        self.search.textEdited.connect(self._refresh)
        self.search.returnPressed.connect(self.choose_highlighted)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.choose_highlighted())
        self.documents.itemChanged.connect(lambda _item: self.changed.emit())
        self.reason.textEdited.connect(self.changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # every pixel for the papers at larger text
        layout.setSpacing(4)
        title = QLabel(self.tr("PROCEDURE"))
        title.setObjectName("section_title")
        for widget in (title, self.search, self.list, self.no_match, self.title, self.facts,
                       self.due):  # fmt: skip
            layout.addWidget(widget)
        layout.addWidget(self.calendar_warning)
        # The papers get every pixel left: their header says what Space does, the note's
        # placeholder what it is for (at 150 % text four papers still show, ux.md).
        layout.addWidget(self.documents, 1)
        layout.addWidget(self.reason)

    def set_catalogue(self, procedures: Sequence[Procedure], most_used: Sequence[str]) -> None:
        self.procedures = list(procedures)
        self.usage = {code: rank for rank, code in enumerate(most_used)}
        self._refresh(self.search.text())

    def _refresh(self, text: str) -> None:
        self.list.setVisible(True)
        self.list.clear()
        for procedure in suggestions(self.procedures, text, self.usage):
            label = f"{procedure.name_vi} · {procedure.code}"
            self.list.addItem(label)
            item = self.list.item(self.list.count() - 1)
            item.setData(_CODE_ROLE, procedure.code)
            item.setToolTip(label)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._say_no_match(text)

    def _say_no_match(self, text: str) -> None:
        """An empty list is never silent: what matched nothing, or what is switched off here."""
        query = text.strip()
        words = ""
        if query and not self.list.count():
            off = [p for p in self.procedures if not p.active and matches(p, query)]
            if off:
                names = "; ".join(f"{p.name_vi} · {p.code}" for p in off[:3])
                words = self.tr("Not received at this counter (switched off in the catalogue): "
                                "%1. If this counter should receive it, ask a supervisor to "
                                "switch it on.").replace("%1", names)  # fmt: skip
            else:
                words = self.tr('No procedure matches "%1". Try other words, the initials '
                                '("ks") or the code.').replace("%1", query)  # fmt: skip
        self.no_match.setText(words)
        self.no_match.setVisible(bool(words))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search move the highlight in the suggestions."""
        if watched is self.search and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step and event.type() == QEvent.Type.KeyPress and self.list.count():
                row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                self.list.setCurrentRow(row)
                return True
        return False

    def choose_highlighted(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.choose(str(item.data(_CODE_ROLE)))

    def choose(self, code: str) -> None:
        procedure = next((p for p in self.procedures if p.code == code), None)
        if procedure is None:
            return
        self.current = procedure
        self.list.setVisible(False)  # chosen: the papers take its room until the next search
        self.title.setText(f"{procedure.name_vi} · {procedure.code}")
        self.facts.setText(self._facts(procedure))
        # Papers needed only in some cases start unticked: the receipt lists what was handed in.
        self._fill_documents(
            [(name, not is_conditional_paper(name), 1, 0) for name in procedure.documents]
        )
        self.chosen.emit(procedure)
        self.changed.emit()

    def _facts(self, procedure: Procedure) -> str:
        fee = self.tr("Fee: %1 đ").replace("%1", f"{procedure.fee_vnd:,}".replace(",", "."))
        if procedure.same_day:
            period = self.tr("Processing: same day")
        elif procedure.calendar_days:
            period = self.tr("Processing: %1 days").replace("%1", str(procedure.calendar_days))
        else:
            period = self.tr("Processing: %1 working days").replace(
                "%1", str(procedure.processing_days)
            )
        return f"{period} · {fee}"

    def show_due(self, due: DueDate) -> None:
        self.due.setText(self.tr("Due: %1").replace("%1", due.due_at.strftime("%H:%M %d/%m/%Y")))
        warnings = [message_for(w.code, self.lang, w.params) for w in due.warnings]
        # Its first sentence on screen, the whole advice on hover: the checklist keeps room.
        self.calendar_warning.setText("\n".join("⚠ " + first_sentence(w) for w in warnings))
        self.calendar_warning.setToolTip("\n".join(warnings))
        self.calendar_warning.setVisible(bool(warnings))

    def _fill_documents(self, rows: Sequence[tuple[str, bool, int, int]]) -> None:
        self.documents.blockSignals(True)
        self.documents.setRowCount(len(rows))
        for row, (name, ticked, originals, copies) in enumerate(rows):
            item = QTableWidgetItem(name)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.documents.setItem(row, NAME, item)
            self.documents.setItem(row, ORIGINALS, QTableWidgetItem(str(originals)))
            self.documents.setItem(row, COPIES, QTableWidgetItem(str(copies)))
        self.documents.blockSignals(False)
        if rows:
            self.documents.setCurrentCell(0, NAME)

    def _rows(self) -> list[tuple[str, bool, int, int]]:
        rows = []
        for row in range(self.documents.rowCount()):
            name = self.documents.item(row, NAME)
            if name is None:
                continue
            ticked = name.checkState() == Qt.CheckState.Checked
            rows.append(
                (name.text(), ticked, _count(self, row, ORIGINALS), _count(self, row, COPIES))
            )
        return rows

    def received(self) -> tuple[DocumentReceived, ...]:
        return tuple(DocumentReceived(n, o, c) for n, ticked, o, c in self._rows() if ticked)

    def missing(self) -> tuple[str, ...]:
        """Papers left unticked that every applicant needs: a supplement request's list."""
        return tuple(
            name
            for name, ticked, _o, _c in self._rows()
            if not ticked and not is_conditional_paper(name)
        )

    def values(self) -> dict[str, Any]:
        code = self.current.code if self.current else ""
        return {"procedure": code, "documents": self._rows(), "reason": self.reason.text()}

    def restore(self, values: dict[str, Any]) -> None:
        if values.get("procedure"):
            self.choose(str(values["procedure"]))
            self._fill_documents([tuple(row) for row in values.get("documents", [])])
        self.reason.setText(str(values.get("reason", "")))

    def clear(self) -> None:
        self.current = None
        self.search.clear()
        self._refresh("")
        for label in (self.title, self.facts, self.due, self.calendar_warning):
            label.clear()
        self.documents.setRowCount(0)
        self.reason.clear()


def _count(panel: ProcedurePanel, row: int, column: int) -> int:
    """A count typed in the table; anything that is no number counts as 0."""
    item = panel.documents.item(row, column)
    text = item.text().strip() if item is not None else ""
    return int(text) if text.isdigit() else 0


def first_sentence(text: str) -> str:
    head, dot, _rest = text.partition(". ")
    return head + dot.strip()
