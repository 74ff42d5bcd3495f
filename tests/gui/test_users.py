"""Users at the window: the first-run wizard, sign-in, the idle lock, roles, the users dialog.

Everything is driven by keyboard on real widgets over a real store; every change is checked
in the audit under the signed-in user's name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from counter_app.services.settings.counter import load_config
from counter_app.services.settings.forms import load_form_settings
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.settings import load_sync_settings
from counter_app.services.users import add_user, authenticate, list_users
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import configure, vn
from tests.gui.users_helpers import focused, make_session, press, type_text, when_modal
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.session import Session
from ui.users import UsersController, allowed, check, ensure_ready, install, sign_in_as

PASSWORD = "mật-khẩu-dài"
Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def vietnamese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "vi")
    yield
    for translator in translators:
        app.removeTranslator(translator)


def audit_actions(folder: Path) -> list[tuple[str, str]]:
    store = open_store(folder)
    try:
        return [(row.actor, row.action) for row in iter_audit(store.db)]
    finally:
        store.close()


def test_first_run_wizard_by_keyboard_then_a_failed_and_a_good_sign_in(
    qtbot: QtBot, private_data_dir: Path, tmp_path: Path, vietnamese: None
) -> None:
    session = make_session(private_data_dir, tmp_path)
    seen: dict[str, str] = {}

    def counter_page(wizard: QWidget) -> None:
        seen["title"] = wizard.windowTitle()
        assert isinstance(wizard, QWizard)
        seen["next"] = wizard.buttonText(QWizard.WizardButton.NextButton)
        code_box = wizard.findChild(QLineEdit, "setup_agency_code")
        seen["code_hint"] = code_box.placeholderText()
        code_box.setFocus()
        type_text(focused(), "000.31.27")  # a code cut short: the refusal names the same field
        press(Key.Key_Return)
        seen["code_refusal"] = wizard.findChild(QLabel, "setup_counter_message").text()
        code_box.selectAll()
        type_text(code_box, "000.31.27.H26")
        press(Key.Key_Tab)
        type_text(focused(), "UBND phường Hoàn Kiếm")
        press(Key.Key_Tab)
        press(Key.Key_Up)  # counter 1 → 2
        press(Key.Key_Tab)
        type_text(focused(), "http://city.example.vn")  # plain http beyond loopback: refused
        press(Key.Key_Return)
        seen["url_refusal"] = wizard.findChild(QLabel, "setup_counter_message").text()
        url = wizard.findChild(QLineEdit, "setup_url")
        url.selectAll()
        type_text(url, "https://city.example.vn/api/")
        press(Key.Key_Tab)
        type_text(focused(), "024 3825 1234")  # the ward's phone, printed on every form
        press(Key.Key_Return)
        printing_page(wizard)

    def printing_page(wizard: QWidget) -> None:
        seen["calendar"] = wizard.findChild(QLabel, "setup_calendar").text()
        paper = wizard.findChild(QComboBox, "setup_paper")
        paper.setFocus()
        press(Key.Key_Down)  # A5 → A4, the two copies on one sheet
        press(Key.Key_Return)
        admin_page(wizard)

    def admin_page(wizard: QWidget) -> None:
        QTimer.singleShot(0, lambda: None)
        wizard.findChild(QLineEdit, "setup_username").setFocus()
        type_text(focused(), "Lan")
        press(Key.Key_Tab)
        type_text(focused(), "Nguyễn Thị Lan")
        press(Key.Key_Tab)
        type_text(focused(), PASSWORD)
        press(Key.Key_Tab)
        type_text(focused(), PASSWORD + "x")
        press(Key.Key_Return)
        seen["differ"] = wizard.findChild(QLabel, "setup_admin_message").text()
        again = wizard.findChild(QLineEdit, "setup_password_again")
        again.clear()
        again.setFocus()
        type_text(again, PASSWORD)
        press(Key.Key_Return)  # Finish: saves through the store thread
        when_modal("sign_in", sign_in)

    def sign_in(dialog: QWidget) -> None:
        seen["sign_in_title"] = dialog.windowTitle()
        place = dialog.findChild(QLabel, "sign_in_place")
        qtbot.waitUntil(lambda: bool(place.text()), timeout=10_000)
        seen["place"] = place.text()
        type_text(focused(), "lan")
        press(Key.Key_Tab)
        type_text(focused(), "wrong-password")
        press(Key.Key_Return)
        message = dialog.findChild(QLabel, "sign_in_message")
        qtbot.waitUntil(lambda: bool(message.text()), timeout=10_000)
        seen["failure"] = message.text()
        type_text(focused(), PASSWORD)  # the focus is back in the emptied password box
        press(Key.Key_Return)

    when_modal("setup_wizard", counter_page)
    assert ensure_ready(session)
    assert (session.user, session.role) == ("user:lan", "administrator")
    assert session.user_name == "Nguyễn Thị Lan"
    assert seen["title"] == "Thiết lập quầy" and seen["sign_in_title"] == "Đăng nhập"
    assert seen["next"] == "&Tiếp >"  # Qt's own button, from qt_vi.ts
    assert seen["code_hint"] == "VD: 000.31.27.H26 (theo QCVN 102)"  # the shape IT types
    assert seen["place"] == "UBND phường Hoàn Kiếm · Quầy 2"  # which counter this is
    assert "Mã lỗi: SYNC_URL_INSECURE" in seen["url_refusal"]
    assert seen["code_refusal"].startswith("Mã cơ quan")  # the field's own name, "Mã cơ quan"
    assert seen["calendar"].startswith("Lịch nghỉ")  # confirmed or not, said before intake
    assert "Mã lỗi: PASSWORDS_DIFFER" in seen["differ"]
    assert seen["failure"].startswith("Tên đăng nhập hoặc mật khẩu không đúng.")
    assert session.store.close()
    store = open_store(private_data_dir)
    try:
        config = load_config(store)
        assert (config.agency_code, config.agency_name, config.counter) == (
            "000.31.27.H26", "UBND phường Hoàn Kiếm", 2)  # fmt: skip
        assert load_sync_settings(store).url == "https://city.example.vn/api"
        forms = load_form_settings(store)
        assert (forms.counter_phone, forms.receipt_layout) == ("024 3825 1234", "a4-two-up")
        [user] = list_users(store)
        assert (user.username, user.full_name, user.role) == ("lan", "Nguyễn Thị Lan",
                                                              "administrator")  # fmt: skip
    finally:
        store.close()
    actions = audit_actions(private_data_dir)
    assert {actor for actor, _ in actions} == {"user:lan"}
    assert [a for _, a in actions][-3:] == ["user.add", "user.sign_in_failed", "user.sign_in"]
    assert ("user:lan", "settings.setup") in actions and ("user:lan", "sync.configure") in actions


def test_the_wizard_is_skipped_once_a_user_exists_and_cancel_means_quit(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    configure(new_store)
    add_user(new_store, username="lan", full_name="Lan", role="clerk", password=PASSWORD,
             actor="cli:it", acting_role="administrator", now=vn(2026, 3, 2))  # fmt: skip
    folder = new_store.folder
    new_store.close()
    session = make_session(folder, tmp_path)
    when_modal("sign_in", lambda dialog: press(Key.Key_Escape))
    assert not ensure_ready(session) and session.user == ""
    assert session.store.close()


@pytest.fixture
def counter(new_store: Store) -> Path:
    """A set-up counter with an administrator (lan) and a clerk (binh)."""
    configure(new_store)
    for name, role in (("lan", "administrator"), ("binh", "clerk")):
        add_user(new_store, username=name, full_name=name.title(), role=role, password=PASSWORD,
                 actor="cli:it", acting_role="administrator", now=vn(2026, 3, 2))  # fmt: skip
    folder = new_store.folder
    new_store.close()
    return folder


def signed_in_window(
    qtbot: QtBot, folder: Path, tmp_path: Path, username: str, role: str
) -> tuple[MainWindow, Session]:
    session = make_session(folder, tmp_path)
    store = open_store(folder)
    try:
        sign_in_as(session, authenticate(store, username, PASSWORD, now=vn(2026, 3, 2)))
    finally:
        store.close()
    assert session.role == role
    window = MainWindow(session)
    qtbot.addWidget(window)
    return window, session


def test_the_idle_lock_covers_the_window_keeps_the_form_and_opens_with_the_password(
    qtbot: QtBot, counter: Path, tmp_path: Path
) -> None:
    window, session = signed_in_window(qtbot, counter, tmp_path, "lan", "administrator")
    form = QLineEdit()
    form.setObjectName("half_filled")
    window.add_screen("intake", "Tiếp nhận", form)
    window.add_screen("dossiers", "Hồ sơ", QWidget())
    controller = install(window, idle_seconds=0.3)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    form.setFocus()
    type_text(form, "Nguyễn")
    assert window.user_label.text() == "Lan" and controller.manage_action.isVisible()
    qtbot.waitUntil(lambda: controller.idle.locked, timeout=5_000)
    lock = controller.lock_screen
    assert lock.geometry() == window.rect() and focused() is lock.password
    assert lock.who.text() == "Lan"  # whose work waits behind the lock
    type_text(form, "x")  # input behind the lock is swallowed
    ctrl(Key.Key_2)  # and so are the window's shortcuts
    assert form.text() == "Nguyễn" and window.tabs.currentIndex() == 0
    type_text(lock.password, "wrong-password")
    press(Key.Key_Return)
    qtbot.waitUntil(lambda: "SIGN_IN_FAILED" in lock.message.text(), timeout=10_000)
    assert controller.idle.locked
    controller.idle.set_idle_ms(60_000)  # no new idle lock while the rest is checked
    type_text(lock.password, PASSWORD)
    press(Key.Key_Return)
    qtbot.waitUntil(lambda: not controller.idle.locked, timeout=10_000)
    assert form.text() == "Nguyễn" and session.user == "user:lan"
    _switch_user_at_the_lock(qtbot, window, controller, session)
    assert session.store.close()
    actions = audit_actions(counter)
    assert actions[-3:] == [("user:lan", "user.sign_in_failed"), ("user:lan", "user.sign_in"),
                            ("user:binh", "user.sign_in")]  # fmt: skip


def ctrl(key: Qt.Key) -> None:
    press(key, CTRL)


def _switch_user_at_the_lock(
    qtbot: QtBot, window: MainWindow, controller: UsersController, session: Session
) -> None:
    """Ctrl+L locks at once; another user signing in takes over the session."""
    window.tabs.currentWidget().setFocus()
    ctrl(Key.Key_L)
    assert controller.idle.locked
    lock = controller.lock_screen
    assert lock.username.text() == "lan" and focused() is lock.password
    press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back to the user name, selected
    assert focused() is lock.username
    lock.username.selectAll()
    type_text(focused(), "binh")
    press(Key.Key_Return)  # to the password box
    type_text(focused(), PASSWORD)
    press(Key.Key_Return)
    qtbot.waitUntil(lambda: not controller.idle.locked, timeout=10_000)
    assert (session.user, session.role) == ("user:binh", "clerk")
    assert window.user_label.text() == "Binh"
    assert not controller.manage_action.isVisible()


def test_a_clerk_is_refused_a_supervisors_action_with_the_sentence_and_nothing_done(
    qtbot: QtBot, counter: Path, tmp_path: Path, vietnamese: None
) -> None:
    window, session = signed_in_window(qtbot, counter, tmp_path, "binh", "clerk")
    controller = install(window, idle_seconds=600)
    before = audit_actions(counter)
    shown: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert box.windowTitle() == "Không được phép"
        shown.append(box.text())
        box.accept()

    done: list[str] = []
    when_modal("role_refusal", read_and_close)
    if check(session, "dossier.correct", window):
        done.append("corrected")
    assert done == [] and not allowed(session, "dossier.correct")
    assert allowed(session, "dossier.intake")
    assert shown[0].startswith("Vai trò của bạn không được làm thao tác này")
    assert shown[0].endswith("Mã lỗi: ROLE_NOT_ALLOWED")
    when_modal("role_refusal", read_and_close)
    controller.manage_users()  # the users dialog is an administrator's
    assert len(shown) == 2 and QApplication.activeModalWidget() is None
    assert session.store.close()
    assert audit_actions(counter) == before


def test_an_administrator_adds_resets_disables_and_enables_users_all_audited(
    qtbot: QtBot, counter: Path, tmp_path: Path
) -> None:
    window, session = signed_in_window(qtbot, counter, tmp_path, "lan", "administrator")
    controller = install(window, idle_seconds=600)

    def manage(dialog: QWidget) -> None:
        table = dialog.findChild(QWidget, "users_table")
        qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=10_000)
        when_modal("new_user", new_user)
        dialog.findChild(QWidget, "users_add").click()
        qtbot.waitUntil(lambda: table.rowCount() == 3, timeout=10_000)
        table.selectRow(2)  # sorted by name: binh, lan, thu
        when_modal("new_password", new_password)
        dialog.findChild(QWidget, "users_reset").click()
        qtbot.wait(50)
        assert table.item(2, 2).text() == "Supervisor"  # the role's name, not its key
        enable = dialog.findChild(QWidget, "users_enable")
        assert not enable.isEnabled()  # thu is active: only Disable applies
        dialog.findChild(QWidget, "users_disable").click()
        qtbot.waitUntil(lambda: table.item(2, 3).text() == "no", timeout=10_000)
        table.selectRow(2)
        assert enable.isEnabled() and not dialog.findChild(QWidget, "users_disable").isEnabled()
        enable.click()
        qtbot.waitUntil(lambda: table.item(2, 3).text() == "yes", timeout=10_000)
        table.selectRow(1)
        dialog.findChild(QWidget, "users_disable").click()  # lan is the last administrator
        message = dialog.findChild(QLabel, "users_message")
        qtbot.waitUntil(lambda: "LAST_ADMINISTRATOR" in message.text(), timeout=10_000)
        dialog.reject()

    def new_user(form: QWidget) -> None:
        type_text(focused(), "thu")
        press(Key.Key_Tab)
        type_text(focused(), "Phạm Thu")
        press(Key.Key_Tab)
        press(Key.Key_Down)  # clerk → supervisor
        press(Key.Key_Tab)
        type_text(focused(), PASSWORD)
        press(Key.Key_Tab)
        type_text(focused(), PASSWORD)
        press(Key.Key_Return)

    def new_password(form: QWidget) -> None:
        type_text(focused(), "mật-khẩu-mới")
        press(Key.Key_Tab)
        type_text(focused(), "mật-khẩu-mới")
        press(Key.Key_Return)

    when_modal("users_dialog", manage)
    controller.manage_users()
    assert session.store.close()
    store = open_store(counter)
    try:
        thu = next(u for u in list_users(store) if u.username == "thu")
        assert (thu.full_name, thu.role, thu.active) == ("Phạm Thu", "supervisor", True)
        rows = list(iter_audit(store.db))
    finally:
        store.close()
    mine = [(r.action, r.subject) for r in rows if r.actor == "user:lan"]
    assert mine == [
        ("user.sign_in", "user:lan"),
        ("user.add", "user:thu"),
        ("user.reset_password", "user:thu"),
        ("user.disable", "user:thu"),
        ("user.enable", "user:thu"),
    ]


def test_a_counter_set_up_from_the_command_line_keeps_its_settings_in_the_wizard(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    configure(new_store, counter=3)
    folder = new_store.folder
    new_store.close()
    session = make_session(folder, tmp_path)
    seen: dict[str, str] = {}

    def wizard(page: QWidget) -> None:
        seen["agency"] = page.findChild(QLineEdit, "setup_agency_code").text()
        page.findChild(QLineEdit, "setup_agency_code").setFocus()
        press(Key.Key_Return)  # Next: the values IT set are kept
        page.findChild(QComboBox, "setup_paper").setFocus()
        press(Key.Key_Return)  # Next: the system's printer, A5 paper
        page.findChild(QLineEdit, "setup_username").setFocus()
        for text in ("an", "Lê An", PASSWORD, PASSWORD):
            type_text(focused(), text)
            press(Key.Key_Tab)
        page.findChild(QLineEdit, "setup_password_again").setFocus()
        press(Key.Key_Return)
        when_modal("sign_in", sign_in)

    def sign_in(dialog: QWidget) -> None:
        type_text(focused(), "an")
        press(Key.Key_Tab)
        type_text(focused(), PASSWORD)
        press(Key.Key_Return)

    when_modal("setup_wizard", wizard)
    assert ensure_ready(session) and session.user == "user:an"
    assert seen["agency"] == "000.31.27.H26"
    assert session.store.close()
    actions = [action for _, action in audit_actions(folder)]
    assert "settings.change" not in actions and actions[-2:] == ["user.add", "user.sign_in"]
