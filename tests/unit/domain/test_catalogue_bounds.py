"""Catalogue rows the due-date rules cannot serve, or text that would mislead on screen and
paper, are refused at import with a row error; one such row in an older store gives a typed
error at intake, never UNEXPECTED."""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.calendar import WorkCalendar
from counter_app.domain.catalogue import (
    MAX_PROCESSING_DAYS,
    CatalogueInvalidError,
    Reason,
    parse_catalogue,
)
from counter_app.domain.due_date import compute_due, remaining_after_supplement
from counter_app.domain.vn_time import VN_TZ
from counter_app.resources import resource_path
from counter_app.services.catalogue import lookup_procedure
from counter_app.services.store.opening import open_store
from counter_app.storage import catalogue as catalogue_rows
from tests.unit.cli.test_dossier_cli import SETUP, TYPED

ROW = "1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Certificate of marital status,Hộ tịch,3,0"


def shipped_text() -> str:
    return resource_path("catalogue", "procedures.csv").read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    sys.stdin = io.StringIO("")
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("old", "new", "column", "reason"),
    [
        (ROW, ROW.replace(",3,0", ",4000,0"), "processing_days", Reason.PERIOD_TOO_LONG),
        (ROW, ROW.replace(",3,0", ",-3,0"), "processing_days", Reason.NOT_INTEGER),
        (",medium,1,0\n", ",medium,1,4000\n", "calendar_days", Reason.PERIOD_TOO_LONG),
        ("Cấp Giấy xác", "Cấp\x07Giấy xác", "name_vi", Reason.CONTROL_CHARACTER),
        ("Certificate of", "Certificate\x85of", "name_en", Reason.CONTROL_CHARACTER),
        (ROW, ROW.replace("Hộ tịch", "Hộ\u202etịch"), "field", Reason.CONTROL_CHARACTER),
        ("Tờ khai cấp", "Tờ khai\u200b cấp", "documents", Reason.CONTROL_CHARACTER),
    ],
)
def test_a_row_out_of_bounds_is_a_row_error_and_nothing_is_imported(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    old: str,
    new: str,
    column: str,
    reason: Reason,
) -> None:
    text = shipped_text()
    assert old in text
    bad = text.replace(old, new, 1)
    with pytest.raises(CatalogueInvalidError) as refused:
        parse_catalogue(bad)
    assert [(e.line, e.column, e.reason) for e in refused.value.errors] == [(6, column, reason)]

    assert run(capsys, *SETUP)[0] == 0
    path = tmp_path / "catalogue.csv"
    path.write_text(bad, encoding="utf-8")
    status, out, err = run(capsys, "catalogue", "import", str(path), "--json")
    assert status == 2 and "CATALOGUE_INVALID" in err
    [row] = [json.loads(line) for line in out.splitlines() if '"line"' in line]
    assert (row["line"], row["column"], row["reason"]) == (6, column, reason.value)
    _, out, _ = run(capsys, "catalogue", "versions", "--json")
    assert [json.loads(line)["version"] for line in out.splitlines()] == [1]


def test_a_spreadsheet_line_break_in_a_cell_is_still_a_space() -> None:
    """Tab, CR and LF are the white space a spreadsheet cell may hold: they become spaces."""
    text = shipped_text().replace("Cấp Giấy xác", '"Cấp\r\nGiấy\txác', 1)
    text = text.replace("tình trạng hôn nhân,Certificate", 'tình trạng hôn nhân",Certificate', 1)
    procedure = next(p for p in parse_catalogue(text) if p.code == "1.004873")
    assert procedure.name_vi == "Cấp Giấy xác nhận tình trạng hôn nhân"


def test_the_longest_period_allowed_can_be_computed_and_paused() -> None:
    """MAX_PROCESSING_DAYS is within what the calendar can compute, supplements included."""
    procedure = next(p for p in parse_catalogue(shipped_text()) if p.code == "1.004873")
    longest = dataclasses.replace(procedure, processing_days=MAX_PROCESSING_DAYS)
    received = datetime(2026, 12, 7, 9, 0, tzinfo=VN_TZ)
    calendar = WorkCalendar()
    due = compute_due(longest, received, calendar)
    again = remaining_after_supplement(
        received_at=received,
        due_at=due.due_at,
        paused_on=received.date(),
        resumed_at=due.due_at,
        calendar=calendar,
    )
    assert again.due_at > due.due_at


def test_an_older_store_with_such_a_row_gives_a_typed_error_at_intake(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A store from before this check holds a 4,000-day row, written as its import did."""
    assert run(capsys, *SETUP)[0] == 0
    store = open_store()
    try:
        procedure = lookup_procedure("1.004873", store)
        bad = dataclasses.replace(procedure, processing_days=4000)
        with store.action() as db:
            number = catalogue_rows.insert_catalogue_version(
                db, [bad], imported_at="2026-11-30T08:00:00+07:00", source="import old.csv",
                checked_on="2026-11-30", sha256="0" * 64,
            )  # fmt: skip
            catalogue_rows.set_current_version(db, number)
    finally:
        store.close()
    status, out, err = run(capsys, "dossier", "add", "--procedure", "1.004873", *TYPED, "--json")
    assert status == 3 and "Mã lỗi: PROCEDURE_PERIOD_TOO_LONG" in err
    assert json.loads(out)["error_code"] == "PROCEDURE_PERIOD_TOO_LONG"
    _, out, _ = run(capsys, "dossier", "list", "--date", "all", "--json")
    assert out == ""  # nothing saved
