"""Named widgets: tests and screenshots find a screen's parts by ``objectName``."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

Q = TypeVar("Q", bound=QObject)


def named(widget: Q, name: str) -> Q:
    widget.setObjectName(name)
    return widget
