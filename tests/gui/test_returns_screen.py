"""The returns screen (Trả kết quả): find by a scan or a typed code, readiness, the hand-over."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.documents import DEFAULT_QR_TEMPLATE, qr_payload
from counter_app.domain.dossier import Dossier, Status
from counter_app.messages import message_for
from counter_app.services.dossiers.changes import dossier_detail, get_dossier
from counter_app.services.store.opening import Store
from tests.gui.dossier_screens import (
    fill_store,
    make_ready,
    make_window,
    press,
    show,
    type_text,
    vietnamese,
)
from tests.payloads import T1, T15
from ui import returns
from ui.returns.screen import ReturnsScreen

CTRL = Qt.KeyboardModifier.ControlModifier

pytestmark = pytest.mark.usefixtures(vietnamese.__name__)


@pytest.fixture
def today(new_store: Store) -> list[Dossier]:
    return fill_store(new_store)[1]


def _screen(qtbot: QtBot, store: Store, tmp_path: Path) -> ReturnsScreen:
    window = make_window(qtbot, store, tmp_path)
    screen = returns.install(window)
    assert isinstance(screen, ReturnsScreen)
    show(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.scan)
    return screen


def _type_code(qtbot: QtBot, screen: ReturnsScreen, code: str) -> None:
    type_text(screen.scan, code)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.code.text() == code)


def test_a_proxy_collects_with_a_typed_code_and_a_typed_id(
    qtbot: QtBot, new_store: Store, today: list[Dossier], tmp_path: Path
) -> None:
    code = make_ready(new_store, today[0].code).code
    screen = _screen(qtbot, new_store, tmp_path)
    _type_code(qtbot, screen, code)
    assert "sẵn sàng" in screen.readiness.text() and screen.handover.isEnabled()
    assert screen.name.text() == "Nguyễn Thị Hoa"
    press(qtbot, Qt.Key.Key_U, CTRL)  # someone else collects
    assert screen.proxy.isChecked() and QApplication.focusWidget() is screen.name
    type_text(screen.name, "Đặng Văn Đức")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(screen.id_number, "001089009999")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(screen.relation, "chồng")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: get_dossier(new_store, code).status == Status.RETURNED)
    handed = dossier_detail(new_store, code).events[-1]
    assert handed["to_status"] == Status.RETURNED and handed["actor"] == "user:lan"
    assert handed["details"]["recipient"] == "Đặng Văn Đức"
    assert handed["details"]["recipient_id_number"] == "001089009999"
    assert handed["details"]["recipient_relation"] == "chồng"
    qtbot.waitUntil(lambda: "Đặng Văn Đức" in screen.readiness.text())
    assert not screen.handover.isEnabled()


def test_a_scanned_receipt_qr_and_the_proxy_card_fill_the_hand_over(
    qtbot: QtBot, new_store: Store, today: list[Dossier], tmp_path: Path
) -> None:
    code = make_ready(new_store, today[1].code).code
    screen = _screen(qtbot, new_store, tmp_path)
    screen.open_code(f"{code}|1.004873|001089001002|Biên nhận|Một cửa|20261126101500")
    qtbot.waitUntil(lambda: screen.code.text() == code)
    screen.proxy.setChecked(True)
    press(qtbot, Qt.Key.Key_Tab)  # from the name to the ID box
    assert QApplication.focusWidget() is screen.id_number
    type_text(screen.id_number, T1)  # the proxy's card, scanned into the ID box
    press(qtbot, Qt.Key.Key_Return)
    assert screen.name.text() == "Trần Quốc Bảo" and screen.id_number.text() == "001089004217"
    screen.record_handover()
    qtbot.waitUntil(lambda: get_dossier(new_store, code).status == Status.RETURNED)
    details = dossier_detail(new_store, code).events[-1]["details"]
    assert details["recipient"] == "Trần Quốc Bảo" and details["recipient_is_proxy"] is True


@pytest.mark.parametrize("layout", ["v0", "v1"])
def test_the_receipt_scanner_reads_the_old_and_the_new_qr_layout(
    qtbot: QtBot, new_store: Store, today: list[Dossier], tmp_path: Path, layout: str
) -> None:
    """v0 receipts (printed before) hold the code alone; v1 every field of TT 01/2023."""
    code = make_ready(new_store, today[2].code).code
    fields = {"code": code, "procedure_code": "1.004873", "id_number": "001089001002",
              "title": "GIAY TIEP NHAN HO SO VA HEN TRA KET QUA", "system": "counter-app",
              "issued_at": "20261126101500", "due_at": "20261201101500"}  # fmt: skip
    payload = code if layout == "v0" else qr_payload(DEFAULT_QR_TEMPLATE, fields)
    screen = _screen(qtbot, new_store, tmp_path)
    type_text(screen.scan, payload)  # a wedge scanner types the payload, then Enter
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.code.text() == code)
    assert screen.handover.isEnabled()


def test_a_proxy_without_an_id_number_is_refused(
    qtbot: QtBot, new_store: Store, today: list[Dossier], tmp_path: Path
) -> None:
    code = make_ready(new_store, today[2].code).code
    screen = _screen(qtbot, new_store, tmp_path)
    _type_code(qtbot, screen, code)
    press(qtbot, Qt.Key.Key_U, CTRL)
    type_text(screen.name, "Đặng Văn Đức")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert message_for("HANDOVER_PROXY_ID_REQUIRED", "vi") in screen.message.text()
    assert get_dossier(new_store, code).status == Status.RESULT_READY


def test_a_dossier_not_ready_says_what_it_waits_for(
    qtbot: QtBot, new_store: Store, today: list[Dossier], tmp_path: Path
) -> None:
    screen = _screen(qtbot, new_store, tmp_path)
    _type_code(qtbot, screen, today[3].code)
    assert screen.readiness.text().startswith("Chưa có kết quả")
    assert not screen.handover.isEnabled()
    press(qtbot, Qt.Key.Key_Return, CTRL)  # nothing to hand over: nothing happens
    assert get_dossier(new_store, today[3].code).status == Status.RECEIVED


def test_a_name_search_lists_the_matches_to_pick_from(
    qtbot: QtBot, new_store: Store, today: list[Dossier], tmp_path: Path
) -> None:
    screen = _screen(qtbot, new_store, tmp_path)
    type_text(screen.scan, "nguyen")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.results.count() == 2)
    assert QApplication.focusWidget() is screen.results
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.code.text() in {today[0].code, today[4].code})


def test_a_text_that_is_no_card_and_no_dossier_says_so(
    qtbot: QtBot, new_store: Store, today: list[Dossier], tmp_path: Path
) -> None:
    screen = _screen(qtbot, new_store, tmp_path)
    screen.open_code("000.31.27.H26-261126-9999")
    qtbot.waitUntil(lambda: "Không tìm thấy" in screen.message.text())
    screen.open_code(T15.replace(" ", "|"))  # a QR that is neither a receipt nor a card
    qtbot.waitUntil(lambda: "NOT_ID_QR" in screen.message.text())
