"""The sync without a network: keys, ``sync export`` to a sealed file, ``city-sim import``, and
a later normal sync, all through the installed commands and the simulator process."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from counter_app.services.clock import now_vn
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.settings.counter import load_config
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.export import all_pending
from counter_app.services.syncing.keys import SIGNING_KEY_FILE
from counter_app.services.syncing.outbox import pending_count
from counter_app.services.syncing.settings import load_sync_settings, save_sync_settings
from counter_app.services.users import authenticate, list_users
from counter_app.storage.audit import iter_audit, verify_chain
from sync import protocol
from sync.client import ClientConfig, SyncClient
from sync.export import build_envelope, build_records
from tests.dossier_helpers import AGENCY, configure
from tests.integration.sync_helpers import city_dump, city_sim, counter_app_exe, receive_many

STILL = ("--advance-after-s", "0")  # no status steps: the dump stays what the counter sent
SHORT = {"backoff_base_s": 0.01, "backoff_cap_s": 0.2, "read_timeout_s": 2.0}
NAME = "Lê Thị Hồng"  # what receive_many names every applicant (plus a number)


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    save_sync_settings(new_store, SHORT, actor="it", now=now_vn())
    return new_store


def app(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [counter_app_exe(), "--lang", "en", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip


def app_json(*args: str) -> dict[str, Any]:
    done = app(*args, "--json")
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def exchange_keys(tmp_path: Path, city_db: Path) -> None:
    """What IT does once: the city's key to the counter, the counter's key to the city."""
    city_pem, counter_pem = tmp_path / "city.pem", tmp_path / "counter.pem"
    assert app("city-sim", "keygen", "--db", str(city_db), "--out", str(city_pem)).returncode == 0
    keys = app_json("sync", "keys", "--city-key", str(city_pem), "--out", str(counter_pem))
    trusted = app_json("city-sim", "trust", "--db", str(city_db), "--agency", AGENCY,
                       "--counter-id", "1", str(counter_pem))  # fmt: skip
    assert trusted["fingerprint"] == keys["fingerprint"]


def city_import(city_db: Path, batch: Path) -> list[dict[str, Any]]:
    done = app("city-sim", "import", "--db", str(city_db), str(batch), "--json")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def stored(city_db: Path) -> list[tuple[str, int, str]]:
    """What the city holds, without its receipt counters: (code, version, record)."""
    return sorted(
        (row["MaHoSo"], row["version"], json.dumps(row["payload"], sort_keys=True))
        for row in city_dump(city_db)
    )


def test_keys_are_made_once_owner_only_and_never_printed(store: Store, tmp_path: Path) -> None:
    first = app_json("sync", "keys")
    again = app_json("sync", "keys")
    assert first["fingerprint"] == again["fingerprint"] and len(first["fingerprint"]) == 64
    assert first["public_key"].startswith("-----BEGIN PUBLIC KEY-----")
    assert first["city_key_fingerprint"] is None and first["counter_id"] == "1"
    key_file = store.folder / SIGNING_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert "PRIVATE" not in json.dumps(first) and "PRIVATE" in key_file.read_text()
    plain = app("sync", "keys")
    assert plain.returncode == 0 and first["fingerprint"] in plain.stdout
    assert "PRIVATE" not in plain.stdout


def test_a_key_that_is_not_the_citys_is_refused(store: Store, tmp_path: Path) -> None:
    counter_pem = tmp_path / "counter.pem"
    app_json("sync", "keys", "--out", str(counter_pem))
    wrong = app("sync", "keys", "--city-key", str(counter_pem))  # Ed25519, not X25519
    assert wrong.returncode == 2 and "OFFLINE_KEY_INVALID" in wrong.stderr
    missing = app("sync", "keys", "--city-key", str(tmp_path / "none.pem"))
    assert missing.returncode == 2 and "SYNC_KEY_FILE_UNREADABLE" in missing.stderr
    assert app_json("sync", "keys")["city_key_fingerprint"] is None


def test_export_refuses_without_the_city_key_then_with_nothing_pending(
    store: Store, tmp_path: Path
) -> None:
    receive_many(store, 1)
    out = tmp_path / "batch.offline"
    refused = app("sync", "export", "--out", str(out))
    assert refused.returncode == 3 and "SYNC_CITY_KEY_MISSING" in refused.stderr
    exchange_keys(tmp_path, tmp_path / "city.db")
    with city_sim(tmp_path / "city.db", *STILL) as url:
        assert app("sync", "--url", url).returncode == 0
    nothing = app("sync", "export", "--out", str(out), "--json")
    assert nothing.returncode == 2 and not out.exists()
    assert json.loads(nothing.stdout)["error_code"] == "SYNC_NOTHING_PENDING"


def test_export_import_twice_then_sync_stores_everything_once(store: Store, tmp_path: Path) -> None:
    received = receive_many(store, 30)
    city_db, batch = tmp_path / "city.db", tmp_path / "stick" / "batch.offline"
    batch.parent.mkdir()
    exchange_keys(tmp_path, city_db)

    exported = app_json("sync", "export", "--out", str(batch))
    assert exported["records"] == 30 and exported["file"] == "batch.offline"
    assert stat.S_IMODE(batch.stat().st_mode) == 0o600
    assert NAME.encode() not in batch.read_bytes() and b"00118" not in batch.read_bytes()
    assert pending_count(store) == 30  # still pending until the city acknowledges

    first = city_import(city_db, batch)
    assert [r["outcome"] for r in first] == ["accepted"] * 30
    held = stored(city_db)
    assert sorted(code for code, _, _ in held) == sorted(d.code for d in received)
    assert {version for _, version, _ in held} == {1}

    second = city_import(city_db, batch)
    assert [r["outcome"] for r in second] == ["duplicate"] * 30
    assert stored(city_db) == held

    with city_sim(city_db, *STILL) as url:
        assert _network_outcomes(store, url) == {"duplicate"}
        done = app_json("sync", "--url", url)
    assert done["acknowledged"] == 30 and done["rejected"] == done["pending"] == 0
    assert stored(city_db) == held
    assert all(r["times_received"] == 4 for r in city_dump(city_db))  # 2 imports, 2 posts
    assert dossiers.get_dossier(store, received[0].code).synced_version == 1


def test_a_file_imported_after_the_same_records_synced_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    receive_many(store, 5)
    city_db, batch = tmp_path / "city.db", tmp_path / "b.offline"
    exchange_keys(tmp_path, city_db)
    app_json("sync", "export", "--out", str(batch))
    with city_sim(city_db, *STILL) as url:
        assert app_json("sync", "--url", url)["acknowledged"] == 5
    held = stored(city_db)
    assert [r["outcome"] for r in city_import(city_db, batch)] == ["duplicate"] * 5
    assert stored(city_db) == held and pending_count(store) == 0


def _network_outcomes(store: Store, url: str) -> set[str]:
    """The city's answer to the same records over the network, sent as the engine sends them."""
    config = load_config(store)
    records = build_records(all_pending(store), agency_name=config.agency_name)
    envelope = build_envelope(config, records, now=now_vn(), skew_s=None)
    client = SyncClient(ClientConfig(url=url, counter_id="1", app_version="test"))
    try:
        body = client.post_batch_bytes(protocol.dumps(envelope)).body
    finally:
        client.close()
    return {result["outcome"] for result in body["results"]}


def test_the_export_is_noted_without_personal_data(store: Store, tmp_path: Path) -> None:
    receive_many(store, 3)
    exchange_keys(tmp_path, tmp_path / "city.db")
    exported = app_json("sync", "export", "--out", str(tmp_path / "b.offline"))
    status = app_json("sync", "status")
    assert status["last_export_count"] == 3 and status["last_export_at"]
    rows = [(r.subject, r.details) for r in iter_audit(store.db) if r.action == "sync.export"]
    assert rows == [(exported["batch_id"], '{"file": "b.offline", "records": 3}')]
    assert verify_chain(store.db)[1] is None


def test_a_changed_byte_is_refused_by_the_city(store: Store, tmp_path: Path) -> None:
    receive_many(store, 2)
    city_db, batch = tmp_path / "city.db", tmp_path / "b.offline"
    exchange_keys(tmp_path, city_db)
    app_json("sync", "export", "--out", str(batch))
    outer = json.loads(batch.read_text())
    outer["counter_id"] = "2"
    batch.write_text(json.dumps(outer))
    done = app("city-sim", "import", "--db", str(city_db), str(batch))
    assert done.returncode == 2 and city_dump(city_db) == []


def test_sync_status_reports_a_skewed_city_clock(store: Store, tmp_path: Path) -> None:
    receive_many(store, 1)
    with city_sim(tmp_path / "city.db", *STILL, "--clock-skew-s", "600") as url:
        assert app("sync", "--url", url).returncode == 0
    status = app_json("sync", "status")
    assert 590 <= status["clock_skew_s"] <= 610 and status["clock_skew_warning"]
    text = app("sync", "status").stdout
    assert "clock is" in text and "Ask IT to set the clock" in text


def run_demo(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = Path(__file__).resolve().parents[3] / "scripts" / "demo.sh"
    return subprocess.run(
        ["bash", str(script)], env=env, capture_output=True, text=True, encoding="utf-8",
        timeout=120,
    )  # fmt: skip


def test_the_demo_sets_up_once_syncs_with_the_simulator_and_stops_it(tmp_path: Path) -> None:
    """``make run``: scripts/demo.sh end to end, twice (the second run reuses the counter)."""
    display = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env = {**display, "DEMO_DIR": str(tmp_path / "demo"), "COUNTER_APP": counter_app_exe(),
           "DEMO_NEW_DOSSIERS": "3", "COUNTER_APP_LANG": "en",
           "COUNTER_APP_NO_AUTO_BACKUP": "1"}  # fmt: skip
    runs = [run_demo(env), run_demo(env)]
    sent = []
    for done in runs:
        assert done.returncode == 0, done.stderr
        found = re.search(
            r"Sent (\d+) records: (\d+) acknowledged, 0 rejected; 0 dossiers still pending",
            done.stdout,
        )
        assert found is not None and found[1] == found[2], done.stdout
        sent.append(int(found[1]))
        assert "Pending: 0" in done.stdout and "No display here" in done.stdout
    # The first run also sends the seeded dossiers of today still unsent (how many depends on
    # the hour the test runs); the second sends exactly its three new ones.
    assert sent[0] >= 3 and sent[1] == 3
    assert "A demo counter" in runs[0].stdout and "A demo counter" not in runs[1].stdout
    url = (tmp_path / "demo" / "city-sim.out").read_text().split()[-1]
    port = int(url.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError):  # the simulator was stopped on exit
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    assert len(city_dump(tmp_path / "demo" / "city-sim.db")) == sum(sent)
    # The window the demo opens signs in with its users and syncs with this run's simulator.
    store = open_store(tmp_path / "demo")
    try:
        users = {(u.username, u.role) for u in list_users(store)}
        assert users == {("quantri", "administrator"), ("giamsat", "supervisor"),
                         ("canbo", "clerk")}  # fmt: skip
        assert authenticate(store, "canbo", "demo-1234", now=now_vn()).full_name
        assert load_sync_settings(store).url == url
    finally:
        store.close()
