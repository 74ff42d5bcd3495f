"""Writing a printed document to a file: whole or not at all, readable by its owner only."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from counter_app.errors import BadInputError
from counter_app.services.paths import OWNER_ONLY_FILE
from counter_app.storage.engine import DiskFullError


class OutputFolderMissingError(BadInputError):
    code = "OUTPUT_FOLDER_MISSING"


class OutputUnwritableError(BadInputError):
    code = "OUTPUT_UNWRITABLE"


def write_document(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    A full disk or a pulled USB stick leaves no half-written PDF that looks like a receipt.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputFolderMissingError("")
    try:
        fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=folder)
    except OSError as error:
        raise _classify(error) from None
    try:
        os.chmod(name, OWNER_ONLY_FILE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, path)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        raise _classify(error) from None
    return path


def _classify(error: OSError) -> Exception:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError("")
    if isinstance(error, IsADirectoryError):
        return OutputUnwritableError("")
    return OutputUnwritableError(type(error).__name__)
