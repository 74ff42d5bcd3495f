"""The engine against the shipped city simulator, a separate process on a loopback port."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from counter_app.domain.dossier import Dossier, Status
from counter_app.resources import resource_path
from counter_app.services.catalogue import current_catalogue
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.syncing.outbox import needs_attention, pending_count
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn
from tests.integration.sync_helpers import (
    FAST,
    city_dump,
    city_sim,
    counter_app_exe,
    drain,
    local_record,
    receive_many,
    sync_once,
)

STILL = ("--advance-after-s", "0")  # the city moves statuses only when told


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def assert_city_holds_exactly(store: Store, city_db: Path, saved: list[Dossier]) -> None:
    """Each dossier stored once at the city, identical to the local record, synced here."""
    dumped = city_dump(city_db)
    by_uuid = {row["dossier_uuid"]: row for row in dumped}
    assert len(by_uuid) == len(dumped) == len(saved)
    for dossier in saved:
        row = by_uuid[dossier.uuid]
        assert row["payload"] == local_record(store, dossier)
        current = dossiers.get_dossier(store, dossier.code)
        assert current.synced_version == current.version == row["version"]
    assert pending_count(store) == 0


def test_dossiers_reach_the_city_once_and_as_stored(store: Store, tmp_path: Path) -> None:
    saved = receive_many(store, 120)
    catalogue = current_catalogue(store)
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL) as url:
        reports = drain(store, url, FAST, max_s=60)
    assert reports[-1].pending == 0 and reports[-1].error is None
    # The city serves the shipped catalogue: the same procedures make no new version.
    assert current_catalogue(store) == catalogue and not reports[0].catalogue_updated
    assert sum(r.acknowledged for r in reports) == 120
    assert_city_holds_exactly(store, city_db, saved)


def test_a_rejected_record_is_reported_and_the_others_go_through(
    store: Store, tmp_path: Path
) -> None:
    shipped = resource_path("catalogue", "procedures.csv").read_text(encoding="utf-8")
    without = "".join(line for line in shipped.splitlines(keepends=True)
                      if not line.startswith("1.001193,"))  # fmt: skip
    city_catalogue = tmp_path / "city-procedures.csv"
    city_catalogue.write_text(without, encoding="utf-8")
    saved = receive_many(store, 10)
    odd = receive_dossier(store, intake(citizen(id_number="001190000001"), procedure="1.001193"),
                          clerk=CLERK, now=vn(2026, 11, 3, 9))  # fmt: skip
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL, "--catalogue", str(city_catalogue)) as url:
        reports = drain(store, url, FAST, max_s=60)
    assert sum(r.rejected for r in reports) == 1 and reports[-1].pending == 0
    (item,) = needs_attention(store)
    assert item.code == odd.code
    assert [(e["field"], e["code"]) for e in item.errors] == [
        ("hoSo.MaTTHC", "FIELD_UNKNOWN_PROCEDURE")
    ]
    assert_city_holds_exactly(store, city_db, saved)
    assert current_catalogue(store).procedure_count == without.count("\n") - 1


def test_status_changes_come_back_from_the_city(store: Store, tmp_path: Path) -> None:
    saved = receive_many(store, 5)
    city_db = tmp_path / "city.db"
    with city_sim(city_db, *STILL) as url:
        drain(store, url, FAST, max_s=30)
        for expected in (Status.IN_PROCESS, Status.RESULT_READY):
            subprocess.run([counter_app_exe(), "city-sim", "advance", "--db", str(city_db)],
                           check=True, capture_output=True)  # fmt: skip
            (report,) = drain(store, url, FAST, max_s=30)
            assert report.statuses_updated == 5
            for dossier in saved:
                current = dossiers.get_dossier(store, dossier.code)
                assert current.status == expected and current.version == 1
                events = dossiers.dossier_detail(store, dossier.code).events
                assert events[-1]["origin"] == "city" and events[-1]["to_status"] == expected
    assert pending_count(store) == 0  # pulled changes are never sent back


def test_server_down_intake_goes_on_then_the_backlog_drains(store: Store, tmp_path: Path) -> None:
    city_db = tmp_path / "city.db"
    saved = receive_many(store, 5)
    with city_sim(city_db, *STILL) as url:
        drain(store, url, FAST, max_s=30)
    later = []
    for n in range(3):  # the city is down: each pass fails, intake carries on
        later += receive_many(store, 4, start=vn(2026, 11, 10 + n, 8))
        report = sync_once(store, url, FAST)
        assert report.error_code == "SYNC_UNREACHABLE"
        assert report.pending == 4 * (n + 1) and report.retry_in_s is not None
    with city_sim(city_db, *STILL) as url:
        reports = drain(store, url, FAST, max_s=60)
    assert reports[-1].pending == 0 and sum(r.acknowledged for r in reports) == 12
    assert_city_holds_exactly(store, city_db, saved + later)


def test_a_thousand_dossiers_through_a_city_failing_three_times_in_ten(
    store: Store, tmp_path: Path
) -> None:
    saved = receive_many(store, 1000)
    city_db = tmp_path / "city.db"
    faults = ("--fail-rate", "0.3", "--seed", "11", "--slow-ms", "2500", "--retry-after", "1")
    settings = replace(FAST, read_timeout_s=1.0, backoff_cap_s=0.5)
    with city_sim(city_db, *STILL, *faults) as url:
        reports = drain(store, url, settings, max_s=240)
    assert reports[-1].pending == 0, [r.error_code for r in reports]
    errors = {r.error_code for r in reports} - {None}
    assert errors, "the simulator injected no fault: the test proves nothing"
    assert sum(r.retry_later for r in reports) > 0
    assert_city_holds_exactly(store, city_db, saved)
