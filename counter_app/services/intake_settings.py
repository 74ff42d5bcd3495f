"""The intake screen's settings (keys ``intake.*`` in the store, audited when changed).

The COM-port scanner's port is typed, not picked from a list: virtual ports (a USB-CDC
scanner that is unplugged for now, a pty in tests) are not always listed by the system.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime

from counter_app.domain.vn_time import iso_vn
from counter_app.services.store import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.settings import all_settings, set_setting

PREFIX = "intake."


@dataclass(frozen=True)
class IntakeSettings:
    scanner_port: str = ""  # e.g. "COM3" or "/dev/ttyACM0"; empty: no COM-port scanner
    scanner_baud: int = 9600  # USB-CDC ignores it; real RS-232 scanners default to 9600
    print_preview: bool = False  # True: show the preview instead of printing directly
    camera: bool = False  # True: open the webcam with the screen
    # Keyboard wedge: a USB-HID scanner sends a key every 1-15 ms (USB polling at 1-8 ms plus
    # the scanner's own inter-character delay); a fast typist's keys come 60-150 ms apart and
    # key rollover rarely goes below 30 ms more than twice in a row. IT raises the gap for a
    # slow Bluetooth scanner.
    wedge_gap_ms: int = 30
    # The shortest burst taken for a scan: an ID card QR is 60+ characters, a receipt code 25,
    # a bare ID 12; ten keeps short fast flurries (a double key press, "ok" + Enter) as typing.
    wedge_min_length: int = 10


def load_intake_settings(store: Store) -> IntakeSettings:
    stored = all_settings(store.db)
    defaults = IntakeSettings()
    values = {
        name: type(default)(stored[PREFIX + name])
        for name, default in asdict(defaults).items()
        if PREFIX + name in stored
    }
    return replace(defaults, **values)


def change_intake_settings(
    store: Store, settings: IntakeSettings, *, actor: str, now: datetime
) -> None:
    with store.action() as db:
        for name, value in asdict(settings).items():
            set_setting(db, PREFIX + name, value)
        append_audit(
            db,
            at=iso_vn(now),
            actor=actor,
            action="settings.intake",
            subject="intake",
            details={"names": sorted(asdict(settings))},
        )
