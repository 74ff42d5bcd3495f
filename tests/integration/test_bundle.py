"""The built bundle (``make dist``, build.spec): its self-test and a short CLI session run from
``dist/counter-app`` with a bare environment, the way IT runs it on a counter PC.

Building takes about a minute of CPU (once per session: tests/integration/conftest.py), so a
developer may skip these locally by setting COUNTER_APP_SKIP_BUNDLE=1; CI (``make test``, with
CI=true) always runs them.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import segno

from tests.integration.bundle_helpers import BUNDLE, SKIP_REASON, skip_bundle_tests_here

CLI = BUNDLE / "counter-app-cli"
CARD = (
    "001089004217|013579246|Trần Quốc Bảo|05061989|Nam|"
    "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021"
)

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(skip_bundle_tests_here(), reason=SKIP_REASON),
]


@pytest.fixture
def bare_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """No Python variables, no venv on PATH, a home of its own; the data folder named."""
    home = tmp_path / "home"
    home.mkdir()
    yield {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "COUNTER_APP_DATA_DIR": str(tmp_path / "data"),
    }


def run(
    env: Mapping[str, str], *args: str, stdin: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "--lang", "en", *args],
        input=stdin, env=dict(env), capture_output=True, text=True, encoding="utf-8",
        timeout=timeout,
    )  # fmt: skip


def test_the_bundle_passes_its_self_test_with_no_python_around(
    bundle: Path, bare_env: dict[str, str]
) -> None:
    done = run(bare_env, "--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert sum(line.startswith("OK ") for line in lines) == 8, lines
    assert "QR decoding (zbar)" in done.stdout


def test_zbar_is_the_bundled_copy_not_the_systems(bundle: Path, bare_env: dict[str, str]) -> None:
    """The runtime hook points pyzbar at the bundle (a counter PC has no libzbar0)."""
    image = Path(bare_env["HOME"]) / "card.png"
    segno.make(CARD, encoding="utf-8", error="m").save(str(image), scale=6, border=4)
    done = run({**bare_env, "LD_DEBUG": "files"}, "id", "decode", "--decoder", "zbar", str(image))
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = [line for line in done.stderr.splitlines() if "file=" in line and "libzbar" in line]
    assert loaded and all(str(bundle / "_internal" / "libzbar.so.0") in x for x in loaded)
    assert json.loads(done.stdout)["full_name"] == "Trần Quốc Bảo"


def test_a_short_cli_session_from_the_bundle(
    bundle: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**bare_env, "COUNTER_APP_NO_AUTO_BACKUP": "1"}
    setup = run(env, "setup", "--agency-code", "000.31.27.H26",
                "--agency-name", "UBND phường Hoàn Kiếm", "--counter", "1", "--json")  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    seeded = run(env, "demo", "seed", "--count", "3", "--json")
    assert seeded.returncode == 0, seeded.stderr
    added = run(env, "dossier", "add", "--procedure", "1.004873", "--qr", "-",
                "--document", "Tờ khai:1:0", "--json", stdin=CARD + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    code = json.loads(added.stdout)["code"]
    pdf = tmp_path / "receipt.pdf"
    receipt = run(env, "receipt", code, "--out", str(pdf), "--json")
    assert receipt.returncode == 0, receipt.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert code in text and "Trần Quốc Bảo" in text
    image = tmp_path / "card.png"
    segno.make(CARD, encoding="utf-8", error="m").save(str(image), scale=6, border=4)
    for decoder in ("zxing", "zbar"):
        decoded = run(env, "id", "decode", "--decoder", decoder, str(image))
        assert decoded.returncode == 0, decoded.stderr
        assert json.loads(decoded.stdout)["address"].startswith("Số 7 phố Hàng Bạc")
    backup = run(env, "backup", "--json")
    assert backup.returncode == 0, backup.stderr
    assert Path(json.loads(backup.stdout)["file"]).exists()


def test_the_daily_backup_a_bundle_starts_runs_its_console_executable(
    bundle: Path, bare_env: dict[str, str]
) -> None:
    """The first command of a day starts ``counter-app-cli backup --auto`` detached."""
    setup = run(bare_env, "setup", "--agency-code", "000.31.27.H26",
                "--agency-name", "UBND phường Hoàn Kiếm", "--counter", "1")  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    listed = run(bare_env, "dossier", "list")  # a command that starts the daily backup
    assert listed.returncode == 0, listed.stderr
    status = Path(bare_env["COUNTER_APP_DATA_DIR"]) / "backup-status.json"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _backup_recorded(status):
        time.sleep(0.2)
    recorded = json.loads(status.read_text(encoding="utf-8"))
    assert recorded["last_file"] and recorded["last_error"] is None, recorded
    assert (status.parent / "backups" / recorded["last_file"]).exists()


def _backup_recorded(status: Path) -> bool:
    try:
        return bool(json.loads(status.read_text(encoding="utf-8")).get("last_file"))
    except (OSError, ValueError):
        return False
