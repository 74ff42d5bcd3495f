"""Where the app keeps its files: one data folder, owner-only.

``COUNTER_APP_DATA_DIR`` overrides the platform's per-user data folder (IT, tests, portable
installs). Personal data lives here, so every folder is 0700 and every file 0600, and a file
is written whole or not at all (``write_private_file``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import platformdirs

from counter_app import APP_NAME
from counter_app.errors import EnvironmentProblem

DATA_DIR_ENV = "COUNTER_APP_DATA_DIR"


class DataFolderUnusableError(EnvironmentProblem, OSError):
    """The data folder cannot be made or used; ``detail`` is the OS error's kind.

    Also an OSError: code that guards its file work (a log line, a crash report) with
    ``except OSError`` keeps doing so when the folder itself is the problem.
    """

    code = "DATA_FOLDER_UNUSABLE"


OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600
# A file made here, never one that exists; O_BINARY: no newline translation on Windows.
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder, created owner-only if missing.

    Raises DataFolderUnusableError when it cannot be (a file in the way, no permission, a
    read-only disk): every command then says so instead of failing as unexpected.
    """
    chosen = (
        override
        or os.environ.get(DATA_DIR_ENV)
        # appauthor=False: no vendor folder level on Windows (AppData\Local\counter-app).
        or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    )
    try:
        return ensure_private_dir(Path(chosen))
    except OSError as error:
        # The kind of failure only: the folder's path may name a person (a user folder).
        raise DataFolderUnusableError(type(error).__name__) from error


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


def write_private_file(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` whole or not at all, owner-only (0600).

    The bytes go to a temporary file in the same folder (so the rename is atomic), are fsynced,
    and only then take ``path``'s name: a reader, a power cut or a pulled USB stick sees the old
    file or the whole new one, never half. With ``overwrite=False`` an existing ``path`` is
    never replaced: FileExistsError, and that file is left as it was. Any other failure raises
    the step's OSError for the caller to turn into its typed error; no temporary file is left.
    """
    temp = _private_temp(path, data)
    try:
        if overwrite:
            os.replace(temp, path)
        else:
            _link_new(temp, path, data)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    fsync_folder(path.parent)


def _private_temp(path: Path, data: bytes) -> Path:
    """A fsynced owner-only copy of ``data`` beside ``path``, under a fresh hidden name."""
    # mkstemp: os.open with O_CREAT | O_EXCL (| O_BINARY on Windows) and mode 0600, under a
    # name no other writer holds. The stem is cut so the name stays within 255 bytes.
    fd, name = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".tmp", dir=path.parent)
    _fill(fd, Path(name), data)
    return Path(name)


def _link_new(temp: Path, path: Path, data: bytes) -> None:
    """Give ``temp``'s content the name ``path`` unless that name exists (FileExistsError)."""
    try:
        os.link(temp, path)  # atomic, and refuses an existing name
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system (FAT32 and exFAT sticks, some network shares):
        # reserve the name with O_EXCL instead; a genuine error repeats itself there.
        _fill(os.open(path, _NEW_FILE_FLAGS, OWNER_ONLY_FILE), path, data)


def _fill(fd: int, path: Path, data: bytes) -> None:
    """Write ``data`` through the new file ``fd`` and fsync it; remove ``path`` on failure."""
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # POSIX: exactly 0600 whatever the umask (not on Windows)
                os.fchmod(handle.fileno(), OWNER_ONLY_FILE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def fsync_folder(folder: Path) -> None:
    """Make a new name or a removal durable; Windows cannot open a folder, and NTFS journals
    renames itself."""
    if os.name == "nt":
        return
    # Best effort: the file is already whole under its name. Some file systems refuse to
    # fsync a folder (EINVAL), and a write-only folder cannot be opened for it.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
