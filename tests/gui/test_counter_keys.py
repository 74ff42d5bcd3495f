"""What a session at the counter broke, as keys: the hand-over button after the first
hand-over, Ctrl+U in the returns box, the words for a procedure search with no match, the
"press Esc again" that outlived its 4 s, Tab through the sex field, the status proposed at
Ctrl+T, and the confirmation of a supplement request with the code not left over the next
citizen's form."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from counter_app.domain.dossier import Dossier, Status
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.changes import transition_dossier
from counter_app.services.store.opening import Store
from tests.dossier_helpers import CLERK
from tests.gui.counter_window import counter_window, prepare_counter
from tests.gui.dossier_screens import fill_store, make_ready
from tests.gui.intake_helpers import focused, person_types, press, scanner_types
from tests.payloads import T1, T2
from ui.dossiers.action_dialog import ActionDialog
from ui.intake import screen as intake_screen
from ui.returns.screen import ReturnsScreen

CTRL = Qt.KeyboardModifier.ControlModifier


def _receipt(dossier: Dossier) -> str:
    return f"{dossier.code}|1.004873|{dossier.applicant.id_number}|Biên nhận|Một cửa|20261126101500"


@pytest.fixture
def ready_two(new_store: Store) -> tuple[Path, list[Dossier]]:
    _older, today = fill_store(new_store)
    ready = [make_ready(new_store, today[i].code) for i in (0, 1)]
    return prepare_counter(new_store, configured=True), ready


def _returns(window: object) -> ReturnsScreen:
    widget = window.screen_widget("returns")  # type: ignore[attr-defined]
    assert isinstance(widget, ReturnsScreen)
    return widget


def test_the_hand_over_button_works_for_every_dossier_of_the_session(
    qtbot: QtBot, ready_two: tuple[Path, list[Dossier]], tmp_path: Path
) -> None:
    folder, ready = ready_two
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        returns = _returns(counter.window)
        press(Qt.Key.Key_3, CTRL)
        for dossier in ready:
            scanner_types(_receipt(dossier))
            qtbot.waitUntil(lambda d=dossier: returns.code.text() == d.code)
            qtbot.waitUntil(returns.confirm.isEnabled)
            qtbot.mouseClick(returns.confirm, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "Status" not in returns.message.text()
                            and returns.message.text() != "")  # fmt: skip
            qtbot.waitUntil(lambda: not returns.confirm.isEnabled())  # returned: nothing to do


def test_ctrl_u_in_the_returns_box_marks_someone_else_collecting(
    qtbot: QtBot, ready_two: tuple[Path, list[Dossier]], tmp_path: Path
) -> None:
    folder, ready = ready_two
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        returns = _returns(counter.window)
        press(Qt.Key.Key_3, CTRL)
        scanner_types(_receipt(ready[0]))
        qtbot.waitUntil(lambda: returns.code.text() == ready[0].code)
        press(Qt.Key.Key_F, CTRL)
        assert focused() is returns.scan
        press(Qt.Key.Key_U, CTRL)
        assert returns.proxy.isChecked()


def test_a_procedure_search_with_no_match_says_so_in_words(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        panel = counter.intake.procedure
        scanner_types(T1)
        typed(qtbot, panel.search, "thuong tru")
        qtbot.waitUntil(lambda: "1.004222" in panel.no_match.text())
        assert panel.list.count() == 0 and panel.no_match.isVisible()
        panel.search.clear()
        typed(qtbot, panel.search, "zzqx")
        qtbot.waitUntil(lambda: "zzqx" in panel.no_match.text())
        assert panel.no_match.isVisible()
        panel.search.selectAll()
        typed(qtbot, panel.search, "ks")
        qtbot.waitUntil(lambda: panel.list.count() > 0 and not panel.no_match.isVisible())


def typed(qtbot: QtBot, box: QLineEdit, text: str) -> None:
    """A clerk's keys, and the wait until the wedge filter has let the last of them through:
    it holds each key for a moment to tell typing from a scanner's burst."""
    person_types(text, gap_ms=40)
    qtbot.waitUntil(lambda: box.text() == text)


def test_press_esc_again_is_gone_when_its_time_is_up(
    qtbot: QtBot, new_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake_screen, "ESC_CONFIRM_MS", 300)
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        screen = counter.intake
        scanner_types(T1)
        press(Qt.Key.Key_Escape)
        asked = screen.message.text()
        assert "Esc" in asked
        qtbot.waitUntil(lambda: screen.message.text() != asked, timeout=2_000)
        press(Qt.Key.Key_Escape)  # a fresh first Esc asks again, nothing is lost
        assert screen.applicant.values()["full_name"] == "Trần Quốc Bảo"


def test_tab_goes_through_the_sex_field_in_hand_entry(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        applicant = counter.intake.applicant
        applicant.edits["full_name"].setFocus()
        press(Qt.Key.Key_Tab)
        assert focused() is applicant.edits["date_of_birth"]
        press(Qt.Key.Key_Tab)
        assert focused() is applicant.sex
        press(Qt.Key.Key_Tab)
        assert focused() is applicant.edits["address"]


@pytest.mark.parametrize(
    ("moves", "proposed"),
    [((), Status.IN_PROCESS), ((Status.IN_PROCESS,), Status.RESULT_READY)],
)
def test_ctrl_t_proposes_the_usual_next_status(
    qtbot: QtBot,
    new_store: Store,
    tmp_path: Path,
    moves: tuple[Status, ...],
    proposed: Status,
) -> None:
    _older, today = fill_store(new_store)
    code = today[0].code
    for status in moves:
        transition_dossier(new_store, code, status, actor=CLERK, now=now_vn())
    folder = prepare_counter(new_store, configured=True)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        counter.window.dossier_requested.emit(code)
        qtbot.waitUntil(lambda: counter.dossiers.detail.code.text() == code)
        qtbot.waitUntil(lambda: counter.dossiers.actions_bar.buttons["transition"].isEnabled())
        counter.dossiers.table.setFocus()
        press(Qt.Key.Key_T, CTRL)
        dialog = counter.dossiers.dossier_actions.dialog
        assert isinstance(dialog, ActionDialog) and dialog.targets is not None
        assert dialog.values().target == proposed
        dialog.reject()


def test_a_supplement_request_is_confirmed_and_its_code_leaves_with_the_next_citizen(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        screen = counter.intake
        scanner_types(T1)
        person_types("ks", gap_ms=40)
        press(Qt.Key.Key_Return)
        press(Qt.Key.Key_Space)  # the first paper is missing
        screen.procedure.reason.setFocus()
        person_types("Thieu giay", gap_ms=20)
        with qtbot.waitSignal(screen.printed, timeout=20_000):
            press(Qt.Key.Key_B, CTRL)
        code = screen.last_code
        assert code and screen.banner.isVisible() and code in screen.banner.text()
        said = screen.message.text()
        assert code in said and "supplement" in said.lower()
        scanner_types(T2)
        assert not screen.banner.isVisible()
        assert QApplication.focusWidget() is screen.procedure.search


def test_ctrl_u_in_the_returns_box_under_x11_key_bindings() -> None:
    """Offscreen Qt has no X11 line-editing keys, where a text box takes Ctrl+U to delete its
    line; a counter runs under X: the test above again, in its own process on a real X server."""
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        pytest.skip("xvfb-run (Debian's xvfb) is not installed")
    if os.environ.get("QT_QPA_PLATFORM") == "xcb":
        pytest.skip("already under X: the test above is this one")
    test = f"{__file__}::{test_ctrl_u_in_the_returns_box_marks_someone_else_collecting.__name__}"
    done = subprocess.run(
        [xvfb, "-a", "-s", "-screen 0 1366x768x24", sys.executable, "-m", "pytest", test,
         "-q", "-p", "no:cacheprovider"],
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
