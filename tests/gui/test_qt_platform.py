"""The Qt the project installs runs here without a display and draws Vietnamese text.

A foundation check for every later window: if a system library is missing (libEGL, libGL,
fontconfig) this fails first, with Qt's own import error, instead of every GUI test at once.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def dark_pixels(image: QImage) -> int:
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            if QColor(image.pixel(x, y)).lightness() < 128:
                count += 1
    return count


def test_vietnamese_label_renders_offscreen(qtbot: QtBot) -> None:
    label = QLabel("Tiếp nhận hồ sơ — Nguyễn Thị Thuỷ")
    label.setStyleSheet("QLabel { background: white; color: black; font-size: 16pt; }")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert label.text() == "Tiếp nhận hồ sơ — Nguyễn Thị Thuỷ"
    image = label.grab().toImage()
    assert image.width() > 100
    assert dark_pixels(image) > 200  # glyphs were drawn, not an empty box


def test_blank_label_draws_nothing(qtbot: QtBot) -> None:
    """The pixel count above can fail: an empty label has no dark pixels."""
    label = QLabel("")
    label.setStyleSheet("QLabel { background: white; }")
    label.resize(200, 40)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert dark_pixels(label.grab().toImage()) == 0
