"""Voids reach the city: the three races end with the dossier cancelled at the simulator.

A dossier voided while its send is in flight, after a send whose reply was lost, or after an
offline file the city imported, may be live at the city; the void becomes a cancellation
record, sent on the next pass. A dossier voided before anything left is never told.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from counter_app.services import dossiers
from counter_app.services.clock import now_vn
from counter_app.services.store import Store, open_store
from counter_app.services.sync_cancellations import pending_cancellation_count
from counter_app.services.sync_settings import save_sync_settings
from sync.engine import SyncReport
from tests.dossier_helpers import CLERK, configure
from tests.integration.sync_helpers import FAST, city_dump, city_sim, receive_many, sync_once
from tests.integration.test_sync_offline import SHORT, STILL, app, city_import, exchange_keys


def _store(new_store: Store) -> Store:
    configure(new_store)
    save_sync_settings(new_store, SHORT, actor="it", now=now_vn())
    return new_store


def _void(store: Store, code: str) -> None:
    dossiers.void_dossier(store, code, reason="Nhập trùng", actor=CLERK, now=now_vn())


def _cancelled(city_db: Path) -> dict[str, bool]:
    return {row["local_code"]: row["cancelled"] for row in city_dump(city_db)}


def _wait_until_sending(store: Store) -> None:
    deadline = time.monotonic() + 20
    query = "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"
    while store.db.conn.execute(query).fetchone()[0] == 0:
        assert time.monotonic() < deadline, "the send never started"
        time.sleep(0.02)


def test_voided_while_the_send_is_in_flight(
    new_store: Store, private_data_dir: Path, tmp_path: Path
) -> None:
    store = _store(new_store)
    first, second = receive_many(store, 2)
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL, "--latency-ms", "1500") as url:
        done: list[SyncReport] = []

        def send() -> None:
            other = open_store(private_data_dir)  # the sync runs in its own thread and connection
            try:
                done.append(sync_once(other, url, FAST))
            finally:
                other.close()

        sender = threading.Thread(target=send)
        sender.start()
        _wait_until_sending(store)  # the batch is on its way; the city answers 1.5 s later
        _void(store, first.code)
        sender.join(timeout=60)
    # The same pass took both versions, then sent the void it learnt of meanwhile.
    assert done[0].acknowledged == 2 and done[0].cancellations_acknowledged == 1
    assert pending_cancellation_count(store) == 0
    assert _cancelled(city_db) == {first.code: True, second.code: False}


def test_voided_after_a_send_whose_reply_was_lost(new_store: Store, tmp_path: Path) -> None:
    store = _store(new_store)
    (only,) = receive_many(store, 1)
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL, "--fail-rate", "1", "--faults", "500") as url:
        report = sync_once(store, url, FAST)  # stored by the city, then a 500
    assert report.error_code == "SYNC_SERVER_BUSY" and report.pending == 1
    _void(store, only.code)  # the counter never heard: void is still allowed
    assert pending_cancellation_count(store) == 1
    with city_sim(city_db, *STILL) as url:
        report = sync_once(store, url, FAST)
    assert report.cancellations_acknowledged == 1
    assert _cancelled(city_db) == {only.code: True}


def test_voided_after_an_offline_file_the_city_imported(new_store: Store, tmp_path: Path) -> None:
    store = _store(new_store)
    (only,) = receive_many(store, 1)
    city_db = tmp_path / "city.db"
    exchange_keys(tmp_path, city_db)
    batch = tmp_path / "outbox.sync"
    assert app("sync", "export", "--out", str(batch)).returncode == 0
    assert [r["outcome"] for r in city_import(city_db, batch)] == ["accepted"]
    _void(store, only.code)
    with city_sim(city_db, *STILL) as url:
        report = sync_once(store, url, FAST)
    assert report.cancellations_acknowledged == 1 and report.pending == 0
    assert _cancelled(city_db) == {only.code: True}
    # A re-import of the same file (or a late copy of it) does not revive the dossier.
    assert [r["outcome"] for r in city_import(city_db, batch)] == ["duplicate"]
    assert _cancelled(city_db) == {only.code: True}


def test_a_dossier_voided_before_anything_left_is_never_told(
    new_store: Store, tmp_path: Path
) -> None:
    store = _store(new_store)
    voided, kept = receive_many(store, 2)
    _void(store, voided.code)
    assert pending_cancellation_count(store) == 0
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL) as url:
        report = sync_once(store, url, FAST)
    assert report.cancellations_acknowledged == 0
    assert _cancelled(city_db) == {kept.code: False}
