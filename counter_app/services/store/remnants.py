"""What a data folder holds besides a working store: the traces that forbid a fresh setup.

A fresh setup makes a new key. Where a store lived before (a store set aside, a restore's copy
or journal, an empty ``counter.db``, a key in the key file or the keyring), that new key would
leave the old store and every backup unreadable. So ``create_store`` refuses there, naming what
it found, and a command on such a folder says "restore a backup or call IT", never "not set up".
"""

from __future__ import annotations

from pathlib import Path

from counter_app.errors import EnvironmentProblem
from counter_app.services.backup.restore_journal import JOURNAL_NAME
from counter_app.services.backup.restore_swap import COMPANIONS, recover_interrupted_restore
from counter_app.services.store import keys

# Stores kept aside by a restore or by ``setup --replace``, and copies being written.
REMNANT_PATTERNS = (
    "counter-before-restore-*.db*",
    "counter-before-replace-*.db*",
    f"{keys.KEY_FILE_NAME}{keys.REPLACED}*",
    "*.partial",
    JOURNAL_NAME,
)


class StoreSetupRefusedError(EnvironmentProblem):
    """``setup`` found traces of an earlier store or its key: a new key would orphan them."""

    code = "STORE_SETUP_REFUSED"


class StoreMissingError(EnvironmentProblem):
    """``counter.db`` is missing or empty, but an earlier store or its key is here."""

    code = "STORE_MISSING"


def find_remnants(store_path: Path) -> list[str]:
    """The file names (and "keyring") of every trace of an earlier store; [] for a new folder."""
    folder = store_path.parent
    found = [p.name for p in [store_path, *(_companion(store_path, s) for s in COMPANIONS)]
             if p.exists()]  # fmt: skip
    for pattern in REMNANT_PATTERNS:
        found += sorted(p.name for p in folder.glob(pattern))
    return found + keys.kept_keys(store_path)


def before_open(store_path: Path) -> None:
    """Repair an interrupted restore; a store gone but traced is no "not set up"."""
    recover_interrupted_restore(store_path.parent)
    if not _whole(store_path):
        found = find_remnants(store_path)
        if found:
            raise StoreMissingError(", ".join(found))


def before_create(store_path: Path) -> None:
    """Repair an interrupted restore, then refuse a new store beside any trace of an old one."""
    recover_interrupted_restore(store_path.parent)
    found = find_remnants(store_path)
    if found:
        raise StoreSetupRefusedError(", ".join(found))


def _whole(store_path: Path) -> bool:
    return store_path.exists() and store_path.stat().st_size > 0


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
