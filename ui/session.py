"""What every screen of the window shares: the store runner, the language, the user, printing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ui.printing import PrintDesk
from ui.tasks import Background, StoreRunner


@dataclass
class Session:
    """One per window. GUI thread only; screens reach the store through ``store``."""

    store: StoreRunner
    background: Background  # CPU work that needs no store: decoding, rendering, printing
    print_desk: PrintDesk
    data_dir: Path | None  # None: the platform's data folder
    lang: str = "vi"
    user: str = ""  # the signed-in user's actor name ("user:lan"); set by sign-in
    user_name: str = ""  # their full name, as the status bar shows it; set by sign-in
    role: str = "clerk"  # clerk | supervisor | administrator; set by sign-in
    counter_label: str = ""  # "Quầy 2" for the status bar
    locked: bool = False  # the lock screen covers the window: scans are ignored
