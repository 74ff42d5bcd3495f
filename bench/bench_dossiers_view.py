"""Opening the dossiers view (Hồ sơ) on a store of a million dossiers: time to the first rows.

Building a million-dossier store takes minutes (``demo seed``'s service at about 1,500 rows a
second), so the store is built once under ``bench/out/`` and reused while it exists: delete
the folder to build it again. The view is opened as the clerk opens it: a new window and
store connection, the screen installed and shown, until its table holds rows and has painted
them. Target: ≤ 1 s to the first rows shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

# Never touch the real keyring of the machine running the bench: keys go to a key file.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from counter_app.services.clock import now_vn
from counter_app.services.counter_config import build_config
from counter_app.services.demo import seed_demo
from counter_app.services.setup import set_up_counter
from counter_app.services.store import create_store, open_store, store_exists

DEFAULT_ROWS = 1_000_000
SEED = 20261126
OUT = Path(__file__).resolve().parent / "out"
OPENS = 5  # openings to take the median of (each a new window and store connection)
TARGET_FIRST_ROWS_S = 1.0
WAIT_S = 60.0  # give up on a measurement after this long (a broken build, not a figure)


def store_folder(rows: int) -> Path:
    return OUT / f"dossiers-view-{rows}"


def cached_store(rows: int, *, progress: Callable[[int, int], None] | None = None) -> Path:
    """The folder of an encrypted store with ``rows`` demo dossiers, built if missing.

    Dossiers are received up to now, so the newest ones are today's (when today is a working
    day and the store was built today); a store built earlier is reused as it is.
    """
    folder = store_folder(rows)
    if store_exists(folder) and (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store = create_store(folder, encrypted=True, prefer_keyring=False)
    try:
        config, _ = build_config(
            agency_code="000.31.27.H26", agency_name="UBND phường Bench", counter=1
        )
        now = now_vn()
        set_up_counter(store, config, actor="bench", now=now)
        seed_demo(store, count=rows, seed=SEED, actor="bench", now=now, progress=progress)
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    (folder / "ready").write_text("built\n", encoding="utf-8")
    return folder


def _print_progress(done: int, total: int) -> None:
    if done % 100_000 == 0 or done == total:
        print(f"seeded {done:,} / {total:,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark opening the dossiers view.")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="dossiers in the store")
    parser.add_argument("--build-only", action="store_true", help="only build the store")
    args = parser.parse_args()
    folder = cached_store(args.rows, progress=_print_progress)
    if args.build_only:
        print(folder)
        return
    print(run(args.rows))


def run(rows: int = DEFAULT_ROWS) -> str:
    raise NotImplementedError


_ = (open_store, statistics, time)

if __name__ == "__main__":
    main()
