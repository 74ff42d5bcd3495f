"""The shipped city simulator as a real process on a free loopback port, driven with requests."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from counter_app.domain.vn_time import VN_TZ
from sync.offline_file import new_counter_key, public_key_pem, seal
from sync.protocol import BATCH_PATH, CATALOGUE_PATH, CHANGES_PATH, MAX_BODY_BYTES
from tests.city_sim_process import (
    AGENCY,
    COUNTER_ID,
    running_city_sim,
    sample_envelope,
    sample_record,
    sim_log_path,
)

TIMEOUT = 10.0  # generous: two shared cores


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "city.db"


@pytest.fixture
def sim(db: Path) -> Iterator[str]:
    """A simulator that advances statuses only on ``city-sim advance``."""
    with running_city_sim(db, "--advance-after-s", "0") as url:
        yield url


def post(
    url: str, envelope: Any, *, counter: str | None = COUNTER_ID, token: str | None = None,
    timeout: float = TIMEOUT,
) -> requests.Response:  # fmt: skip
    headers = {"X-App-Version": "test"}
    if counter is not None:
        headers["X-Counter-Id"] = counter
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(url + BATCH_PATH, json=envelope, headers=headers, timeout=timeout)


def outcomes(response: requests.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [result["outcome"] for result in response.json()["results"]]


def city_sim(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "counter_app", "city-sim", *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)


def dump(db: Path) -> list[dict[str, Any]]:
    done = city_sim("dump", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def changes(url: str, since: str = "", limit: int = 200, counter: str = COUNTER_ID) -> Any:
    response = requests.get(
        url + CHANGES_PATH, params={"since": since, "limit": limit},
        headers={"X-Counter-Id": counter}, timeout=TIMEOUT,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


# --- start, batch, idempotency ------------------------------------------------------------------


def test_port_zero_gives_a_ready_line_with_a_loopback_url(db: Path, sim: str) -> None:
    assert sim.startswith("http://127.0.0.1:")
    assert int(sim.rsplit(":", 1)[1]) > 0
    response = requests.get(sim + CATALOGUE_PATH, timeout=TIMEOUT)
    assert response.status_code == 200
    assert "Date" in response.headers


def test_a_batch_is_accepted_and_resending_it_stores_nothing_new(db: Path, sim: str) -> None:
    records = [sample_record(number=1001), sample_record(number=1002)]
    first = post(sim, sample_envelope(records))
    assert outcomes(first) == ["accepted", "accepted"]
    assert [r["MaHoSo"] for r in first.json()["results"]] == [r["local_code"] for r in records]
    assert [r["server_version"] for r in first.json()["results"]] == [1, 1]
    assert first.headers["Content-Type"].startswith("application/json")
    stored = dump(db)

    again = post(sim, sample_envelope(records))  # a new batch id, the same keys
    assert outcomes(again) == ["duplicate", "duplicate"]
    after = dump(db)
    assert sorted(d["MaHoSo"] for d in after) == sorted(r["local_code"] for r in records)
    assert [d["times_received"] for d in after] == [2, 2]
    for before, now in zip(stored, after, strict=True):
        assert (now["version"], now["payload"]) == (before["version"], before["payload"])


def test_the_same_batch_sent_at_once_from_four_threads_is_stored_once(db: Path, sim: str) -> None:
    envelope = sample_envelope([sample_record(number=1001 + i) for i in range(10)])
    with ThreadPoolExecutor(4) as pool:
        replies = list(pool.map(lambda _: outcomes(post(sim, envelope)), range(4)))
    for index in range(10):
        assert sorted(reply[index] for reply in replies) == ["accepted"] + ["duplicate"] * 3
    assert {d["times_received"] for d in dump(db)} == {4}


def test_the_same_key_with_other_content_is_rejected_and_changes_nothing(
    db: Path, sim: str
) -> None:
    record = sample_record()
    assert outcomes(post(sim, sample_envelope([record]))) == ["accepted"]
    altered = copy.deepcopy(record)
    altered["hoSo"]["GhiChu"] = "sửa mà không tăng phiên bản"
    reply = post(sim, sample_envelope([altered]))
    assert outcomes(reply) == ["rejected"]
    assert reply.json()["results"][0]["errors"][0]["code"] == "FIELD_KEY_REUSED"
    assert dump(db)[0]["payload"] == record


def test_field_rejections_are_per_record_and_replayed(db: Path, sim: str) -> None:
    unknown = sample_record(number=1001, procedure="1.999999")
    bad_id = sample_record(number=1002, id_number="00108900421")
    good = sample_record(number=1003)
    reply = post(sim, sample_envelope([unknown, bad_id, good]))
    assert outcomes(reply) == ["rejected", "rejected", "accepted"]
    first, second, _ = reply.json()["results"]
    assert [(e["field"], e["code"]) for e in first["errors"]] == [
        ("hoSo.MaTTHC", "FIELD_UNKNOWN_PROCEDURE")
    ]
    assert {e["code"] for e in second["errors"]} == {"FIELD_BAD_ID_NUMBER"}
    assert [d["MaHoSo"] for d in dump(db)] == [good["local_code"]]
    assert post(sim, sample_envelope([unknown])).json()["results"][0] == first


def test_a_newer_version_replaces_and_an_older_one_is_stale(db: Path, sim: str) -> None:
    v1 = sample_record()
    v3 = sample_record(v1["dossier_uuid"], 3, note="phiên bản 3")
    v2 = sample_record(v1["dossier_uuid"], 2, note="phiên bản 2")
    assert outcomes(post(sim, sample_envelope([v1]))) == ["accepted"]
    assert outcomes(post(sim, sample_envelope([v3]))) == ["accepted"]
    stale = post(sim, sample_envelope([v2])).json()["results"][0]
    assert (stale["outcome"], stale["server_version"]) == ("stale", 3)
    [stored] = dump(db)
    assert (stored["version"], stored["payload"]["hoSo"]["GhiChu"]) == (3, "phiên bản 3")


def test_a_code_held_by_another_dossier_is_rejected(sim: str) -> None:
    assert outcomes(post(sim, sample_envelope([sample_record(number=1001)]))) == ["accepted"]
    reply = post(sim, sample_envelope([sample_record(number=1001)]))
    assert reply.json()["results"][0]["errors"][0]["code"] == "FIELD_CODE_TAKEN"


def test_the_city_can_assign_official_codes(db: Path) -> None:
    with running_city_sim(db, "--codes", "always") as url:
        reply = post(url, sample_envelope([sample_record(number=1042), sample_record(number=1043)]))
    codes = [result["MaHoSo"] for result in reply.json()["results"]]
    assert codes == ["000.31.27.H26-261125-0001", "000.31.27.H26-261125-0002"]
    assert [d["local_code"] for d in dump(db)] == [
        "000.31.27.H26-261125-1042", "000.31.27.H26-261125-1043",
    ]  # fmt: skip


# --- whole-request answers ----------------------------------------------------------------------


def test_token_enforced_when_configured(db: Path) -> None:
    envelope = sample_envelope([sample_record()])
    with running_city_sim(db, "--token", "secret-1") as url:
        missing = post(url, envelope)
        wrong = post(url, envelope, token="secret-2")
        pull = requests.get(url + CHANGES_PATH, timeout=TIMEOUT)
        right = post(url, envelope, token="secret-1")
    assert (missing.status_code, wrong.status_code, pull.status_code) == (401, 401, 401)
    assert missing.json()["error"] == "UNAUTHORIZED"
    assert missing.headers["WWW-Authenticate"] == "Bearer"
    assert outcomes(right) == ["accepted"]
    assert "secret-1" not in sim_log_path(db).read_text(encoding="utf-8")


def test_without_a_token_any_bearer_or_none_is_accepted(sim: str) -> None:
    assert outcomes(post(sim, sample_envelope([sample_record(number=1001)]))) == ["accepted"]
    with_bearer = post(sim, sample_envelope([sample_record(number=1002)]), token="x")
    assert outcomes(with_bearer) == ["accepted"]


def test_counter_header_must_match_the_batch(sim: str) -> None:
    envelope = sample_envelope([sample_record()])
    mismatch = post(sim, envelope, counter="2")
    missing = post(sim, envelope, counter=None)
    assert (mismatch.status_code, mismatch.json()["error"]) == (403, "COUNTER_MISMATCH")
    assert (missing.status_code, missing.json()["error"]) == (400, "MISSING_COUNTER_ID")


def test_malformed_and_oversized_requests(sim: str) -> None:
    headers = {"X-Counter-Id": COUNTER_ID, "Content-Type": "application/json"}
    not_json = requests.post(sim + BATCH_PATH, data=b"{no", headers=headers, timeout=TIMEOUT)
    assert (not_json.status_code, not_json.json()["error"]) == (400, "BAD_JSON")
    bad = sample_envelope([sample_record()])
    bad["MaDonVi"] = "ward 7"
    invalid = post(sim, bad)
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["field"] == "MaDonVi"
    many = post(sim, sample_envelope([sample_record(number=1001 + i) for i in range(51)]))
    assert (many.status_code, many.json()["error"]) == (413, "TOO_LARGE")
    big = sample_envelope([sample_record()])
    big["padding"] = "x" * MAX_BODY_BYTES
    assert post(sim, big).status_code == 413
    assert requests.get(sim + BATCH_PATH, timeout=TIMEOUT).status_code == 405
    assert requests.get(sim + "/v2/anything", timeout=TIMEOUT).status_code == 404


# --- status changes and the catalogue -----------------------------------------------------------


def test_changes_page_with_a_cursor_after_advance(db: Path, sim: str) -> None:
    records = [sample_record(number=1001 + i) for i in range(3)]
    assert outcomes(post(sim, sample_envelope(records))) == ["accepted"] * 3
    empty = changes(sim)
    assert (empty["items"], empty["has_more"]) == ([], False)

    assert city_sim("advance", "--db", str(db)).returncode == 0
    page1 = changes(sim, empty["next_cursor"], limit=2)
    assert (len(page1["items"]), page1["has_more"]) == (2, True)
    page2 = changes(sim, page1["next_cursor"], limit=2)
    assert (len(page2["items"]), page2["has_more"]) == (1, False)
    items = page1["items"] + page2["items"]
    assert [i["MaHoSo"] for i in items] == [r["local_code"] for r in records]
    assert {i["TrangThaiHoSo"] for i in items} == {"4"}
    assert items[0]["tienTrinh"][0]["TrangThai"] == "4"
    assert changes(sim, page2["next_cursor"])["items"] == []

    done = city_sim("advance", "--db", str(db), "--postpone-days", "2", "--json")
    assert json.loads(done.stdout)["moved"] == 3
    later = changes(sim, page2["next_cursor"])["items"]
    assert {i["TrangThaiHoSo"] for i in later} == {"9"}
    assert all(i["NgayKetThucXuLy"] for i in later)
    assert later[0]["NgayHenTra"] == "20261127170000"  # two days after 25 Nov 17:00
    assert changes(sim, "", counter="2")["items"] == []
    assert (
        requests.get(sim + CHANGES_PATH, params={"since": "zz"}, timeout=TIMEOUT).status_code == 400
    )


def test_statuses_advance_over_time(db: Path) -> None:
    with running_city_sim(db, "--advance-after-s", "0.5") as url:
        assert outcomes(post(url, sample_envelope([sample_record()]))) == ["accepted"]
        time.sleep(0.7)
        first = changes(url)
        time.sleep(0.7)
        second = changes(url, first["next_cursor"])
    assert [i["TrangThaiHoSo"] for i in first["items"]] == ["4"]
    assert [i["TrangThaiHoSo"] for i in second["items"]] == ["9"]


def test_catalogue_etag_and_304(tmp_path: Path, db: Path) -> None:
    shipped = Path(__file__).resolve().parents[3] / "resources" / "catalogue" / "procedures.csv"
    served = tmp_path / "procedures.csv"
    served.write_bytes(shipped.read_bytes())
    with running_city_sim(db, "--catalogue", str(served)) as url:
        first = requests.get(url + CATALOGUE_PATH, timeout=TIMEOUT)
        etag = first.headers["ETag"]
        same = requests.get(url + CATALOGUE_PATH, headers={"If-None-Match": etag}, timeout=TIMEOUT)
        lines = shipped.read_text(encoding="utf-8").splitlines(keepends=True)
        served.write_text("".join(lines[:-1]), encoding="utf-8")  # the city drops a procedure
        changed = requests.get(
            url + CATALOGUE_PATH, headers={"If-None-Match": etag}, timeout=TIMEOUT
        )
    body = first.json()
    assert body["version"] == etag.strip('"')
    assert len(body["procedures"]) == len(lines) - 1
    assert {"code", "documents", "active"} <= body["procedures"][0].keys()
    assert (same.status_code, same.content) == (304, b"")
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert len(changed.json()["procedures"]) == len(lines) - 2


def test_a_failure_inside_the_city_is_a_500_and_the_server_goes_on(
    tmp_path: Path, db: Path
) -> None:
    served = tmp_path / "procedures.csv"
    shipped = Path(__file__).resolve().parents[3] / "resources" / "catalogue" / "procedures.csv"
    served.write_bytes(shipped.read_bytes())
    with running_city_sim(db, "--catalogue", str(served)) as url:
        served.unlink()
        broken = requests.get(url + CATALOGUE_PATH, timeout=TIMEOUT)
        served.write_bytes(shipped.read_bytes())
        mended = requests.get(url + CATALOGUE_PATH, timeout=TIMEOUT)
    assert (broken.status_code, broken.json()["error"]) == (500, "SERVER_ERROR")
    assert mended.status_code == 200


def test_skewed_server_clock_shows_in_the_date_header(db: Path) -> None:
    with running_city_sim(db, "--clock-skew-s", "3600") as url:
        response = requests.get(url + CATALOGUE_PATH, timeout=TIMEOUT)
    skew = parsedate_to_datetime(response.headers["Date"]).timestamp() - time.time()
    assert 3500 < skew < 3700


def test_latency_delays_every_reply(db: Path) -> None:
    with running_city_sim(db, "--latency-ms", "400") as url:
        started = time.monotonic()
        requests.get(url + CATALOGUE_PATH, timeout=TIMEOUT)
        elapsed = time.monotonic() - started
    assert elapsed >= 0.4


# --- faults -------------------------------------------------------------------------------------


def faulty(db: Path, fault: str, *extra: str) -> Any:
    return running_city_sim(db, "--fail-rate", "1", "--faults", fault, "--seed", "7", *extra)


def test_fault_reset_before_processing(db: Path) -> None:
    with faulty(db, "reset") as url, pytest.raises(requests.ConnectionError):
        post(url, sample_envelope([sample_record()]))
    assert dump(db) == []


def test_fault_500_after_committing(db: Path) -> None:
    record = sample_record()
    with faulty(db, "500") as url:
        reply = post(url, sample_envelope([record]))
    assert (reply.status_code, reply.json()["error"]) == (500, "SERVER_ERROR")
    with running_city_sim(db) as url:  # the client retries with the same key
        assert outcomes(post(url, sample_envelope([record]))) == ["duplicate"]
    assert [d["times_received"] for d in dump(db)] == [2]


def test_fault_429_with_retry_after(db: Path) -> None:
    with faulty(db, "429", "--retry-after", "7") as url:
        reply = post(url, sample_envelope([sample_record()]))
    assert (reply.status_code, reply.headers["Retry-After"]) == (429, "7")
    assert dump(db) == []


def test_fault_slow_reply_outlasts_the_client_timeout(db: Path) -> None:
    with faulty(db, "slow", "--slow-ms", "1500") as url:
        with pytest.raises(requests.Timeout):
            post(url, sample_envelope([sample_record()]), timeout=0.5)
        time.sleep(0.3)
        stored = dump(db)
    assert len(stored) == 1  # the work was done; only the reply was late


def test_fault_malformed_reply(db: Path) -> None:
    with faulty(db, "malformed") as url:
        reply = post(url, sample_envelope([sample_record()]))
    assert reply.status_code == 200
    with pytest.raises(ValueError):
        reply.json()
    assert len(dump(db)) == 1


def test_fault_retry_later_per_record_is_not_kept(db: Path) -> None:
    record = sample_record()
    with faulty(db, "retry_later") as url:
        assert outcomes(post(url, sample_envelope([record]))) == ["retry_later"]
    with running_city_sim(db) as url:
        assert outcomes(post(url, sample_envelope([record]))) == ["accepted"]


def test_the_request_log_holds_no_personal_data(db: Path, sim: str) -> None:
    record = sample_record()
    post(sim, sample_envelope([record]))
    changes(sim)
    log = sim_log_path(db).read_text(encoding="utf-8")
    assert "POST /v1/dossiers/batch 200" in log
    for value in (record["hoSo"]["ChuHoSo"], record["hoSo"]["SoGiayToChuHoSo"], "Trần"):
        assert value not in log


@pytest.mark.parametrize(
    ("args", "code"),
    [(["--host", "0.0.0.0"], "CITY_SIM_HOST_NOT_LOOPBACK"),
     (["--fail-rate", "1.5"], "CITY_SIM_OPTION_INVALID"),
     (["--faults", "reset,flood"], "CITY_SIM_OPTION_INVALID")],
)  # fmt: skip
def test_bad_options_are_refused_before_binding(db: Path, args: list[str], code: str) -> None:
    done = city_sim("--port", "0", "--db", str(db), *args)
    assert done.returncode == 2
    assert code in done.stderr


def test_an_offline_file_after_a_network_sync_changes_nothing(tmp_path: Path, db: Path) -> None:
    counter_key = new_counter_key()
    counter_public = tmp_path / "counter.pub"
    counter_public.write_bytes(public_key_pem(counter_key))
    city_public = city_sim("keygen", "--db", str(db)).stdout.encode()
    assert (
        city_sim(
            "trust",
            "--db",
            str(db),
            "--agency",
            AGENCY,
            "--counter-id",
            COUNTER_ID,
            str(counter_public),
        ).returncode
        == 0
    )
    records = [sample_record(number=1001), sample_record(number=1002)]
    with running_city_sim(db) as url:
        assert outcomes(post(url, sample_envelope(records))) == ["accepted", "accepted"]
        before = dump(db)
        offline = tmp_path / "outbox.sync"
        offline.write_bytes(
            seal(
                sample_envelope(records), signing_key=counter_key, city_public_key=city_public,
                created_at=datetime.now(VN_TZ),
            )
        )  # fmt: skip
        imported = city_sim("import", "--db", str(db), str(offline), "--json")
    assert imported.returncode == 0, imported.stderr
    assert [json.loads(line)["outcome"] for line in imported.stdout.splitlines()] == [
        "duplicate", "duplicate",
    ]  # fmt: skip
    after = dump(db)
    assert [(d["MaHoSo"], d["version"], d["payload"]) for d in after] == [
        (d["MaHoSo"], d["version"], d["payload"]) for d in before
    ]
