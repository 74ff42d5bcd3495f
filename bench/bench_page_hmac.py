"""What one written page costs: plain, encrypted with SQLCipher's HMAC-SHA512, with HMAC-SHA256.

A save writes some 35 pages (the dossier, its indexes, the search index, the version, event,
outbox and audit rows). Each encrypted page is enciphered and authenticated; this times 2,000
one-page rows inserted in one transaction (no fsync: the page work alone) in a temporary file,
the three kinds taking turns for ``ROUNDS`` rounds, and reports the quickest and the median of
the processor time it took (on a busy machine, wall time is mostly waiting for a core).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from counter_app.storage.engine import KEY_BYTES
from counter_app.storage.engine import dbapi2 as sqlcipher

PAGES = 2000
ROW_BYTES = 3000  # one row per 4 KB page
ROUNDS = 11
KINDS = {"plain": None, "HMAC-SHA512": "HMAC_SHA512", "HMAC-SHA256": "HMAC_SHA256"}


def _page_us(folder: Path, name: str, hmac: str | None) -> float:
    """Processor microseconds (user and system) per page written to the WAL: the time this
    process ran, not the time it waited for a core, which a shared machine makes noise."""
    conn = sqlcipher.connect(str(folder / f"{name}-{time.monotonic_ns()}.db"), isolation_level=None)
    if hmac is not None:
        conn.execute(f"PRAGMA key = \"x'{'11' * KEY_BYTES}'\"")
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {hmac}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("CREATE TABLE pages (body BLOB)")
    start = time.process_time()
    conn.execute("BEGIN")
    for _ in range(PAGES):
        conn.execute("INSERT INTO pages VALUES (zeroblob(?))", (ROW_BYTES,))
    conn.execute("COMMIT")
    elapsed = time.process_time() - start
    conn.close()
    return elapsed / PAGES * 1e6


def measure() -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in KINDS}
    with tempfile.TemporaryDirectory(prefix="bench-hmac-") as folder:
        for _ in range(ROUNDS):
            for name, hmac in KINDS.items():
                samples[name].append(_page_us(Path(folder), name, hmac))
    return samples


def run() -> str:
    samples = measure()
    rows = [
        f"| {name} | {min(values):.1f} | {statistics.median(values):.1f} |"
        for name, values in samples.items()
    ]
    return "\n".join(
        [
            "## One written page: plain, HMAC-SHA512, HMAC-SHA256",
            "",
            f"`python -m bench.bench_page_hmac`: {PAGES:,} one-page rows inserted in one "
            f"transaction without fsync, the three kinds taking turns, {ROUNDS} rounds; processor "
            "time (user and system) of the process, not wall time.",
            "",
            "| store | quickest µs per page | median µs per page |",
            "|---|---:|---:|",
            *rows,
        ]
    )


if __name__ == "__main__":
    print(run())
