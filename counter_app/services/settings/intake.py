"""The intake screen's settings (keys ``intake.*`` in the store, validated, audited when changed).

The COM-port scanner's port is typed, not picked from a list: virtual ports (a USB-CDC
scanner that is unplugged for now, a pty in tests) are not always listed by the system.
The settings dialog edits the port, the preview and the webcam; the wedge thresholds are
IT's, for an unusual scanner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.domain.text import nfc
from counter_app.errors import BadInputError
from counter_app.services.settings.group import SettingsGroup, a_bool, int_in, one_of
from counter_app.services.store.opening import Store

PREFIX = "intake."
MAX_PORT_NAME = 100  # "COM3", "/dev/ttyUSB0": far shorter in practice
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
WEDGE_GAP_RANGE_MS = (5, 200)
WEDGE_MIN_LENGTH_RANGE = (4, 60)


class IntakeSettingInvalidError(BadInputError):
    """An intake setting is out of its range (the detail names the setting, never a value)."""

    code = "INTAKE_SETTING_INVALID"


@dataclass(frozen=True)
class IntakeSettings:
    scanner_port: str = ""  # e.g. "COM3" or "/dev/ttyACM0"; empty: no COM-port scanner
    scanner_baud: int = 9600  # USB-CDC ignores it; real RS-232 scanners default to 9600
    print_preview: bool = False  # ux.md: print at once; a preview only when asked for
    camera: bool = False  # True: open the webcam with the screen
    printer: str = ""  # the printer the forms go to; empty: the system's default printer
    # Keyboard wedge: a USB-HID scanner sends a key every 1-15 ms (USB polling at 1-8 ms plus
    # the scanner's own inter-character delay); a fast typist's keys come 60-150 ms apart and
    # key rollover rarely goes below 30 ms more than twice in a row. IT raises the gap for a
    # slow Bluetooth scanner.
    wedge_gap_ms: int = 30
    # The shortest burst taken for a scan: an ID card QR is 60+ characters, a receipt code 25,
    # a bare ID 12; ten keeps short fast flurries (a double key press, "ok" + Enter) as typing.
    wedge_min_length: int = 10
    # The chip's portrait is kept with the dossier (encrypted in the store) only where the ward
    # decides it needs it; off by default: keep no more personal data than the dossier needs.
    keep_chip_portrait: bool = False


def _port_name(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = nfc(value.strip())
    return text if len(text) <= MAX_PORT_NAME and text.isprintable() else None


_GROUP = SettingsGroup(
    PREFIX,
    IntakeSettings(),
    {
        "scanner_port": _port_name,
        "scanner_baud": one_of(BAUD_RATES),
        "print_preview": a_bool,
        "camera": a_bool,
        "printer": _port_name,  # a name as the system lists it: printable, bounded
        "wedge_gap_ms": int_in(*WEDGE_GAP_RANGE_MS),
        "wedge_min_length": int_in(*WEDGE_MIN_LENGTH_RANGE),
        "keep_chip_portrait": a_bool,
    },
    IntakeSettingInvalidError,
)


def load_intake_settings(store: Store) -> IntakeSettings:
    settings: IntakeSettings = _GROUP.load(store)
    return settings


def save_intake_settings(
    store: Store, changes: dict[str, Any], *, actor: str, now: datetime
) -> IntakeSettings:
    """Validate and store ``changes`` (name → value); one audited action, old and new values."""
    settings: IntakeSettings = _GROUP.save(store, changes, actor=actor, now=now)
    return settings


def check_intake_setting(name: str, value: Any) -> Any:
    """The value in its type, or IntakeSettingInvalidError naming the setting."""
    return _GROUP.check(name, value)
