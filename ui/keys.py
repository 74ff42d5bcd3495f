"""Keyboard shortcuts with the words that explain them, and the F1 list of them.

Every screen registers its keys with ``screen_key``: active while the focus is inside the
screen, with a short description that the list of keys (F1) shows. Keys without a description
(a second spelling of the same key, Ctrl+S beside Ctrl+Enter) stay out of the list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def screen_key(
    scope: QWidget, keys: str, slot: Callable[[], object], help_text: str = ""
) -> QShortcut:
    shortcut = QShortcut(QKeySequence(keys), scope)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.setWhatsThis(help_text)
    shortcut.activated.connect(slot)
    return shortcut


def described_keys(scope: QWidget) -> list[tuple[str, str]]:
    """(key, what it does) of the shortcuts inside ``scope`` that carry a description."""
    return [
        (s.key().toString(QKeySequence.SequenceFormat.NativeText), s.whatsThis())
        for s in scope.findChildren(QShortcut)
        if s.whatsThis()
    ]


def window_keys(window: QWidget) -> list[tuple[str, str]]:
    """(key, what it does) of the window's own shortcuts and its menu actions."""
    own = [
        (s.key().toString(QKeySequence.SequenceFormat.NativeText), s.whatsThis())
        for s in window.findChildren(QShortcut)
        if s.parent() is window and s.whatsThis()
    ]
    actions = [
        (a.shortcut().toString(QKeySequence.SequenceFormat.NativeText), _plain(a.text()))
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty() and a.text()
    ]
    return own + actions


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


class KeyHelpDialog(QDialog):
    """The keys of the screen in front, then those that work everywhere."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyHelp")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("keyHelpTable")
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (keys, words) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(words))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.resize(620, 520)

    def rows(self) -> list[tuple[str, str]]:
        return [(self._text(r, 0), self._text(r, 1)) for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
