"""The packaged bundle: ``make dist`` without and with the camera, its size, and its start.

Builds twice (``COUNTER_APP_CAMERA=0`` first, the default last, so that ``dist/`` is left
as ``make dist`` makes it), with ``.venv-dist`` already made. Size is the apparent size of
every file and link in ``dist/counter-app`` (what unpacking the tarball writes). Start is
``counter-app-cli --version`` (the frozen Python and the app's imports, no Qt) and
``--self-test`` (Qt, the window offscreen, the webcam's backend, both QR decoders, a receipt,
an encrypted store), each in a fresh process with the OS file cache warm from the build.
Target (issue 20): 200 MiB or less with the camera.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLE = REPO / "dist" / "counter-app"
CLI = BUNDLE / "counter-app-cli"
TARGET_MIB = 200
START_RUNS = 5
MIB = 1024 * 1024


@dataclass(frozen=True)
class Build:
    camera: bool
    wall_s: float
    cpu_s: float  # the build's child processes, user + system
    size_mib: float
    files: int
    tarball_mib: float


def build(*, camera: bool) -> Build:
    env = {**os.environ, "COUNTER_APP_CAMERA": "1" if camera else "0"}
    before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(["make", "dist"], cwd=REPO, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    size, files = _apparent_size(BUNDLE)
    tarball = max((REPO / "dist").glob("counter-app-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return Build(camera, wall, _children_cpu() - before, size / MIB, files,
                 tarball.stat().st_size / MIB)  # fmt: skip


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _apparent_size(folder: Path) -> tuple[int, int]:
    paths = [p for p in folder.rglob("*") if p.is_symlink() or p.is_file()]
    return sum(p.lstat().st_size for p in paths), len(paths)


def start_times(*args: str) -> list[float]:
    """Wall seconds of ``counter-app-cli ARGS`` in a bare environment, one process per run."""
    seconds = []
    with tempfile.TemporaryDirectory() as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8",
               "COUNTER_APP_DATA_DIR": str(Path(home) / "data")}  # fmt: skip
        for _ in range(START_RUNS):
            start = time.perf_counter()
            subprocess.run([str(CLI), *args], env=env, check=True, capture_output=True)
            seconds.append(time.perf_counter() - start)
    return seconds


# What the build leaves out or makes smaller, so that the figures can be read (build.spec).
NOTES = (
    "Largest parts left, with the camera: Qt's libraries, FFmpeg (libavcodec 14 MiB) with "
    "QtQuick/QML (16 MiB, linked by the FFmpeg media plugin: both go with "
    "`COUNTER_APP_CAMERA=0`), ICU (12 MiB: its data cut to root, English and Vietnamese, "
    "without the legacy character sets, packaging/icu_data.py), cryptography (11 MiB), "
    "sqlcipher3 (8 MiB), PDFium (7 MiB), lxml.etree (5 MiB). Left to the PC: libcups and what "
    "only it linked (GnuTLS, p11-kit …: 7 MiB, packaging/unneeded_libraries.py). Only "
    "libraries that still carry a symbol table are stripped (packaging/strip_binaries.py): "
    "strip run over FFmpeg's libraries made them unloadable."
)


def run() -> str:
    load = os.getloadavg()[0]
    without = build(camera=False)
    with_camera = build(camera=True)
    version, self_test = start_times("--version"), start_times("--self-test")
    met = "met" if with_camera.size_mib <= TARGET_MIB else "NOT met"
    rows = [
        "| | with the camera (default) | `COUNTER_APP_CAMERA=0` |",
        "|---|---:|---:|",
        _row("`dist/counter-app/` unpacked (apparent size)",
             *(f"{b.size_mib:.1f} MiB, {b.files} files" for b in (with_camera, without))),
        _row("`.tar.gz`", *(f"{b.tarball_mib:.1f} MiB" for b in (with_camera, without))),
        _row("`make dist` (`.venv-dist` ready)",
             *(f"{b.wall_s:.0f} s wall, {b.cpu_s:.0f} s CPU" for b in (with_camera, without))),
        _row("`counter-app-cli --version`", _times(version), ""),
        _row("`counter-app-cli --self-test` (every check)", _times(self_test), ""),
    ]  # fmt: skip
    return "\n".join(
        [
            "## The packaged bundle (`make dist`)",
            "",
            f"PyInstaller one-folder build (build.spec); start times are {START_RUNS} fresh "
            "processes each, the file cache warm from the build.",
            "",
            *rows,
            "",
            f"Target: {TARGET_MIB} MiB or less with the camera: {met}. Load average at the "
            f"start: {load:.1f} on the machine's cores (other jobs share it).",
            "",
            NOTES,
        ]
    )


def _row(label: str, with_camera: str, without: str) -> str:
    return f"| {label} | {with_camera} | {without} |"


def _times(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds):.2f} s (first {seconds[0]:.2f} s)"
