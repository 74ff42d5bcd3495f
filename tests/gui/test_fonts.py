"""The shipped fonts reach Qt at start, so a PC without Vietnamese fonts shows no boxes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.app import make_application
from ui.fonts import register_shipped_fonts, use_fonts_that_write_vietnamese, writes_vietnamese

SHIPPED = "Liberation Serif"


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QFont]:
    saved = QFont(qapp.font())
    yield saved
    qapp.setFont(saved)


def test_the_shipped_fonts_are_registered_and_write_vietnamese(qapp: QApplication) -> None:
    assert register_shipped_fonts() == [SHIPPED]
    assert SHIPPED in QFontDatabase.families()
    assert writes_vietnamese(SHIPPED)


def test_a_default_font_that_cannot_write_vietnamese_gives_way_to_the_shipped_one(
    qapp: QApplication, app_font: QFont
) -> None:
    lacking = QFont(app_font)
    lacking.setFamily("A family this PC does not have")
    lacking.setPointSize(13)
    qapp.setFont(lacking)
    use_fonts_that_write_vietnamese(qapp)
    assert qapp.font().family() == SHIPPED
    assert qapp.font().pointSize() == 13  # the size chosen for readability stays


def test_the_application_setup_registers_them(qapp: QApplication, app_font: QFont) -> None:
    app = make_application([])
    assert SHIPPED in QFontDatabase.families()
    assert writes_vietnamese(app.font().family())
