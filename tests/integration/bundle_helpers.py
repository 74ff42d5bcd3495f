"""Where the built bundle is, and when its slow tests may be skipped (never on CI)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "dist" / "counter-app"
# Locally, "1" reuses dist/counter-app as it is (a developer rerunning one test after
# `make dist`); CI always builds afresh.
REUSE_ENV = "COUNTER_APP_REUSE_BUNDLE"
SKIP_REASON = "COUNTER_APP_SKIP_BUNDLE=1: the bundle build is skipped here; CI always runs it"


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def skip_bundle_tests_here() -> bool:
    """COUNTER_APP_SKIP_BUNDLE=1 skips the slow bundle tests on a developer's machine, never
    on CI."""
    return os.environ.get("COUNTER_APP_SKIP_BUNDLE") == "1" and not in_ci()


def build_bundle() -> Path:
    """``make dist`` from this checkout (or the existing build, when reuse is asked locally)."""
    reuse = os.environ.get(REUSE_ENV) == "1" and not in_ci()
    if not (reuse and (BUNDLE / "counter-app").exists()):
        done = subprocess.run(
            ["make", "dist"], cwd=REPO, capture_output=True, text=True, timeout=1200
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert (BUNDLE / "counter-app-cli").exists() and (BUNDLE / "counter-app").exists()
    return BUNDLE
