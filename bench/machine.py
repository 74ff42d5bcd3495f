"""Describe the machine a benchmark ran on, so figures are never quoted without it."""

from __future__ import annotations

import os
import platform
import statistics
import time
from importlib import metadata
from pathlib import Path

from counter_app.domain.vn_time import iso_vn
from counter_app.services.clock import now_vn

LIBRARIES = ("zxing-cpp", "pyzbar", "Pillow", "segno", "PySide6-Essentials")


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


# A pure-Python reference loop, so figures from two machines (or two moods of one shared VM)
# can be compared: 300 batches of 20,000 additions.
CALIBRATION_BATCHES = 300
CALIBRATION_LOOP = 20_000


def calibrate() -> tuple[float, float]:
    """Nanoseconds per iteration of a plain Python loop: (median, best) over the batches."""
    samples = []
    for _ in range(CALIBRATION_BATCHES):
        start = time.perf_counter()
        total = 0
        for i in range(CALIBRATION_LOOP):
            total += i
        samples.append((time.perf_counter() - start) / CALIBRATION_LOOP * 1e9)
    return statistics.median(samples), min(samples)


def describe() -> str:
    versions = ", ".join(f"{name} {_version(name)}" for name in LIBRARIES)
    median_ns, best_ns = calibrate()
    return "\n".join(
        [
            f"- Run at: {iso_vn(now_vn())}",
            f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores",
            f"- OS: {platform.platform()}",
            f"- Python: {platform.python_implementation()} {platform.python_version()}",
            f"- Libraries: {versions}",
            f"- Reference pure-Python loop: median {median_ns:.1f} ns per iteration, best "
            f"{best_ns:.1f} ns (a large gap means a shared machine in a slow phase)",
        ]
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"
