"""Nothing reaches a host on the ward network in clear text: a capture listener in a namespace.

The test makes a private network namespace (``unshare -n``) with a non-loopback address on its
own loopback device, listens there, and drives the real client at it: the backslash address
that ``urlsplit`` reads as loopback, and a loopback server answering 307 towards the listener.
Controls in the same namespace (bare ``requests`` calls) prove the listener is reachable.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _in_namespace() -> dict[str, Any]:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("unshare or ip (util-linux, iproute2) is not installed")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("network namespaces are not available here (unshare -n needs root)")
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "tests.integration.netns_capture"],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_backslash_address_and_a_redirect_reach_nothing() -> None:
    outcome = _in_namespace()
    results = outcome["results"]
    assert results["backslash"] == "SYNC_URL_INVALID:backslash"
    assert results["redirect"] == "SYNC_REDIRECT:10.1.2.3"  # the error names the target
    before_control, after_first_control, total = outcome["captured"]
    assert before_control == 0  # nothing from the client reached the listener
    assert after_first_control == 1  # the bare requests call with the same address did
    assert total == 2  # and a bare requests call follows the 307 there too
