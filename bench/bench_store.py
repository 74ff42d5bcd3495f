"""The store at a realistic size: seeding, opening, saving and searching, encrypted and plain.

Each kind of store is seeded with ``--rows`` synthetic dossiers (``counter-app demo seed``'s
service) in a temporary folder, measured, and deleted. Targets: open ≤ 0.3 s, one save p95
≤ 5 ms, ID-number lookup p95 ≤ 1 ms, name search (limit 50) p95 ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

# Never touch the real keyring of the machine running the bench: keys go to a key file.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from bench.store_saves import ROUNDS, SAVES, interleaved_saves, summary
from counter_app.services.audit_check import verify_audit
from counter_app.services.clock import now_vn
from counter_app.services.demo.seed import seed_demo
from counter_app.services.dossiers.search import search_dossiers
from counter_app.services.settings.counter import build_config, load_config
from counter_app.services.store.opening import Store, create_store, open_store
from counter_app.services.store.setup import set_up_counter
from counter_app.storage.engine import quick_check
from counter_app.storage.marks import MARKS_FILE_NAME

DEFAULT_ROWS = 1_000_000
SEED = 20261125
OPENS = 20  # opens to take the median of (each is a new connection and migrations check)
LOOKUPS = 500
NAME_SEARCHES = 300
TARGET_OPEN_S = 0.3
TARGET_SAVE_P95_MS = 5.0
TARGET_SAVE_RATIO = 1.3  # encrypted save median over the plain one, in the same run
TARGET_LOOKUP_P95_MS = 1.0
TARGET_NAME_P95_MS = 20.0
# Common and rare names, folded and cut like a clerk types them.
NAME_QUERIES = (
    "nguyen thi h", "tran van n", "le thi t", "pham minh", "nguyen van a", "hoang thu",
    "vu duc", "bui thi l", "khuc thi u", "quach van t", "ta ngoc y", "lai duc h",
    "kieu thi l", "dang thanh h", "duong quoc",
)  # fmt: skip


def kept_store(root: Path, *, encrypted: bool, rows: int) -> tuple[Path, float | None]:
    """The folder of a seeded store kept under ``root`` between runs; the seeding rate if new.

    A million dossiers take minutes to seed: ``--keep`` reuses them. A folder whose seeding
    did not finish (no ``seeded`` note) is seeded again from scratch.
    """
    folder = root / f"{'encrypted' if encrypted else 'plain'}-{rows}"
    done = folder / "seeded"
    if done.exists():
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, mode=0o700)
    store, rate = _seeded(folder, encrypted=encrypted, rows=rows)
    store.close()
    done.write_text(f"{rows}\n", encoding="utf-8")
    return folder, rate


def _seeded(folder: Path, *, encrypted: bool, rows: int) -> tuple[Store, float]:
    """A set-up store with ``rows`` dossiers received up to yesterday; the seeding rate."""
    store = create_store(folder, encrypted=encrypted, prefer_keyring=False)
    config, _ = build_config(
        agency_code="000.31.27.H26", agency_name="UBND phường Bench", counter=1
    )
    yesterday = now_vn() - timedelta(days=1)
    set_up_counter(store, config, actor="bench", now=yesterday)
    start = time.perf_counter()
    seed_demo(store, count=rows, seed=SEED, actor="bench", now=yesterday)
    return store, rows / (time.perf_counter() - start)


def _times_ms(action: Callable[[int], object], n: int) -> list[float]:
    samples = []
    for i in range(n):
        start = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _open_s(folder: Path) -> float:
    def one(_: int) -> None:
        store = open_store(folder)
        load_config(store)  # the first query the app makes
        store.close()

    return statistics.median(_times_ms(one, OPENS)) / 1000


def _lookups(store: Store) -> list[float]:
    numbers = [
        str(row[0])
        for row in store.db.conn.execute(
            "SELECT id_number FROM dossiers ORDER BY random() LIMIT ?", (LOOKUPS,)
        )
    ]
    return _times_ms(lambda i: search_dossiers(store, numbers[i]), len(numbers))


def _names(store: Store) -> list[float]:
    queries = NAME_QUERIES
    return _times_ms(lambda i: search_dossiers(store, queries[i % len(queries)]), NAME_SEARCHES)


def measure(folder: Path, *, quick: bool) -> dict[str, float]:
    """Everything but the saves, on a seeded store; ``quick`` skips the minute-long checks."""
    opened = _open_s(folder)
    store = open_store(folder)
    try:
        lookups, names = _lookups(store), _names(store)
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        nan = float("nan")
        checked = nan if quick else _seconds(lambda: quick_check(store.db))
        verified = nan if quick else _verify_s(store)
    finally:
        store.close()
    rebuilt = float("nan") if quick else _rebuild_s(folder)
    size = sum(f.stat().st_size for f in folder.iterdir() if f.name.startswith("counter.db"))
    return {
        "open": opened,
        "id50": statistics.median(lookups),
        "id95": _p95(lookups),
        "name50": statistics.median(names),
        "name95": _p95(names),
        "size": size / 1e6,
        "quick": checked,
        "verify": verified,
        "rebuild": rebuilt,
    }


def measure_both(rows: int, *, keep: Path | None, quick: bool) -> tuple[dict, dict]:
    """Both stores seeded (or kept from an earlier run), saves interleaved, then the rest."""
    root = keep or Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        (enc_folder, enc_rate), (plain_folder, plain_rate) = (
            kept_store(root, encrypted=kind, rows=rows) for kind in (True, False)
        )
        saves = interleaved_saves(enc_folder, plain_folder)
        enc = {"rate": enc_rate, **summary(saves[True]), **measure(enc_folder, quick=quick)}
        plain = {"rate": plain_rate, **summary(saves[False]), **measure(plain_folder, quick=quick)}
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return enc, plain


def _seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _verify_s(store: Store) -> float:
    """``audit verify``: the chain, the marks and every dossier's digest; it must come out ok."""
    start = time.perf_counter()
    report = verify_audit(store)
    elapsed = time.perf_counter() - start
    assert report.ok, report.as_json()
    return elapsed


def _rebuild_s(folder: Path) -> float:
    """A start that finds ``marks.db`` gone rebuilds it from every dossier of the store."""
    for suffix in ("", "-wal", "-shm"):
        (folder / f"{MARKS_FILE_NAME}{suffix}").unlink(missing_ok=True)
    return _seconds(lambda: open_store(folder).close())


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "NOT met"


def _cell(value: float | None, fmt: str) -> str:
    """A figure, or a dash for what this run did not measure (a kept store, ``--quick``)."""
    return "—" if value is None or math.isnan(value) else f"{value:{fmt}}"


def run(rows: int = DEFAULT_ROWS, *, keep: Path | None = None, quick: bool = False) -> str:
    enc, plain = measure_both(rows, keep=keep, quick=quick)

    def line(label: str, key: str, fmt: str, target: float | None = None) -> str:
        verdicts = (
            "—" if target is None else " / ".join(_verdict(r[key], target) for r in (enc, plain))
        )
        return f"| {label} | {_cell(enc[key], fmt)} | {_cell(plain[key], fmt)} | {verdicts} |"

    ratio = enc["save50"] / plain["save50"]
    return "\n".join(
        [
            "## The store with many dossiers",
            "",
            f"`python -m bench.bench_store --rows {rows}`: each store "
            f"seeded with {rows:,} synthetic dossiers (`demo seed`'s service), then measured. "
            f"Open: median of {OPENS} (connection, key, migrations check, first query); save: "
            f"{SAVES} `receive_dossier` calls per store with their audit and outbox rows, the "
            f"two stores open together and taking turns ({ROUNDS} rounds of "
            f"{SAVES // ROUNDS} each) so that a slow phase of the machine hits both alike; "
            f"ID lookup: {LOOKUPS} random stored numbers through `search_dossiers`; names: "
            f"{NAME_SEARCHES} searches, limit 50, common and rare names (`nguyen thi h`, "
            "`khuc thi u`). `--keep DIR` seeds the stores once into DIR and reuses them.",
            "",
            "| measure | encrypted | plain | target met (encrypted / plain) |",
            "|---|---:|---:|---|",
            line("seeding, rows/s", "rate", ",.0f"),
            line(f"open, s (target ≤ {TARGET_OPEN_S})", "open", ".4f", TARGET_OPEN_S),
            line("save p50, ms", "save50", ".2f"),
            line(f"save p95, ms (target ≤ {TARGET_SAVE_P95_MS:.0f})", "save95", ".2f",
                 TARGET_SAVE_P95_MS),
            line("save p99, ms", "save99", ".2f"),
            line("slowest save, ms", "savemax", ".2f"),
            line("ID lookup p50, ms", "id50", ".3f"),
            line(f"ID lookup p95, ms (target ≤ {TARGET_LOOKUP_P95_MS:.0f})", "id95", ".3f",
                 TARGET_LOOKUP_P95_MS),
            line("name search p50, ms", "name50", ".2f"),
            line(f"name search p95, ms (target ≤ {TARGET_NAME_P95_MS:.0f})", "name95", ".2f",
                 TARGET_NAME_P95_MS),
            line("file size, MB", "size", ",.0f"),
            line("daily quick_check, s", "quick", ".1f"),
            line("audit verify (chain, marks, every dossier's digest), s", "verify", ".1f"),
            line("start that rebuilds a lost marks.db, s", "rebuild", ".1f"),
            "",
            f"Encrypted save median / plain save median: **{ratio:.2f}×** "
            f"(target ≤ {TARGET_SAVE_RATIO}×: {_verdict(ratio, TARGET_SAVE_RATIO)}).",
        ]
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the store with many dossiers.")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="dossiers per store")
    parser.add_argument("--keep", type=Path, help="seed the stores here once and reuse them")
    parser.add_argument(
        "--quick", action="store_true", help="skip quick_check, audit verify and the rebuild"
    )
    args = parser.parse_args()
    print(run(args.rows, keep=args.keep, quick=args.quick))


if __name__ == "__main__":
    main()
