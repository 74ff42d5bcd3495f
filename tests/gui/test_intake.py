"""The intake screen driven like a counter: scanner keystrokes, a COM port, keys only."""

from __future__ import annotations

import os
import pty
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from counter_app.domain.dossier import Dossier, Status
from counter_app.messages import message_for
from counter_app.services.dossiers.queries import list_dossiers
from counter_app.services.intake.drafts import load_draft
from counter_app.services.settings.intake import save_intake_settings
from counter_app.services.store.opening import Store, open_store
from tests.dossier_helpers import configure
from tests.gui.intake_helpers import (
    focused,
    on_store,
    opened,
    pdf_text,
    person_types,
    press,
    scanner_types,
)
from tests.payloads import T1, T2, T15
from ui.intake.screen import IntakeScreen
from ui.print_job import PrintOutcome, PrintStatus

CTRL = Qt.KeyboardModifier.ControlModifier
BIRTH = "1.001193"

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)


@pytest.fixture
def folder(new_store: Store) -> Path:
    configure(new_store)
    path = new_store.folder
    new_store.close()
    return path


def choose_birth_registration() -> None:
    """The keys a clerk presses after a scan: "ks" in the procedure search, then Enter."""
    person_types("ks")
    press(Qt.Key.Key_Return)


def dossiers(qtbot: QtBot, screen: IntakeScreen) -> list[Dossier]:
    return list(on_store(qtbot, screen, lambda store: list_dossiers(store)))


def printed(qtbot: QtBot, screen: IntakeScreen, key: Qt.Key) -> PrintOutcome:
    with qtbot.waitSignal(screen.printed, timeout=20_000) as blocker:
        press(key, CTRL)
    outcome = blocker.args[0]
    assert isinstance(outcome, PrintOutcome)
    return outcome


@needs_poppler
def test_a_full_intake_from_scanner_keystrokes_prints_the_receipt_without_a_mouse(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        assert focused() is screen.applicant.scan_box
        scanner_types(T1)
        assert screen.applicant.edits["full_name"].text() == "Trần Quốc Bảo"
        assert screen.applicant.edits["date_of_birth"].text() == "05/06/1989"
        assert screen.applicant.scan_box.text() == ""  # nothing of the burst landed in it
        assert focused() is screen.procedure.search
        choose_birth_registration()
        assert screen.procedure.current is not None and screen.procedure.current.code == BIRTH
        qtbot.waitUntil(lambda: screen.procedure.due.text() != "")
        outcome = printed(qtbot, screen, Qt.Key.Key_Return)
        assert outcome.status is PrintStatus.SAVED and outcome.saved_to is not None
        assert outcome.message("vi") in screen.message.text()
        code = screen.last_code
        assert screen.banner.text() == code and screen.banner.isVisible()
        assert screen.applicant.edits["full_name"].text() == ""
        assert focused() is screen.applicant.scan_box
        text = pdf_text(outcome.saved_to)
        assert code in text and "Trần Quốc Bảo" in text and "Đăng ký khai sinh" in text
        [dossier] = dossiers(qtbot, screen)
        assert dossier.code == code and dossier.status == Status.RECEIVED
        assert on_store(qtbot, screen, load_draft) is None
        again = printed(qtbot, screen, Qt.Key.Key_P)
        assert again.saved_to is not None and "IN LẠI" in pdf_text(again.saved_to).upper()


@needs_poppler
def test_a_scan_through_a_virtual_serial_port_fills_the_form_and_saves(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    configure(new_store)
    master, slave = pty.openpty()
    port = os.ttyname(slave)
    save_intake_settings(
        new_store, {"scanner_port": port}, actor="it", now=datetime.now().astimezone()
    )
    folder = new_store.folder
    new_store.close()
    try:
        with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
            assert screen.serial.port.isOpen()
            os.write(master, T2.encode("utf-8") + b"\r\n")
            qtbot.waitUntil(lambda: screen.applicant.edits["full_name"].text() == "Lê Thị Thu Hà")
            assert focused() is screen.procedure.search
            choose_birth_registration()
            outcome = printed(qtbot, screen, Qt.Key.Key_Return)
            assert outcome.saved_to is not None
            assert "Lê Thị Thu Hà" in pdf_text(outcome.saved_to)
    finally:
        os.close(master)
        os.close(slave)


@needs_poppler
@pytest.mark.parametrize(
    ("key", "status", "title"),
    [
        (Qt.Key.Key_B, Status.SUPPLEMENT_REQUESTED, "BỔ SUNG"),
        (Qt.Key.Key_R, Status.REFUSED, "TỪ CHỐI"),
    ],
)
def test_asking_for_more_and_refusing_print_their_forms_with_the_reason(
    qtbot: QtBot, folder: Path, tmp_path: Path, key: Qt.Key, status: Status, title: str
) -> None:
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scanner_types(T1)
        choose_birth_registration()
        press(Qt.Key.Key_Down)  # the second paper: the birth certificate
        press(Qt.Key.Key_Space)  # unticked: it is missing
        press(key, CTRL)  # no reason yet: asked for, nothing saved
        assert focused() is screen.procedure.reason and not screen.last_code
        person_types("Thiếu giấy chứng sinh", gap_ms=40)
        outcome = printed(qtbot, screen, key)
        [dossier] = dossiers(qtbot, screen)
        assert dossier.status == status
        names = [d.name for d in dossier.documents]
        # Four papers: the birth certificate unticked, the proxy's authorisation never ticked.
        assert len(names) == 2 and not any(n.startswith("Giấy chứng sinh") for n in names)
        assert outcome.saved_to is not None
        text = pdf_text(outcome.saved_to)
        assert title in text.upper() and "Thiếu giấy chứng sinh" in text
        # A supplement request lists the paper missing; a refusal gives its reason, not papers.
        # Neither asks for a paper needed only in some cases.
        assert ("Giấy chứng sinh (hoặc" in text) is (status == Status.SUPPLEMENT_REQUESTED)
        assert "Văn bản ủy quyền" not in text
        again = printed(qtbot, screen, Qt.Key.Key_P)  # the same form again, marked
        assert again.saved_to is not None and "IN LẠI" in pdf_text(again.saved_to).upper()


def test_a_malformed_qr_shows_a_message_and_saves_nothing(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scanner_types(T15)
        assert screen.message.text() == message_for("NOT_ID_QR", "vi")
        assert focused() is screen.applicant.scan_box
        assert screen.applicant.scan_box.text() == "" and not screen.has_unsaved_input()
        press(Qt.Key.Key_Return, CTRL)
        assert dossiers(qtbot, screen) == []


def test_a_scanned_receipt_asks_the_window_for_its_dossier(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with opened(qtbot, folder, tmp_path / "pdf") as (window, screen):
        with qtbot.waitSignal(window.dossier_requested) as blocker:
            scanner_types(
                "000.31.27.H26-261102-1001|1.001193|001089004217", terminator=Qt.Key.Key_Tab
            )
        assert blocker.args == ["000.31.27.H26-261102-1001"]
        assert not screen.has_unsaved_input()


def test_typing_slowly_is_typing_not_a_scan(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scans: list[str] = []
        screen.router.scanned.connect(scans.append)
        name = screen.applicant.edits["full_name"]
        name.setFocus()
        person_types("Nguyễn Văn Anh Tuấn")
        press(Qt.Key.Key_Tab)
        assert name.text() == "Nguyễn Văn Anh Tuấn" and scans == []
        assert focused() is not name  # the Tab moved on, as typed


def test_the_draft_survives_a_crash_and_a_new_intake_deletes_it(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scanner_types(T1)
        choose_birth_registration()
        qtbot.waitUntil(
            lambda: (on_store(qtbot, screen, load_draft) or {}).get("procedure") == BIRTH
        )
        # The crash: this screen never saves or clears; a new one starts on the same store.
        with opened(qtbot, folder, tmp_path / "pdf") as (_again, restored):
            assert restored.applicant.edits["full_name"].text() == "Trần Quốc Bảo"
            assert restored.applicant.scanned_payload == T1  # still a scan, not typing
            assert restored.procedure.current is not None
            assert restored.procedure.current.code == BIRTH
            restored.new_intake()
            restored.new_intake()  # the second Esc discards
            qtbot.waitUntil(lambda: on_store(qtbot, restored, load_draft) is None)


def test_unsaved_input_asks_before_esc_clears_or_the_window_closes(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with opened(qtbot, folder, tmp_path / "pdf") as (window, screen):
        scanner_types(T1)
        press(Qt.Key.Key_Escape)
        assert screen.applicant.edits["full_name"].text() == "Trần Quốc Bảo"
        assert "Esc" in screen.message.text()

        def answer_no() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, QMessageBox)
            dialog.button(QMessageBox.StandardButton.No).click()

        QTimer.singleShot(200, answer_no)
        assert not window.close()
        window.activateWindow()
        qtbot.waitActive(window)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        press(Qt.Key.Key_Escape)
        assert not screen.has_unsaved_input() and focused() is screen.applicant.scan_box
        assert screen.can_leave()


def test_a_scan_is_caught_wherever_the_focus_is_and_leaves_that_field_alone(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    """A real scanner holds Shift for capitals and "|": the burst stays whole all the same."""
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        note = screen.procedure.reason
        note.setFocus()
        person_types("Mang bản sao")
        scanner_types(T1)
        assert note.text() == "Mang bản sao"  # not a character of the burst landed here
        assert screen.applicant.edits["full_name"].text() == "Trần Quốc Bảo"
        assert screen.applicant.edits["address"].text().startswith("Số 7 phố Hàng Bạc")
        note.clear()


def test_the_papers_checklist_leaves_conditional_papers_unticked_and_tab_leaves_it(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scanner_types(T1)
        choose_birth_registration()
        papers = screen.procedure.documents
        qtbot.waitUntil(lambda: papers.rowCount() > 1)
        ticks = {
            papers.item(row, 0).text(): papers.item(row, 0).checkState() == Qt.CheckState.Checked
            for row in range(papers.rowCount())
        }
        assert ticks["Văn bản ủy quyền (nếu đi thay)"] is False
        assert ticks["Tờ khai đăng ký khai sinh"] is True
        assert sum(ticks.values()) == len(ticks) - 1
        papers.setFocus()
        press(Qt.Key.Key_Tab)  # out of the checklist in one press (arrows move inside it)
        assert focused() is screen.procedure.reason


def test_a_save_blocked_by_a_busy_store_keeps_the_form_and_a_retry_saves_once(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    """Another program holds the store's write lock past the wait: the clerk reads why, the
    form stays filled, and Ctrl+Enter again saves one dossier."""
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scanner_types(T1)
        choose_birth_registration()
        other = open_store(folder)
        other.db.conn.execute("BEGIN IMMEDIATE")  # e.g. a backup or a sync in another process
        try:
            press(Qt.Key.Key_Return, CTRL)
            qtbot.waitUntil(lambda: "STORE_LOCKED" in screen.message.text(), timeout=30_000)
            assert not screen.last_code
            assert screen.applicant.edits["full_name"].text() == "Trần Quốc Bảo"
            assert screen.procedure.current is not None
        finally:
            other.db.conn.execute("ROLLBACK")
            other.close()
        outcome = printed(qtbot, screen, Qt.Key.Key_Return)
        assert outcome.saved_to is not None and screen.last_code
        [dossier] = dossiers(qtbot, screen)
        assert dossier.code == screen.last_code
