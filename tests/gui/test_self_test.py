"""``counter-app --self-test`` from the checkout: every check passes on a good PC, and a real
fault (an unreachable city, a data folder that cannot exist) fails its line with advice.

The same command runs from the built bundle in tests/integration/test_bundle.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from counter_app.cli import main
from counter_app.cli.self_test_commands import format_line
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import Store
from counter_app.services.store.self_test import FAILED, CheckResult
from counter_app.services.syncing.settings import save_sync_settings
from tests.dossier_helpers import configure
from tests.integration.sync_helpers import city_sim
from ui.self_check import check_camera, check_window

CHECKS = 11  # the version line, then one line per check


@pytest.fixture(autouse=True)
def keep_app_font(qapp: QApplication) -> Iterator[None]:
    """The window check sets up the shared test QApplication like a real start: undo it."""
    saved = QFont(qapp.font())
    yield
    qapp.setFont(saved)


def self_test(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str], str]:
    status = main(["--lang", "en", *extra, "--self-test"])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_a_fresh_pc_passes_and_says_what_is_not_set_up_yet(
    capsys: pytest.CaptureFixture[str], private_data_dir: Path
) -> None:
    status, lines, err = self_test(capsys)
    assert status == 0, err
    assert len(lines) == CHECKS
    assert lines[0].startswith("counter-app ")
    assert sum(line.startswith("OK ") for line in lines) == 8
    assert "Encrypted database (WAL, FTS5): SQLCipher" in "\n".join(lines)
    assert [line.split()[0] for line in lines[-2:]] == ["SKIPPED", "SKIPPED"]
    assert err == ""


def test_a_set_up_counter_with_the_city_reachable_passes_every_check(
    capsys: pytest.CaptureFixture[str], new_store: Store, tmp_path: Path
) -> None:
    configure(new_store)
    with city_sim(tmp_path / "city.db") as url:
        save_sync_settings(new_store, {"url": url}, actor="it", now=now_vn())
        new_store.close()
        status, lines, err = self_test(capsys)
    assert status == 0, err
    assert all(line.startswith("OK ") for line in lines[1:]), lines
    current, latest = lines[-2].rsplit("schema ", 1)[1].split("/")
    assert current == latest  # the store is at the schema this build knows
    assert lines[-1].endswith(url)


def test_an_unreachable_city_fails_its_line_with_what_to_do_and_exit_3(
    capsys: pytest.CaptureFixture[str], new_store: Store
) -> None:
    configure(new_store)
    save_sync_settings(new_store, {"url": "http://127.0.0.1:9"}, actor="it", now=now_vn())
    new_store.close()
    status, lines, err = self_test(capsys)
    assert status == 3
    assert lines[-1].startswith("FAILED  The city system reachable: SYNC_UNREACHABLE — ")
    assert "check the network" in lines[-1]
    assert "SELF_TEST_FAILED (city)" in err


def test_a_data_folder_that_cannot_exist_fails_the_checks_that_need_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_bytes(b"")
    status, lines, err = self_test(capsys, "--data-dir", str(blocker / "data"))
    assert status == 3
    failed = [line for line in lines if line.startswith("FAILED")]
    assert failed[0].startswith("FAILED  Data folder writable: NotADirectoryError — ")
    assert "OK      QR decoding (zxing-cpp)" in lines  # the others still ran
    assert "SELF_TEST_FAILED" in err


def test_the_window_check_paints_vietnamese_with_a_font_that_writes_it(
    qapp: QApplication,
) -> None:
    result = check_window()
    assert result.status == "ok", result
    assert result.detail.startswith(QApplication.platformName())


def test_the_camera_check_loads_the_ffmpeg_backend_without_a_camera(qapp: QApplication) -> None:
    """The objects the intake screen's webcam uses; this machine has no camera (0)."""
    result = check_camera()
    assert result.status == "ok", result
    backend, cameras = result.detail.split(", ")
    assert backend == "FFmpeg" and int(cameras) >= 0


def test_a_failed_line_in_vietnamese_names_the_fault_and_the_remedy() -> None:
    line = format_line(CheckResult("qr_zbar", FAILED, "DECODER_UNAVAILABLE"), "vi")
    assert line.startswith("LỖI     Đọc mã QR (zbar): DECODER_UNAVAILABLE — ")
    assert "libzbar0" in line
