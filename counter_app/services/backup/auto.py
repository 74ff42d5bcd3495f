"""The daily automatic backup and data check, run where nobody watches.

The first command or window start of a day makes one backup to ``backups/``, after SQLite's
``quick_check`` of the store (damaged pages are found the day they appear, not when someone
next restores). The command line starts it as a detached process, the window on a worker
thread. Neither can show an error to anyone at that moment, so every outcome, success or
failure, and the check's result are recorded in the status file (services/backup/status.py)
that ``sync status``, ``settings`` and the window's status bar read.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from counter_app.domain.vn_time import VN_TZ
from counter_app.errors import CounterAppError
from counter_app.services.backup.copies import BackupResult, make_backup
from counter_app.services.backup.status import CHECK_OK, read_status, record_backup, record_check
from counter_app.services.error_log import log_unexpected_error
from counter_app.services.paths import DATA_DIR_ENV, data_dir
from counter_app.services.store.opening import Store, StoreNotSetUpError, open_store
from counter_app.storage.backup_settings import last_auto_backup_day, set_last_auto_backup_day
from counter_app.storage.engine import StoreCorruptError, quick_check

AUTO_ACTOR = "system:auto-backup"
NO_AUTO_BACKUP_ENV = "COUNTER_APP_NO_AUTO_BACKUP"  # "1": never start one (tests, IT scripts)
# After a failed attempt, the next command waits this long before starting another: a full
# disk or a missing drive is not fixed in seconds, and each attempt re-reads the whole store.
RETRY_AFTER = timedelta(hours=1)
DOES_NOT_OPEN = "STORE_CORRUPT: the store does not open"


@dataclass(frozen=True)
class AutoBackupOutcome:
    """What the automatic backup did: a result, or the code of the error that stopped it."""

    result: BackupResult | None
    error_code: str = ""


def backup_due_today(store: Store, now: datetime) -> bool:
    """True until an automatic backup has been made on ``now``'s day (Vietnam time)."""
    return last_auto_backup_day(store) != _day(now)


def _day(now: datetime) -> str:
    return now.astimezone(VN_TZ).date().isoformat()


def auto_backup_if_due(folder: Path | None, now: datetime) -> AutoBackupOutcome | None:
    """The first start of a day checks the store and makes one backup; None when done today.

    Runs on a worker thread or in a detached process, so it opens (and closes) its own store
    connection. It never raises: the outcome is recorded in the status file, and an expected
    problem comes back as its code; anything else is logged, redacted, as ``UNEXPECTED``.
    """
    data = folder if folder is not None else data_dir()
    try:
        outcome = _auto_backup(folder, data, now)
    except StoreNotSetUpError as error:
        return AutoBackupOutcome(None, error.code)  # nothing to back up, nothing to record
    except CounterAppError as error:
        outcome = AutoBackupOutcome(None, error.code)
    except Exception as error:  # a background task must not crash the app: log, report, go on
        with contextlib.suppress(OSError):
            log_unexpected_error(error, where="auto-backup")
        outcome = AutoBackupOutcome(None, CounterAppError.code)
    if outcome is not None:
        made = outcome.result
        record_backup(data, now=now, file=None if made is None else made.path.name,
                      error_code=outcome.error_code or None)  # fmt: skip
    return outcome


def _auto_backup(folder: Path | None, data: Path, now: datetime) -> AutoBackupOutcome | None:
    with _open_or_record(folder, data, now) as store:
        if not backup_due_today(store, now):
            return None
        check_store(store, data, now=now)
        result = make_backup(store, actor=AUTO_ACTOR, now=now)
        with store.action() as db:
            set_last_auto_backup_day(db, _day(now))
        return AutoBackupOutcome(result)


def _open_or_record(folder: Path | None, data: Path, now: datetime) -> Store:
    """Open the store; one that does not open for damage is the check's finding."""
    try:
        return open_store(folder)
    except StoreCorruptError:
        record_check(data, now=now, result=DOES_NOT_OPEN)
        raise


def check_now(folder: Path | None, *, now: datetime) -> str:
    """``counter-app check``: the daily check run at once, recorded the same way."""
    data = folder if folder is not None else data_dir()
    try:
        store = _open_or_record(folder, data, now)
    except StoreCorruptError:
        return DOES_NOT_OPEN
    with store:
        result = quick_check(store)
    record_check(data, now=now, result=result)
    return result


def check_store(store: Store, data: Path, *, now: datetime) -> str:
    """Run ``quick_check`` on the store and record its result; StoreCorruptError if damaged.

    No backup follows a failed check: its copy would carry the damage (and fail its own
    check); the backups already made are the ones IT will need.
    """
    result = quick_check(store)
    record_check(data, now=now, result=result)
    if result != CHECK_OK:
        raise StoreCorruptError("quick_check")
    return result


# --- started in the background by the command line -------------------------------------------


def start_daily_backup_if_due(folder: Path | None, now: datetime) -> bool:
    """Start today's automatic backup in a separate, detached process if it is still due.

    The command line's processes are short-lived, so a thread would die with them; a detached
    ``counter-app backup --auto`` finishes on its own and never delays the command that
    started it. The desktop app runs ``auto_backup_if_due`` on a worker thread instead.
    After a failure, waits RETRY_AFTER before trying again. Returns True when started.
    """
    if os.environ.get(NO_AUTO_BACKUP_ENV) == "1":
        return False
    try:
        if _failed_recently(folder if folder is not None else data_dir(), now):
            return False
        with open_store(folder) as store:
            due = backup_due_today(store, now)
        if due:
            _spawn_detached([*_self_command(), "backup", "--auto"], folder)
        return due
    except (CounterAppError, OSError):
        return False  # the command itself succeeded; the next start tries again


def _failed_recently(data: Path, now: datetime) -> bool:
    status = read_status(data)
    if not status.backup_failed or status.last_attempt_at is None:
        return False
    try:
        attempted = datetime.fromisoformat(status.last_attempt_at)
    except ValueError:
        return False
    return attempted <= now < attempted + RETRY_AFTER


# The console executable beside the windowed one in the bundle (build.spec): on Windows the
# windowed one has no standard streams, so background commands run the console one.
CLI_EXECUTABLE = "counter-app-cli"


def _self_command() -> list[str]:
    """How to run this app's command line again: the bundle's console executable (the
    windowed app may be the one running), or this Python with the package."""
    if getattr(sys, "frozen", False):
        running = Path(sys.executable)
        cli = running.with_name(CLI_EXECUTABLE + running.suffix)
        return [str(cli if cli.exists() else running)]
    return [sys.executable, "-m", "counter_app"]


def _spawn_detached(command: list[str], folder: Path | None) -> None:
    env = dict(os.environ)
    if folder is not None:
        env[DATA_DIR_ENV] = str(folder)
    options: dict[str, Any] = {"start_new_session": True}
    if sys.platform == "win32":  # no console window flashing up, not killed with the parent
        options = {"creationflags": subprocess.CREATE_NO_WINDOW | subprocess.DETACHED_PROCESS}
    subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **options,
    )
