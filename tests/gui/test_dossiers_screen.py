"""The dossiers screen (Hồ sơ): the lazy model, search and filters, the detail pane, actions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from counter_app.domain.dossier import Status
from counter_app.messages import message_for
from counter_app.services.clock import now_vn
from counter_app.services.documents.issuing import issued_documents
from counter_app.services.dossiers.changes import get_dossier, transition_dossier
from counter_app.services.dossiers.queries import ListFilters
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.outbox import (
    REJECTED,
    RecordOutcome,
    next_pending,
    settle_outcomes,
)
from counter_app.services.users import add_user
from tests.dossier_helpers import citizen, intake
from tests.gui.dossier_screens import fill_store, make_window, press, show, type_text, vietnamese
from ui import dossiers
from ui.dossiers import KEY as DOSSIERS_KEY
from ui.dossiers.actions import Action
from ui.dossiers.model import (
    APPLICANT,
    CODE_ROLE,
    DUE,
    STATUS,
    DossierTableModel,
    ListRequest,
)
from ui.dossiers.screen import DossiersScreen
from ui.dossiers.texts import status_text
from ui.main_window import MainWindow
from ui.tasks import StoreRunner

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.usefixtures(vietnamese.__name__)


@pytest.fixture
def filled(new_store: Store) -> Store:
    fill_store(new_store)
    return new_store


def _screen(qtbot: QtBot, store: Store, tmp_path: Path, role: str = "clerk") -> DossiersScreen:
    window = make_window(qtbot, store, tmp_path, role=role)
    screen = dossiers.install(window)
    assert isinstance(screen, DossiersScreen)
    show(qtbot, window)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and not screen.model.loading)
    return screen


def _codes(screen: DossiersScreen) -> list[str]:
    return [screen.model.index(r, 0).data() for r in range(screen.model.rowCount())]


def _runner(store: Store) -> StoreRunner:
    folder = store.folder
    return StoreRunner(lambda: open_store(folder))


def test_the_model_passes_the_model_tester(qtbot: QtBot, filled: Store, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = DossierTableModel(_runner(filled), page_size=3)
    model.set_request(ListRequest(filters=ListFilters()))
    qtbot.waitUntil(lambda: model.rowCount() == 3 and not model.loading)
    qtmodeltester.check(model)
    assert model.data(model.index(0, STATUS), Qt.ItemDataRole.DecorationRole) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_rows_arrive_page_by_page_and_nothing_counts_the_table(qtbot: QtBot, filled: Store) -> None:
    runner = _runner(filled)
    statements: list[str] = []
    runner.run(
        lambda store: store.db.conn.set_trace_callback(statements.append),
        on_done=lambda _: None,
        on_error=lambda error: None,
    )
    model = DossierTableModel(runner, page_size=3)
    model.set_request(ListRequest(filters=ListFilters()))
    qtbot.waitUntil(lambda: model.rowCount() == 3 and not model.loading)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 6 and not model.loading)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 8 and not model.canFetchMore(QModelIndex()))
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects and not [s for s in selects if re.search(r"count\(", s, re.IGNORECASE)]
    assert all("LIMIT" in s for s in selects if "FROM dossiers INDEXED BY" in s)
    assert runner.close()


def test_today_by_default_then_search_and_filters(
    qtbot: QtBot, filled: Store, tmp_path: Path
) -> None:
    screen = _screen(qtbot, filled, tmp_path)
    assert screen.model.rowCount() == 5 and "Phạm Văn Dũng" in [
        screen.model.index(r, APPLICANT).data() for r in range(5)
    ]
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is screen.filters.search
    type_text(screen.filters.search, "nguyen")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2 and not screen.model.loading)
    assert screen.filters.scope.currentData() == "all"  # a search looks at every day
    screen.filters.search.clear()
    type_text(screen.filters.search, "do van cu")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3 and not screen.model.loading)
    screen.filters.search.clear()
    screen.filters.scope.setCurrentIndex(screen.filters.scope.findData("all"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 8 and not screen.model.loading)
    code = _codes(screen)[0]
    # The test's own connection, beside the window's: the screen reads what is stored.
    transition_dossier(filled, code, Status.IN_PROCESS, actor="clerk:test", now=now_vn())
    screen.filters.status.setCurrentIndex(screen.filters.status.findData(4))
    qtbot.waitUntil(lambda: _codes(screen) == [code] and not screen.model.loading)
    screen.filters.status.setCurrentIndex(0)
    screen.filters.overdue.setChecked(True)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3 and not screen.model.loading)
    overdue = screen.model.index(0, DUE)
    assert overdue.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "quá hạn" in overdue.data() or "overdue" in overdue.data()


def test_the_detail_pane_shows_the_dossier_and_its_events(
    qtbot: QtBot, filled: Store, tmp_path: Path
) -> None:
    screen = _screen(qtbot, filled, tmp_path)
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(1, 0))
    code = _codes(screen)[1]
    qtbot.waitUntil(lambda: screen.detail.code.text() == code)
    events = screen.findChild(QListWidget, "detailEvents")
    qtbot.waitUntil(lambda: events.count() >= 1)
    assert re.match(r"\d\d/\d\d/\d{4} \d\d:\d\d · clerk:lan", events.item(0).text())
    assert screen.detail.field_text("applicant") == "Phạm Văn Dũng"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", screen.detail.field_text("received"))
    sync = screen.findChild(QLabel, "detailSync").text()
    assert sync  # pending: never sent in this test


def test_a_transition_and_a_reprint_by_keyboard(
    qtbot: QtBot, filled: Store, tmp_path: Path
) -> None:
    screen = _screen(qtbot, filled, tmp_path)
    code = _codes(screen)[0]
    press(qtbot, Qt.Key.Key_F, CTRL)
    press(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is screen.table
    qtbot.waitUntil(lambda: screen.detail.code.text() == code)
    qtbot.waitUntil(lambda: screen.actions_bar.buttons[Action.TRANSITION].isEnabled())
    press(qtbot, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: screen.dossier_actions.dialog is not None)
    dialog = screen.dossier_actions.dialog
    assert dialog is not None and dialog.targets is not None
    assert dialog.windowTitle().endswith(code)
    offered = [dialog.targets.item(i).text()[:2].strip() for i in range(dialog.targets.count())]
    assert offered == ["4", "5", "7", "9"]  # the lifecycle's targets from 2, not 10 here
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.targets)
    press(qtbot, Qt.Key.Key_Return)  # "4 · Đang xử lý" needs no reason: done
    qtbot.waitUntil(lambda: get_dossier(filled, code).status == Status.IN_PROCESS)
    qtbot.waitUntil(lambda: screen.detail.status.text().startswith("Đang xử lý"))
    qtbot.waitUntil(lambda: screen.model.index(0, STATUS).data() == "Đang xử lý")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.table)
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: len(issued_documents(filled, code)) == 1)
    saved = message_for("print.saved_to", "vi", {"file": ""}).split("{")[0][:10]
    qtbot.waitUntil(lambda: saved in screen.message.text(), timeout=20_000)
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: len(issued_documents(filled, code)) == 2)
    assert issued_documents(filled, code)[1]["reprint"] is True
    documents = screen.findChild(QListWidget, "detailDocuments")
    qtbot.waitUntil(lambda: documents.count() == 2)


def test_a_clerk_is_refused_a_supervisor_action(
    qtbot: QtBot, filled: Store, tmp_path: Path
) -> None:
    screen = _screen(qtbot, filled, tmp_path, role="clerk")
    code = _codes(screen)[0]
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    qtbot.waitUntil(lambda: screen.actions_bar.buttons[Action.TRANSITION].isEnabled())
    void = screen.actions_bar.buttons[Action.VOID]
    assert not void.isEnabled() and void.toolTip()  # disabled, and says why
    press(qtbot, Qt.Key.Key_V, CTRL_SHIFT)  # the key still says why, on screen
    refusal = message_for("DOSSIER_SUPERVISOR_ONLY", "vi")
    qtbot.waitUntil(lambda: refusal in screen.message.text())
    assert "Mã lỗi: DOSSIER_SUPERVISOR_ONLY" in screen.message.text()
    assert screen.dossier_actions.dialog is None
    assert get_dossier(filled, code).voided_at is None


def test_a_supervisor_may_void_before_the_first_sync(
    qtbot: QtBot, filled: Store, tmp_path: Path
) -> None:
    screen = _screen(qtbot, filled, tmp_path, role="supervisor")
    code = _codes(screen)[0]
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    qtbot.waitUntil(lambda: screen.actions_bar.buttons[Action.VOID].isEnabled())
    press(qtbot, Qt.Key.Key_V, CTRL_SHIFT)
    qtbot.waitUntil(lambda: screen.dossier_actions.dialog is not None)
    dialog = screen.dossier_actions.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)
    type_text(dialog.reason, "Nhập nhầm")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: get_dossier(filled, code).voided_at is not None)
    qtbot.waitUntil(lambda: not screen.actions_bar.buttons[Action.VOID].isEnabled())


def test_a_requested_dossier_opens_on_its_tab(qtbot: QtBot, filled: Store, tmp_path: Path) -> None:
    window = make_window(qtbot, filled, tmp_path)
    window.add_screen("intake", "Tiếp nhận", QPushButton("intake"))
    screen = dossiers.install(window)
    assert isinstance(screen, DossiersScreen)
    show(qtbot, window)
    old = get_dossier(filled, "000.31.27.H26-261103-1001")  # not today's: not in the table
    window.request_dossier(old.code)
    assert window.tabs.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.detail.code.text() == old.code)
    assert screen.detail.field_text("applicant") == "Đỗ Văn Cũ"


def test_a_dossier_the_city_refused_says_what_to_fix(
    qtbot: QtBot, filled: Store, tmp_path: Path
) -> None:
    item = next(i for i in next_pending(filled, after_id=0, limit=100) if i.dossier.id == 8)
    errors = ({"field": "hoSo.MaTTHC", "code": "FIELD_UNKNOWN_PROCEDURE", "message": "x"},)
    settle_outcomes(
        filled, [RecordOutcome(item, REJECTED, errors=errors)], batch_id="b", now=now_vn()
    )
    window = make_window(qtbot, filled, tmp_path)
    screen = dossiers.install(window)
    assert isinstance(screen, DossiersScreen)
    show(qtbot, window)
    window.request_dossier(item.dossier.code)
    sync = screen.findChild(QLabel, "detailSync")
    qtbot.waitUntil(lambda: "Thủ tục:" in sync.text())
    assert "hoSo" not in sync.text()  # the field in words, never its path
    assert message_for("FIELD_UNKNOWN_PROCEDURE", "vi") in sync.text()
    assert sync.text().startswith("Thành phố không nhận hồ sơ này")


def test_coming_back_to_the_tab_shows_new_dossiers_and_keeps_the_one_on_show(
    qtbot: QtBot, filled: Store, tmp_path: Path
) -> None:
    """A dossier received at the intake while this tab was hidden, and a status changed
    meanwhile, show when the clerk comes back; the selected dossier stays selected."""
    screen = _screen(qtbot, filled, tmp_path)
    window = screen.window()
    assert isinstance(window, MainWindow)
    window.add_screen("other", "Khác", QWidget())
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(1, 0))
    code = _codes(screen)[1]
    qtbot.waitUntil(lambda: screen.detail.code.text() == code)
    window.show_screen("other")
    transition_dossier(filled, code, Status.IN_PROCESS, actor="clerk:test", now=now_vn())
    new = receive_dossier(filled, intake(citizen(name="Vũ Thị Mới", id_number="001190004321")),
                          clerk="clerk:test", now=now_vn())  # fmt: skip
    window.show_screen(DOSSIERS_KEY)
    qtbot.waitUntil(lambda: new.code in _codes(screen) and not screen.model.loading)
    assert screen.model.rowCount() == 6
    qtbot.waitUntil(lambda: screen.model.data(screen.table.currentIndex(), CODE_ROLE) == code)
    in_process = status_text(Status.IN_PROCESS, "vi")
    qtbot.waitUntil(lambda: screen.detail.status.text().startswith(in_process))


def test_the_pane_names_users_by_their_full_name(
    qtbot: QtBot, filled: Store, tmp_path: Path
) -> None:
    add_user(filled, username="thu", full_name="Phạm Thị Thu", role="clerk",
             password="mat-khau-dai-1", actor="cli:it",
             acting_role="administrator", now=now_vn())  # fmt: skip
    taken = receive_dossier(filled, intake(citizen(name="Vũ Văn Khách", id_number="001090004322")),
                            clerk="user:thu", now=now_vn())  # fmt: skip
    screen = _screen(qtbot, filled, tmp_path)
    screen.show_dossier(taken.code)
    qtbot.waitUntil(lambda: screen.detail.code.text() == taken.code)
    assert screen.detail.field_text("clerk") == "Phạm Thị Thu"
    events = screen.findChild(QListWidget, "detailEvents")
    qtbot.waitUntil(lambda: events.count() >= 1)
    assert " · Phạm Thị Thu · " in events.item(0).text()
