"""Writing a printed document to a file: whole or not at all, readable by its owner only."""

from __future__ import annotations

import errno
from pathlib import Path

from counter_app.errors import BadInputError
from counter_app.services.paths import write_private_file
from counter_app.storage.engine import DiskFullError


class OutputFolderMissingError(BadInputError):
    code = "OUTPUT_FOLDER_MISSING"


class OutputUnwritableError(BadInputError):
    code = "OUTPUT_UNWRITABLE"


class OutputExistsError(BadInputError):
    """``--out`` names a file that exists: a receipt or an export is never replaced silently
    (``--force`` replaces it). The detail is the file's name."""

    code = "OUTPUT_EXISTS"


def refuse_existing(path: Path | None, *, force: bool) -> None:
    """Before any work: an existing output file is an error unless the caller forces it."""
    if path is not None and not force and (path.exists() or path.is_symlink()):
        raise OutputExistsError(path.name)


def write_document(path: Path, data: bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` to ``path`` whole or not at all, owner-only (``write_private_file``).

    A full disk or a pulled USB stick leaves no half-written PDF that looks like a receipt.
    """
    if not path.parent.is_dir():
        raise OutputFolderMissingError("")
    try:
        write_private_file(path, data, overwrite=overwrite)
    except FileExistsError:  # created since the check: still never replaced
        raise OutputExistsError(path.name) from None
    except OSError as error:
        raise _classify(error) from None
    return path


def _classify(error: OSError) -> Exception:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError("")
    if isinstance(error, IsADirectoryError):
        return OutputUnwritableError("")
    return OutputUnwritableError(type(error).__name__)
