"""Find the shipped data files (fonts, catalogue, calendar, translations) from anywhere.

One function for every reader, so the same code works from a checkout, an installed wheel and
the PyInstaller bundle (where data files sit under ``sys._MEIPASS``).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

RESOURCES_DIR_NAME = "resources"


@functools.cache
def resources_root() -> Path:
    """Found once per process: it never moves while the app runs, and ``resolve`` is a syscall."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / RESOURCES_DIR_NAME
    return Path(__file__).resolve().parent.parent / RESOURCES_DIR_NAME


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_root().joinpath(*parts)
