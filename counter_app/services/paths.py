"""Where the app keeps its files: one data folder, owner-only.

``COUNTER_APP_DATA_DIR`` overrides the platform's per-user data folder (IT, tests, portable
installs). Personal data lives here, so every folder is 0700 and every file 0600.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from counter_app import APP_NAME

DATA_DIR_ENV = "COUNTER_APP_DATA_DIR"
OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder, created owner-only if missing."""
    chosen = (
        override
        or os.environ.get(DATA_DIR_ENV)
        # appauthor=False: no vendor folder level on Windows (AppData\Local\counter-app).
        or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    )
    return ensure_private_dir(Path(chosen))


def log_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return ensure_private_dir(data_dir(override) / "logs")


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
    os.chmod(path, OWNER_ONLY_DIR)
    return path


def open_private_for_append(path: Path) -> int:
    """A file descriptor for appending to ``path``, created 0600 (never world-readable)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, OWNER_ONLY_FILE)
    if hasattr(os, "fchmod"):  # POSIX: also tighten a file that existed before (not on Windows)
        os.fchmod(fd, OWNER_ONLY_FILE)
    return fd
