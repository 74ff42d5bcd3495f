"""What the automatic backup and the daily check last did, where every reader can find it.

The automatic backup runs where nobody watches (a detached process, the window's worker
thread), so its outcome is written to an owner-only file in the data folder,
``backup-status.json``, which ``sync status``, ``settings`` and the window's status bar read.
A file rather than the store's settings: the outcome must be recorded even when the store
is what failed (damaged, or on a full disk), and a restore must not roll it back. It holds
times, error codes and the check's findings (page numbers), never personal data.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.vn_time import iso_vn
from counter_app.services.paths import write_private_file

STATUS_FILE_NAME = "backup-status.json"
CHECK_OK = "ok"


@dataclass(frozen=True)
class BackupStatus:
    """The last automatic backup attempt and the last data check (all None: never ran)."""

    last_attempt_at: str | None = None
    last_success_at: str | None = None
    last_file: str | None = None
    last_error: str | None = None  # the code that stopped the last attempt; None if it worked
    check_at: str | None = None
    check_result: str | None = None  # "ok", or the quick check's first findings

    @property
    def backup_failed(self) -> bool:
        return self.last_error is not None

    @property
    def check_failed(self) -> bool:
        return self.check_result is not None and self.check_result != CHECK_OK

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "backup_failed": self.backup_failed,
                "check_failed": self.check_failed}  # fmt: skip


def status_path(data_folder: Path) -> Path:
    return data_folder / STATUS_FILE_NAME


def read_status(data_folder: Path) -> BackupStatus:
    """The recorded status; an absent or unreadable file reads as "never ran"."""
    try:
        raw = json.loads(status_path(data_folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return BackupStatus()
    if not isinstance(raw, dict):
        return BackupStatus()
    known = BackupStatus.__dataclass_fields__
    values = {k: v for k, v in raw.items() if k in known and (v is None or isinstance(v, str))}
    return BackupStatus(**values)


def record_backup(
    data_folder: Path, *, now: datetime, file: str | None = None, error_code: str | None = None
) -> None:
    """Record an automatic backup attempt: the file made, or the code that stopped it."""
    status = replace(read_status(data_folder), last_attempt_at=iso_vn(now), last_error=error_code)
    if error_code is None:
        status = replace(status, last_success_at=iso_vn(now), last_file=file)
    _write(data_folder, status)


def record_check(data_folder: Path, *, now: datetime, result: str) -> None:
    _write(
        data_folder, replace(read_status(data_folder), check_at=iso_vn(now), check_result=result)
    )


def _write(data_folder: Path, status: BackupStatus) -> None:
    """Best effort: on a full or read-only disk the status cannot be kept (the error shows
    elsewhere); a failure here must not hide the failure being recorded."""
    data = json.dumps(asdict(status), indent=2).encode("utf-8") + b"\n"
    with contextlib.suppress(OSError):
        write_private_file(status_path(data_folder), data)
