"""The right dossier, every time: a receipt QR scanned on the intake screen, "Open dossier" in
the needs-attention list and the history panel open exactly the dossier named, with the
dossiers screen's search and filters reset to show it; the "Today" list is filled the first
time the screen opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from counter_app.domain.dossier import Outcome, Status
from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.syncing.outbox import (
    REJECTED,
    RecordOutcome,
    next_pending,
    settle_outcomes,
)
from tests.dossier_helpers import CLERK, citizen, intake
from tests.gui.counter_window import Counter, counter_window, prepare_counter
from tests.gui.dossier_screens import fill_store
from tests.gui.intake_helpers import focused, person_types, press, scanner_types
from tests.payloads import T1
from ui.dossiers.model import CODE_ROLE
from ui.sync_area import sync_area

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _shown(counter: Counter) -> str:
    screen = counter.dossiers
    return screen.detail.code.text()


def _selected(counter: Counter) -> str:
    table = counter.dossiers.table
    return str(counter.dossiers.model.data(table.currentIndex(), CODE_ROLE) or "")


def _settled_on(qtbot: QtBot, counter: Counter, code: str) -> None:
    """The pane and the table's current row show ``code``, and still do a moment later."""
    qtbot.waitUntil(lambda: _shown(counter) == code and _selected(counter) == code)
    QTest.qWait(600)  # any late page or refresh would move them now
    assert _shown(counter) == code and _selected(counter) == code


def _search_dossiers(qtbot: QtBot, counter: Counter, text: str) -> None:
    press(Qt.Key.Key_2, CTRL)
    press(Qt.Key.Key_F, CTRL)
    person_types(text, gap_ms=40)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.dossiers.model.rowCount() == 1)
    press(Qt.Key.Key_Return)  # from the search into the table: its one row is shown
    code = counter.dossiers.model.data(counter.dossiers.model.index(0, 0), CODE_ROLE)
    qtbot.waitUntil(lambda: _shown(counter) == code)


def test_a_receipt_scanned_on_the_intake_screen_opens_exactly_that_dossier(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    older, today = fill_store(new_store)
    folder = prepare_counter(new_store, configured=True)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        _search_dossiers(qtbot, counter, "Le Thi Cuc")
        assert _shown(counter) == today[2].code
        press(Qt.Key.Key_1, CTRL)
        assert focused() is counter.intake.applicant.scan_box
        receipt = older[0].code + "|1.004873|001089002003|Biên nhận|Một cửa|20261103090000"
        scanner_types(receipt)
        assert counter.window.tabs.currentWidget() is counter.dossiers
        _settled_on(qtbot, counter, older[0].code)
        filters = counter.dossiers.filters
        assert filters.status.currentData() is None and filters.procedure.currentData() is None
        assert not filters.overdue.isChecked()
        assert counter.intake.applicant.values()["full_name"] == ""


def test_open_dossier_in_the_needs_attention_list_opens_the_row_chosen(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    _older, today = fill_store(new_store)
    wanted = {today[1].code, today[3].code}
    pending = next_pending(new_store, after_id=0, limit=100)
    errors = ({"field": "hoSo.MaTTHC", "code": "FIELD_UNKNOWN_PROCEDURE", "message": "x"},)
    outcomes = [RecordOutcome(i, REJECTED, errors=errors) for i in pending
                if i.dossier.code in wanted]  # fmt: skip
    settle_outcomes(new_store, outcomes, batch_id="b", now=now_vn())
    folder = prepare_counter(new_store, configured=True)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        _search_dossiers(qtbot, counter, "Nguyen Thi Hoa")
        area = sync_area(counter.window)
        assert area is not None
        press(Qt.Key.Key_X, CTRL_SHIFT)
        dialog = area.attention
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
        dialog.table.setFocus()
        QTest.keyClick(dialog.table, Qt.Key.Key_Down)
        row = dialog.current_row()
        assert row is not None
        QTest.keyClick(dialog.table, Qt.Key.Key_Return)
        _settled_on(qtbot, counter, row.code)


def test_the_history_panel_shows_codes_and_opens_a_dossier_waiting_for_papers(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    prepare = citizen(name="Trần Quốc Bảo", id_number="001089004217")
    from tests.dossier_helpers import configure

    configure(new_store)
    waiting = receive_dossier(
        new_store,
        intake(prepare, outcome=Outcome.SUPPLEMENT, reason="Thiếu giấy chứng sinh"),
        clerk=CLERK,
        now=now_vn(),
    )
    assert waiting.status == Status.SUPPLEMENT_REQUESTED
    folder = prepare_counter(new_store, configured=True)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        history = counter.intake.history
        scanner_types(T1)
        qtbot.waitUntil(lambda: history.dossiers.count() == 1)
        assert waiting.code in history.dossiers.item(0).text()
        press(Qt.Key.Key_F4)  # to the earlier dossiers, then Enter on the one waiting
        assert focused() is history.dossiers
        press(Qt.Key.Key_Return)
        _settled_on(qtbot, counter, waiting.code)


def test_the_today_list_is_filled_the_first_time_the_dossiers_screen_opens(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        from counter_app.services.store.opening import open_store

        store = open_store(folder)  # another process's save, after the window opened
        try:
            code = receive_dossier(store, intake(citizen()), clerk=CLERK, now=now_vn()).code
        finally:
            store.close()
        press(Qt.Key.Key_2, CTRL)
        qtbot.waitUntil(lambda: counter.dossiers.model.rowCount() == 1)
        assert counter.dossiers.model.data(counter.dossiers.model.index(0, 0), CODE_ROLE) == code
