"""The other scanner inputs (webcam frames, image files, drops), findings, history, words."""

from __future__ import annotations

import io
import threading
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
import segno
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from tests.dossier_helpers import CLERK, citizen, configure, intake
from tests.gui.intake_helpers import focused, opened, person_types, press, scanner_types
from tests.payloads import T1, T2, T11, T13
from ui.i18n import install_translations
from ui.intake.procedure_panel import SuggestionList
from ui.scanner import images
from ui.scanner.images import FrameDecoder
from ui.tasks import Background

CTRL = Qt.KeyboardModifier.ControlModifier


def qr_image(payload: str, *, scale: int = 4) -> QImage:
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=scale, border=4)
    image = QImage.fromData(buffer.getvalue())
    assert not image.isNull()
    return image


def blank_frame() -> QImage:
    frame = QImage(640, 480, QImage.Format.Format_RGB32)
    frame.fill(QColor("lightgray"))
    return frame


class FakeCamera(QObject):
    """A frame source at 30 frames a second, as a QVideoSink delivers them (no camera here)."""

    frame = Signal(QImage)

    def __init__(self, frames: list[QImage]) -> None:
        super().__init__()
        self._frames, self.sent = frames, 0
        self.timer = QTimer(self)
        self.timer.setInterval(33)
        self.timer.timeout.connect(self._next)

    def _next(self) -> None:
        if self.sent == len(self._frames):
            self.timer.stop()
            return
        self.frame.emit(self._frames[self.sent])
        self.sent += 1


def test_webcam_frames_decode_off_the_gui_thread_one_at_a_time(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans: list[str] = []
    threads: list[threading.Thread] = []
    decode = images.scan_grey_frame

    def recording(data: bytes, width: int, height: int, stride: int) -> list[str]:
        threads.append(threading.current_thread())  # then the real decoder does the work
        return decode(data, width, height, stride)

    monkeypatch.setattr(images, "scan_grey_frame", recording)
    decoder = FrameDecoder(Background(), scans.append)
    camera = FakeCamera([blank_frame()] * 5 + [qr_image(T1)] * 40)
    camera.frame.connect(decoder.offer)
    camera.timer.start()
    qtbot.waitUntil(lambda: camera.sent == 45 and not decoder.busy, timeout=20_000)
    assert scans == [T1]  # the same card held up for a second is one scan
    assert decoder.decoded + decoder.dropped == 45 and decoder.decoded == len(threads)
    assert threading.main_thread() not in threads
    assert decoder.offer(blank_frame()) and not decoder.offer(blank_frame())  # one in flight
    qtbot.waitUntil(lambda: not decoder.busy)


def test_an_image_file_and_a_dropped_image_fill_the_form(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    configure(new_store)
    folder = new_store.folder
    new_store.close()
    card = tmp_path / "the card.png"
    qr_image(T2).save(str(card))
    receipt = tmp_path / "receipt.png"
    qr_image("000.31.27.H26-261102-1001|1.001193").save(str(receipt))
    with opened(qtbot, folder, tmp_path / "pdf") as (window, screen):
        screen.scan_file(str(card))
        qtbot.waitUntil(lambda: screen.applicant.edits["full_name"].text() == "Lê Thị Thu Hà")
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(receipt))])
        drop = QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        with qtbot.waitSignal(window.dossier_requested, timeout=10_000) as blocker:
            screen.dropEvent(drop)
        assert blocker.args == ["000.31.27.H26-261102-1001"]
        screen.scan_file(str(tmp_path / "missing.png"))
        qtbot.waitUntil(lambda: "IMAGE_UNREADABLE" in screen.message.text())


def test_a_confirm_finding_must_be_ticked_and_an_error_field_is_left_to_type(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    configure(new_store)
    folder = new_store.folder
    new_store.close()
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scanner_types(T11)  # sex and birth year disagree with the ID number: CONFIRM
        assert screen.applicant.notes["sex"].isVisible()
        person_types("ks")
        press(Qt.Key.Key_Return)
        press(Qt.Key.Key_Return, CTRL)
        box = screen.applicant.confirms["SEX_ID_MISMATCH"]
        assert focused() is box and not screen.last_code
        press(Qt.Key.Key_Space)
        screen.applicant.confirms["BIRTH_YEAR_ID_MISMATCH"].setChecked(True)
        with qtbot.waitSignal(screen.printed, timeout=20_000):
            press(Qt.Key.Key_Return, CTRL)
        scanner_types(T13)  # 31/02: no such day
        birth = screen.applicant.edits["date_of_birth"]
        assert birth.text() == "" and screen.applicant.notes["date_of_birth"].isVisible()
        screen.procedure.choose("1.001193")
        press(Qt.Key.Key_Return, CTRL)
        assert focused() is birth


def test_a_returning_citizen_sees_earlier_dossiers_and_a_duplicate_warning(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    configure(new_store)
    earlier = now_vn() - timedelta(days=2)
    person = citizen(id_number="001089004217")
    receive_dossier(new_store, intake(person, procedure="1.001193"), clerk=CLERK, now=earlier)
    folder = new_store.folder
    new_store.close()
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        assert screen.procedure.list.item(0).text().endswith("1.001193")  # most used first
        assert (
            "quầy khác" in screen.history.scope.text() or "counter" in screen.history.scope.text()
        )
        scanner_types(T1)
        qtbot.waitUntil(lambda: screen.history.dossiers.count() == 1)
        press(Qt.Key.Key_Return)  # the most used procedure, highlighted: one key
        qtbot.waitUntil(lambda: screen.history.duplicate.isVisible())
        assert earlier.strftime("%d/%m/%Y") in screen.history.duplicate.text()


def test_the_screen_speaks_vietnamese_from_its_translation(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    configure(new_store)
    folder = new_store.folder
    new_store.close()
    translators = install_translations(app, "vi")
    try:
        with opened(qtbot, folder, tmp_path / "pdf") as (window, screen):
            assert window.tabs.tabText(0) == "Tiếp nhận"
            assert screen.buttons["supplement"].text() == "Yêu cầu bổ sung  Ctrl+B"
            assert screen.applicant.scan_box.placeholderText() == "Quét thẻ hoặc nhập số định danh"
            screen.receive()  # nothing chosen yet: the sentence says what to do
            assert screen.message.text() == "Hãy chọn thủ tục trước (F3)."
            assert focused() is screen.procedure.search
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_every_intake_string_has_its_vietnamese() -> None:
    source = Path(__file__).resolve().parents[2] / "resources/translations/intake_vi.ts"
    root = ElementTree.parse(source).getroot()
    messages = root.findall(".//message")
    assert len(messages) > 40
    for message in messages:
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None
        assert "".join(translation.itertext()).strip(), message.findtext("source")


def test_a_short_fast_flurry_and_a_typed_id_are_typing(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    configure(new_store)
    folder = new_store.folder
    new_store.close()
    with opened(qtbot, folder, tmp_path / "pdf") as (_window, screen):
        scans: list[str] = []
        screen.wedge.min_length = 10
        screen.router.scanned.connect(scans.append)
        name = screen.applicant.edits["full_name"]
        name.setFocus()
        scanner_types("Hà Nội")  # fast, but six letters: below the minimum length
        assert name.text() == "Hà Nội" and scans == []
        screen.focus_scan_box()
        person_types("001089004217")
        press(Qt.Key.Key_Return)  # the scan box takes a typed ID number
        assert screen.applicant.edits["id_number"].text() == "001089004217"
        assert focused() is name


def test_the_procedure_suggestions_keep_to_a_share_of_the_screen_at_any_text_size(
    qtbot: QtBot,
) -> None:
    suggestions = SuggestionList()
    qtbot.addWidget(suggestions)
    screen_height = suggestions.screen().availableGeometry().height()

    def rows() -> float:
        return suggestions.maximumHeight() / (suggestions.fontMetrics().height() + 4)

    before = rows()
    font = suggestions.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)  # the larger-text setting, at run time
    suggestions.setFont(font)
    after = rows()
    assert SuggestionList.MIN_ROWS <= after < before <= SuggestionList.MAX_ROWS + 1
    assert suggestions.maximumHeight() <= max(screen_height // 4, 200)
