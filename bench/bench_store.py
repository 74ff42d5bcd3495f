"""The store at a realistic size: seeding, opening, saving and searching, encrypted and plain.

Each kind of store is seeded with ``--rows`` synthetic dossiers (``counter-app demo seed``'s
service) in a temporary folder, measured, and deleted. Targets: open ≤ 0.3 s, one save p95
≤ 5 ms, ID-number lookup p95 ≤ 1 ms, name search (limit 50) p95 ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

# Never touch the real keyring of the machine running the bench: keys go to a key file.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from counter_app.domain.dossier import Applicant, ApplicantKind, IdType, Intake
from counter_app.services.audit_check import verify_audit
from counter_app.services.clock import now_vn
from counter_app.services.counter_config import build_config, load_config
from counter_app.services.demo import seed_demo
from counter_app.services.intake import receive_dossier
from counter_app.services.search import search_dossiers
from counter_app.services.setup import set_up_counter
from counter_app.services.store import Store, create_store, open_store
from counter_app.storage.engine import quick_check
from counter_app.storage.marks import MARKS_FILE_NAME

DEFAULT_ROWS = 1_000_000
SEED = 20261125
OPENS = 20  # opens to take the median of (each is a new connection and migrations check)
SAVES = 300
LOOKUPS = 500
NAME_SEARCHES = 300
TARGET_OPEN_S = 0.3
TARGET_SAVE_P95_MS = 5.0
TARGET_LOOKUP_P95_MS = 1.0
TARGET_NAME_P95_MS = 20.0
# Common and rare names, folded and cut like a clerk types them.
NAME_QUERIES = (
    "nguyen thi h", "tran van n", "le thi t", "pham minh", "nguyen van a", "hoang thu",
    "vu duc", "bui thi l", "khuc thi u", "quach van t", "ta ngoc y", "lai duc h",
    "kieu thi l", "dang thanh h", "duong quoc",
)  # fmt: skip


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


def _saves(store: Store) -> list[float]:
    rng = random.Random(SEED)
    base = now_vn()

    def one(i: int) -> None:
        applicant = Applicant(
            kind=ApplicantKind.CITIZEN,
            id_type=IdType.PERSONAL_ID,
            id_number=f"001180{rng.randrange(1_000_000):06d}",
            full_name="Phạm Thị Bench",
            date_of_birth="1980-01-01",
            sex="female",
            address="Số 1 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        )
        intake = Intake(procedure_code="2.000815", applicant=applicant)
        receive_dossier(store, intake, clerk="bench", now=base + timedelta(seconds=i))

    return _times_ms(one, SAVES)


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


def measure(encrypted: bool, rows: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        store, rate = _seeded(folder, encrypted=encrypted, rows=rows)
        store.close()
        opened = _open_s(folder)
        store = open_store(folder)
        saves, lookups, names = _saves(store), _lookups(store), _names(store)
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        checked, verified = _seconds(lambda: quick_check(store.db)), _verify_s(store)
        store.close()
        rebuilt = _rebuild_s(folder)
        size = sum(f.stat().st_size for f in folder.iterdir() if f.name.startswith("counter.db"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "rate": rate,
        "open": opened,
        "save50": statistics.median(saves),
        "save95": _p95(saves),
        "id50": statistics.median(lookups),
        "id95": _p95(lookups),
        "name50": statistics.median(names),
        "name95": _p95(names),
        "size": size / 1e6,
        "quick": checked,
        "verify": verified,
        "rebuild": rebuilt,
    }


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


def run(rows: int = DEFAULT_ROWS) -> str:
    enc, plain = measure(True, rows), measure(False, rows)

    def line(label: str, key: str, fmt: str, target: float | None = None) -> str:
        verdicts = (
            "—" if target is None else " / ".join(_verdict(r[key], target) for r in (enc, plain))
        )
        return f"| {label} | {enc[key]:{fmt}} | {plain[key]:{fmt}} | {verdicts} |"

    return "\n".join(
        [
            "## The store with many dossiers",
            "",
            f"`python -m bench.bench_store --rows {rows}`: each store "
            f"seeded with {rows:,} synthetic dossiers (`demo seed`'s service), then measured. "
            f"Open: median of {OPENS} (connection, key, migrations check, first query); save: "
            f"{SAVES} `receive_dossier` calls with their audit and outbox rows; ID lookup: "
            f"{LOOKUPS} random stored numbers through `search_dossiers`; names: {NAME_SEARCHES} "
            "searches, limit 50, common and rare names (`nguyen thi h`, `khuc thi u`).",
            "",
            "| measure | encrypted | plain | target met (encrypted / plain) |",
            "|---|---:|---:|---|",
            line("seeding, rows/s", "rate", ",.0f"),
            line(f"open, s (target ≤ {TARGET_OPEN_S})", "open", ".4f", TARGET_OPEN_S),
            line("save p50, ms", "save50", ".2f"),
            line(f"save p95, ms (target ≤ {TARGET_SAVE_P95_MS:.0f})", "save95", ".2f",
                 TARGET_SAVE_P95_MS),
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
        ]
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the store with many dossiers.")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="dossiers per store")
    print(run(parser.parse_args().rows))


if __name__ == "__main__":
    main()
