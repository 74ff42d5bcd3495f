"""``counter-app sync`` as IT runs it: the installed command against the simulator process."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.services.clock import now_vn
from counter_app.services.store.opening import Store
from counter_app.services.syncing.outbox import pending_count
from counter_app.services.syncing.settings import save_sync_settings
from tests.dossier_helpers import configure
from tests.integration.sync_helpers import (
    city_dump,
    city_sim,
    counter_app_exe,
    local_record,
    receive_many,
)

STILL = ("--advance-after-s", "0")
SHORT = {"backoff_base_s": 0.01, "backoff_cap_s": 0.2, "read_timeout_s": 2.0}


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    save_sync_settings(new_store, SHORT, actor="it", now=now_vn())
    return new_store


def sync(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [counter_app_exe(), "--lang", "en", "sync", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip


def test_sync_drains_and_prints_a_summary_then_status(store: Store, tmp_path: Path) -> None:
    receive_many(store, 60)
    with city_sim(tmp_path / "city.db", *STILL) as url:
        done = sync("--url", url, "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["ok"] and summary["sent"] == summary["acknowledged"] == 60
    assert summary["rejected"] == summary["pending"] == summary["statuses_updated"] == 0
    status = json.loads(sync("status", "--json").stdout)
    assert status["pending"] == status["rejected"] == 0 and status["last_error"] is None
    assert status["last_success_at"] and abs(status["clock_skew_s"]) < 5
    assert len(city_dump(tmp_path / "city.db")) == 60


def test_once_and_plain_text(store: Store, tmp_path: Path) -> None:
    receive_many(store, 3)
    with city_sim(tmp_path / "city.db", *STILL) as url:
        done = sync("--url", url, "--once")
    assert done.returncode == 0 and "Sent 3 records: 3 acknowledged" in done.stdout


def test_gives_up_after_max_wait_with_exit_1(store: Store) -> None:
    receive_many(store, 2)
    started = time.monotonic()
    done = sync("--url", "http://127.0.0.1:9", "--max-wait", "1", "--json")
    assert done.returncode == 1 and time.monotonic() - started < 30
    summary = json.loads(done.stdout.splitlines()[0])
    assert summary["pending"] == 2 and summary["gave_up"]
    assert "SYNC_GAVE_UP" in done.stderr
    status = json.loads(sync("status", "--json").stdout)
    assert status["pending"] == 2 and status["last_error"] == "SYNC_UNREACHABLE"


def test_a_failed_single_pass_exits_1(store: Store) -> None:
    receive_many(store, 1)
    done = sync("--url", "http://127.0.0.1:9", "--once", "--json")
    summary = json.loads(done.stdout)
    assert done.returncode == 1 and not summary["ok"]
    assert summary["last_error"] == "SYNC_UNREACHABLE" and summary["pending"] == 1


@pytest.mark.parametrize(
    ("args", "code", "exit_status"),
    [
        (("--url", "http://10.1.2.3:8000"), "SYNC_URL_INSECURE", 2),
        (("--url", "ftp://127.0.0.1"), "SYNC_URL_INVALID", 2),
        ((), "SYNC_NOT_CONFIGURED", 3),
        (("configure", "--batch-size", "80"), "SYNC_SETTING_INVALID", 2),
        (("set-token", "abc"), "SYNC_TOKEN_STDIN_ONLY", 2),
        (("configure", "--url", "http://10.1.2.3:8080\\@127.0.0.1"), "SYNC_URL_INVALID", 2),
        (("configure", "--url", "http://[::1"), "SYNC_URL_INVALID", 2),
        (("configure", "--ca-bundle", "/nonexistent/ca.pem"), "SYNC_CA_BUNDLE_UNREADABLE", 3),
    ],
)
def test_refusals(store: Store, args: tuple[str, ...], code: str, exit_status: int) -> None:
    done = sync(*args)
    assert done.returncode == exit_status and f"Error code: {code}" in done.stderr
    assert json.loads(sync("configure", "--json").stdout)["ca_bundle"] == ""
    assert "10.1.2.3" not in sync("configure", "--json").stdout  # nothing stored


def test_token_from_stdin_owner_only_and_401_pauses(
    store: Store, tmp_path: Path, private_data_dir: Path
) -> None:
    receive_many(store, 2)
    sim_env = {**os.environ, "CITY_SIM_TOKEN": "counter-token-1"}
    os.environ.update(sim_env)
    try:
        with city_sim(tmp_path / "city.db", *STILL) as url:
            refused = sync("--url", url, "--json")
            assert refused.returncode == 3 and "SYNC_UNAUTHORIZED" in refused.stderr
            assert sync("set-token", "-", stdin="counter-token-1\n").returncode == 0
            token_file = private_data_dir / "sync-token"
            assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
            accepted = sync("--url", url, "--json")
    finally:
        os.environ.pop("CITY_SIM_TOKEN")
    assert accepted.returncode == 0 and json.loads(accepted.stdout)["acknowledged"] == 2
    audit = store.db.conn.execute("SELECT details FROM audit_log").fetchall()
    assert "counter-token-1" not in json.dumps([tuple(r) for r in audit])


def test_configure_stores_settings_and_attention_lists_rejections(store: Store) -> None:
    done = sync("configure", "--url", "https://sync.example.vn", "--batch-size", "20", "--json")
    shown = json.loads(done.stdout)
    assert shown["url"] == "https://sync.example.vn" and shown["batch_size"] == 20
    assert shown["backoff_base_s"] == 0.01
    assert sync("attention", "--json").stdout == ""


def test_sigkill_mid_batch_loses_and_duplicates_nothing(store: Store, tmp_path: Path) -> None:
    saved = receive_many(store, 500)
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL, "--latency-ms", "200") as url:
        save_sync_settings(store, {"url": url}, actor="it", now=now_vn())
        syncing = subprocess.Popen([counter_app_exe(), "sync", "--json"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        # Two batches settled: the third is on the wire (each reply takes 200 ms).
        _wait_until(lambda: pending_count(store) <= 400)
        time.sleep(0.1)
        syncing.send_signal(signal.SIGKILL)
        syncing.wait(timeout=10)
        assert syncing.returncode == -signal.SIGKILL
        assert 0 < pending_count(store) < 500  # killed half-way
        done = sync("--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pending"] == 0
    dumped = city_dump(city_db)
    by_uuid = {row["dossier_uuid"]: row for row in dumped}
    assert len(dumped) == len(by_uuid) == 500
    for dossier in saved:
        assert by_uuid[dossier.uuid]["payload"] == local_record(store, dossier)
        assert by_uuid[dossier.uuid]["version"] == 1
    assert pending_count(store) == 0


def _wait_until(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
