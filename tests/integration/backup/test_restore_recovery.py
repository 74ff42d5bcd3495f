"""After a restore, the counter takes back from the city the dossiers the backup lacked.

The real simulator on loopback and a real store: back up, receive dossiers, send some, restore
the old backup. The dossiers the city holds come back whole (the record the counter would send
now is the one it sent), marked as acknowledged so nothing leaves twice; the one that never
left is listed for re-entry; typing a recovered one again is refused.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.domain.dossier import DocumentReceived, Dossier, IdType, Proxy
from counter_app.services.audit_check import verify_audit
from counter_app.services.backup.city_recovery import (
    PENDING_ACK,
    RecoveredDossierReenteredError,
    RecoveryNotice,
    RecoveryPendingError,
    awaiting_city,
    recovery_notice,
)
from counter_app.services.backup.copies import make_backup
from counter_app.services.backup.restore import restore_backup
from counter_app.services.clock import now_vn
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.outbox import pending_count
from counter_app.services.syncing.settings import save_sync_settings
from sync.client import ClientConfig, SyncClient
from sync.protocol import BATCH_PATH, CHANGES_PATH, LOOKUP_PATH
from sync.recovery import recover_from_city
from tests.city_sim_process import sample_envelope
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn
from tests.integration.sync.test_sync_offline import SHORT, STILL
from tests.integration.sync_helpers import (
    FAST,
    city_dump,
    city_sim,
    local_record,
    scripted_server,
    sync_once,
)

# Fields a restore cannot give back as they were: the row id is the store's own, and the
# times of the store's bookkeeping are those of the recovery.
_BOOKKEEPING = ("id", "updated_at", "first_synced_at")


def _rich_intake(n: int) -> Any:
    """A dossier with every part the national record has no name for: a date of birth, a sex,
    a proxy, originals and copies, several sets."""
    person = citizen(name=f"Nguyễn Thị Ánh {n}", id_number=f"00118900{n:04d}")
    proxy = Proxy("Trần Văn Đức", IdType.PERSONAL_ID, "001090001234", "con", "0987654321")
    papers = (DocumentReceived("Tờ khai", 1, 0), DocumentReceived("Giấy chứng sinh", 1, 2))
    return replace(intake(person), proxy=proxy, documents=papers, sets=2, notes="Ghi chú ở quầy")


def _counter(store: Store, url: str = "") -> Store:
    configure(store)
    save_sync_settings(store, {**SHORT, "url": url}, actor="it", now=now_vn())
    return store


def _restore(folder: Path, backup: Path) -> Store:
    restore_backup(folder, backup, key_file=None, actor=CLERK, now=now_vn())
    return open_store(folder)


def _sync_status(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["--lang", "en", "sync", "status", "--json"]) == 0
    status: dict[str, Any] = json.loads(capsys.readouterr().out)
    return status


def _same(before: Dossier, after: Dossier) -> None:
    for name in Dossier.__dataclass_fields__:
        if name not in _BOOKKEEPING:
            assert getattr(after, name) == getattr(before, name), name


def _as_sent(city_db: Path) -> dict[str, dict[str, Any]]:
    """The record each dossier's last accepted version carried, by local code."""
    return {row["local_code"]: row for row in city_dump(city_db)}


def test_a_restore_takes_back_from_the_city_the_dossiers_it_holds(
    new_store: Store, private_data_dir: Path, tmp_path: Path
) -> None:
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL) as url:
        store = _counter(new_store, url)
        kept = receive_dossier(store, _rich_intake(0), clerk=CLERK, now=vn(2026, 11, 2, 8, 0))
        assert sync_once(store, url, FAST).pending == 0
        backup = make_backup(store, actor=CLERK, now=now_vn()).path
        sent = [
            receive_dossier(store, _rich_intake(n), clerk=CLERK, now=vn(2026, 11, 3, 8, n))
            for n in (1, 2)
        ]
        edited = dossiers.edit_dossier(
            store, sent[1].code, {"notes": "Đã sửa"}, actor=CLERK, now=vn(2026, 11, 3, 9, 0)
        )
        assert sync_once(store, url, FAST).pending == 0
        before = [dossiers.get_dossier(store, d.code) for d in (sent[0], edited)]
        records = [local_record(store, d) for d in before]
        unsent = receive_dossier(store, _rich_intake(3), clerk=CLERK, now=vn(2026, 11, 4, 8, 0))
        store.close()
        restored = _restore(private_data_dir, backup)
        try:
            recovery = _recover(restored, url)
            assert sorted(r.code for r in recovery.recovered) == sorted(d.code for d in before)
            assert [code for code, _ in recovery.missing] == [unsent.code]
            for old, record in zip(before, records, strict=True):
                again = dossiers.get_dossier(restored, old.code)
                _same(old, again)
                assert local_record(restored, again) == record  # what was sent, field by field
            assert pending_count(restored) == 0  # acknowledged: nothing to send again
            assert sync_once(restored, url, FAST).acknowledged == 0
            assert verify_audit(restored).ok, verify_audit(restored)  # sealed, nothing missing
            _refuses_re_entry(restored, before[0])
        finally:
            restored.close()
    city = _as_sent(city_db)
    # One delivery each (the edit, made before the send, left as version 2 alone), and none
    # after the restore.
    assert {code: (row["version"], row["times_received"]) for code, row in city.items()} == {
        kept.code: (1, 1), sent[0].code: (1, 1), edited.code: (2, 1),
    }  # fmt: skip
    assert unsent.code not in city


def _recover(store: Store, url: str) -> Any:
    client = SyncClient(ClientConfig(url=url, counter_id="1", app_version="test"))
    try:
        return recover_from_city(store, client, now=now_vn())
    finally:
        client.close()


def _refuses_re_entry(store: Store, recovered: Dossier) -> None:
    """The same ID number and procedure on the day of a recovered dossier: refused, naming it."""
    again = _rich_intake(1)
    with pytest.raises(RecoveredDossierReenteredError) as refused:
        receive_dossier(store, again, clerk=CLERK, now=vn(2026, 11, 3, 10, 0))
    assert refused.value.args[0] == recovered.code
    assert recovered.applicant.full_name not in str(refused.value)


def test_the_restore_command_recovers_at_once_and_lists_the_rest(
    new_store: Store, private_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL) as url:
        store = _counter(new_store, url)
        backup = make_backup(store, actor=CLERK, now=now_vn()).path
        held = receive_dossier(store, _rich_intake(1), clerk=CLERK, now=vn(2026, 11, 3, 8, 0))
        assert sync_once(store, url, FAST).pending == 0
        unsent = receive_dossier(store, _rich_intake(2), clerk=CLERK, now=vn(2026, 11, 3, 8, 5))
        store.close()
        argv = ["--lang", "vi", "restore", str(backup), "--yes"]
        assert main(argv) == 0
        out = capsys.readouterr().out
    assert f"{held.code}: đã lấy lại từ thành phố" in out
    assert f"{unsent.code}: thành phố không có hồ sơ này" in out
    assert "Nguyễn Thị Ánh" not in out  # codes and states only
    reopened = open_store(private_data_dir)
    try:
        assert dossiers.get_dossier(reopened, held.code).applicant == held.applicant
    finally:
        reopened.close()


def test_an_unreachable_city_leaves_the_recovery_for_the_next_sync(
    new_store: Store, private_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The city is down at the restore: the losses wait, a same-day re-entry of the same ID
    number and procedure is refused until the city has answered, and the next sync pass
    recovers."""
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL) as url:
        store = _counter(new_store, url)
        backup = make_backup(store, actor=CLERK, now=now_vn()).path
        held = receive_dossier(store, _rich_intake(1), clerk=CLERK, now=vn(2026, 11, 3, 8, 0))
        assert sync_once(store, url, FAST).pending == 0
        store.close()
    # The simulator has stopped: nothing listens at its address.
    assert main(["--lang", "en", "restore", str(backup), "--yes", "--json"]) == 0
    report = json.loads(capsys.readouterr().out.splitlines()[0])
    assert report["city_recovery"] == {"asked": False, "error": "SYNC_UNREACHABLE"}
    restored = open_store(private_data_dir)
    try:
        with pytest.raises(RecoveryPendingError):
            receive_dossier(restored, _rich_intake(1), clerk=CLERK, now=vn(2026, 11, 3, 10, 0))
        assert _sync_status(capsys)["recovery_awaiting_city"] == 1  # IT sees it waiting
        assert main(["--lang", "en", "sync", "status"]) == 0
        assert "1 dossiers the backup lacked still wait" in capsys.readouterr().out
        with city_sim(city_db, *STILL) as url:
            save_sync_settings(restored, {"url": url}, actor="it", now=now_vn())
            report_pass = sync_once(restored, url, FAST)
        assert report_pass.recovered == 1 and report_pass.acknowledged == 0
        assert _sync_status(capsys)["recovery_awaiting_city"] == 0
        assert dossiers.get_dossier(restored, held.code).proxy == held.proxy
    finally:
        restored.close()
    assert [row["times_received"] for row in city_dump(city_db)] == [1]


def test_a_city_without_the_lookup_does_not_stop_the_sending(
    new_store: Store, private_data_dir: Path
) -> None:
    """A city adapter that answers the lookup 404: the pass goes on (a new dossier is sent),
    and the loss keeps waiting for an answer, so intake still asks first."""
    store = _counter(new_store)
    backup = make_backup(store, actor=CLERK, now=now_vn()).path
    receive_dossier(store, _rich_intake(1), clerk=CLERK, now=vn(2026, 11, 3, 8, 0))
    store.close()
    restored = _restore(private_data_dir, backup)
    try:
        fresh = receive_dossier(
            restored, replace(_rich_intake(2), acknowledged=frozenset({PENDING_ACK})),
            clerk=CLERK, now=vn(2026, 11, 3, 9, 0),
        )  # fmt: skip
        with scripted_server() as (script, url):
            script.respond = _city_without_lookup
            save_sync_settings(restored, {"url": url}, actor="it", now=now_vn())
            report = sync_once(restored, url, FAST)
        assert report.error is None and report.recovered == 0 and report.acknowledged == 1
        assert [s["path"] for s in script.seen][:2] == [LOOKUP_PATH, BATCH_PATH]
        assert [code for _, code in awaiting_city(restored)] not in ([], [fresh.code])
    finally:
        restored.close()


def _city_without_lookup(method: str, path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
    if path.startswith(LOOKUP_PATH):
        return 404, {}, b'{"error": "not found"}'
    if path.startswith(BATCH_PATH):
        batch = json.loads(body)
        results = [{"idempotency_key": r["idempotency_key"], "outcome": "accepted",
                    "MaHoSo": r["hoSo"]["MaHoSo"], "server_version": r["version"], "errors": []}
                   for r in batch["records"]]  # fmt: skip
        return 200, {}, json.dumps({"batch_id": batch["batch_id"], "results": results}).encode()
    if path.startswith(CHANGES_PATH):
        return 200, {}, b'{"items": [], "next_cursor": "c1", "has_more": false}'
    return 304, {}, b""


def test_a_dossier_voided_at_the_city_comes_back_voided(
    new_store: Store, private_data_dir: Path, tmp_path: Path
) -> None:
    """Sent (the reply lost), then voided (the cancellation reached the city), then lost to a
    restore: it comes back voided, and the person may file the same procedure again."""
    city_db = tmp_path / "city.db"
    store = _counter(new_store)
    backup = make_backup(store, actor=CLERK, now=now_vn()).path
    sent = receive_dossier(store, _rich_intake(1), clerk=CLERK, now=vn(2026, 11, 3, 8, 0))
    with city_sim(city_db, *STILL, "--fail-rate", "1", "--faults", "500") as url:
        assert sync_once(store, url, FAST).error_code == "SYNC_SERVER_BUSY"  # stored, then 500
    dossiers.void_dossier(
        store, sent.code, reason="Nhập trùng", actor=CLERK, role="supervisor", now=now_vn()
    )
    with city_sim(city_db, *STILL) as url:
        assert sync_once(store, url, FAST).cancellations_acknowledged == 1
        store.close()
        restored = _restore(private_data_dir, backup)
        try:
            save_sync_settings(restored, {"url": url}, actor="it", now=now_vn())
            report = sync_once(restored, url, FAST)
            assert report.recovered == 1 and report.acknowledged == 0
            assert dossiers.get_dossier(restored, sent.code).is_voided
            again = receive_dossier(restored, _rich_intake(1), clerk=CLERK, now=now_vn())
            assert again.code != sent.code
        finally:
            restored.close()


def test_a_record_without_the_counters_copy_is_held_not_rebuilt(
    new_store: Store, private_data_dir: Path, tmp_path: Path
) -> None:
    """A version an older app sent (no ``counter_copy``): the city holds it but it cannot be
    rebuilt; it is listed as held, never for re-entry, and the window says not to type it."""
    store = _counter(new_store)
    backup = make_backup(store, actor=CLERK, now=now_vn()).path
    old = receive_dossier(store, _rich_intake(1), clerk=CLERK, now=vn(2026, 11, 3, 8, 0))
    bare = {k: v for k, v in local_record(store, old).items() if k != "counter_copy"}
    store.close()
    with city_sim(tmp_path / "city.db", *STILL) as url:
        client = SyncClient(ClientConfig(url=url, counter_id="1", app_version="0.9"))
        try:
            reply = client.post_batch(sample_envelope([bare]))
            assert reply.body["results"][0]["outcome"] == "accepted"
            restored = _restore(private_data_dir, backup)
            try:
                save_sync_settings(restored, {"url": url}, actor="it", now=now_vn())
                recovery = recover_from_city(restored, client, now=now_vn())
                notice = recovery_notice(restored, now=now_vn())
            finally:
                restored.close()
        finally:
            client.close()
    assert [h.code for h in recovery.held] == [old.code]
    assert recovery.recovered == [] and recovery.missing == []
    assert notice == RecoveryNotice(0, (), (), (old.code,))
