"""The status bar warns when the automatic backup or the daily check failed, or space runs low."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter_app.services.backup.status import BackupStatus
from counter_app.services.store.opening import Store
from tests.gui.test_app import whole_window
from ui.backup_area import BackupArea
from ui.status_bar import BackupWarningLabel

AT = "2026-12-07T09:00:00+07:00"


def test_a_failed_automatic_backup_shows_a_short_warning_with_the_reason_on_hover(
    qtbot: QtBot, new_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's own background run fails for real: a file where backups/ should be."""
    (new_store.folder / "backups").write_text("not a folder")
    monkeypatch.delenv("COUNTER_APP_NO_AUTO_BACKUP")
    window = whole_window(qtbot, new_store, "clerk")
    area = window.findChild(BackupArea)
    assert area is not None
    qtbot.waitUntil(area.label.isVisible, timeout=30_000)
    assert area.label.text() == "⚠ Sao lưu tự động thất bại: báo CNTT"
    assert "Mã lỗi: BACKUP_TARGET_UNWRITABLE" in area.label.toolTip()
    assert area.timer.isActive()


def test_all_well_shows_nothing(qtbot: QtBot) -> None:
    label = BackupWarningLabel("en")
    qtbot.addWidget(label)
    label.show_backup(BackupStatus(last_success_at=AT, check_at=AT, check_result="ok"),
                      low_space=None)  # fmt: skip
    assert not label.isVisible() and label.text() == ""


def test_damage_and_low_space_are_both_said(qtbot: QtBot, tmp_path: Path) -> None:
    label = BackupWarningLabel("en")
    qtbot.addWidget(label)
    label.show()
    found = "*** in database main *** Page 412: btreeInitPage() returns error code 11"
    label.show_backup(BackupStatus(check_at=AT, check_result=found), low_space="312 MB")
    assert label.text() == (
        "⚠ The data may be damaged: call IT now · ⚠ Disk nearly full (312 MB left)"
    )
    assert "Page 412" in label.toolTip() and "counter-app check" in label.toolTip()
    assert "312 MB free" in label.toolTip()
