"""Median time to parse one ID-card payload (target: at most 20 µs)."""

from __future__ import annotations

import statistics
import time
from datetime import date

from counter_app.domain.id_card import parse_id_payload
from tests.payloads import T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11

TARGET_US = 20.0
# Calls per timed batch: long enough that perf_counter's resolution is noise, short enough
# that a scheduler hiccup spoils one batch, not the median.
CALLS_PER_BATCH = 200
BATCHES = 25
TODAY = date(2026, 11, 25)
CASES = {
    "T1 standard CCCD": T1,
    "T2 no old ID": T2,
    "T3 Căn cước with extras": T3,
    "T4 scanner suffix": T4,
    "T5 year-only birth": T5,
    "T6 month-year birth": T6,
    "T7 NFD input": T7,
    "T8 diacritics lost": T8,
    "T9 question marks": T9,
    "T10 cp1252 mojibake": T10,
    "T11 sex/year mismatch": T11,
}


def median_us(payload: str) -> float:
    samples = []
    for _ in range(BATCHES):
        start = time.perf_counter()
        for _ in range(CALLS_PER_BATCH):
            parse_id_payload(payload, today=TODAY)
        samples.append((time.perf_counter() - start) / CALLS_PER_BATCH * 1e6)
    return statistics.median(samples)


def run() -> str:
    results = {name: median_us(payload) for name, payload in CASES.items()}
    overall = statistics.median(results.values())
    rows = [f"| {name} | {us:.1f} |" for name, us in results.items()]
    verdict = "met" if overall <= TARGET_US else "NOT met"
    return "\n".join(
        [
            "## ID-card payload parsing",
            "",
            f"Median of {BATCHES} batches of {CALLS_PER_BATCH} calls of `parse_id_payload`,"
            " per call.",
            "",
            "| payload | median µs |",
            "|---|---|",
            *rows,
            "",
            f"Median over the payloads: **{overall:.1f} µs**;"
            f" target ≤ {TARGET_US:.0f} µs: {verdict}.",
        ]
    )


if __name__ == "__main__":
    print(run())
