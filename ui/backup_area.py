"""The automatic daily backup and data check in the window, and their warning in the status bar.

At start, and every hour while the window stays open (a counter PC may run for days), a worker
thread runs ``auto_backup_if_due`` (the day's quick check and backup, once a day) and reads the
recorded status and the data folder's free space; the status bar's warning shows the result.
The worker opens its own store connection; nothing here touches the store on the GUI thread.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer

from counter_app.services.backup.auto import NO_AUTO_BACKUP_ENV, auto_backup_if_due
from counter_app.services.backup.status import BackupStatus, read_status
from counter_app.services.clock import now_vn
from counter_app.services.paths import data_dir
from counter_app.services.store.errors import low_space
from counter_app.services.store.opening import STORE_FILE_NAME
from ui.main_window import MainWindow
from ui.status_bar import BackupWarningLabel

# How often an open window looks again: the day's backup is due after midnight, and free space
# shrinks slowly; an hour is soon enough for both and costs one file read when nothing is due.
CHECK_EVERY_MS = 60 * 60 * 1000


class BackupView(NamedTuple):
    status: BackupStatus
    low_space: str | None  # the free space, when below the warning threshold


def backup_round(folder: Path | None) -> BackupView:
    """Worker thread: today's backup if due, then what the status bar should say."""
    if os.environ.get(NO_AUTO_BACKUP_ENV) != "1":
        auto_backup_if_due(folder, now_vn())
    data = folder if folder is not None else data_dir()
    store = data / STORE_FILE_NAME
    size = store.stat().st_size if store.exists() else 0
    return BackupView(read_status(data), low_space(data, store_size=size))


class BackupArea(QObject):
    """Owns the warning label and the hourly timer of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.label = BackupWarningLabel(window.session.lang)
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_round)

    def run_round(self) -> None:
        folder = self.window.session.data_dir
        self.window.session.background.run(
            lambda: backup_round(folder), on_done=self.show_view, on_error=lambda _e: None
        )

    def show_view(self, view: BackupView) -> None:
        self.label.show_backup(view.status, low_space=view.low_space)


def install(window: MainWindow) -> BackupArea:
    area = BackupArea(window)
    area.run_round()
    area.timer.start()
    return area
