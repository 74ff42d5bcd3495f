"""Voids reach the city (the three races end with the dossier cancelled at the simulator), and
after a restore the city says which lost dossiers it holds.

A dossier voided while its send is in flight, after a send whose reply was lost, or after an
offline file the city imported, may be live at the city; the void becomes a cancellation
record, sent on the next pass. A dossier voided before anything left is never told.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.services.backup.copies import make_backup
from counter_app.services.backup.restore import restore_backup
from counter_app.services.clock import now_vn
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.cancellations import pending_cancellation_count
from counter_app.services.syncing.outbox import (
    ACCEPTED,
    RecordOutcome,
    next_pending,
    settle_outcomes,
)
from counter_app.services.syncing.settings import save_sync_settings
from sync.engine import SyncReport
from tests.dossier_helpers import CLERK, configure, vn
from tests.integration.sync.test_sync_offline import SHORT, STILL, app, city_import, exchange_keys
from tests.integration.sync_helpers import FAST, city_dump, city_sim, receive_many, sync_once


def _store(new_store: Store) -> Store:
    configure(new_store)
    save_sync_settings(new_store, SHORT, actor="it", now=now_vn())
    return new_store


def _void(store: Store, code: str) -> None:
    dossiers.void_dossier(
        store, code, reason="Nhập trùng", actor=CLERK, role="supervisor", now=now_vn()
    )


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


def test_after_a_restore_the_city_says_which_lost_dossiers_it_holds(
    new_store: Store, private_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dossiers the backup lacks: the two the city holds are not to be typed again, the one
    that never left is listed for re-entry (``sync recover``)."""
    store = _store(new_store)
    receive_many(store, 1)
    backup = make_backup(store, actor=CLERK, now=now_vn()).path
    later = receive_many(store, 2, start=vn(2026, 11, 3, 8, 0))
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL) as url:
        assert sync_once(store, url, FAST).pending == 0
        (unsent,) = receive_many(store, 1, start=vn(2026, 11, 4, 8, 0))
        store.close()
        restore_backup(private_data_dir, backup, key_file=None, actor=CLERK, now=now_vn())
        restored = open_store(private_data_dir)
        save_sync_settings(restored, {"url": url}, actor="it", now=now_vn())
        restored.close()
        assert main(["--lang", "en", "sync", "recover", "--json"]) == 0
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_code = {line["code"]: line for line in lines}
    assert {code for code, line in by_code.items() if line["at_city"]} == {d.code for d in later}
    assert by_code[unsent.code]["at_city"] is False
    assert all("Lê Thị" not in json.dumps(line) for line in lines)  # codes and states only


def test_a_void_between_reading_a_batch_and_sending_it_is_caught_when_the_city_answers(
    new_store: Store,
) -> None:
    """The void commits after the engine read the dossier but before it noted the batch as
    sent: no cancellation yet; the city's acknowledgement of the version queues one."""
    store = _store(new_store)
    receive_many(store, 1)
    (item,) = next_pending(store, after_id=0, limit=10)
    _void(store, item.dossier.code)
    assert pending_cancellation_count(store) == 0  # nothing had left when it was voided
    settle_outcomes(store, [RecordOutcome(item, ACCEPTED)], batch_id="b1", now=now_vn())
    assert pending_cancellation_count(store) == 1
