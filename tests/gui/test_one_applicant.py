"""One applicant per form: a scan or a typed ID naming another person never keeps the previous
person's data, unsaved work is set aside as a draft and said in one line, the procedure follows
only when the clerk asks (Ctrl+K), and a scan made behind the lock fills nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.services.intake.drafts import load_draft
from counter_app.services.store.opening import Store
from tests.gui.counter_window import PASSWORD, counter_window, prepare_counter
from tests.gui.intake_helpers import focused, on_store, person_types, press, scanner_types
from tests.payloads import T1, T2
from ui.intake.screen import IntakeScreen
from ui.intake.work import ASIDE_DRAFT

CTRL = Qt.KeyboardModifier.ControlModifier
BIRTH = "1.001193"
T2_ID = "001305009876"


def _choose_birth_registration() -> None:
    person_types("ks")
    press(Qt.Key.Key_Return)


def _fields(screen: IntakeScreen) -> dict[str, str]:
    return screen.applicant.values()


def _aside(qtbot: QtBot, screen: IntakeScreen) -> dict[str, object] | None:
    return on_store(qtbot, screen, lambda store: load_draft(store, ASIDE_DRAFT))  # type: ignore[no-any-return]


def test_an_id_typed_over_a_filled_form_starts_a_new_applicant_and_keeps_the_old_as_a_draft(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        screen = counter.intake
        scanner_types(T1)
        _choose_birth_registration()
        assert screen.procedure.current is not None
        press(Qt.Key.Key_F2)
        person_types(T2_ID)
        press(Qt.Key.Key_Return)
        values = _fields(screen)
        assert values["id_number"] == T2_ID
        for key in ("full_name", "date_of_birth", "sex", "address", "phone"):
            assert values[key] == "", key  # nothing of Trần Quốc Bảo stays
        assert screen.procedure.current is None  # never carried over silently
        assert "F8" in screen.message.text() and "Ctrl+K" in screen.message.text()
        qtbot.waitUntil(lambda: _aside(qtbot, screen) is not None)
        aside = _aside(qtbot, screen)
        assert aside is not None and aside["procedure"] == BIRTH
        assert aside["applicant"]["full_name"] == "Trần Quốc Bảo"  # type: ignore[index]
        press(Qt.Key.Key_K, CTRL)  # a family applying together: the same procedure, by choice
        assert screen.procedure.current is not None and screen.procedure.current.code == BIRTH
        assert _fields(screen)["id_number"] == T2_ID


def test_a_new_scan_over_an_unsaved_form_swaps_the_applicant_and_f8_brings_the_first_back(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        screen = counter.intake
        scanner_types(T1)
        _choose_birth_registration()
        press(Qt.Key.Key_F2)
        scanner_types(T2)
        assert _fields(screen)["full_name"] == "Lê Thị Thu Hà"
        assert screen.procedure.current is None
        assert screen.procedure.documents.rowCount() == 0
        assert "F8" in screen.message.text()
        assert focused() is screen.procedure.search
        press(Qt.Key.Key_F8)  # the first citizen is back, the second set aside in turn
        qtbot.waitUntil(lambda: _fields(screen)["full_name"] == "Trần Quốc Bảo")
        assert screen.procedure.current is not None and screen.procedure.current.code == BIRTH
        qtbot.waitUntil(lambda: (_aside(qtbot, screen) or {}).get("payload") == T2)


def test_the_same_person_scanned_again_keeps_the_procedure(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        screen = counter.intake
        scanner_types(T1)
        _choose_birth_registration()
        press(Qt.Key.Key_F2)
        scanner_types(T1)
        assert screen.procedure.current is not None and screen.procedure.current.code == BIRTH
        assert "F8" not in screen.message.text()


def test_a_card_scanned_while_locked_fills_nothing_and_is_told_after_unlock(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = prepare_counter(new_store)
    with counter_window(qtbot, folder, tmp_path / "pdf") as counter:
        screen, lock = counter.intake, counter.users.lock_screen
        press(Qt.Key.Key_L, CTRL)
        qtbot.waitUntil(lambda: counter.users.idle.locked)
        assert focused() is lock.password
        scanner_types(T1)
        assert _fields(screen)["full_name"] == "" and lock.password.text() == ""
        person_types(PASSWORD, gap_ms=40)
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not counter.users.idle.locked, timeout=10_000)
        assert _fields(screen)["full_name"] == ""
        assert "khóa" in screen.message.text() or "locked" in screen.message.text()
