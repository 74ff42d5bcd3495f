"""The supervisor's desk: only for supervisors and administrators; the dashboard, the audit
viewer and the send-back on a real store, driven through the window's widgets."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.services.supervision import send_back
from counter_app.services.supervision.dashboard import load_dashboard
from counter_app.services.users import RoleNotAllowedError
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import intake
from tests.gui.counter_window import Counter, counter_window, prepare_counter
from ui.supervisor import KEY, SupervisorScreen
from ui.supervisor.fix_banner import FixBanner


@pytest.fixture
def folder(new_store: Store) -> Path:
    """Three users; one dossier received 40 days ago by lan (overdue), two today."""
    folder = prepare_counter(new_store)
    store = open_store(folder)
    try:
        now = now_vn()
        receive_dossier(store, intake(), clerk="user:lan", now=now - timedelta(days=40))
        for clerk in ("user:lan", "user:minh"):
            receive_dossier(store, intake(), clerk=clerk, now=now)
    finally:
        store.close()
    return folder


def desk(counter: Counter) -> SupervisorScreen:
    screen = counter.window.screen_widget(KEY)
    assert isinstance(screen, SupervisorScreen)
    return screen


def test_a_clerk_does_not_see_the_desk_and_the_services_refuse_them(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with counter_window(qtbot, folder, tmp_path / "pdf", username="lan") as counter:
        tabs = counter.window.tabs
        assert not tabs.isTabVisible(tabs.indexOf(desk(counter)))
        qtbot.keyClick(counter.window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        assert tabs.currentIndex() == 0  # Ctrl+4 does not reach the hidden tab
        assert counter.window.findChild(QMessageBox, "supervisor_error") is None
        store = open_store(folder)
        try:
            with pytest.raises(RoleNotAllowedError):
                load_dashboard(store, role=counter.window.session.role, today=now_vn().date())
        finally:
            store.close()


def test_the_supervisor_s_dashboard_counts_lists_and_follows_changes(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with counter_window(qtbot, folder, tmp_path / "pdf", username="minh") as counter:
        screen = desk(counter)
        tabs = counter.window.tabs
        assert tabs.isTabVisible(tabs.indexOf(screen))
        with qtbot.waitSignal(screen.dashboard_shown, timeout=10_000) as shown:
            qtbot.keyClick(counter.window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        assert tabs.currentWidget() is screen
        board = shown.args[0]
        assert board.today_counts.total == 2 and board.overdue_total == 1
        page = screen.dashboard
        assert page.cards["today"].text() == "2" and page.cards["overdue"].text() == "1"
        assert page.overdue.rowCount() == 1 and page.chart.series()
        assert page.by_clerk.item(0, 0).text() in {"lan", "minh"}
        assert page.by_procedure.item(0, 0).text().startswith("1.004873 · ")
        assert page.by_procedure.item(0, 2).text() == "2"  # this month: the two of today
        # A dossier saved elsewhere: the dashboard reads again when told a dossier changed.
        store = open_store(folder)
        try:
            receive_dossier(store, intake(), clerk="user:lan", now=now_vn())
        finally:
            store.close()
        with qtbot.waitSignal(screen.dashboard_shown, timeout=10_000):
            counter.dossiers.dossier_actions.changed.emit("any")
        assert page.cards["today"].text() == "3"
        # A double-click on the overdue row opens it on the dossiers screen.
        code = page.overdue.item(0, 0).text()
        with qtbot.waitSignal(counter.window.dossier_requested) as asked:
            page.overdue.cellDoubleClicked.emit(0, 0)
        assert asked.args == [code]


def test_the_audit_viewer_filters_verifies_and_exports(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with counter_window(qtbot, folder, tmp_path / "pdf", username="minh") as counter:
        screen = desk(counter)
        counter.window.show_screen(KEY)
        page = screen.audit
        screen.pages.setCurrentWidget(page)
        page.user.setText("lan")
        page.action.setCurrentText("dossier.create")
        page.search.click()
        qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
        assert page.table.item(0, 2).text() == "user:lan"
        page.verify.click()
        qtbot.waitUntil(lambda: "intact" in page.result.text() or "nguyên" in page.result.text())
        out = tmp_path / "audit.csv"
        screen.export_audit_to(page.current_filter(), out)
        qtbot.waitUntil(out.exists, timeout=10_000)
        qtbot.waitUntil(lambda: str(out) in page.result.text())
        rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
        assert len(rows) == 3 and rows[1][2] == "user:lan"  # the header, two dossiers of lan
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    store = open_store(folder)
    try:
        last = list(iter_audit(store.db))[-1]
    finally:
        store.close()
    assert (last.actor, last.action, last.details) == ("user:minh", "audit.export", '{"rows": 2}')


def test_a_sent_back_dossier_is_told_to_its_clerk_at_sign_in(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with counter_window(qtbot, folder, tmp_path / "pdf", username="minh") as counter:
        screen = desk(counter)
        counter.window.show_screen(KEY)
        screen.pages.setCurrentWidget(screen.send_backs)
        code = _lan_s_code(folder)
        screen.send_backs.send_requested.emit(code, "Thiếu bản sao giấy khai sinh")
        qtbot.waitUntil(lambda: screen.send_backs.table.rowCount() == 1, timeout=10_000)
        assert screen.send_backs.table.item(0, 2).text() == "Thiếu bản sao giấy khai sinh"
    with counter_window(qtbot, folder, tmp_path / "pdf", username="lan") as counter:
        qtbot.waitUntil(lambda: _notice(counter) is not None, timeout=10_000)
        notice = _notice(counter)
        assert notice is not None and code in notice.text()
        assert "Thiếu bản sao giấy khai sinh" in notice.text()
        notice.close()


def _lan_s_code(folder: Path) -> str:
    store = open_store(folder)
    try:
        rows = [r for r in iter_audit(store.db) if r.action == "dossier.create"]
    finally:
        store.close()
    return [r.subject for r in rows if r.actor == "user:lan"][-1]


def _notice(counter: Counter) -> QMessageBox | None:
    box = counter.window.findChild(QMessageBox, "send_back_notice")
    return box if isinstance(box, QMessageBox) and box.isVisible() else None


def test_the_clerk_reads_the_reason_on_the_dossier_and_says_it_is_fixed(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    code = _lan_s_code(folder)
    store = open_store(folder)
    try:
        send_back.send_back(store, code, reason="Sai ngày sinh của người nộp", role="supervisor",
                            actor="user:minh", now=now_vn())  # fmt: skip
    finally:
        store.close()
    with counter_window(qtbot, folder, tmp_path / "pdf", username="lan") as counter:
        banner = counter.dossiers.findChild(FixBanner)
        assert isinstance(banner, FixBanner)
        qtbot.waitUntil(lambda: _notice(counter) is not None, timeout=10_000)
        notice = _notice(counter)
        assert notice is not None
        notice.close()
        counter.window.show_screen("dossiers")
        counter.dossiers.show_dossier(code)
        qtbot.waitUntil(lambda: banner.text.isVisible(), timeout=10_000)
        assert "Sai ngày sinh của người nộp" in banner.text.text()
        assert banner.fixed.isVisible() and not banner.check.isVisible()
        banner.fixed.click()
        qtbot.waitUntil(lambda: banner.check.isVisible(), timeout=10_000)
        assert not banner.check.isEnabled() and banner.check.toolTip()  # a supervisor's
    store = open_store(folder)
    try:
        actions = [(r.actor, r.action) for r in iter_audit(store.db) if r.subject == code]
    finally:
        store.close()
    assert actions[-2:] == [("user:minh", "dossier.send_back"), ("user:lan", "dossier.fixed")]


def test_older_audit_rows_come_a_page_at_a_time(
    qtbot: QtBot, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.services.supervision import audit_view

    monkeypatch.setattr(audit_view, "PAGE", 3)
    with counter_window(qtbot, folder, tmp_path / "pdf", username="minh") as counter:
        screen = desk(counter)
        counter.window.show_screen(KEY)
        page = screen.audit
        screen.pages.setCurrentWidget(page)
        qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=10_000)
        assert page.more.isEnabled()
        page.more.click()
        qtbot.waitUntil(lambda: page.table.rowCount() == 6, timeout=10_000)
        seqs = [int(page.table.item(i, 0).text()) for i in range(6)]
        assert seqs == list(range(seqs[0], seqs[0] - 6, -1))  # newest first, none skipped
