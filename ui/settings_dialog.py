"""Settings (Cài đặt) for supervisors and administrators: language, text size, scanner, printing,
the city's address and batch size, and the idle lock (docs/USERS.md: the sync is a
supervisor's, the idle time an administrator's).

Values are read and saved through the services (``ui_settings``, ``intake_settings``,
``form_settings``, ``sync_settings``), on the store thread, each change validated and audited
there. Larger text, the idle time and the print preview apply at once; the language, the
scanner port and the webcam at the next start (said beside the choice). Each user's own text
size and language are in "My settings" (ui/users/personal.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.roles import allows
from counter_app.services.clock import now_vn
from counter_app.services.settings.change import change_settings
from counter_app.services.settings.forms import (
    RECEIPT_LAYOUTS,
    FormSettings,
    load_form_settings,
)
from counter_app.services.settings.intake import (
    IntakeSettings,
    load_intake_settings,
)
from counter_app.services.settings.ui import (
    FONT_SCALES,
    IDLE_LOCK_RANGE,
    LANGUAGES,
    UiSettings,
    load_ui_settings,
)
from counter_app.services.store.opening import Store
from counter_app.services.syncing.settings import (
    SyncSettings,
    load_sync_settings,
)
from sync.url_policy import with_checked_url
from ui.clock_group import ClockGroup
from ui.look import BASE_POINT_SIZE
from ui.messages import error_with_code
from ui.naming import named
from ui.session import Session
from ui.signers_group import SignersGroup

SETTINGS_ROLES = frozenset({"supervisor", "administrator"})
# docs/USERS.md: the city's address and tuning are a supervisor's (sync.configure); the idle
# lock time belongs to the counter itself, an administrator's (counter.settings).
SYNC_ACTION, COUNTER_ACTION = "sync.configure", "counter.settings"
MAX_BATCH_SIZE = 50  # sync.md B2
# The dialog opens as tall as its groups plus the error line and buttons (about 80 px), but
# never taller than this share of the screen: the groups scroll beyond it.
SETTINGS_CHROME_PX = 80
SCREEN_SHARE = 0.9


def apply_font_scale(percent: int) -> None:
    """The application font at ``percent`` of the base size; every widget follows at once."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * percent / 100)
    app.setFont(font)
    _restyle(app)


def _restyle(app: QApplication) -> None:
    """A widget with a style sheet (a coloured finding, an error line) keeps the font it had
    when the sheet was applied, whatever the application's font becomes; the same sheet
    applied again takes the new size."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


@dataclass(frozen=True)
class AllSettings:
    ui: UiSettings
    intake: IntakeSettings
    forms: FormSettings
    sync: SyncSettings


def load_all(store: Store) -> AllSettings:
    return AllSettings(
        load_ui_settings(store),
        load_intake_settings(store),
        load_form_settings(store),
        load_sync_settings(store),
    )


@dataclass(frozen=True)
class Changes:
    ui: dict[str, Any]
    intake: dict[str, Any]
    forms: dict[str, Any]
    sync: dict[str, Any]


def save_all(store: Store, changes: Changes, *, actor: str, role: str) -> AllSettings:
    """Store job: every changed setting through the one settings service, which checks the
    role each needs (``domain/roles.py``) and saves all or nothing."""
    assignments = {
        f"{group}.{name}": value
        for group, values in asdict(changes).items()
        for name, value in values.items()
    }
    if assignments:
        change_settings(store, with_checked_url(assignments), actor=actor, role=role,
                        now=now_vn())  # fmt: skip
    return load_all(store)


class SettingsDialog(QDialog):
    """Loads on open, saves on OK; stays open with the reason when a value is refused."""

    saved = Signal(object)  # AllSettings

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._session = session
        self._loaded: AllSettings | None = None
        self._build()
        self.setEnabled(False)  # until the settings are read
        session.store.run(load_all, on_done=self._fill, on_error=self._show_error)

    def _build(self) -> None:
        content = QWidget()
        groups = QVBoxLayout(content)
        groups.addWidget(self._window_group())
        groups.addWidget(self._scanner_group())
        groups.addWidget(self._printing_group())
        groups.addWidget(self._sync_group())
        self.signers = SignersGroup(self._session.role, self)
        groups.addWidget(self.signers)
        self.clock = ClockGroup(self._session, self)
        groups.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.addWidget(self._scrolling(content))
        self.error_label = QLabel()
        self.error_label.setObjectName("settingsError")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self._fit_to_screen(content)

    def _scrolling(self, content: QWidget) -> QScrollArea:
        """The groups scroll, the buttons stay: six groups are taller than a 768-pixel screen,
        more so at 150 % text."""
        scroll = QScrollArea()
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(content.sizeHint().width() + bar)
        return scroll

    def _fit_to_screen(self, content: QWidget) -> None:
        wanted = content.sizeHint().height() + SETTINGS_CHROME_PX
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, int(screen.availableGeometry().height() * SCREEN_SHARE))
        self.resize(self.sizeHint().width(), wanted)

    def _window_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Window"))
        form = QFormLayout(group)
        self.language = named(QComboBox(), "settingsLanguage")
        for code, name in zip(LANGUAGES, ("Tiếng Việt", "English"), strict=True):
            self.language.addItem(name, code)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", QLabel(self.tr("A new language applies at the next start.")))
        self.font_scale = named(QComboBox(), "settingsFontScale")
        for percent in FONT_SCALES:
            self.font_scale.addItem(f"{percent} %", percent)
        form.addRow(self.tr("Text size"), self.font_scale)
        self.idle_lock = named(QSpinBox(), "settingsIdleLock")
        self.idle_lock.setRange(*IDLE_LOCK_RANGE)
        self.idle_lock.setSuffix(self.tr(" min"))
        form.addRow(self.tr("Lock the screen after"), self.idle_lock)
        may = allows(self._session.role, COUNTER_ACTION)
        self.idle_lock.setEnabled(may)
        applies = self.tr("Text size and lock time apply at once.")
        only = self.tr("Only an administrator changes the lock time.")
        form.addRow("", QLabel(applies if may else f"{applies} {only}"))
        return group

    def _scanner_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Scanning"))
        form = QFormLayout(group)
        self.scanner_port = named(QComboBox(), "settingsScannerPort")
        self.scanner_port.setEditable(True)
        form.addRow(self.tr("Scanner port (COM)"), self.scanner_port)
        self.camera = QCheckBox(self.tr("Show the webcam beside the form and read cards with it"))
        self.camera.setObjectName("settingsCamera")
        form.addRow("", self.camera)
        form.addRow("", QLabel(self.tr("Scanner and webcam changes apply at the next start.")))
        return group

    def _printing_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Printing"))
        form = QFormLayout(group)
        self.receipt_layout = named(QComboBox(), "settingsReceiptLayout")
        for layout in RECEIPT_LAYOUTS:
            self.receipt_layout.addItem(layout.upper(), layout)
        form.addRow(self.tr("Receipt paper"), self.receipt_layout)
        self.print_preview = QCheckBox(self.tr("Preview before printing"))
        self.print_preview.setObjectName("settingsPrintPreview")
        form.addRow("", self.print_preview)
        return group

    def _sync_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Sending to the city"))
        form = QFormLayout(group)
        self.sync_url = named(QLineEdit(), "settingsSyncUrl")
        self.sync_url.setPlaceholderText("https://")
        form.addRow(self.tr("City server address"), self.sync_url)
        self.batch_size = named(QSpinBox(), "settingsBatchSize")
        self.batch_size.setRange(1, MAX_BATCH_SIZE)
        form.addRow(self.tr("Dossiers per batch"), self.batch_size)
        self.send_refused = QCheckBox(self.tr("Also send the dossiers refused at intake"))
        self.send_refused.setObjectName("settingsSendRefused")
        form.addRow("", self.send_refused)
        group.setEnabled(allows(self._session.role, SYNC_ACTION))
        if not group.isEnabled():
            form.addRow("", QLabel(self.tr("Only a supervisor or an administrator changes these.")))
        return group

    def _fill(self, loaded: AllSettings) -> None:
        self._loaded = loaded
        _select(self.language, loaded.ui.language)
        _select(self.font_scale, loaded.ui.font_scale)
        self.idle_lock.setValue(loaded.ui.idle_lock_minutes)
        self._fill_ports(loaded.intake.scanner_port)
        self.camera.setChecked(loaded.intake.camera)
        _select(self.receipt_layout, loaded.forms.receipt_layout)
        self.print_preview.setChecked(loaded.intake.print_preview)
        self.sync_url.setText(loaded.sync.url)
        self.batch_size.setValue(loaded.sync.batch_size)
        self.send_refused.setChecked(loaded.sync.send_refused_at_intake)
        self.signers.fill(loaded.forms)
        self.setEnabled(True)

    def _fill_ports(self, current: str) -> None:
        self.scanner_port.clear()
        self.scanner_port.addItem("")
        for name in _serial_ports():
            self.scanner_port.addItem(name)
        self.scanner_port.setCurrentText(current)

    def changes(self) -> Changes:
        """What differs from the loaded settings, by group."""
        assert self._loaded is not None, "save is enabled only once loaded"
        old = self._loaded
        ui = {"language": self.language.currentData(), "font_scale": self.font_scale.currentData()}
        if allows(self._session.role, COUNTER_ACTION):
            ui["idle_lock_minutes"] = self.idle_lock.value()
        intake = {
            "scanner_port": self.scanner_port.currentText().strip(),
            "camera": self.camera.isChecked(),
            "print_preview": self.print_preview.isChecked(),
        }
        forms = {"receipt_layout": self.receipt_layout.currentData()}
        signers = self.signers.changes(old.forms)
        sync: dict[str, Any] = {}
        if allows(self._session.role, SYNC_ACTION):
            sync = {
                "url": self.sync_url.text().strip(),
                "batch_size": self.batch_size.value(),
                "send_refused_at_intake": self.send_refused.isChecked(),
            }
        return Changes(
            ui={k: v for k, v in ui.items() if getattr(old.ui, k) != v},
            intake={k: v for k, v in intake.items() if getattr(old.intake, k) != v},
            forms={k: v for k, v in forms.items() if getattr(old.forms, k) != v} | signers,
            sync={k: v for k, v in sync.items() if getattr(old.sync, k) != v},
        )

    def save(self) -> None:
        if self._loaded is None:
            return
        changes, actor, role = self.changes(), self._session.user or "app", self._session.role
        self.setEnabled(False)
        self._session.store.run(
            lambda store: save_all(store, changes, actor=actor, role=role),
            on_done=self._saved,
            on_error=self._show_error,
        )

    def _saved(self, loaded: AllSettings) -> None:
        self._loaded = loaded
        apply_font_scale(loaded.ui.font_scale)
        self.saved.emit(loaded)
        self.setEnabled(True)
        self.accept()

    def _show_error(self, error: BaseException) -> None:
        self.error_label.setText(error_with_code(error, self._session.lang))
        self.setEnabled(self._loaded is not None)


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def _serial_ports() -> list[str]:
    """The serial ports this computer has now; the box stays editable for one plugged in later."""
    try:
        from PySide6.QtSerialPort import QSerialPortInfo
    except ImportError:  # a build without QtSerialPort: the name is typed
        return []
    return sorted(info.portName() for info in QSerialPortInfo.availablePorts())
