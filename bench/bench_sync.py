"""The sync at a day's backlog and more: 10,000 dossiers to the shipped simulator on loopback.

Three measures, each on a fresh encrypted store in a temporary folder filled by real intakes:
the drain without faults (target ≤ 10 s), the drain through a city failing three requests in
ten (``--fail-rate 0.3``: resets, 500s after commit, 429s, slow and cut-off replies, and
``retry_later`` records), and a clerk's save while ``counter-app sync`` drains in another
process, against the same save with no sync running (the sync must never slow intake).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

# Never touch the real keyring of the machine running the bench: keys go to a key file.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from counter_app.domain.dossier import Applicant, ApplicantKind, IdType, Intake
from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import Store, create_store
from counter_app.services.store.setup import set_up_counter
from counter_app.services.syncing.outbox import pending_count
from counter_app.services.syncing.settings import SyncSettings, save_sync_settings
from sync.client import ClientConfig, SyncClient
from sync.engine import SyncReport, run_sync_once

DEFAULT_DOSSIERS = 10_000
TARGET_DRAIN_S = 10.0
PER_DAY = 900  # intakes per simulated day, inside the counter's 999 numbers
SAVES = 300  # clerk saves timed, idle and during a sync
# A faulty city must not make the bench wait out production timeouts: a slow reply lasts 2 s
# against a 1 s read timeout, 429s ask for 1 s, and the backoff runs from 0.1 s to 2 s.
FAULTS = ("--fail-rate", "0.3", "--seed", "2026", "--slow-ms", "2000", "--retry-after", "1")
FAULT_SETTINGS = SyncSettings(read_timeout_s=1.0, backoff_base_s=0.1, backoff_cap_s=2.0)
STILL = ("--advance-after-s", "0")  # no status moves: the drain alone is measured


def _applicant(n: int) -> Applicant:
    return Applicant(
        kind=ApplicantKind.CITIZEN,
        id_type=IdType.PERSONAL_ID,
        id_number=f"0011{n:08d}",
        full_name=f"Phạm Thị Bench {n}",
        date_of_birth="1980-01-01",
        sex="female",
        address="Số 1 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
    )


def _save(store: Store, n: int) -> float:
    """One clerk's save (a real intake with its outbox and audit rows); its time in ms."""
    start = time.perf_counter()
    moment = now_vn() - timedelta(days=60) + timedelta(days=n // PER_DAY, seconds=n % PER_DAY)
    receive_dossier(store, Intake("1.004873", _applicant(n)), clerk="bench", now=moment)
    return (time.perf_counter() - start) * 1000


def _counter(folder: Path, dossiers: int) -> Store:
    store = create_store(folder, encrypted=True, prefer_keyring=False)
    config, _ = build_config(agency_code="000.31.27.H26", agency_name="UBND phường Bench",
                             counter=1)  # fmt: skip
    set_up_counter(store, config, actor="bench", now=now_vn() - timedelta(days=61))
    for n in range(dossiers):
        _save(store, n)
    return store


@contextmanager
def _city(folder: Path, *extra: str) -> Iterator[str]:
    command = [sys.executable, "-m", "counter_app", "city-sim", "--port", "0", "--json",
               "--db", str(folder / "city.db"), *STILL, *extra]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        yield str(json.loads(process.stdout.readline())["url"])
    finally:
        process.terminate()
        process.wait(timeout=30)


def _drain(store: Store, url: str, settings: SyncSettings) -> tuple[float, list[SyncReport]]:
    """Passes until nothing is pending, waiting as the engine says; (seconds, reports)."""
    client = SyncClient(ClientConfig(url=url, counter_id="1", app_version="bench"))
    reports: list[SyncReport] = []
    start = time.perf_counter()
    while True:
        report = run_sync_once(store, client, now=now_vn(), settings=settings)
        reports.append(report)
        if report.retry_in_s is None:
            break
        time.sleep(report.retry_in_s)
    client.close()
    return time.perf_counter() - start, reports


def measure_drain(dossiers: int, *, faults: bool) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        store = _counter(folder, dossiers)
        settings = FAULT_SETTINGS if faults else SyncSettings()
        with _city(folder, *(FAULTS if faults else ())) as url:
            seconds, reports = _drain(store, url, settings)
        left = pending_count(store)
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    requests = sum(r.requests for r in reports)
    return {
        "seconds": seconds,
        "rate": dossiers / seconds,
        "requests": requests,
        "per_dossier": requests / dossiers,
        "sent_per_dossier": sum(r.sent for r in reports) / dossiers,
        "passes": len(reports),
        "failed_passes": sum(r.error is not None for r in reports),
        "left": left,
    }


def measure_intake_during_sync(dossiers: int) -> dict[str, float]:
    """Save times with no sync, then while ``counter-app sync`` drains in another process."""
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-intake-"))
    try:
        store = _counter(folder, dossiers)
        idle = [_save(store, dossiers + i) for i in range(SAVES)]
        with _city(folder, "--latency-ms", "20") as url:
            save_sync_settings(store, {"url": url}, actor="bench", now=now_vn())
            env = {**os.environ, "COUNTER_APP_DATA_DIR": str(folder)}
            syncing = subprocess.Popen([sys.executable, "-m", "counter_app", "sync", "--json"],
                                       env=env, stdout=subprocess.PIPE, text=True)  # fmt: skip
            time.sleep(1.0)  # let it start sending
            busy = [_save(store, dossiers + SAVES + i) for i in range(SAVES)]
            still_running = syncing.poll() is None
            syncing.wait(timeout=600)
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "idle50": statistics.median(idle),
        "idle95": statistics.quantiles(idle, n=20)[-1],
        "busy50": statistics.median(busy),
        "busy95": statistics.quantiles(busy, n=20)[-1],
        "overlapped": float(still_running),
    }


def run(dossiers: int = DEFAULT_DOSSIERS) -> str:
    clean = measure_drain(dossiers, faults=False)
    faulty = measure_drain(dossiers, faults=True)
    intake = measure_intake_during_sync(dossiers)
    verdict = "met" if clean["seconds"] <= TARGET_DRAIN_S and not clean["left"] else "NOT met"
    overlap = "" if intake["overlapped"] else " (the sync ended before the saves did)"
    return "\n".join(
        [
            "## Sync to the city simulator",
            "",
            f"`python -m bench.bench_sync --dossiers {dossiers}`: {dossiers:,} dossiers "
            "received through `receive_dossier` on an encrypted store, then drained by "
            "`run_sync_once` passes to `counter-app city-sim` in its own process on loopback "
            "(batches of 50, status pull and catalogue check included). The faulty city "
            f"runs `{' '.join(FAULTS)}` with a 1 s read timeout and backoff 0.1–2 s.",
            "",
            "| measure | no faults | fail rate 0.3 |",
            "|---|---:|---:|",
            f"| drain, s (target ≤ {TARGET_DRAIN_S:.0f} without faults: {verdict}) | "
            f"{clean['seconds']:.2f} | {faulty['seconds']:.2f} |",
            f"| dossiers/s | {clean['rate']:,.0f} | {faulty['rate']:,.0f} |",
            f"| requests | {clean['requests']:,.0f} | {faulty['requests']:,.0f} |",
            f"| requests per dossier | {clean['per_dossier']:.3f} | {faulty['per_dossier']:.3f} |",
            f"| records sent per dossier | {clean['sent_per_dossier']:.2f} | "
            f"{faulty['sent_per_dossier']:.2f} |",
            f"| passes (failed) | {clean['passes']:.0f} ({clean['failed_passes']:.0f}) | "
            f"{faulty['passes']:.0f} ({faulty['failed_passes']:.0f}) |",
            f"| left pending | {clean['left']:.0f} | {faulty['left']:.0f} |",
            "",
            f"A clerk's save ({SAVES} intakes) while `counter-app sync` drains {dossiers:,} "
            f"dossiers in another process{overlap}: p50 {intake['busy50']:.2f} ms, p95 "
            f"{intake['busy95']:.2f} ms; with no sync running: p50 {intake['idle50']:.2f} ms, "
            f"p95 {intake['idle95']:.2f} ms.",
        ]
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the sync to the city simulator.")
    parser.add_argument("--dossiers", type=int, default=DEFAULT_DOSSIERS)
    print(run(max(parser.parse_args().dossiers, 1)))


if __name__ == "__main__":
    main()
