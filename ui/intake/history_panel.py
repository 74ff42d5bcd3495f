"""ĐÃ TỪNG NỘP: a returning citizen's earlier dossiers at this counter, and the duplicate
warning when the same person came for the same procedure in the last days."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from counter_app.domain.dossier import Dossier, Status, status_name
from ui.naming import named


def _day(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y")


_CODE_ROLE = Qt.ItemDataRole.UserRole


class HistoryPanel(QWidget):
    """``opened`` fires with a dossier's code when the clerk picks it (Enter, double-click):
    the citizen who comes back with the papers asked for is picked up from here."""

    opened = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.summary = named(QLabel(), "history_summary")
        # "⚠ 1 waiting for papers: F4, then Enter opens it" wraps: unwrapped, its width would
        # widen the column over the applicant's fields at larger text.
        self.summary.setWordWrap(True)
        self.dossiers = named(QListWidget(), "history_list")
        self.dossiers.setWordWrap(True)  # date · procedure · status: wrapped, never cut
        self.dossiers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dossiers.itemActivated.connect(self._activated)
        self.scope = QLabel(self.tr("Only dossiers received at this counter are listed."))
        self.scope.setObjectName("history_scope")
        self.scope.setWordWrap(True)
        self.duplicate = named(QLabel(), "duplicate_warning")
        self.duplicate.setWordWrap(True)
        self.duplicate.setStyleSheet("color: #8a4b00; font-weight: bold;")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("EARLIER DOSSIERS"))
        title.setObjectName("section_title")
        for widget in (title, self.summary, self.dossiers, self.duplicate, self.scope):
            layout.addWidget(widget)
        self.clear()

    def show_dossiers(self, dossiers: list[Dossier], names: dict[str, str]) -> None:
        self.dossiers.clear()
        self.summary.setText(self.tr("%n earlier dossier(s) of this ID", "", len(dossiers)))
        waiting = 0
        for dossier in dossiers:
            name = names.get(dossier.procedure_code, dossier.procedure_code)
            status = status_name(dossier.status, self.lang)
            item = QListWidgetItem(
                f"{dossier.code}\n{_day(dossier.received_at)} · {name} · {status}"
            )
            item.setData(_CODE_ROLE, dossier.code)
            if dossier.status == Status.SUPPLEMENT_REQUESTED and not dossier.is_voided:
                waiting += 1
                item.setForeground(Qt.GlobalColor.darkRed)
            self.dossiers.addItem(item)
        if waiting:
            line = self.tr("⚠ %n waiting for papers: F4, then Enter opens it.", "", waiting)
            self.summary.setText(self.summary.text() + "\n" + line)

    def take_focus(self) -> None:
        """F4: the list, on the first dossier waiting for papers (else the newest)."""
        rows = [self.dossiers.item(r) for r in range(self.dossiers.count())]
        if not rows:
            return
        waiting = [i for i, item in enumerate(rows)
                   if item.foreground().color() == Qt.GlobalColor.darkRed]  # fmt: skip
        self.dossiers.setCurrentRow(waiting[0] if waiting else 0)
        self.dossiers.setFocus()

    def _activated(self, item: QListWidgetItem) -> None:
        code = item.data(_CODE_ROLE)
        if code:
            self.opened.emit(str(code))

    def show_duplicates(self, found: list[tuple[str, str]]) -> None:
        if not found:
            self.duplicate.clear()
            self.duplicate.setVisible(False)
            return
        code, received_at = found[0]
        text = self.tr("⚠ Same person, same procedure on %1 (%2): is this a duplicate intake?")
        self.duplicate.setText(text.replace("%1", _day(received_at)).replace("%2", code))
        self.duplicate.setVisible(True)

    def clear(self) -> None:
        self.dossiers.clear()
        self.summary.setText("")
        self.show_duplicates([])
