"""The sync inside the window, against the shipped simulator in its own process on loopback.

The status line shows the pending count and drains to 0; the city down reads as plain words
while intake goes on; a slow city never freezes the window or delays a save; a rejected
record appears in the needs-attention list with its reason in Vietnamese and who took it.
"""

from __future__ import annotations

import itertools
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from counter_app.domain.dossier import Dossier
from counter_app.messages import message_for
from counter_app.resources import resource_path
from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.outbox import pending_count
from counter_app.services.syncing.settings import save_sync_settings
from tests.city_sim_process import running_city_sim
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn
from ui.attention import CLERK as CLERK_COLUMN
from ui.attention import FIELDS, REASONS
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.printing import PrintDesk
from ui.session import Session
from ui.sync_area import SyncArea, install, sync_area
from ui.sync_runner import CityLink, SyncStatus
from ui.tasks import Background, StoreRunner

STILL = ("--advance-after-s", "0")  # the simulated city moves no statuses by itself
# Short limits so a failing city costs the test milliseconds (the same settings IT would set).
FAST = {"connect_timeout_s": 1.0, "read_timeout_s": 10.0, "backoff_base_s": 30.0,
        "backoff_cap_s": 60.0}  # fmt: skip
MAX_GUI_GAP_S = 0.25  # the GUI timer ticks every 20 ms; a frozen loop shows as a long gap
MAX_SAVE_S = 1.5  # a save while the sync waits on the network: generous on two shared cores


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "vi")
    yield
    for translator in translators:
        app.removeTranslator(translator)


@pytest.fixture
def folder(new_store: Store) -> Iterator[Path]:
    configure(new_store)
    path = new_store.folder
    new_store.close()
    yield path


def set_url(folder: Path, url: str) -> None:
    store = open_store(folder)
    try:
        save_sync_settings(store, {"url": url, **FAST}, actor="it", now=now_vn())
    finally:
        store.close()


def receive(folder: Path, count: int, *, procedure: str = "1.004873") -> list[Dossier]:
    store = open_store(folder)
    try:
        people = [citizen(id_number=f"00119{n:07d}") for n in range(count)]
        saved = []
        for n, person in enumerate(people):
            form = intake(person, procedure=procedure)
            saved.append(receive_dossier(store, form, clerk=CLERK, now=vn(2026, 11, 3, 9, n)))
        return saved
    finally:
        store.close()


def make_window(qtbot: QtBot, folder: Path, tmp_path: Path, *, user: str = CLERK) -> MainWindow:
    session = Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=tmp_path),
        data_dir=folder,
        user=user,
    )
    window = MainWindow(session)
    qtbot.addWidget(window)
    return window


def area_of(window: MainWindow) -> SyncArea:
    area = sync_area(window)
    assert area is not None
    return area


def record_statuses(area: SyncArea) -> list[SyncStatus]:
    seen: list[SyncStatus] = []
    area.runner.status_changed.connect(seen.append)
    return seen


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_pending_dossiers_show_then_drain_to_zero(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    receive(folder, 3)
    with running_city_sim(tmp_path / "city.db", *STILL) as url:
        set_url(folder, url)
        window = make_window(qtbot, folder, tmp_path)
        install(window)
        area = area_of(window)
        seen = record_statuses(area)
        window.show()
        qtbot.waitUntil(lambda: area.runner.status.state is CityLink.ONLINE, timeout=20_000)
        assert any(s.pending == 3 for s in seen), seen
        saved: list[Dossier] = []
        window.session.store.run(
            lambda store: receive_dossier(store, intake(citizen(id_number="001199000097")),
                                          clerk=CLERK, now=now_vn()),
            on_done=saved.append, on_error=pytest.fail,
        )  # fmt: skip
        qtbot.waitUntil(lambda: bool(saved), timeout=5_000)
        passes = len([s for s in seen if not s.running])
        area.runner.nudge()  # a save asks for a pass soon, long before the idle one
        qtbot.waitUntil(lambda: len([s for s in seen if not s.running]) > passes, timeout=10_000)
    status = area.runner.status
    assert (status.pending, status.rejected, status.last_error) == (0, 0, "")
    text = area.status_widget.state_label.text()
    assert text.startswith("● Trực tuyến · chờ gửi 0 · gửi lúc "), text
    assert window.counter_label.text() == "Quầy 1"
    assert not area.status_widget.attention_button.isVisible()
    assert area.runner.next_pass_in_ms() > 0  # an idle pass is planned, not a busy loop
    window.hide()
    assert not area.runner.running
    window.show()  # shown again (after a lock, say): the sync resumes
    assert area.runner.running
    window.close()
    assert not area.runner.running


def test_city_down_reads_as_plain_words_and_intake_goes_on(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    receive(folder, 2)
    set_url(folder, closed_port_url())
    window = make_window(qtbot, folder, tmp_path)
    install(window)
    area = area_of(window)
    window.show()
    qtbot.waitUntil(lambda: area.runner.status.state is CityLink.OFFLINE, timeout=20_000)
    assert area.runner.status.last_error == "SYNC_UNREACHABLE"
    text = area.status_widget.state_label.text()
    assert text == (
        "Mất kết nối — hồ sơ vẫn được lưu trên máy và sẽ tự gửi khi có mạng. · chờ gửi 2"
    )
    retry_in_s = area.runner.status.retry_in_s  # the backoff, with full jitter (sync.md B3)
    assert retry_in_s is not None and 0 <= retry_in_s <= FAST["backoff_cap_s"]
    assert 0 <= area.runner.next_pass_in_ms() <= retry_in_s * 1050 + 50  # coarse: ±5 %
    saved: list[Dossier] = []
    window.session.store.run(
        lambda store: receive_dossier(store, intake(citizen(id_number="001199000099")),
                                      clerk=CLERK, now=now_vn()),
        on_done=saved.append, on_error=pytest.fail,
    )  # fmt: skip
    qtbot.waitUntil(lambda: bool(saved), timeout=5_000)
    area.runner.nudge()  # a save tells the sync; offline it only recounts
    qtbot.waitUntil(lambda: area.runner.status.pending == 3, timeout=5_000)
    assert area.runner.status.state is CityLink.OFFLINE
    assert area.status_widget.state_label.text().endswith("chờ gửi 3")


def test_the_window_stays_responsive_while_a_slow_sync_runs(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    receive(folder, 5)
    with running_city_sim(tmp_path / "city.db", *STILL, "--latency-ms", "1500") as url:
        set_url(folder, url)
        window = make_window(qtbot, folder, tmp_path)
        install(window)
        area = area_of(window)
        window.show()
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start(20)
        qtbot.waitUntil(lambda: area.runner.status.running, timeout=5_000)
        started = time.monotonic()
        saved: list[float] = []
        window.session.store.run(
            lambda store: receive_dossier(store, intake(citizen(id_number="001199000098")),
                                          clerk=CLERK, now=now_vn()),
            on_done=lambda _d: saved.append(time.monotonic() - started), on_error=pytest.fail,
        )  # fmt: skip
        qtbot.waitUntil(lambda: area.runner.status.state is CityLink.ONLINE, timeout=30_000)
        pass_s = time.monotonic() - started
        timer.stop()
    assert pass_s > 1.5  # the pass really waited on the slow city meanwhile
    assert saved and saved[0] < MAX_SAVE_S, saved
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert len(ticks) > pass_s / 0.05 and max(gaps) < MAX_GUI_GAP_S, max(gaps)


def test_a_rejected_record_shows_in_the_attention_list_with_its_reason(
    qtbot: QtBot, qtmodeltester: ModelTester, folder: Path, tmp_path: Path
) -> None:
    shipped = resource_path("catalogue", "procedures.csv").read_text(encoding="utf-8")
    without = "".join(line for line in shipped.splitlines(keepends=True)
                      if not line.startswith("1.001193,"))  # fmt: skip
    city_catalogue = tmp_path / "city-procedures.csv"
    city_catalogue.write_text(without, encoding="utf-8")
    receive(folder, 1)
    (odd,) = receive(folder, 1, procedure="1.001193")
    with running_city_sim(tmp_path / "city.db", *STILL, "--catalogue", str(city_catalogue)) as url:
        set_url(folder, url)
        window = make_window(qtbot, folder, tmp_path)
        install(window)
        area = area_of(window)
        window.show()
        qtbot.waitUntil(lambda: area.runner.status.rejected == 1, timeout=20_000)
    button = area.status_widget.attention_button
    assert button.isVisible() and button.text() == "Cần xử lý: 1"
    button.click()
    dialog = area.attention
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5_000)
    model = dialog.model
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == odd.code
    assert model.index(0, CLERK_COLUMN).data() == "lan"
    assert model.index(0, FIELDS).data() == "Thủ tục"
    assert model.index(0, REASONS).data() == message_for("FIELD_UNKNOWN_PROCEDURE", "vi")
    assert "Hãy sửa hồ sơ rồi lưu lại" in dialog.detail.text()
    with qtbot.waitSignal(window.dossier_requested) as asked:
        dialog.open_button.click()
    assert asked.args == [odd.code]


def test_f5_asks_for_a_pass_and_a_missing_address_pauses(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    receive(folder, 1)
    window = make_window(qtbot, folder, tmp_path)
    install(window)
    area = area_of(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: area.runner.status.state is CityLink.NOT_CONFIGURED, timeout=10_000)
    assert area.runner.next_pass_in_ms() == -1  # paused: no timer until asked
    assert "Chưa cấu hình" in area.status_widget.state_label.text()
    with running_city_sim(tmp_path / "city.db", *STILL) as url:
        set_url(folder, url)
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: area.runner.status.state is CityLink.ONLINE, timeout=20_000)
    assert area.runner.status.pending == 0
    store = open_store(folder)
    try:
        assert pending_count(store) == 0
    finally:
        store.close()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_X, keys)
    dialog = area.attention
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.empty.isVisible, timeout=5_000)  # nothing rejected: said so
    assert dialog.empty.text() == "Không có hồ sơ cần xử lý: thành phố đã nhận mọi hồ sơ."


def test_closing_during_a_slow_pass_returns_at_once_and_the_pass_ends_on_its_thread(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    receive(folder, 2)
    with running_city_sim(tmp_path / "city.db", *STILL, "--latency-ms", "1500") as url:
        set_url(folder, url)
        window = make_window(qtbot, folder, tmp_path)
        install(window)
        area = area_of(window)
        window.show()
        qtbot.waitUntil(lambda: area.runner.status.running, timeout=5_000)
        started = time.monotonic()
        assert window.close()
        assert time.monotonic() - started < MAX_GUI_GAP_S  # the window never waits on the city
        assert not area.runner.running
        assert area.runner.finish(30.0)  # at quit: the pass finished on its own thread
    store = open_store(folder)
    try:
        assert pending_count(store) == 0  # it went through, though nobody was listening
    finally:
        store.close()
