"""The shipped fonts, registered with Qt at start, so Vietnamese never shows as boxes.

A counter PC may have few fonts or none with Vietnamese (a minimal Linux has no font at all,
and the bundle carries none of the system's): Qt then draws every glyph as a box. The app
ships Liberation Serif for its PDFs; registering it lets Qt fall back to it for any letter the
system font lacks, and it becomes the window's font when the system's cannot write Vietnamese.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from counter_app.resources import resource_path

FONTS = "fonts"


def register_shipped_fonts() -> list[str]:
    """Add every shipped TTF to Qt's font database; the families added (none if unreadable)."""
    families: list[str] = []
    for path in sorted(resource_path(FONTS).glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))


def use_fonts_that_write_vietnamese(app: QApplication) -> None:
    """Register the shipped fonts; make one the app's font if the default cannot write
    Vietnamese (keeping its size)."""
    shipped = register_shipped_fonts()
    font = QFont(app.font())
    if not shipped or writes_vietnamese(font.family()):
        return
    font.setFamily(shipped[0])
    app.setFont(font)


def writes_vietnamese(family: str) -> bool:
    systems = QFontDatabase.writingSystems(family)
    return QFontDatabase.WritingSystem.Vietnamese in systems
