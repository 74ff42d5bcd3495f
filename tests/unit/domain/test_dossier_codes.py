"""Dossier codes: the legal format, ranges per counter, the daily reset, two counters offline."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from counter_app.domain.dossier_code import (
    AgencyCodeInvalidError,
    CodeRange,
    CodeRangeInvalidError,
    CounterRangeExhaustedError,
    check_agency_code,
    default_range,
    format_code,
    next_number,
    parse_range,
)
from counter_app.services.intake.receive import ClockBehindError, receive_dossier
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import Store, create_store
from counter_app.services.store.setup import set_up_counter
from tests.dossier_helpers import AGENCY, CLERK, citizen, configure, intake, vn

CODE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}-\d{6}-\d{4}$")


def test_format_matches_the_circular() -> None:
    code = format_code(AGENCY, date(2026, 11, 5), 1042)
    assert code == "000.31.27.H26-261105-1042"
    assert CODE.match(code)


@pytest.mark.parametrize("agency", ["000.31.27.H2", "00.31.27.H26", "000.31.27.26H", "abc"])
def test_malformed_agency_identifier_is_refused(agency: str) -> None:
    with pytest.raises(AgencyCodeInvalidError):
        check_agency_code(agency)


def test_agency_outside_hanoi_is_a_warning() -> None:
    assert check_agency_code("000.A0.01.H26") == []
    assert check_agency_code("000.00.01.H29") == ["AGENCY_NOT_HANOI"]


def test_default_ranges_do_not_overlap() -> None:
    ranges = [default_range(n) for n in range(1, 10)]
    assert ranges[0] == CodeRange(1001, 1999) and ranges[8] == CodeRange(9001, 9999)
    assert not any(a.overlaps(b) for i, a in enumerate(ranges) for b in ranges[i + 1 :])


@pytest.mark.parametrize("text", ["0-10", "10-5", "1-10000", "a-b", "5"])
def test_bad_ranges(text: str) -> None:
    with pytest.raises(CodeRangeInvalidError):
        parse_range(text)


def test_counter_ten_needs_a_configured_range() -> None:
    with pytest.raises(CodeRangeInvalidError):
        default_range(10)


def test_next_number_starts_at_the_range_and_stops_at_its_end() -> None:
    r = CodeRange(1001, 1003)
    assert next_number(r, 0) == 1001
    assert next_number(r, 1001) == 1002
    with pytest.raises(CounterRangeExhaustedError):
        next_number(r, 1003)


def test_numbers_follow_in_a_day_and_restart_the_next_day(new_store: Store) -> None:
    configure(new_store)
    day1 = [
        receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 23, 9, m))
        for m in range(3)
    ]
    day2 = receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 24, 8, 0))
    assert [d.code for d in day1] == [f"{AGENCY}-261123-100{i}" for i in (1, 2, 3)]
    assert day2.code == f"{AGENCY}-261124-1001"
    assert [d.log_line for d in [*day1, day2]] == [1, 2, 3, 4]  # the log book runs on


def test_exhausted_range_refuses_and_writes_nothing(new_store: Store) -> None:
    config, _ = build_config(
        agency_code=AGENCY, agency_name="UBND", counter=1, code_range=CodeRange(1001, 1002)
    )
    set_up_counter(new_store, config, actor="it", now=vn(2026, 11, 1))
    for minute in range(2):
        receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 23, 9, minute))
    with pytest.raises(CounterRangeExhaustedError):
        receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 23, 9, 5))
    assert new_store.db.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 2


def test_clock_set_back_refuses_to_issue(new_store: Store) -> None:
    configure(new_store)
    receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 23, 10, 0))
    with pytest.raises(ClockBehindError):
        receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 23, 9, 0))


def test_two_counters_offline_never_share_a_code(tmp_path: Path) -> None:
    """Two counters of one ward, each with its own database file, receive on the same day."""
    stores = []
    for counter in (1, 2):
        store = create_store(tmp_path / f"counter{counter}")
        configure(store, counter=counter)
        stores.append(store)
    codes: list[str] = []
    for minute in range(40):
        for index, store in enumerate(stores):
            person = citizen(id_number=f"0011890{index}{minute:04d}")
            dossier = receive_dossier(
                store, intake(person), clerk=CLERK, now=vn(2026, 11, 23, 8, minute)
            )
            codes.append(dossier.code)
    for store in stores:
        store.close()
    assert len(codes) == len(set(codes)) == 80
    assert all(CODE.match(c) and c.split("-")[1] == "261123" for c in codes)
    assert {c[-4] for c in codes} == {"1", "2"}  # counter n numbers n001–n999


def test_a_configured_range_overlapping_another_counter_is_a_warning() -> None:
    _, warnings = build_config(
        agency_code=AGENCY, agency_name="UBND", counter=10, code_range=CodeRange(1500, 1600)
    )
    assert warnings == ["CODE_RANGE_OVERLAP"]
    _, clean = build_config(
        agency_code=AGENCY, agency_name="UBND", counter=10, code_range=CodeRange(1, 999)
    )
    assert clean == []
