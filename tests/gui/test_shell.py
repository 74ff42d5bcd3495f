"""The window's shell: background work, the store thread, screens and their shortcuts."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from counter_app.errors import BadInputError
from counter_app.services.store.opening import Store, open_store
from tests.dossier_helpers import configure
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.messages import error_with_code
from ui.printing import PrintDesk
from ui.session import Session
from ui.tasks import Background, StoreRunner


def test_background_results_and_errors_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    background = Background()
    seen: dict[str, object] = {}

    def work() -> str:
        seen["worker"] = threading.current_thread()
        return "xong"

    def done(value: object) -> None:
        seen["result"], seen["callback"] = value, threading.current_thread()

    background.run(work, on_done=done, on_error=lambda e: None)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == "xong" and seen["callback"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()
    failures: list[BaseException] = []
    background.run(_boom, on_done=lambda v: None, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], BadInputError) and background.busy == 0


def _boom() -> None:
    raise BadInputError("")


def test_store_jobs_run_in_order_on_one_thread_with_its_own_connection(
    qtbot: QtBot, new_store: Store
) -> None:
    configure(new_store)
    folder = new_store.folder
    new_store.close()
    runner = StoreRunner(lambda: open_store(folder))
    threads: list[threading.Thread] = []
    order: list[int] = []

    def job(number: int) -> object:
        def work(store: Store) -> int:
            threads.append(threading.current_thread())
            return store.db.conn.execute("SELECT ?", (number,)).fetchone()[0]

        return work

    for number in range(20):
        runner.run(job(number), on_done=order.append, on_error=lambda e: None)
    qtbot.waitUntil(lambda: len(order) == 20)
    assert order == list(range(20)) and len(set(threads)) == 1
    assert threads[0] is not threading.main_thread()
    assert runner.close()


class _Busy(QLabel):
    def __init__(self) -> None:
        super().__init__("busy")
        self.leave = False

    def can_leave(self) -> bool:
        return self.leave


def test_screens_switch_with_ctrl_digits_and_unsaved_input_stops_closing(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = new_store.folder
    session = Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=tmp_path),
        data_dir=folder,
    )
    window = MainWindow(session)
    qtbot.addWidget(window)
    busy = _Busy()
    window.add_screen("intake", "Tiếp nhận", busy)
    window.add_screen("dossiers", "Hồ sơ", QWidget())
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is busy
    assert not window.close() and window.isVisible()
    busy.leave = True
    assert window.close()


def test_an_error_reads_as_a_sentence_with_its_code_in_small_print() -> None:
    text = error_with_code(BadInputError(""), "vi")
    sentence, code_line = text.split("\n")
    assert "BAD_INPUT" not in sentence and code_line == "Mã lỗi: BAD_INPUT"


def test_the_window_speaks_vietnamese_by_default_and_english_on_request(
    qtbot: QtBot, new_store: Store
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    folder = new_store.folder
    for lang, title in (("vi", "Bộ phận Một cửa"), ("en", "One-stop counter")):
        translators = install_translations(app, lang)
        window = MainWindow(
            Session(
                store=StoreRunner(lambda: open_store(folder)),
                background=Background(),
                print_desk=PrintDesk(),
                data_dir=folder,
                lang=lang,
            )
        )
        qtbot.addWidget(window)
        assert window.windowTitle() == title
        for translator in translators:
            app.removeTranslator(translator)


def test_qt_own_buttons_speak_vietnamese_too(qtbot: QtBot) -> None:
    """Qt ships no Vietnamese for its widgets: the wizard's and message boxes' buttons come
    from resources/translations/qt_vi.ts."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    expected = {
        "vi": ("&Tiếp >", "< &Quay lại", "&Có", "Huỷ"),
        "en": ("&Next >", "< &Back", "&Yes", "Cancel"),
    }
    for lang, (next_text, back_text, yes_text, cancel_text) in expected.items():
        translators = install_translations(app, lang)
        try:
            wizard = QWizard()
            qtbot.addWidget(wizard)
            box = QMessageBox(QMessageBox.Icon.Question, "", "")
            qtbot.addWidget(box)
            buttons = QMessageBox.StandardButton
            box.setStandardButtons(buttons.Yes | buttons.Cancel)
            assert wizard.buttonText(QWizard.WizardButton.NextButton) == next_text
            assert wizard.buttonText(QWizard.WizardButton.BackButton) == back_text
            yes, cancel = box.button(buttons.Yes), box.button(buttons.Cancel)
            assert yes is not None and yes.text() == yes_text
            assert cancel is not None and cancel.text() == cancel_text
        finally:
            for translator in translators:
                app.removeTranslator(translator)
