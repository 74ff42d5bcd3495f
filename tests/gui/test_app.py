"""The assembled window: every screen in its place, scans routed to the screen in front."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.keys import load_key
from counter_app.services.store.opening import Store
from counter_app.storage.engine import connect
from counter_app.storage.migrations import latest_version, schema_version
from tests.dossier_helpers import CLERK, configure, intake, vn
from tests.payloads import T1
from ui.app import UpgradeNotice, build_window, install_everything, install_screens, stored_language
from ui.i18n import install_translations
from ui.keys import KeyHelpDialog
from ui.main_window import MainWindow
from ui.sync_area import sync_area


def whole_window(qtbot: QtBot, store: Store, role: str, *, close_store: bool = True) -> MainWindow:
    """The assembled window (screens, sync area, users, help) on ``store``'s folder, shown,
    signed in as lan with ``role``; the test's own connection is closed unless asked."""
    configure(store)
    folder = store.folder
    if close_store:
        store.close()
    window = build_window(data_dir=folder, lang="vi")
    qtbot.addWidget(window)
    window.session.user, window.session.role = "user:lan", role
    install_everything(window)
    window.show()
    return window


def test_the_window_opens_on_intake_with_dossiers_and_returns_behind_it(
    qtbot: QtBot, new_store: Store
) -> None:
    configure(new_store)
    code = receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 23)).code
    folder = new_store.folder
    new_store.close()
    window = build_window(data_dir=folder, lang="vi")
    qtbot.addWidget(window)
    install_screens(window)
    window.show()
    tabs = window.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert window.tabs.currentWidget() is window.screen_widget("intake")
    # English sources: no translator here. The supervisor's tab is hidden from a clerk.
    assert titles == ["Intake", "Dossiers", "Returns"]
    window.show_screen("returns")
    window.request_dossier(code)  # a receipt scanned on the returns screen stays there
    assert window.tabs.currentWidget() is window.screen_widget("returns")
    window.show_screen("intake")
    window.request_dossier(code)  # elsewhere the dossiers screen shows it
    assert window.tabs.currentWidget() is window.screen_widget("dossiers")
    window.session.store.close()


def test_a_scan_goes_to_the_screen_in_front(qtbot: QtBot, new_store: Store) -> None:
    configure(new_store)
    code = receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 23)).code
    folder = new_store.folder
    new_store.close()
    window = build_window(data_dir=folder, lang="vi")
    qtbot.addWidget(window)
    install_screens(window)
    window.show()
    intake_screen = window.screen_widget("intake")
    returns = window.screen_widget("returns")
    taken: list[str] = []
    returns.open_code = taken.append  # type: ignore[attr-defined]
    window.show_screen("returns")
    intake_screen.router.deliver(code)  # type: ignore[attr-defined]
    assert taken == [code] and window.tabs.currentWidget() is returns
    window.show_screen("dossiers")
    intake_screen.router.deliver(T1)  # type: ignore[attr-defined]
    assert window.tabs.currentWidget() is intake_screen  # a card means a new intake
    name = intake_screen.applicant.edits["full_name"].text()  # type: ignore[attr-defined]
    assert name == "Trần Quốc Bảo"
    intake_screen.clear_form()  # type: ignore[attr-defined]  # nothing unsaved left to ask about
    window.session.store.close()


def test_the_whole_window_installs_and_closes_cleanly(qtbot: QtBot, new_store: Store) -> None:
    window = whole_window(qtbot, new_store, "clerk")
    area = sync_area(window)
    assert area is not None
    qtbot.waitUntil(lambda: "1" in window.counter_label.text())  # "Quầy 1" from the config
    assert window.windowTitle().endswith(f" · {window.counter_label.text()}")
    assert "UBND" in window.windowTitle()  # the office, as the taskbar shows it
    assert window.user_label.text() == "lan"  # no full name known: the user name
    assert window.close()


def _window_keys(window: QWidget) -> list[str]:
    """Key sequences active wherever the focus is: the window's actions and own shortcuts."""
    keys = [
        action.shortcut().toString()
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty()
        and action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    ]
    keys += [
        shortcut.key().toString()
        for shortcut in window.findChildren(QShortcut)
        if shortcut.parent() is window
    ]
    return keys


def _screen_keys(screen: QWidget) -> list[str]:
    """Key sequences active while the focus is inside ``screen``."""
    return [
        shortcut.key().toString()
        for shortcut in screen.findChildren(QShortcut)
        if shortcut.context() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    ]


def test_no_two_actions_share_a_key_on_any_screen(qtbot: QtBot, new_store: Store) -> None:
    """Qt runs neither of two shortcuts that share a key (an ambiguous shortcut)."""
    window = whole_window(qtbot, new_store, "administrator")
    everywhere = _window_keys(window)
    assert "F5" in everywhere and "Ctrl+L" in everywhere
    for key in ("intake", "dossiers", "returns"):
        active = everywhere + _screen_keys(window.screen_widget(key))
        repeated = sorted({k for k in active if active.count(k) > 1})
        assert repeated == [], (key, repeated)
    assert window.close()


def test_f5_on_the_dossiers_tab_sends_and_reads_the_list_again(
    qtbot: QtBot, new_store: Store
) -> None:
    window = whole_window(qtbot, new_store, "clerk", close_store=False)
    window.activateWindow()
    qtbot.waitActive(window)
    screen = window.show_screen("dossiers")
    model = screen.model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not model.loading)
    before = model.rowCount()
    code = receive_dossier(new_store, intake(), clerk=CLERK, now=now_vn()).code
    new_store.close()
    QTest.keyClick(screen, Qt.Key.Key_F5)
    codes = lambda: [model.index(r, 0).data() for r in range(model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: code in codes() and not model.loading)
    assert model.rowCount() == before + 1
    assert window.close()


def test_the_print_preview_chosen_in_the_settings_applies_to_the_intake_at_once(
    qtbot: QtBot, new_store: Store
) -> None:
    window = whole_window(qtbot, new_store, "supervisor")
    intake_screen = window.screen_widget("intake")
    qtbot.waitUntil(lambda: intake_screen.is_ready)  # type: ignore[attr-defined]
    assert not intake_screen.settings.print_preview  # type: ignore[attr-defined]
    area = sync_area(window)
    assert area is not None
    dialog = area.open_settings()
    assert dialog is not None
    qtbot.waitUntil(dialog.isEnabled)  # loaded
    dialog.print_preview.setChecked(True)
    with qtbot.waitSignal(window.settings_saved, timeout=5_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert intake_screen.settings.print_preview  # type: ignore[attr-defined]
    assert window.close()


def test_f1_lists_the_keys_of_the_screen_in_front_and_of_the_window(
    qtbot: QtBot, new_store: Store
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "vi")
    try:
        window = whole_window(qtbot, new_store, "clerk")
        window.activateWindow()
        qtbot.waitActive(window)
        intake_screen = window.screen_widget("intake")
        qtbot.waitUntil(lambda: intake_screen.is_ready)  # type: ignore[attr-defined]
        QTest.keyClick(QApplication.focusWidget() or intake_screen, Qt.Key.Key_F1)
        intake_help = window.findChild(KeyHelpDialog, "keyHelp")
        assert intake_help is not None and intake_help.isVisible()
        rows = dict(intake_help.rows())
        assert rows["Ctrl+Enter"] == "Tiếp nhận: lưu và in giấy tiếp nhận"
        assert "Ctrl+S" not in rows  # a second spelling of Ctrl+Enter: listed once
        assert rows["Ctrl+2"] == "Chuyển sang Hồ sơ" and "F5" in rows and "Ctrl+L" in rows
        intake_help.close()
        window.show_screen("dossiers")
        rows = dict(window.show_key_help().rows())
        assert rows["Ctrl+Shift+B"] == "Yêu cầu bổ sung" and rows["Ctrl+F"] == "Tìm hồ sơ"
        assert "Ctrl+Enter" not in rows  # the intake's keys are not this screen's
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert window.close()


def test_an_older_store_is_upgraded_at_start_with_a_notice(qtbot: QtBot, new_store: Store) -> None:
    configure(new_store)
    folder, path = new_store.folder, new_store.path
    new_store.db.conn.execute("DROP INDEX dossiers_status_received")
    new_store.db.conn.execute("DROP INDEX dossiers_procedure_received")
    new_store.db.conn.execute("DROP TABLE dossier_seals")  # migrations 7 and 8 come after
    new_store.db.conn.execute("DROP TABLE cancellations")
    new_store.db.conn.execute("ALTER TABLE outbox DROP COLUMN sent_at")
    new_store.db.conn.execute("DROP TABLE city_recovery")  # migration 9
    new_store.db.conn.execute("DROP TABLE send_backs")  # migration 10
    new_store.db.conn.execute("DROP TABLE cli_sessions")
    new_store.db.conn.execute("DROP TABLE dossier_portraits")  # migration 11
    new_store.db.conn.execute("PRAGMA user_version = 5")  # as the previous release left it
    key = load_key(path).key
    new_store.close()
    notice = UpgradeNotice()
    seen: list[bool] = []

    def shown() -> None:
        notice.show()
        assert notice.label is not None
        seen.append(notice.label.isVisible() and "Đang nâng cấp" in notice.label.text())

    assert stored_language(folder, on_upgrade=shown) == "vi"
    notice.close()
    assert seen == [True] and notice.label is None
    db = connect(path, key=key)
    try:
        assert schema_version(db) == latest_version()
    finally:
        db.close()
    assert stored_language(folder, on_upgrade=shown) == "vi"  # up to date: no notice
    assert seen == [True]
