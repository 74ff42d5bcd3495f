"""The calendar in use: shipped file plus the ward's file, validated imports, audit."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from counter_app.domain.calendar import CalendarInvalidError, YearStatus
from counter_app.domain.vn_time import VN_TZ
from counter_app.services.calendar.work_days import (
    OVERRIDE_FILE_NAME,
    CalendarFileBrokenError,
    due_date_for,
    import_calendar_year,
    load_calendar,
)
from counter_app.services.paths import ensure_private_dir
from counter_app.services.store.opening import Store, create_store
from counter_app.storage.audit import iter_audit, verify_chain
from tests.unit.domain.test_due_date import procedure

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=VN_TZ)
NOTICE_2026: dict[str, Any] = {
    "weekend": ["SAT", "SUN"],
    "years": {
        "2026": {
            "status": "official",
            "source": "Thông báo nghỉ lễ năm 2026 của Bộ Nội vụ",
            "days": [
                {"date": "2026-02-16", "kind": "off", "name": "Tết"},
                {"date": "2026-02-17", "kind": "off", "name": "Tết"},
                {"date": "2026-02-21", "kind": "work", "name": "Làm bù"},
                {"date": "2026-09-02", "kind": "off", "name": "Quốc khánh"},
            ],
        }
    },
}


@pytest.fixture
def store(private_data_dir: Path) -> Iterator[Store]:
    """A set-up store in the test's data folder (created first: the store expects it)."""
    opened = create_store(ensure_private_dir(private_data_dir))
    yield opened
    opened.close()


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_shipped_calendar_without_a_ward_file(private_data_dir: Path) -> None:
    calendar = load_calendar()
    assert calendar.year_status(2026) is YearStatus.STATUTORY
    assert not calendar.is_working_day(date(2026, 4, 27))
    assert not (private_data_dir / OVERRIDE_FILE_NAME).exists()


def test_import_without_a_store_writes_the_ward_file_owner_only(
    tmp_path: Path, private_data_dir: Path
) -> None:
    report = import_calendar_year(write_json(tmp_path / "n.json", NOTICE_2026), actor="t", now=NOW)
    assert report.years == (2026,) and (report.off_days, report.work_days) == (3, 1)
    assert report.audited is False
    target = private_data_dir / OVERRIDE_FILE_NAME
    assert report.path == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in private_data_dir.iterdir()] == [OVERRIDE_FILE_NAME]  # no temp left
    calendar = load_calendar()
    assert calendar.year_status(2026) is YearStatus.OFFICIAL
    assert calendar.is_working_day(date(2026, 4, 27))  # the year was replaced entirely
    assert calendar.is_working_day(date(2026, 2, 21))
    assert calendar.year_status(2027) is YearStatus.STATUTORY  # other years stay shipped


def test_import_with_a_store_appends_one_audit_row(tmp_path: Path, store: Store) -> None:
    import_calendar_year(write_json(tmp_path / "n.json", NOTICE_2026), actor="cli:it", now=NOW)
    rows = [r for r in iter_audit(store.db) if r.action == "calendar.import"]
    assert len(rows) == 1
    row = rows[0]
    assert (row.actor, row.subject, row.at) == (
        "cli:it",
        "calendar:2026",
        "2026-01-05T09:00:00+07:00",
    )
    assert json.loads(row.details) == {
        "years": [2026], "off_days": 3, "work_days": 1, "statuses": {"2026": "official"},
    }  # fmt: skip
    assert verify_chain(store.db)[1] is None


def test_a_second_import_keeps_the_other_ward_years(tmp_path: Path, private_data_dir: Path) -> None:
    import_calendar_year(write_json(tmp_path / "a.json", NOTICE_2026), actor="t", now=NOW)
    year_2027 = {"years": {"2027": {"status": "statutory", "days": []}}}
    import_calendar_year(write_json(tmp_path / "b.json", year_2027), actor="t", now=NOW)
    saved = json.loads((private_data_dir / OVERRIDE_FILE_NAME).read_text(encoding="utf-8"))
    assert sorted(saved["years"]) == ["2026", "2027"]
    assert load_calendar().is_working_day(date(2027, 2, 8))


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ('{"years": {"2026": {"status": "official", "days": []}}}', "official year must cite"),
        ("{not json", "not JSON (line 1)"),
        ('{"years": {"2026": {"status": "statutory", "days": []}, "2026": {}}}', "appears twice"),
        ('{"years": {}}', "no year"),
        (
            '{"years": {"2026": {"status": "statutory", "days": '
            '[{"date": "2026-02-29", "kind": "off", "name": "x"}]}}}',
            "year 2026, day 1: 2026-02-29 is not a real date",
        ),
    ],
)
def test_invalid_import_writes_nothing(
    tmp_path: Path, private_data_dir: Path, text: str, detail: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarInvalidError) as raised:
        import_calendar_year(source, actor="t", now=NOW)
    assert detail in raised.value.detail
    assert not (private_data_dir / OVERRIDE_FILE_NAME).exists()


def test_missing_import_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(CalendarInvalidError, match="no such file"):
        import_calendar_year(tmp_path / "absent.json", actor="t", now=NOW)


def test_a_broken_ward_file_is_an_environment_problem(private_data_dir: Path) -> None:
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / OVERRIDE_FILE_NAME).write_text('{"years": 3}', encoding="utf-8")
    with pytest.raises(CalendarFileBrokenError) as raised:
        load_calendar()
    assert raised.value.detail.startswith(OVERRIDE_FILE_NAME)
    assert raised.value.exit_status == 3


def test_the_cache_follows_the_ward_file(tmp_path: Path, private_data_dir: Path) -> None:
    assert load_calendar() is load_calendar()
    before = load_calendar()
    import_calendar_year(write_json(tmp_path / "n.json", NOTICE_2026), actor="t", now=NOW)
    after = load_calendar()
    assert after is not before and after.year_status(2026) is YearStatus.OFFICIAL
    os.utime(private_data_dir / OVERRIDE_FILE_NAME, ns=(1, 1))
    assert load_calendar().year_status(2026) is YearStatus.OFFICIAL


def test_due_date_uses_the_ward_calendar(tmp_path: Path) -> None:
    received = datetime(2026, 4, 24, 9, 0, tzinfo=VN_TZ)
    assert due_date_for(procedure(1), received).due_date == date(2026, 4, 28)
    import_calendar_year(write_json(tmp_path / "n.json", NOTICE_2026), actor="t", now=NOW)
    result = due_date_for(procedure(1), received)
    assert result.due_date == date(2026, 4, 27)  # the notice has no 27/4 compensatory day
    assert result.warnings == ()
