"""Keys from scan to printed receipt for the clerk's day (scripts/clerk_day.sh), counted.

In-process and offscreen, through the real window on a real encrypted store: a signed-in
clerk, the intake, dossiers and returns screens, the keyboard-wedge filter. The keys are sent
as key events to the focused widget: the scanner's burst one event per character with the
window system's time stamps (counted apart: they are the scanner's, not the clerk's), the
clerk's keys with the GUI tests' helpers (tests/gui/intake_helpers.py), letters a person's
gap apart, then Enter and Ctrl+Enter. A receipt
counts as printed when its PDF is in the print folder (no printer offscreen).

1. The ten intakes of the scripted day, each a different procedure, found by the words the
   script types.
2. A returning citizen (asked for more papers earlier): the card scanned, F4 to the earlier
   dossiers, Enter opens the one waiting, Ctrl+T proposes "received", Enter, Ctrl+P prints
   the receipt.

Run: ``python -m bench.bench_keys``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from counter_app.domain.dossier import (
    Applicant,
    ApplicantKind,
    DocumentReceived,
    IdType,
    Intake,
    Outcome,
)
from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import create_store, open_store
from counter_app.services.store.setup import set_up_counter
from counter_app.services.users import add_user, authenticate
from tests.gui.intake_helpers import (
    SCANNER_GAP_MS,
    SHIFTED,
    close_window,
    focused,
    person_types,
    press,
)
from ui.app import install_screens
from ui.dossiers.screen import DossiersScreen
from ui.intake.screen import IntakeScreen
from ui.main_window import MainWindow
from ui.printing import PrintDesk
from ui.session import Session
from ui.tasks import Background, StoreRunner
from ui.users import sign_in_as

CTRL = Qt.KeyboardModifier.ControlModifier
NO_MOD = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
PASSWORD = "mật-khẩu-dài"
CLERK_GAP_MS = 60  # a quick clerk's letters: twice the wedge's gap, so never a scan


def card(id_number: str, name: str, born: str, sex: str, street: int) -> str:
    """A card QR as scripts/clerk_day.sh writes it (id-card.md §2 field order)."""
    address = f"Số {street} phố Demo, Hoàn Kiếm, Hà Nội"
    return f"{id_number}||{name}|{born}|{sex}|{address}|12042021"


# The ten intakes of scripts/clerk_day.sh: the card and the words typed to find the procedure.
DAY = (
    (card("001089004217", "Trần Quốc Bảo", "05061989", "Nam", 7), "ks"),
    (card("001305009876", "Lê Thị Thu Hà", "21092005", "Nữ", 3), "ket hon"),
    (card("001186007531", "Hoàng Thị Mai Anh", "30101986", "Nữ", 9), "khai tu"),
    (card("001309006543", "Bùi Thanh Tâm", "12122009", "Nữ", 2), "tinh trang hon nhan"),
    (card("001088001122", "Phạm Văn Dũng", "01011988", "Nam", 11), "chung thuc ban sao"),
    (card("001187002233", "Nguyễn Thị Hoa", "02021987", "Nữ", 12), "chu ky"),
    (card("001085003344", "Đỗ Minh Khang", "03031985", "Nam", 13), "trich luc"),
    (card("001184004455", "Vũ Thị Lan", "04041984", "Nữ", 14), "giam ho"),
    (card("001083005566", "Lê Văn Tám", "05051983", "Nam", 15), "di chuc"),
    (card("001182006677", "Trần Thị Mai", "06061982", "Nữ", 16), "ho kinh doanh"),
)
RETURNING = card("001081007788", "Phan Văn Hùng", "07071981", "Nam", 17)


@dataclass(frozen=True)
class Run:
    scanner_keys: int  # characters of the scan and its Enter suffix
    clerk_keys: int  # every key the clerk pressed after the scan
    seconds: float  # from the scan's first key to the receipt's PDF in the folder
    procedure: str  # the code received


class Keys:
    """The clerk's keys, each sent with the GUI tests' helpers and counted as sent."""

    def __init__(self) -> None:
        self.count = 0

    def types(self, words: str) -> None:
        person_types(words, gap_ms=CLERK_GAP_MS)
        self.count += len(words)

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MOD) -> None:
        press(key, modifiers)
        self.count += 1


def scanner_burst(payload: str) -> int:
    """A wedge scanner's keys, Shift around the characters that need it as in the GUI tests'
    ``scanner_types``, then its Enter; returns the characters sent with the suffix.

    Each key carries a time stamp 2 ms after the last, as the window system stamps a USB
    scanner's keys: the wedge reads those stamps, so a loaded machine that pauses this
    process mid-burst cannot split the scan (unstamped keys would get the time they are
    handled, and a pause longer than the wedge's gap would turn half a card into typing).
    """
    stamp = time.monotonic() * 1000
    for char in payload:
        shift = char in SHIFTED
        if shift:
            _stamped(Qt.Key.Key_Shift, "", SHIFT, stamp, QEvent.Type.KeyPress)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            _stamped(Qt.Key.Key_unknown, char, SHIFT if shift else NO_MOD, stamp, kind)
        if shift:
            _stamped(Qt.Key.Key_Shift, "", NO_MOD, stamp, QEvent.Type.KeyRelease)
        stamp += SCANNER_GAP_MS
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        _stamped(Qt.Key.Key_Return, "\r", NO_MOD, stamp, kind)
    return len(payload) + 1


def _stamped(
    key: Qt.Key, text: str, modifiers: Qt.KeyboardModifier, stamp: float, kind: QEvent.Type
) -> None:
    event = QKeyEvent(kind, key, modifiers, text)
    event.setTimestamp(int(stamp))
    QApplication.sendEvent(focused(), event)


@dataclass
class Counter:
    window: MainWindow
    intake: IntakeScreen
    dossiers: DossiersScreen
    pdf: Path

    def pdf_count(self) -> int:
        return len(list(self.pdf.rglob("*.pdf")))


def _wait(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not answer in time")
        QTest.qWait(5)


def _new_counter(folder: Path) -> None:
    """A configured counter, its clerk, and the returning citizen's supplement request."""
    store = create_store(folder)
    try:
        config, _ = build_config(agency_code="000.31.27.H26", agency_name="UBND phường Demo",
                                 counter=1)  # fmt: skip
        set_up_counter(store, config, actor="it", now=now_vn() - timedelta(days=30))
        add_user(store, username="canbo", full_name="Lê Thị Cán Bộ", role="clerk",
                 password=PASSWORD, actor="it",
                 acting_role="administrator", now=now_vn())  # fmt: skip
        receive_dossier(store, _asked_for_more(), clerk="user:canbo", now=now_vn())
    finally:
        store.close()


def _asked_for_more() -> Intake:
    hung = Applicant(
        kind=ApplicantKind.CITIZEN,
        id_type=IdType.PERSONAL_ID,
        id_number="001081007788",
        full_name="Phan Văn Hùng",
        date_of_birth="1981-07-07",
        sex="male",
        address="Số 17 phố Demo, Hoàn Kiếm, Hà Nội",
    )
    return Intake(
        "1.000894",
        hung,
        outcome=Outcome.SUPPLEMENT,
        outcome_reason="Thiếu giấy xác nhận tình trạng hôn nhân",
        documents=(DocumentReceived("Tờ khai đăng ký kết hôn", 1, 0),),
    )


@contextmanager
def _counter(folder: Path) -> Iterator[Counter]:
    session = Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=folder / "pdf"),
        data_dir=folder,
    )
    store = open_store(folder)
    try:
        sign_in_as(session, authenticate(store, "canbo", PASSWORD, now=now_vn()))
    finally:
        store.close()
    window = MainWindow(session)
    install_screens(window)
    window.show()
    window.activateWindow()
    intake, dossiers = window.screen_widget("intake"), window.screen_widget("dossiers")
    assert isinstance(intake, IntakeScreen) and isinstance(dossiers, DossiersScreen)
    _wait(lambda: intake.is_ready)
    try:
        yield Counter(window, intake, dossiers, folder / "pdf")
    finally:
        close_window(window, intake)
        window.deleteLater()


def intake_run(counter: Counter, payload: str, words: str) -> Run:
    """One intake of the day: scan, the words, Enter, Ctrl+Enter, until the PDF is there."""
    printed, keys = counter.pdf_count(), Keys()
    start = time.perf_counter()
    scanned = scanner_burst(payload)
    _wait(lambda: counter.intake.applicant.edits["id_number"].text() == payload[:12])
    keys.types(words)
    keys.press(Qt.Key.Key_Return)
    current = counter.intake.procedure.current
    assert current is not None, words
    keys.press(Qt.Key.Key_Return, CTRL)
    _wait(lambda: counter.pdf_count() > printed)
    return Run(scanned, keys.count, time.perf_counter() - start, current.code)


def returning_run(counter: Counter) -> Run:
    """The citizen asked for more comes back: picked up from the history panel."""
    intake, dossiers = counter.intake, counter.dossiers
    printed, keys = counter.pdf_count(), Keys()
    start = time.perf_counter()
    scanned = scanner_burst(RETURNING)
    _wait(lambda: intake.history.dossiers.count() == 1)
    keys.press(Qt.Key.Key_F4)
    keys.press(Qt.Key.Key_Return)
    code = intake.history.dossiers.item(0).text().split("\n")[0]
    _wait(lambda: dossiers.detail.code.text() == code)
    _wait(lambda: dossiers.actions_bar.buttons["transition"].isEnabled())
    keys.press(Qt.Key.Key_T, CTRL)
    _wait(lambda: _dialog_has_focus(dossiers))
    keys.press(Qt.Key.Key_Return)
    # Received again (5 → 2): the receipt is offered; it was not for a supplement request.
    _wait(lambda: dossiers.actions_bar.buttons["receipt"].isEnabled())
    keys.press(Qt.Key.Key_P, CTRL)
    _wait(lambda: counter.pdf_count() > printed)
    return Run(scanned, keys.count, time.perf_counter() - start, code)


def _dialog_has_focus(dossiers: DossiersScreen) -> bool:
    dialog = dossiers.dossier_actions.dialog
    focused = QApplication.focusWidget()
    return dialog is not None and focused is not None and dialog.isAncestorOf(focused)


def measure(folder: Path) -> tuple[list[Run], Run]:
    _new_counter(folder)
    with _counter(folder) as counter:
        day = [intake_run(counter, *intake) for intake in DAY]
        back = returning_run(counter)
    assert len({r.procedure for r in day}) == len(DAY), "ten different procedures"
    return day, back


def _row(label: str, values: list[float], unit: str = "") -> str:
    return f"| {label} | {statistics.median(values):g}{unit} | {max(values):g}{unit} |"


def run() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        day, back = measure(Path(folder))
    del app
    words = ", ".join(f"`{w}`" for _p, w in DAY)
    return "\n".join(
        [
            "## Keys from scan to printed receipt: the clerk's day",
            "",
            "`python -m bench.bench_keys`: the whole window offscreen on a real store, a "
            "signed-in clerk, the ten intakes of `scripts/clerk_day.sh` (ten procedures, "
            f"found by the words the script types: {words}) and a returning citizen. Keys are "
            "key events sent to the focused widget and counted as sent: the scanner's burst (a "
            f"card QR, one key per character and its Enter, stamped {SCANNER_GAP_MS} ms apart "
            "as the window system stamps a USB scanner's keys) apart from the clerk's keys "
            "(the GUI tests' helpers: letters "
            f"{CLERK_GAP_MS} ms apart, Enter, Ctrl+Enter). Time: from the scan's first key to "
            "the receipt's PDF in the print folder (no printer "
            "offscreen), with the clerk's pauses included.",
            "",
            "| ten intakes of the day | median | worst |",
            "|---|---|---|",
            _row("clerk's keys (words, Enter, Ctrl+Enter)", [r.clerk_keys for r in day]),
            _row("scanner's keys (card QR and Enter)", [r.scanner_keys for r in day]),
            _row("scan to printed receipt", [round(r.seconds, 2) for r in day], " s"),
            "",
            "Procedures received: " + ", ".join(r.procedure for r in day) + ".",
            "",
            "A returning citizen asked for more papers earlier, picked up from the history "
            "panel: card scanned, F4, Enter (the dossier waiting opens), Ctrl+T, Enter "
            "(received), Ctrl+P (the receipt).",
            "",
            "| returning citizen | result |",
            "|---|---|",
            f"| clerk's keys | {back.clerk_keys} |",
            f"| scanner's keys | {back.scanner_keys} |",
            f"| scan to printed receipt | {back.seconds:.2f} s |",
        ]
    )


if __name__ == "__main__":
    print(run())
