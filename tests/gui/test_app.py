"""The assembled window: every screen in its place, scans routed to the screen in front."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from counter_app.services.intake import receive_dossier
from counter_app.services.store import Store
from tests.dossier_helpers import CLERK, configure, intake, vn
from tests.payloads import T1
from ui.app import build_window, install_everything, install_screens
from ui.sync_area import sync_area


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
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert window.tabs.currentWidget() is window.screen_widget("intake")
    assert titles == ["Intake", "Dossiers", "Returns"]  # English sources: no translator here
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
    configure(new_store)
    folder = new_store.folder
    new_store.close()
    window = build_window(data_dir=folder, lang="vi")
    qtbot.addWidget(window)
    window.session.user, window.session.role = "user:lan", "clerk"
    install_everything(window)
    window.show()
    area = sync_area(window)
    assert area is not None
    qtbot.waitUntil(lambda: "1" in window.counter_label.text())  # "Quầy 1" from the config
    assert window.user_label.text() == "lan"  # no full name known: the user name
    assert window.close()
