"""Database errors that escaped a service, as the app's typed errors; free space for the window.

Most store work goes through ``write_transaction``, which types its errors. A read (a list, a
search) can still meet a damaged page or a full disk as a bare SQLite error; the CLI's and the
window's last-resort handlers ask ``database_error`` before calling anything ``UNEXPECTED``.
"""

from __future__ import annotations

from pathlib import Path

from counter_app.errors import CounterAppError
from counter_app.storage.engine import ANY_DATABASE_ERROR, classify_error, free_bytes, human_size

# The window warns when the data folder has less free than this, or than twice the store's
# size if that is more: a backup into backups/ needs the store's size again, and the store
# needs room to grow (its -wal, a day's dossiers). 500 MB covers a year of a busy counter's
# intake on top of today's store.
LOW_SPACE_WARNING_BYTES = 500 * 1024 * 1024


def database_error(error: BaseException, *, folder: Path | None) -> CounterAppError | None:
    """The typed error for a bare SQLite error (STORE_CORRUPT, DISK_FULL, STORE_LOCKED …).

    None for anything else, which stays unexpected. ``folder``: the data folder, whose free
    space tells a full disk from a damaged file.
    """
    if not isinstance(error, ANY_DATABASE_ERROR):
        return None
    return classify_error(error, folder=folder)


def low_space(folder: Path, *, store_size: int) -> str | None:
    """The free space ("312 MB") when it is below the warning threshold, else None."""
    free = free_bytes(folder)
    if free is None or free >= max(LOW_SPACE_WARNING_BYTES, 2 * store_size):
        return None
    return human_size(free)


def free_space(folder: Path) -> str:
    """The free space of ``folder`` as IT reads it ("312 MB"), or "?" when it cannot be told."""
    free = free_bytes(folder)
    return "?" if free is None else human_size(free)
