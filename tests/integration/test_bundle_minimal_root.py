"""The bundle on a bare Debian 12: a debootstrap minbase root with only the libraries
docs/ADMIN.md lists (no Python, no Qt; DejaVu the only fonts), the bundle copied to
/opt/counter-app, run through chroot. Its self-test, a short CLI session, and the window up to
the sign-in under Xvfb.

Needs root (debootstrap, mount, chroot) and deb.debian.org, as CI has; the root is cached under
build/ locally (made afresh on CI). COUNTER_APP_SKIP_BUNDLE=1 skips it locally, never on CI.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import segno
from PIL import Image

from tests.integration.bundle_helpers import REPO, SKIP_REASON, in_ci, skip_bundle_tests_here
from tests.integration.minimal_root import (
    INSTALLED,
    chroot_command,
    documented_packages,
    install_bundle,
    minimal_root,
    mounted,
)

CARD = (
    "001089004217|013579246|Trần Quốc Bảo|05061989|Nam|"
    "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021"
)
CLI = str(INSTALLED / "counter-app-cli")
WINDOW = str(INSTALLED / "counter-app")
SCREENSHOT = REPO / "build" / "minimal-root-sign-in.png"  # the last run's, for a person to look at
WINDOW_TIMEOUT = 90  # seconds for the window to paint on a loaded 2-core CI machine
FILES = "/var/lib/counter-files"  # in the root: the receipt, the card picture, the screenshot


def _tools_missing() -> str:
    needed = ("debootstrap", "chroot", "mount", "Xvfb", "import")
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if os.geteuid() != 0:
        missing.append("root")
    return ", ".join(missing)


pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(skip_bundle_tests_here(), reason=SKIP_REASON),
    pytest.mark.skipif(
        bool(_tools_missing()) and not in_ci(),
        reason=f"needs root and debootstrap, chroot, Xvfb, import (missing: {_tools_missing()})",
    ),
]


@pytest.fixture(scope="module")
def root(bundle: Path) -> Iterator[Path]:
    """The minimal root with this build installed, /proc and /dev mounted for the module."""
    made = minimal_root(documented_packages())
    install_bundle(made, bundle)
    x11 = Path("/tmp/.X11-unix")
    x11.mkdir(mode=0o1777, exist_ok=True)
    with mounted(made, x11_sockets=x11):
        yield made


def files_in(root: Path) -> Path:
    """The root's folder for the files a run writes and the test reads (``FILES`` inside)."""
    folder = root / FILES.lstrip("/")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def env(root: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """The whole environment of a run in the root: a data folder of the test's own."""
    data = Path("/var/lib/counter-test") / request.node.name[:40]
    shutil.rmtree(root / data.relative_to("/"), ignore_errors=True)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "COUNTER_APP_DATA_DIR": str(data),
        "COUNTER_APP_NO_AUTO_BACKUP": "1",
    }


def run(
    root: Path, env: dict[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        chroot_command(root, env, CLI, "--lang", "en", *args),
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=180,
    )  # fmt: skip


def test_the_root_has_no_python_and_only_the_documented_libraries(root: Path) -> None:
    """What makes the rest mean something: nothing of Python or Qt besides the bundle."""
    assert not list((root / "usr" / "bin").glob("python*"))
    assert not list((root / "usr" / "lib" / "x86_64-linux-gnu").glob("libQt6*"))
    fonts = {path.parent.name for path in (root / "usr" / "share" / "fonts").rglob("*.ttf")}
    assert fonts <= {"dejavu"}, fonts  # only what fontconfig-config depends on


def test_the_self_test_passes_in_the_minimal_root(root: Path, env: dict[str, str]) -> None:
    done = run(root, env, "--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert sum(line.startswith("OK ") for line in lines) == 8, lines
    assert any(line.startswith("OK") and "Window" in line for line in lines), lines


def test_a_cli_session_in_the_minimal_root(root: Path, env: dict[str, str]) -> None:
    """Setup, seed, add, receipt, decode with both decoders, backup."""
    setup = run(root, env, "setup", "--agency-code", "000.31.27.H26",
                "--agency-name", "UBND phường Hoàn Kiếm", "--counter", "1", "--json")  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    seeded = run(root, env, "demo", "seed", "--count", "3", "--json")
    assert seeded.returncode == 0, seeded.stderr
    added = run(root, env, "dossier", "add", "--procedure", "1.004873", "--qr", "-",
                "--document", "Tờ khai:1:0", "--json", stdin=CARD + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    code = json.loads(added.stdout)["code"]
    pdf = files_in(root) / "receipt.pdf"
    pdf.unlink(missing_ok=True)  # a kept root's, from a run stopped before its end
    receipt = run(root, env, "receipt", code, "--out", f"{FILES}/receipt.pdf", "--json")
    assert receipt.returncode == 0, receipt.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert code in text and "Trần Quốc Bảo" in text
    pdf.unlink()
    segno.make(CARD, encoding="utf-8", error="m").save(str(files_in(root) / "card.png"), scale=6)
    for decoder in ("zxing", "zbar"):
        decoded = run(root, env, "id", "decode", "--decoder", decoder, f"{FILES}/card.png")
        assert decoded.returncode == 0, decoded.stderr
        assert json.loads(decoded.stdout)["full_name"] == "Trần Quốc Bảo"
    backup = run(root, env, "backup", "--json")
    assert backup.returncode == 0, backup.stderr
    made = json.loads(backup.stdout)["file"]
    assert (root / made.lstrip("/")).exists()


def test_the_window_opens_to_the_sign_in_under_xvfb(root: Path, env: dict[str, str]) -> None:
    """The real xcb window (not offscreen) on an X server, as on a counter PC's desktop."""
    setup = run(root, env, "setup", "--agency-code", "000.31.27.H26",
                "--agency-name", "UBND phường Hoàn Kiếm", "--counter", "1")  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    admin = run(root, env, "user", "add", "quantri", "--full-name", "Nguyễn Văn Quản",
                "--role", "administrator", "--password", "-", stdin="mat-khau-1234\n")  # fmt: skip
    assert admin.returncode == 0, admin.stderr
    with _xvfb() as display:
        shot = _screenshot_of_window(root, {**env, "DISPLAY": display}, display)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)


def _screenshot_of_window(root: Path, env: dict[str, str], display: str) -> Path:
    """Start the window, wait until it has painted something, and take the screen."""
    log = files_in(root) / "window.log"
    with log.open("w", encoding="utf-8") as err:
        window = subprocess.Popen(
            chroot_command(root, env, WINDOW), stdout=err, stderr=subprocess.STDOUT
        )
    shot = files_in(root) / "screen.png"
    try:
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while time.monotonic() < deadline and window.poll() is None:
            time.sleep(2)
            subprocess.run(["import", "-display", display, "-window", "root", str(shot)],
                           check=True, timeout=30)  # fmt: skip
            if _painted(shot):
                time.sleep(3)  # the sign-in's fields and fonts settle
                subprocess.run(["import", "-display", display, "-window", "root", str(shot)],
                               check=True, timeout=30)  # fmt: skip
                break
        assert window.poll() is None, log.read_text(encoding="utf-8")[-3000:]
    finally:
        window.terminate()
        window.wait(timeout=30)
    assert _painted(shot), log.read_text(encoding="utf-8")[-3000:]
    return shot


def _painted(path: Path) -> bool:
    """Xvfb's bare screen is one colour; a window with text has hundreds."""
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=100_000)
    return colours is None or len(colours) > 50


@contextlib.contextmanager
def _xvfb() -> Iterator[str]:
    """An X server of its own for the test; Xvfb picks a free display number."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    try:
        with os.fdopen(read, encoding="ascii") as chosen:
            number = chosen.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)
