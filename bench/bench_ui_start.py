"""The desktop app's cold start: a fresh Python process to a shown window, and its memory.

Each run is a new interpreter (nothing cached in the process, the OS file cache warm as on a
counter that has started the app before) that builds the window on a configured encrypted
store offscreen, installs every screen found in ``INSTALLERS``, shows the window and waits
for the first turn of the event loop. The time runs from just before the process is spawned
to the child's "ready" line; the child reads its own resident memory (VmRSS) at that moment.
Targets (issue 7): start ≤ 2 s, memory ≤ 250 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Never touch the real keyring of the machine running the bench: keys go to a key file.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from counter_app.services.clock import now_vn
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import create_store
from counter_app.services.store.setup import set_up_counter

RUNS = 5
TARGET_START_S = 2.0
TARGET_RSS_MB = 250.0
READY_TIMEOUT_S = 60.0
# Modules whose ``install(window)`` adds a screen or an area; each is used when it exists, so
# the bench measures the window as it is and grows with it.
INSTALLERS = (  # the order of ui.app.install_everything
    "ui.intake",
    "ui.dossiers",
    "ui.returns",
    "ui.sync_area",
    "ui.users",
)

_CHILD = """
import importlib, importlib.util, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.app import build_window, make_application
from ui.i18n import install_translations

app = make_application(["bench"])
translators = install_translations(app, "vi")
window = build_window(data_dir=Path(sys.argv[1]), lang="vi")
used = []
for name in sys.argv[2:]:
    if importlib.util.find_spec(name) is None:
        continue
    install = getattr(importlib.import_module(name), "install", None)
    if callable(install):
        install(window)
        used.append(name)
window.show()

def ready():
    status = Path("/proc/self/status").read_text()
    rss_kb = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmRSS:"))
    print("ready", rss_kb, ",".join(used), flush=True)
    window.close()
    app.quit()

QTimer.singleShot(0, ready)
app.exec()
"""


def _configured_store(folder: Path) -> None:
    store = create_store(folder)
    try:
        config, _ = build_config(
            agency_code="000.31.27.H26", agency_name="UBND phường Hoàn Kiếm", counter=2
        )
        set_up_counter(store, config, actor="bench", now=now_vn())
    finally:
        store.close()


def _one_start(folder: Path) -> tuple[float, float, str]:
    """(seconds to ready, RSS in MB, installers used) for one fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COUNTER_APP_DATA_DIR": str(folder)}
    command = [sys.executable, "-c", _CHILD, str(folder), *INSTALLERS]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait(READY_TIMEOUT_S)
    parts = line.split()
    if not parts or parts[0] != "ready":
        raise RuntimeError(f"the window did not start (exit {process.returncode})")
    used = parts[2] if len(parts) > 2 else "-"
    return elapsed, int(parts[1]) / 1024, used


@dataclass(frozen=True)
class Starts:
    seconds: list[float]
    rss_mb: list[float]
    installed: str

    @property
    def median_s(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_rss_mb(self) -> float:
        return statistics.median(self.rss_mb)


def measure(runs: int = RUNS) -> Starts:
    folder = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    try:
        _configured_store(folder / "data")
        results = [_one_start(folder / "data") for _ in range(runs)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Starts([r[0] for r in results], [r[1] for r in results], results[-1][2])


def run(runs: int = RUNS) -> str:
    found = measure(runs)
    median_s, rss = found.median_s, found.median_rss_mb
    each = ", ".join(f"{s:.2f}" for s in found.seconds)
    start_ok = "met" if median_s <= TARGET_START_S else "NOT met"
    rss_ok = "met" if rss <= TARGET_RSS_MB else "NOT met"
    return "\n".join(
        [
            "## Desktop app start",
            "",
            f"`python -m bench.bench_ui_start`: {runs} fresh Python processes, each building "
            "the window (`ui.app.build_window`, Vietnamese translations) on a configured "
            "encrypted store offscreen, with the installed parts "
            f"(`{found.installed}`), until the window is shown and the event loop has "
            "turned once; the time includes the interpreter's start and every import.",
            "",
            "| measure | median | target |",
            "|---|---:|---:|",
            f"| cold start to a shown window, s ({start_ok}) | {median_s:.2f} | "
            f"≤ {TARGET_START_S:.0f} |",
            f"| resident memory after start, MB ({rss_ok}) | {rss:.0f} | "
            f"≤ {TARGET_RSS_MB:.0f} |",
            "",
            f"Each run, s: {each}.",
        ]
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the desktop app's cold start.")
    parser.add_argument("--runs", type=int, default=RUNS)
    print(run(max(parser.parse_args().runs, 1)))


if __name__ == "__main__":
    main()
