"""The automatic backup's recorded outcome: written owner-only, read back, and the retry wait."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

from counter_app.domain.vn_time import VN_TZ
from counter_app.services.backup.auto import _failed_recently
from counter_app.services.backup.status import read_status, record_backup, record_check

NOW = datetime(2026, 12, 7, 7, 30, tzinfo=VN_TZ)


def test_outcomes_are_recorded_owner_only_and_a_success_keeps_its_time(tmp_path: Path) -> None:
    record_backup(tmp_path, now=NOW, file="counter-x-c1-20261207-073000-000001.db")
    record_check(tmp_path, now=NOW, result="ok")
    record_backup(tmp_path, now=NOW + timedelta(days=1), error_code="DISK_FULL")
    status = read_status(tmp_path)
    assert status.backup_failed and not status.check_failed
    assert status.last_success_at == "2026-12-07T07:30:00+07:00"
    assert status.last_attempt_at == "2026-12-08T07:30:00+07:00"
    assert stat.S_IMODE((tmp_path / "backup-status.json").stat().st_mode) == 0o600
    (tmp_path / "backup-status.json").write_text("[broken", encoding="utf-8")
    assert read_status(tmp_path).last_error is None  # unreadable reads as "never ran"


def test_after_a_failure_commands_wait_an_hour_before_trying_again(tmp_path: Path) -> None:
    record_backup(tmp_path, now=NOW, error_code="BACKUP_TARGET_UNWRITABLE")
    assert _failed_recently(tmp_path, NOW + timedelta(minutes=10))
    assert not _failed_recently(tmp_path, NOW + timedelta(hours=2))
    assert not _failed_recently(tmp_path, NOW - timedelta(hours=1))  # the clock went back
