"""Errors of the marks file (``marks.db``), each with its own words (texts/marks.py).

The marks file is plain SQLite through the standard library, so its errors are the stdlib's
``sqlite3`` classes: they are turned into the app's typed errors here.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from counter_app.errors import EnvironmentProblem
from counter_app.storage.engine import LOW_SPACE_BYTES, DiskFullError, space_detail


class MarksLockedError(EnvironmentProblem):
    """Another program holds the marks file (``marks.db``) locked: nothing was saved."""

    code = "MARKS_LOCKED"


class MarksDamagedError(EnvironmentProblem):
    """The marks file is not a readable database: nothing was saved."""

    code = "MARKS_DAMAGED"


class MarksWriteError(EnvironmentProblem):
    """The marks file cannot be written (read-only, no permission, an I/O error)."""

    code = "MARKS_WRITE_FAILED"


@contextlib.contextmanager
def marks_errors(path: Path) -> Iterator[None]:
    """Errors of the marks file as the app's typed errors, each with its own words."""
    try:
        yield
    except sqlite3.Error as error:
        raise _classify(error, path.parent) from None
    except OSError as error:
        if _short_of_space(path.parent):
            raise _disk_full(path.parent) from None
        raise MarksWriteError(type(error).__name__) from None


def _classify(error: sqlite3.Error, folder: Path) -> EnvironmentProblem | DiskFullError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return MarksLockedError("")
    if "not a database" in text or "malformed" in text:
        return MarksDamagedError("")
    if "full" in text or _short_of_space(folder):
        return _disk_full(folder)
    return MarksWriteError(type(error).__name__)


def _disk_full(folder: Path) -> DiskFullError:
    try:
        free: int | None = shutil.disk_usage(folder).free
    except OSError:
        free = None
    return DiskFullError(space_detail(folder, free) or "marks")


def _short_of_space(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False
