"""The small dialog an action asks through: the new status, the reason, the papers, a date.

Keyboard only: the choices list takes the arrows; Enter accepts (or, on a status that must
say why, goes to the reason first); Ctrl+Enter accepts from anywhere; Esc cancels. Opened
window-modal with ``open()``, never ``exec()``, so the event loop (and the store's replies)
keep running.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.text import nfc
from counter_app.domain.vn_time import VN_TZ
from ui.naming import named

DATE_TIME_FORMAT = "dd/MM/yyyy HH:mm"


@dataclass(frozen=True)
class ActionInput:
    target: int | None = None
    reason: str = ""
    items: tuple[str, ...] = ()
    new_due_at: datetime | None = None


class ActionDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.targets: QListWidget | None = None
        self._needs_reason: frozenset[int] = frozenset()
        self.items: QPlainTextEdit | None = None
        self.new_date: QDateTimeEdit | None = None
        self.reason = named(QLineEdit(), "actionReason")
        self._form = QFormLayout()
        # Each label above its field: the reason's label is long, and the fields get the width.
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.setMinimumWidth(560)
        column = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        column.addWidget(heading)
        column.addLayout(self._form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

    def add_targets(
        self,
        choices: list[tuple[str, int]],
        needs_reason: frozenset[int],
        *,
        preferred: int | None = None,
    ) -> None:
        """The statuses to choose from, ``preferred`` (else the first) highlighted."""
        self._needs_reason = needs_reason
        self.targets = named(QListWidget(), "actionTargets")
        self.targets.setWordWrap(True)  # "5 · Yêu cầu bổ sung giấy tờ (cần ghi lý do)": whole
        self.targets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for label, status in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, status)
            self.targets.addItem(item)
        statuses = [status for _label, status in choices]
        self.targets.setCurrentRow(statuses.index(preferred) if preferred in statuses else 0)
        self._form.addRow(self.tr("New status"), self.targets)

    def add_items(self, label: str) -> None:
        self.items = named(QPlainTextEdit(), "actionItems")
        self.items.setTabChangesFocus(True)
        self.items.setFixedHeight(self.items.fontMetrics().lineSpacing() * 5)
        self._form.addRow(label, self.items)

    def add_new_date(self, proposed: datetime) -> None:
        # Vietnam wall-clock values, whatever the PC's own time zone.
        wall = QDateTime(
            QDate(proposed.year, proposed.month, proposed.day),
            QTime(proposed.hour, proposed.minute),
        )
        self.new_date = named(QDateTimeEdit(wall), "actionNewDate")
        self.new_date.setDisplayFormat(DATE_TIME_FORMAT)
        self.new_date.setCalendarPopup(True)
        self._form.addRow(self.tr("New appointment"), self.new_date)

    def add_reason(self, label: str) -> None:
        self._form.addRow(label, self.reason)
        first = self.targets or self.items or self.new_date or self.reason
        first.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a status that must say why goes to the reason; otherwise it accepts."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        on_targets = self.targets is not None and self.targets.hasFocus()
        if enter and on_targets and self.values().target in self._needs_reason:
            self.reason.setFocus()
            return
        super().keyPressEvent(event)

    def values(self) -> ActionInput:
        target = None
        if self.targets is not None and self.targets.currentItem() is not None:
            target = int(self.targets.currentItem().data(Qt.ItemDataRole.UserRole))
        items: tuple[str, ...] = ()
        if self.items is not None:
            lines = self.items.toPlainText().splitlines()
            items = tuple(nfc(line.strip()) for line in lines if line.strip())
        new_due_at = None
        if self.new_date is not None:
            day, clock = self.new_date.date(), self.new_date.time()
            new_due_at = datetime(
                day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=VN_TZ
            )
        reason = nfc(self.reason.text().strip())
        return ActionInput(target, reason, items, new_due_at)
