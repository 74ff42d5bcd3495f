"""One sync pass against a scripted server on loopback: outcomes, whole-request errors, pull."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from counter_app.domain.dossier import Status
from counter_app.services.catalogue import current_catalogue, list_procedures
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.store.opening import Store
from counter_app.services.syncing.journal import read_journal
from counter_app.services.syncing.outbox import needs_attention, pending_count
from counter_app.services.syncing.settings import SyncSettings
from counter_app.storage.outbox import entries_for
from sync.client import ClientConfig, SyncClient
from sync.engine import SyncReport, run_sync_once
from tests.dossier_helpers import configure, vn
from tests.integration.sync_helpers import FAST, Script, receive_many, scripted_server

NOW = vn(2026, 11, 20, 10, 0)
Outcome = Callable[[dict[str, Any]], dict[str, Any]]


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


@pytest.fixture
def served() -> Iterator[tuple[Script, str]]:
    with scripted_server() as running:
        yield running


def accept(record: dict[str, Any]) -> dict[str, Any]:
    return result(record, "accepted")


def result(record: dict[str, Any], outcome: str, **extra: Any) -> dict[str, Any]:
    base = {
        "idempotency_key": record["idempotency_key"],
        "outcome": outcome,
        "MaHoSo": record["hoSo"]["MaHoSo"],
        "server_version": record["version"],
        "errors": [],
    }
    return {**base, **extra}


def city(
    script: Script,
    outcome: Outcome = accept,
    *,
    changes: list[dict[str, Any]] | None = None,
    too_large_above: int = 50,
) -> None:
    """A city that answers batches record by record and serves one page of changes."""

    def respond(method: str, path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        if path.startswith("/v1/dossiers/batch"):
            records = json.loads(body)["records"]
            if len(records) > too_large_above:
                return 413, {}, b'{"error": "TOO_LARGE"}'
            reply = {"protocol": "counter-sync/1", "results": [outcome(r) for r in records]}
            return 200, {}, json.dumps(reply).encode()
        if path.startswith("/v1/dossiers/changes"):
            page = {"items": changes or [], "next_cursor": "c1", "has_more": False}
            return 200, {}, json.dumps(page).encode()
        return 304, {}, b""

    script.respond = respond


def one_pass(store: Store, url: str, settings: SyncSettings = FAST) -> SyncReport:
    client = SyncClient(ClientConfig(url=url, counter_id="1", app_version="test"))
    try:
        return run_sync_once(store, client, now=NOW, settings=settings)
    finally:
        client.close()


def batches(script: Script) -> list[dict[str, Any]]:
    return [json.loads(s["body"]) for s in script.seen if s["path"] == "/v1/dossiers/batch"]


def test_accepted_records_are_synced_and_the_official_code_kept(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    saved = receive_many(store, 3)
    city(
        script,
        lambda r: result(r, "accepted", MaHoSo=f"CITY-{r['version']}-{r['local_code'][-4:]}"),
    )
    report = one_pass(store, url)
    assert (report.sent, report.acknowledged, report.pending, report.retry_in_s) == (3, 3, 0, None)
    for dossier in saved:
        after = dossiers.get_dossier(store, dossier.code)
        assert after.synced_version == 1 and after.first_synced_at is not None
        assert after.official_code == f"CITY-1-{dossier.code[-4:]}"
        assert entries_for(store.db, dossier.id) == [(1, f"{dossier.uuid}:1", "acked")]
    (envelope,) = batches(script)
    assert envelope["protocol"] == "counter-sync/1" and envelope["MaDonVi"] == "000.31.27.H26"
    assert envelope["counter_id"] == "1" and envelope["sent_at"] == "2026-11-20T10:00:00+07:00"
    assert read_journal(store).last_success_at == "2026-11-20T10:00:00+07:00"


def test_only_the_newest_version_of_a_dossier_is_sent(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    (dossier,) = receive_many(store, 1)
    dossiers.edit_dossier(store, dossier.code, {"notes": "Sửa lần 1"}, actor="c", now=NOW)
    dossiers.edit_dossier(store, dossier.code, {"notes": "Sửa lần 2"}, actor="c", now=NOW)
    city(script)
    report = one_pass(store, url)
    assert report.sent == 1 and report.pending == 0
    (envelope,) = batches(script)
    assert [r["version"] for r in envelope["records"]] == [3]
    states = [state for _, _, state in entries_for(store.db, dossier.id)]
    assert states == ["superseded", "superseded", "acked"]


def test_rejected_records_wait_for_attention_and_never_block_the_others(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    saved = receive_many(store, 4)
    bad = saved[1]
    error = {"field": "hoSo.MaTTHC", "code": "FIELD_UNKNOWN_PROCEDURE", "message": "Không rõ"}

    def outcome(record: dict[str, Any]) -> dict[str, Any]:
        if record["dossier_uuid"] == bad.uuid:
            return result(record, "rejected", errors=[error])
        return accept(record)

    city(script, outcome)
    report = one_pass(store, url)
    assert (report.acknowledged, report.rejected, report.pending) == (3, 1, 0)
    (item,) = needs_attention(store)
    assert item.code == bad.code and item.errors == [error]
    assert one_pass(store, url).sent == 0  # never re-sent as it is
    dossiers.edit_dossier(store, bad.code, {"notes": "Đã sửa mã thủ tục"}, actor="c", now=NOW)
    city(script)
    assert one_pass(store, url).acknowledged == 1
    assert needs_attention(store) == []


def test_duplicate_and_stale_are_synced_and_stale_is_flagged(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    first, second = receive_many(store, 2)
    city(script, lambda r: result(r, "duplicate" if r["dossier_uuid"] == first.uuid else "stale"))
    report = one_pass(store, url)
    assert (report.acknowledged, report.stale, report.pending) == (2, 1, 0)
    kinds = [e["kind"] for e in dossiers.dossier_detail(store, second.code).events]
    assert "sync_stale" in kinds


def test_retry_later_stays_pending_and_goes_out_again(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    saved = receive_many(store, 3)
    later = saved[0].uuid
    city(script, lambda r: result(r, "retry_later") if r["dossier_uuid"] == later else accept(r))
    report = one_pass(store, url)
    assert (report.acknowledged, report.retry_later, report.pending) == (2, 1, 1)
    assert report.retry_in_s is not None and 0 <= report.retry_in_s <= FAST.backoff_base_s
    city(script)
    again = one_pass(store, url)
    assert (again.sent, again.acknowledged, again.pending) == (1, 1, 0)
    assert batches(script)[-1]["records"][0]["idempotency_key"] == f"{later}:1"


def test_a_pass_where_every_record_comes_back_later_backs_off(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    receive_many(store, 2)
    city(script, lambda r: result(r, "retry_later"))
    first, second = one_pass(store, url), one_pass(store, url)
    assert first.retry_later == second.retry_later == 2 and second.pending == 2
    journal = read_journal(store)
    assert journal.failures == 2 and journal.last_error == "SYNC_SERVER_BUSY"
    city(script)
    assert one_pass(store, url).pending == 0 and read_journal(store).failures == 0


def test_a_too_large_batch_is_halved(store: Store, served: tuple[Script, str]) -> None:
    script, url = served
    receive_many(store, 30)
    city(script, too_large_above=8)
    report = one_pass(store, url)
    assert report.acknowledged == 30 and report.pending == 0
    sizes = [len(b["records"]) for b in batches(script)]
    assert sizes[:3] == [30, 15, 7] and max(sizes[2:]) <= 8


def test_byte_limit_keeps_batches_under_it(store: Store, served: tuple[Script, str]) -> None:
    script, url = served
    receive_many(store, 12)
    city(script)
    report = one_pass(store, url, replace(FAST, max_batch_bytes=8192))
    assert report.acknowledged == 12 and report.batches > 1
    assert all(len(s["body"]) <= 8192 for s in script.seen if s["path"].endswith("/batch"))


def test_a_malformed_envelope_parks_the_batch(store: Store, served: tuple[Script, str]) -> None:
    script, url = served
    receive_many(store, 2)
    script.status = 422
    script.body = b'{"error": "INVALID_ENVELOPE", "errors": [{"field": "sent_at"}]}'
    report = one_pass(store, url)
    assert report.error_code == "SYNC_ENVELOPE_REJECTED" and report.retry_in_s is not None
    assert report.pending == 0 and len(needs_attention(store)) == 2
    assert needs_attention(store)[0].errors[0]["code"] == "SYNC_ENVELOPE_REJECTED"


def test_401_pauses_without_retry_and_keeps_everything(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    receive_many(store, 2)
    script.status, script.body = 401, b'{"error": "UNAUTHORIZED"}'
    report = one_pass(store, url)
    assert report.paused and report.error_code == "SYNC_UNAUTHORIZED"
    assert report.retry_in_s is None and report.pending == 2
    assert read_journal(store).last_error == "SYNC_UNAUTHORIZED"


def test_busy_server_backs_off_at_least_retry_after_then_resets(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    receive_many(store, 1)
    script.status, script.headers, script.body = 503, {"Retry-After": "3"}, b"{}"
    report = one_pass(store, url)
    assert report.error_code == "SYNC_SERVER_BUSY" and report.retry_in_s is not None
    assert report.retry_in_s >= 3.0
    second = one_pass(store, url)
    assert second.retry_in_s is not None and second.retry_in_s >= 3.0
    assert read_journal(store).failures == 2
    script.headers = {}
    city(script)
    assert one_pass(store, url).pending == 0
    journal = read_journal(store)
    assert journal.failures == 0 and journal.last_error is None


def test_a_pass_that_moved_batches_before_failing_resets_the_backoff(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    receive_many(store, 4)
    script.status, script.body = 503, b"{}"
    for _ in range(3):
        one_pass(store, url)
    assert read_journal(store).failures == 3
    city(script)
    accepting = script.respond
    assert accepting is not None

    def first_batch_only(method: str, path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        if sum(s["path"].endswith("/batch") for s in script.seen) > 4:
            return 503, {}, b"{}"
        return accepting(method, path, body)

    script.respond = first_batch_only
    report = one_pass(store, url, replace(FAST, batch_size=2))
    assert report.acknowledged == 2 and report.error_code == "SYNC_SERVER_BUSY"
    assert report.retry_in_s is not None and report.retry_in_s <= FAST.backoff_base_s
    assert read_journal(store).failures == 1


def test_nobody_listening_is_a_transient_failure(store: Store) -> None:
    receive_many(store, 1)
    report = one_pass(store, "http://127.0.0.1:9")
    assert report.error_code == "SYNC_UNREACHABLE" and report.pending == 1
    assert report.retry_in_s is not None and report.retry_in_s <= FAST.backoff_base_s


def test_clock_skew_is_kept_and_sent_once_beyond_the_limit(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    receive_many(store, 1)
    script.date_offset_s = 600
    city(script, lambda r: result(r, "retry_later"))
    client = SyncClient(ClientConfig(url=url, counter_id="1", app_version="test"))
    run_sync_once(store, client, now=NOW, settings=FAST)
    run_sync_once(store, client, now=NOW, settings=FAST)
    skew = read_journal(store).clock_skew_s
    assert skew is not None and 595 <= skew <= 605 and read_journal(store).skew_warning
    first, second = batches(script)
    assert first["clock_skew_s"] == 0 and 595 <= second["clock_skew_s"] <= 605


def test_city_changes_are_applied_as_city_events_without_new_versions(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    first, second = receive_many(store, 2)
    assert first.due_at is not None
    changes = [
        {"dossier_uuid": first.uuid, "MaHoSo": "", "TrangThaiHoSo": "4", "NgayHenTra": "",
         "NgayTra": "", "changed_at": "2026-11-20T09:00:00+07:00"},
        {"dossier_uuid": second.uuid, "MaHoSo": "", "TrangThaiHoSo": "12",
         "NgayHenTra": "20261231170000", "NgayTra": "", "changed_at": "2026-11-20T09:30:00+07:00"},
        {"dossier_uuid": "00000000-0000-4000-8000-000000000000", "TrangThaiHoSo": "9"},
    ]  # fmt: skip
    city(script, changes=changes)
    report = one_pass(store, url)
    assert report.statuses_updated == 2 and report.due_dates_later == 1
    moved = dossiers.get_dossier(store, first.code)
    assert moved.status == 4 and moved.version == 1
    odd = dossiers.get_dossier(store, second.code)
    assert odd.status == 12 and odd.due_at == "2026-12-31T17:00:00+07:00"
    events = dossiers.dossier_detail(store, second.code).events
    assert {e["kind"] for e in events if e["origin"] == "city"} >= {
        "city_status", "city_due_date_later",
    }  # fmt: skip
    assert pending_count(store) == 0  # the city's changes write no outbox row
    pulls = [s["path"] for s in script.seen if "changes" in s["path"]]
    one_pass(store, url)
    assert [s["path"] for s in script.seen if "changes" in s["path"]][len(pulls)] == (
        "/v1/dossiers/changes?since=c1&limit=200"
    )


def test_a_newer_city_catalogue_becomes_current_and_304_changes_nothing(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    before = current_catalogue(store)
    rows = [
        {"code": p.code, "name_vi": p.name_vi, "name_en": p.name_en, "field": p.field,
         "processing_days": str(p.processing_days), "same_day": "1" if p.same_day else "0",
         "fee_vnd": str(p.fee_vnd), "documents": ";".join(p.documents),
         "confidence": p.confidence, "active": "1", "calendar_days": str(p.calendar_days),
         "cutoff": ""}
        for p in list_procedures(store)[:5]
    ]  # fmt: skip

    def respond(method: str, path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        if path == "/v1/catalogue":
            if script.seen[-1]["headers"].get("If-None-Match") == '"v2"':
                return 304, {"ETag": '"v2"'}, b""
            reply = {"protocol": "counter-sync/1", "version": "v2", "procedures": rows}
            return 200, {"ETag": '"v2"'}, json.dumps(reply).encode()
        return 200, {}, b'{"items": [], "next_cursor": "", "has_more": false}'

    script.respond = respond
    report = one_pass(store, url, replace(FAST, catalogue_interval_s=0))
    after = current_catalogue(store)
    assert report.catalogue_updated and after.version == before.version + 1
    assert after.procedure_count == 5 and after.source == "city v2"
    again = one_pass(store, url, replace(FAST, catalogue_interval_s=0))
    assert not again.catalogue_updated and current_catalogue(store).version == after.version
    one_pass(store, url)  # within the hour: not asked
    assert sum(s["path"] == "/v1/catalogue" for s in script.seen) == 2


def test_an_empty_city_catalogue_is_never_installed(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    before = current_catalogue(store)

    def respond(method: str, path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        if path == "/v1/catalogue":
            return 200, {"ETag": '"v0"'}, b'{"version": "v0", "procedures": []}'
        return 200, {}, b'{"items": [], "next_cursor": "", "has_more": false}'

    script.respond = respond
    report = one_pass(store, url, replace(FAST, catalogue_interval_s=0))
    assert report.catalogue_error == "SYNC_REPLY_INVALID" and not report.catalogue_updated
    assert current_catalogue(store) == before


def test_a_local_hand_over_not_yet_sent_keeps_its_status(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    (dossier,) = receive_many(store, 1)
    city(script)
    one_pass(store, url)
    dossiers.transition_dossier(store, dossier.code, Status.RESULT_READY, actor="c", now=NOW)
    dossiers.transition_dossier(
        store, dossier.code, Status.RETURNED, actor="c", now=NOW, details={"recipient": "Lan"}
    )
    change = {"dossier_uuid": dossier.uuid, "TrangThaiHoSo": "9",
              "changed_at": "2026-11-20T09:00:00+07:00"}  # fmt: skip
    city(script, lambda r: result(r, "retry_later"), changes=[change])
    report = one_pass(store, url)
    assert report.statuses_updated == 0
    assert dossiers.get_dossier(store, dossier.code).status == Status.RETURNED


def test_a_record_too_large_alone_goes_to_attention(
    store: Store, served: tuple[Script, str]
) -> None:
    script, url = served
    receive_many(store, 3)
    city(script, too_large_above=0)
    report = one_pass(store, url)
    assert report.rejected == 3 and report.pending == 0
    assert [i.errors[0]["code"] for i in needs_attention(store)] == ["RECORD_TOO_LARGE"] * 3


def test_the_engine_never_waits_itself(store: Store, served: tuple[Script, str]) -> None:
    script, url = served
    receive_many(store, 1)
    script.status, script.headers, script.body = 429, {"Retry-After": "86400"}, b"{}"
    started = time.monotonic()
    report = one_pass(store, url)
    assert time.monotonic() - started < 1.0  # it says when, and returns
    assert report.retry_in_s == 3600.0 and report.next_attempt_at == NOW + timedelta(hours=1)
