"""Crash safety: a writing process killed with SIGKILL, again and again, loses nothing it promised.

A child process receives dossiers in a loop and prints each code once the save returned; the
test kills it at a random moment (mid-transaction more often than not), then checks that every
printed dossier is there, that the file passes ``PRAGMA integrity_check`` and that the audit
chain holds. Several rounds run on the same store, each continuing after the last kill.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.domain.dossier_code import CodeRange
from counter_app.services.audit_check import verify_audit
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.search import search_dossiers
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import Store, open_store
from counter_app.services.store.setup import set_up_counter
from counter_app.storage.engine import integrity_ok
from tests.dossier_helpers import AGENCY

REPO = Path(__file__).resolve().parents[3]
ROUNDS = 6


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")
def test_every_saved_dossier_survives_sigkill(new_store: Store, private_data_dir: Path) -> None:
    # The whole 1–9999 range: a fast writer must not run out of numbers before it is killed.
    config, _ = build_config(
        agency_code=AGENCY, agency_name="UBND", counter=1, code_range=CodeRange(1, 9999)
    )
    set_up_counter(new_store, config, actor="it", now=now_vn())
    new_store.close()
    rng = random.Random(20261125)
    promised: list[str] = []
    for _ in range(ROUNDS):
        promised += _run_and_kill(private_data_dir, after_s=rng.uniform(0.2, 0.8))
        store = open_store(private_data_dir)
        try:
            assert integrity_ok(store.db)
            assert verify_audit(store).ok
            missing = [c for c in promised if not search_dossiers(store, c)]
            assert missing == []
        finally:
            store.close()
    assert len(promised) >= ROUNDS  # the writer did save something in every round


def _run_and_kill(folder: Path, *, after_s: float) -> list[str]:
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(folder)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.crash_writer"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline()  # wait until it is writing, then let it run a while
    time.sleep(after_s)
    child.send_signal(signal.SIGKILL)
    rest, errors = child.communicate()
    assert child.returncode == -signal.SIGKILL, errors
    return [line for line in (first + rest).splitlines() if line]
