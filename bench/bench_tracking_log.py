"""The tracking log of 10,000 dossiers: read from the store, then XLSX (target ≤ 2 s), PDF
(target ≤ 5 s) and CSV.

An encrypted store is seeded with ``--rows`` synthetic dossiers over 30 days (``demo seed``'s
service: real names, addresses, procedures, moves to the processing agency and returns), then
the whole period's log is read (``read_tracking_log``: the query with each dossier's first
move and result, the sign-offs) and written in each format. The export's audit row is not
written, so every round reads the same store. Medians of a few rounds, as a supervisor waits
for one export.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from counter_app.documents.log_csv import log_csv
from counter_app.documents.log_model import TrackingLog
from counter_app.documents.log_pdf import log_pdf
from counter_app.documents.log_xlsx import log_xlsx
from counter_app.services.clock import now_vn
from counter_app.services.demo.seed import seed_demo
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import create_store
from counter_app.services.store.setup import set_up_counter
from counter_app.services.supervision.tracking_log import read_tracking_log

DEFAULT_ROWS: Final = 10_000
DAYS: Final = 30
ROUNDS: Final = 3
SEED: Final = 17
TARGETS_S: Final = {"xlsx": 2.0, "pdf": 5.0}
WRITERS: Final[dict[str, Callable[[TrackingLog], bytes]]] = {
    "xlsx": log_xlsx,
    "pdf": log_pdf,
    "csv": log_csv,
}


def measure(rows: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="bench-log-"))
    load_before = os.getloadavg()[0]
    try:
        found = _measure_in(folder / "store", rows)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    found["load"] = (load_before, os.getloadavg()[0])
    return found


def _measure_in(folder: Path, rows: int) -> dict[str, Any]:
    store = create_store(folder, encrypted=True, prefer_keyring=False)
    try:
        config, _ = build_config(agency_code="000.31.27.H26", agency_name="UBND phường Bench",
                                 counter=1)  # fmt: skip
        now = now_vn()
        set_up_counter(store, config, actor="bench", now=now - timedelta(days=DAYS + 1))
        seed_demo(store, count=rows, seed=SEED, actor="bench", now=now, days=DAYS)
        first, last = (now - timedelta(days=DAYS + 1)).date(), now.date()
        read_times, log = [], None
        for _ in range(ROUNDS):
            start = time.perf_counter()
            log = read_tracking_log(store, first, last, counter=None, now=now)
            read_times.append(time.perf_counter() - start)
        assert log is not None
        found: dict[str, Any] = {"rows": len(log.rows), "read": statistics.median(read_times)}
        for name, writer in WRITERS.items():
            times, cpu, size = [], [], 0
            for _ in range(ROUNDS):
                start, start_cpu = time.perf_counter(), time.process_time()
                size = len(writer(log))
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            found[name], found[name + "_mb"] = statistics.median(times), size / 1e6
            found[name + "_cpu"] = statistics.median(cpu)
        return found
    finally:
        store.close()


def _versions() -> str:
    """The libraries the writers stand on (openpyxl writes through lxml when it is present)."""
    found = []
    for name in ("openpyxl", "lxml", "reportlab"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"no {name}")
    return ", ".join(found)


def _verdict(seconds: float, target: float | None) -> str:
    if target is None:
        return "—"
    return "yes" if seconds <= target else "**no**"


def run(rows: int = DEFAULT_ROWS) -> str:
    found = measure(rows)
    lines = [
        "## The tracking log (Sổ theo dõi hồ sơ)",
        "",
        f"`python -m bench.bench_tracking_log --rows {rows}`: an encrypted store seeded with "
        f"{rows:,} synthetic dossiers over {DAYS} days (`demo seed`'s service); the period's "
        f"log ({found['rows']:,} rows) read and written in each format, median of {ROUNDS}. "
        f"The writers draw in this process only (no file on disk), with {_versions()}. "
        "Wall-clock seconds meet the "
        "target; the process's CPU seconds show how much of them a loaded machine added "
        f"(load average over a minute: {found['load'][0]:.1f} before, {found['load'][1]:.1f} "
        f"after, on {os.cpu_count()} logical cores).",
        "",
        "| step | seconds | CPU seconds | file, MB | target | met |",
        "|---|---:|---:|---:|---|---|",
        f"| read the rows from the store | {found['read']:.2f} | — | — | — | — |",
    ]
    for name in WRITERS:
        target = TARGETS_S.get(name)
        shown = f"≤ {target:.0f} s" if target else "—"
        lines.append(
            f"| write {name.upper()} | {found[name]:.2f} | {found[name + '_cpu']:.2f} | "
            f"{found[name + '_mb']:.1f} | {shown} | "
            f"{_verdict(found[name], target)} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the tracking log exports.")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="dossiers in the log")
    print(run(parser.parse_args().rows))


if __name__ == "__main__":
    main()
