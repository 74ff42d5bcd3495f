"""``demo seed``: synthetic dossiers written in bulk into the tables a real intake fills."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.dossier_code import full_code_shape
from counter_app.domain.id_number import id_number_facts, is_id_number
from counter_app.domain.text import fold
from counter_app.services.audit_check import verify_audit
from counter_app.services.demo.days import DemoTooManyError
from counter_app.services.demo.seed import DemoCountInvalidError, SeedReport, seed_demo
from counter_app.services.dossiers.search import search_dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, create_store
from counter_app.storage.engine import integrity_ok
from tests.dossier_helpers import AGENCY, configure, intake, vn

COUNT = 300
NOW = vn(2026, 11, 25, 15, 30)


def seeded(store: Store, *, count: int = COUNT, seed: int = 7) -> SeedReport:
    configure(store)
    return seed_demo(store, count=count, seed=seed, actor="it", now=NOW)


def table_count(store: Store, table: str) -> int:
    return int(store.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_every_table_of_an_intake_gets_its_rows(new_store: Store) -> None:
    report = seeded(new_store)
    assert report.count == COUNT
    assert table_count(new_store, "dossiers") == COUNT
    assert table_count(new_store, "dossier_versions") == COUNT
    assert table_count(new_store, "outbox") == COUNT
    assert table_count(new_store, "dossier_events") > COUNT  # created, then city statuses
    assert 0 < table_count(new_store, "due_dates") <= COUNT
    assert 0 < table_count(new_store, "applicants") <= COUNT
    assert table_count(new_store, "code_sequences") == report.days
    assert new_store.db.conn.execute("SELECT sum(last_line) FROM log_books").fetchone()[0] == COUNT
    assert len(new_store.marks.all_dossiers()) == COUNT
    actions = [r[0] for r in new_store.db.conn.execute("SELECT action FROM audit_log")]
    assert actions.count("demo.seed") == 1  # one per batch of up to 10,000


def test_codes_are_valid_unique_and_within_the_range(new_store: Store) -> None:
    seeded(new_store)
    codes = [r[0] for r in new_store.db.conn.execute("SELECT code FROM dossiers")]
    assert len(set(codes)) == len(codes)
    shape = full_code_shape(AGENCY)
    assert all(shape.match(code) for code in codes)
    assert all(1001 <= int(code[-4:]) <= 1999 for code in codes)
    for day, number in new_store.db.conn.execute("SELECT day, last_number FROM code_sequences"):
        assert new_store.marks.last_code_number(day, 1) == number


def test_the_next_real_intake_continues_above_the_seed(new_store: Store) -> None:
    seeded(new_store)
    last = new_store.db.conn.execute(
        "SELECT last_number FROM code_sequences WHERE day = '2026-11-25'"
    ).fetchone()
    dossier = receive_dossier(new_store, intake(), clerk="clerk:lan", now=vn(2026, 11, 25, 16))
    assert int(dossier.code[-4:]) == (last[0] if last else 1000) + 1


def test_id_numbers_agree_with_birth_year_and_sex(new_store: Store) -> None:
    seeded(new_store)
    for (details,) in new_store.db.conn.execute("SELECT details FROM applicants"):
        person = json.loads(details)
        assert is_id_number(person["id_number"])
        facts = id_number_facts(person["id_number"])
        assert facts.sex.value == person["sex"]
        assert facts.birth_year == int(person["date_of_birth"][:4])
        assert facts.place_name is not None


def test_the_same_seed_gives_the_same_dossiers(private_data_dir: Path, tmp_path: Path) -> None:
    def fingerprint(folder: Path) -> list[tuple[object, ...]]:
        store = create_store(folder, encrypted=False)
        try:
            seeded(store, seed=42)
            sql = "SELECT code, uuid, full_name, id_number, status, received_at FROM dossiers"
            return [tuple(row) for row in store.db.conn.execute(sql + " ORDER BY id")]
        finally:
            store.close()

    first, again = fingerprint(tmp_path / "a"), fingerprint(tmp_path / "b")
    assert first == again
    store = create_store(tmp_path / "c", encrypted=False)
    try:
        seeded(store, seed=43)
        other = [r[0] for r in store.db.conn.execute("SELECT full_name FROM dossiers ORDER BY id")]
    finally:
        store.close()
    assert other != [row[2] for row in first]


def test_integrity_and_audit_chain_hold(new_store: Store) -> None:
    seeded(new_store)
    assert integrity_ok(new_store.db)
    assert verify_audit(new_store).ok


def test_folded_search_finds_a_seeded_family_name(new_store: Store) -> None:
    seeded(new_store)
    found = search_dossiers(new_store, "nguyen")
    assert any(d.applicant.full_name.startswith("Nguyễn") for d in found)
    assert all("nguyen" in fold(d.applicant.full_name + d.applicant.address) for d in found)
    name = new_store.db.conn.execute(
        "SELECT full_name FROM dossiers WHERE full_name LIKE 'Đ%' LIMIT 1"
    ).fetchone()[0]
    assert any(d.applicant.full_name == name for d in search_dossiers(new_store, fold(name)))


def test_text_is_nfc_and_folded_columns_match_fold(new_store: Store) -> None:
    seeded(new_store)
    rows = new_store.db.conn.execute(
        "SELECT full_name, applicant, folded_name, folded_address FROM dossiers"
    )
    for name, applicant, folded_name, folded_address in rows:
        address = json.loads(applicant)["address"]
        assert unicodedata.normalize("NFC", name) == name
        assert unicodedata.normalize("NFC", address) == address
        assert (folded_name, folded_address) == (fold(name), fold(address))
        assert "Hà Nội" in address


def test_statuses_follow_age(new_store: Store) -> None:
    seeded(new_store, count=1000)
    statuses = dict(
        new_store.db.conn.execute("SELECT status, count(*) FROM dossiers GROUP BY status")
    )
    assert statuses.get(10, 0) > 500  # most are old and handed back
    assert statuses.get(2, 0) + statuses.get(4, 0) + statuses.get(9, 0) > 0  # some still open
    old_open = new_store.db.conn.execute(
        "SELECT count(*) FROM dossiers WHERE status IN (2, 4) AND received_day < '2026-10-01'"
        " AND procedure_code NOT IN ('2.001263', '1.001699', '1.001776', '1.013967')"
    ).fetchone()[0]
    assert old_open == 0
    returned = new_store.db.conn.execute(
        "SELECT count(*) FROM dossiers WHERE status = 10 AND returned_at IS NULL"
    ).fetchone()[0]
    assert returned == 0


def test_received_on_working_days_in_office_hours_before_now(new_store: Store) -> None:
    seeded(new_store)
    for (at,) in new_store.db.conn.execute("SELECT received_at FROM dossiers"):
        assert at <= NOW.isoformat()
        clock = at[11:16]
        assert "08:00" <= clock < "12:00" or "13:00" <= clock < "17:00"


def test_too_many_for_the_days_and_bad_count_are_refused(new_store: Store) -> None:
    configure(new_store)
    with pytest.raises(DemoTooManyError):
        seed_demo(new_store, count=5000, seed=1, days=3, actor="it", now=NOW)
    with pytest.raises(DemoCountInvalidError):
        seed_demo(new_store, count=0, seed=1, actor="it", now=NOW)
    assert table_count(new_store, "dossiers") == 0


def test_cli_needs_a_set_up_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "seed", "--count", "10", "--json"]) == 3
    assert json.loads(capsys.readouterr().out)["error_code"] == "STORE_NOT_SET_UP"


def test_cli_bad_count_exits_2(new_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    configure(new_store)
    assert main(["demo", "seed", "--count", "-5", "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["error_code"] == "DEMO_COUNT_INVALID"
    with pytest.raises(SystemExit) as exited:
        main(["demo", "seed", "--count", "many"])
    assert exited.value.code == 2


def test_cli_seeds_and_reports(new_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    configure(new_store)
    new_store.close()
    assert main(["demo", "seed", "--count", "50", "--seed", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True and out["count"] == 50 and out["seed"] == 3
    assert main(["--lang", "en", "demo", "seed", "--count", "5", "--days", "30"]) == 0
    assert "Made 5 demonstration dossiers" in capsys.readouterr().out
