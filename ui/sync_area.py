"""Wiring the sync, its status line, the needs-attention list and the settings into the window.

``install(window)`` adds: the status bar's sync widget, the counter's number beside the user,
the sync runner (started; its own thread and store connection), F5 "sync now" (which also
reads the screen in front again), Ctrl+Shift+X and the status bar button for the
needs-attention list, and the "Cài đặt" menu (Ctrl+,).
The saved text size is applied at once. The runner stops when the window closes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from counter_app.services.settings.counter import CounterConfig, find_config
from counter_app.services.settings.ui import UiSettings, load_ui_settings
from counter_app.services.store.opening import Store, open_store
from ui.attention import AttentionDialog, AttentionRow, load_attention
from ui.correct_dialog import CorrectDialog
from ui.main_window import MainWindow
from ui.settings_dialog import SETTINGS_ROLES, AllSettings, SettingsDialog, apply_font_scale
from ui.status_bar import SyncStatusWidget
from ui.sync_runner import SyncRunner

_CONTEXT = "SyncArea"
NOTICE_MS = 8000  # a status-bar notice stays long enough to read at arm's length


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class SyncArea(QObject):
    """Owns the runner, the status widget and the dialogs of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        session = window.session
        folder = session.data_dir
        self.runner = SyncRunner(lambda: open_store(folder), self)
        self.status_widget = SyncStatusWidget(session.lang)
        self.runner.status_changed.connect(self.status_widget.show_status)
        self.status_widget.attention_requested.connect(self.open_attention)
        window.statusBar().insertPermanentWidget(0, self.status_widget)
        self.attention: AttentionDialog | None = None
        self.correction: CorrectDialog | None = None
        self.settings: SettingsDialog | None = None
        window.installEventFilter(self)

    def sync_now(self) -> None:
        """F5: send now, and read the screen in front again (the usual meaning of F5)."""
        self.runner.sync_now()
        self.window.refresh_current()

    def open_attention(self) -> AttentionDialog:
        """The needs-attention list, read afresh each time it opens."""
        session = self.window.session
        if self.attention is None:
            self.attention = AttentionDialog(session.lang, self.window)
            # Always the dossiers screen (never the returns screen's box), then the correction.
            self.attention.open_requested.connect(self.window.dossier_requested)
            self.attention.correct_requested.connect(self.open_correction)
        dialog, user = self.attention, session.user
        session.store.run(
            lambda store: load_attention(store, user=user),
            on_done=dialog.set_rows,
            on_error=dialog.show_error,
        )
        dialog.show()
        dialog.raise_()
        return dialog

    def open_correction(self, row: AttentionRow) -> CorrectDialog:
        """The rejected dossier's fields to correct; saved, the next sync sends it at once."""
        dialog = CorrectDialog(self.window.session, row, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.corrected.connect(lambda _code: self._corrected())
        self.correction = dialog
        dialog.show()
        return dialog

    def _corrected(self) -> None:
        self.runner.sync_now()
        self.window.refresh_current()
        self.window.statusBar().showMessage(
            _tr("Corrected: the new version goes to the city with this sync."), NOTICE_MS
        )

    def open_settings(self) -> SettingsDialog | None:
        """Settings for a supervisor or administrator; a clerk is told, in the status bar."""
        session = self.window.session
        if session.role not in SETTINGS_ROLES:
            message = _tr("Only a supervisor or an administrator can change the settings.")
            self.window.statusBar().showMessage(message, NOTICE_MS)
            return None
        self.settings = SettingsDialog(session, self.window)
        self.settings.saved.connect(self._settings_saved)
        self.settings.show()
        return self.settings

    def _settings_saved(self, saved: AllSettings) -> None:
        self.runner.sync_now()  # a new address or batch size: try at once
        self.window.settings_saved.emit(saved)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window closing (hidden, not minimised) stops the runner; shown again, it resumes."""
        if watched is self.window and not event.spontaneous():
            if event.type() == QEvent.Type.Hide:
                self.runner.stop()
            elif event.type() == QEvent.Type.Show and not self.runner.running:
                self.runner.start()
        return False


def install(window: MainWindow) -> None:
    """Add the sync area to ``window`` and start the sync."""
    area = SyncArea(window)
    _add_actions(window, area)
    session = window.session
    session.store.run(_startup_reads, on_done=lambda r: _apply_startup(window, *r),
                      on_error=lambda _e: None)  # fmt: skip
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(area.runner.finish)
    area.runner.start()


def sync_area(window: MainWindow) -> SyncArea | None:
    """The window's sync area, for screens that want to nudge the sync after a save."""
    return window.findChild(SyncArea)


def _add_actions(window: MainWindow, area: SyncArea) -> None:
    menu = window.menuBar().addMenu(_tr("Settings"))
    menu.setToolTipsVisible(True)  # a disabled entry says why
    specs = (
        ("syncNow", _tr("Send to the city now"), QKeySequence(Qt.Key.Key_F5), area.sync_now),
        ("openAttention", _tr("Needs attention…"), QKeySequence("Ctrl+Shift+X"),
         area.open_attention),
        ("openSettings", _tr("Settings…"), QKeySequence("Ctrl+,"), area.open_settings),
    )  # fmt: skip
    for name, text, keys, slot in specs:
        action = QAction(text, window)
        if name == "openSettings":
            window.role_changed.connect(lambda role, a=action: _settings_for(a, role))
            _settings_for(action, window.session.role)
        action.setObjectName(name)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        window.addAction(action)
        menu.addAction(action)


def _settings_for(action: QAction, role: str) -> None:
    """Settings is a supervisor's and an administrator's: disabled for a clerk, with the reason
    (every user has "My settings" in the Users menu)."""
    allowed = role in SETTINGS_ROLES
    action.setEnabled(allowed)
    action.setToolTip("" if allowed else _tr("Only a supervisor or an administrator can change "
                                             "the settings."))  # fmt: skip


def _startup_reads(store: Store) -> tuple[UiSettings, CounterConfig | None]:
    return load_ui_settings(store), find_config(store)


def _apply_startup(window: MainWindow, ui: UiSettings, config: CounterConfig | None) -> None:
    if ui.font_scale != 100:
        apply_font_scale(ui.font_scale)
    if config is not None and not window.session.counter_label:
        label = _tr("Counter {number}").format(number=config.counter)
        window.session.counter_label = label
        window.counter_label.setText(label)
        window.show_place(config.agency_name, label)
