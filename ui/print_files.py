"""The PDF saved for the clerk when it cannot be printed: no printer, a missing one, an error.

Qt-free, so a worker thread may call it. A saved receipt holds a citizen's data: the file is
owner-only where the OS supports it (0600 on POSIX; on Windows the user's Documents folder is
already private), and an existing file is never overwritten: a second copy of the same
dossier gets ``-2``, ``-3``… after its timestamp.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import platformdirs

from counter_app.services.clock import now_vn
from counter_app.services.paths import DATA_DIR_ENV, OWNER_ONLY_DIR, write_private_file
from ui.print_errors import PrintSaveFailedError

# The folder where unprinted PDFs go unless the caller names one: under the data folder when
# IT named one (--data-dir or COUNTER_APP_DATA_DIR), else under the user's Documents, where a
# clerk looks first; the subfolder keeps receipts together.
DEFAULT_SUBFOLDER = "Biên nhận"
# The name used when the caller gives no usable stem (a stem is normally the dossier code).
FALLBACK_STEM = "giay-to"
# How many "-N" suffixes to try for one timestamp: far more copies than a clerk prints in a
# second; past it something is wrong with the folder, not with the name.
_MAX_SAME_NAME = 999
# Dossier codes use digits, letters, "." and "-"; anything else (path separators, spaces,
# characters Windows forbids) becomes "_" so a stem can never leave the folder.
_UNSAFE_RUN = re.compile(r"[^0-9A-Za-z.\-]+")


def default_save_folder() -> Path:
    """``Biên nhận`` in the data folder IT named, else in the user's Documents (not created
    here). A named data folder is a portable or scripted install: the home folder may then be
    another user's, read-only, or missing."""
    named = os.environ.get(DATA_DIR_ENV)
    base = Path(named) if named else Path(platformdirs.user_documents_dir())
    return base / DEFAULT_SUBFOLDER


def safe_stem(stem: str) -> str:
    """``stem`` reduced to characters that are safe in a file name on every OS."""
    cleaned = _UNSAFE_RUN.sub("_", stem).strip("._-")
    return cleaned[:80] or FALLBACK_STEM


def save_pdf_copy(
    pdf: bytes, *, stem: str, folder: Path | None = None, now: datetime | None = None
) -> Path:
    """Write ``pdf`` as ``<stem>_<YYYYmmdd-HHMMSS>.pdf`` in ``folder`` and return its path.

    ``stem`` must be a dossier code or another name without personal data: it ends up in a
    file name the whole office may see. Raises ``PrintSaveFailedError`` when the folder cannot
    be made or written; never leaves a partial file.
    """
    target = _ensure_folder(folder if folder is not None else default_save_folder())
    base = f"{safe_stem(stem)}_{(now or now_vn()):%Y%m%d-%H%M%S}"
    for number in range(1, _MAX_SAME_NAME + 1):
        path = target / (f"{base}.pdf" if number == 1 else f"{base}-{number}.pdf")
        if _save_new(path, pdf):
            return path
    raise PrintSaveFailedError(f"no free file name in {target}")


def _ensure_folder(folder: Path) -> Path:
    # A folder the app creates is owner-only; one that exists is left as IT set it up.
    try:
        folder.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
    except OSError as exc:
        raise PrintSaveFailedError(str(folder)) from exc
    return folder


def _save_new(path: Path, pdf: bytes) -> bool:
    """Write ``pdf`` as ``path``, whole and owner-only; False when the name is taken."""
    if path.exists():  # a quick skip; write_private_file still refuses a name taken meanwhile
        return False
    try:
        write_private_file(path, pdf, overwrite=False)
    except FileExistsError:
        return False
    except OSError as exc:
        raise PrintSaveFailedError(str(path.parent)) from exc
    return True
