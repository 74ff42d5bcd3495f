"""A returning citizen at 100, 130 and 150 % text on a 1366×768 screen, as the clerk's day
showed it: his card brings the dossier waiting for papers into the history column without
widening it over the applicant's fields, and the dossier opened, received again and its receipt
printed (a long "saved as PDF" message under the actions) keeps every line of its detail whole,
the marks under Vietnamese letters included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from counter_app.domain.dossier import Outcome
from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from tests.dossier_helpers import CLERK, citizen, configure, intake
from tests.gui.counter_window import counter_window, prepare_counter
from tests.gui.intake_helpers import press
from tests.gui.test_layout_sizes import _fill_screen, clipped, counter_screen, scaled
from tests.payloads import T1
from ui.look import BASE_POINT_SIZE

__all__ = ["counter_screen", "scaled"]  # the fixtures, shared with the other layout tests
CTRL = Qt.KeyboardModifier.ControlModifier


def squeezed(root: QWidget) -> list[str]:
    """Visible labels given less height than one line of their text: the marks under the
    letters (ạ, ộ, ụ) are the first to go."""
    return [f"{label.objectName() or label.text()[:30]}: {label.height()}"
            for label in root.findChildren(QLabel)
            if label.isVisible() and label.text()
            and label.height() < label.fontMetrics().height()]  # fmt: skip


@pytest.mark.usefixtures("counter_screen")
@pytest.mark.parametrize("scaled", [100, 130, 150], indirect=True)
def test_a_returning_citizen_shows_whole_at_every_text_size(
    qtbot: QtBot, new_store: Store, tmp_path: Path, scaled: int
) -> None:
    configure(new_store)
    applicant = citizen(name="Trần Quốc Bảo", id_number="001089004217")
    waiting = intake(applicant, outcome=Outcome.SUPPLEMENT, reason="Thiếu giấy chứng sinh")
    receive_dossier(new_store, waiting, clerk=CLERK, now=now_vn())
    folder = prepare_counter(new_store, configured=True)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        _fill_screen(qtbot, counter.window)
        points = BASE_POINT_SIZE * scaled / 100
        qtbot.waitUntil(lambda: QApplication.font().pointSizeF() == pytest.approx(points))
        history = counter.intake.history
        width = history.width()
        counter.intake.router.deliver(T1)  # as the COM-port scanner hands it on
        qtbot.waitUntil(lambda: history.dossiers.count() == 1, timeout=10_000)
        QApplication.processEvents()
        assert history.width() <= width + 2, f"{scaled} %: the history column widened"
        assert clipped(counter.intake) == []
        press(Qt.Key.Key_F4)
        press(Qt.Key.Key_Return)
        dossiers = counter.dossiers
        buttons = dossiers.actions_bar.buttons
        qtbot.waitUntil(lambda: buttons["transition"].isEnabled())
        press(Qt.Key.Key_T, CTRL)
        qtbot.waitUntil(lambda: dossiers.dossier_actions.dialog is not None)
        dialog = dossiers.dossier_actions.dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: buttons["receipt"].isEnabled())
        press(Qt.Key.Key_P, CTRL)
        qtbot.waitUntil(lambda: "PDF" in dossiers.message.text(), timeout=20_000)

        def whole() -> None:
            assert squeezed(dossiers) == [], f"{scaled} %"

        qtbot.waitUntil(whole, timeout=3_000)


def test_the_returning_citizen_under_a_real_1366x768_x_server() -> None:
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        pytest.skip("xvfb-run (Debian's xvfb) is not installed")
    if os.environ.get("QT_QPA_PLATFORM") == "xcb":
        pytest.skip("already under X: the tests above are these")
    done = subprocess.run(
        [xvfb, "-a", "-s", "-screen 0 1366x768x24", sys.executable, "-m", "pytest", __file__,
         "-q", "-p", "no:cacheprovider", "-k", "not real_1366"],
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and " skipped" not in done.stdout, done.stdout[-4000:]
