"""A field the city names under two of its paths is one line in the needs-attention detail and
in the correction dialog, as in the table's columns (the clerk's day showed it twice)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.messages import message_for
from sync.protocol.validation import FieldCode
from sync.protocol.wire import field_error
from ui.attention import AttentionDialog, AttentionRow, reason_lines
from ui.i18n import install_translations

# What the simulated city answers for an ID number typed a digit short (sync/protocol).
TWO_PATHS = tuple(
    field_error(path, FieldCode.BAD_ID_NUMBER).to_json()
    for path in ("hoSo.SoGiayToChuHoSo", "hoSo.DinhDanhCHS[0].SoDinhDanh")
)
ROW = AttentionRow("000.31.27.H26-261207-1004", "user:lan", "2026-12-07T13:13:00+07:00",
                   TWO_PATHS, mine=True)  # fmt: skip


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "vi")
    yield
    for translator in translators:
        app.removeTranslator(translator)


def test_the_detail_says_a_field_named_under_two_paths_once(qtbot: QtBot) -> None:
    dialog = AttentionDialog("vi")
    qtbot.addWidget(dialog)
    dialog.set_rows([ROW])
    reason = message_for(FieldCode.BAD_ID_NUMBER.value, "vi")
    lines = dialog.detail.text().splitlines()
    assert lines[0] == f"Số giấy tờ của người nộp: {reason}"
    assert sum(reason in line for line in lines) == 1
    assert len(lines) == 2  # the line, then what to do next


def test_the_correction_reasons_are_the_same_single_line() -> None:
    lines = reason_lines(TWO_PATHS, "vi")
    assert lines == [f"Số giấy tờ của người nộp: {message_for('FIELD_BAD_ID_NUMBER', 'vi')}"]
