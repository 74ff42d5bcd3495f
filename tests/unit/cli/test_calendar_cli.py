"""`counter-app calendar show | import` and `counter-app due-date`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.services.calendar.work_days import OVERRIDE_FILE_NAME
from tests.unit.services.calendar.test_calendar_service import NOTICE_2026, write_json


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    status, out, _ = run(capsys, *argv, "--json")
    [line] = out.splitlines()
    obj: dict[str, Any] = json.loads(line)
    return status, obj


# calendar show ---------------------------------------------------------------------------


def test_show_a_year_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, obj = run_json(capsys, "calendar", "show", "--year", "2026")
    assert status == 0
    assert obj["year"] == 2026 and obj["status"] == "statutory" and obj["weekend"] == ["SAT", "SUN"]
    assert {"date": "2026-08-22", "weekday": "SAT", "kind": "work"}.items() <= obj["days"][
        [d["date"] for d in obj["days"]].index("2026-08-22")
    ].items()
    assert "2026-11-24" in [d["date"] for d in obj["days"]]


def test_show_a_year_without_data(capsys: pytest.CaptureFixture[str]) -> None:
    status, obj = run_json(capsys, "calendar", "show", "--year", "2040")
    assert (status, obj["status"], obj["days"]) == (0, None, [])


def test_show_as_text_names_the_weekday(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "calendar", "show", "--year", "2026")
    assert status == 0
    assert out.startswith("2026: statutory")
    assert "2026-04-27  Thứ Hai   off   Ngày Giỗ Tổ Hùng Vương (nghỉ bù)" in out


def test_show_defaults_to_this_year(capsys: pytest.CaptureFixture[str]) -> None:
    status, obj = run_json(capsys, "calendar", "show")
    assert status == 0 and isinstance(obj["year"], int)


def test_show_with_a_broken_ward_file_exits_3(
    capsys: pytest.CaptureFixture[str], private_data_dir: Path
) -> None:
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / OVERRIDE_FILE_NAME).write_text("[", encoding="utf-8")
    status, out, err = run(capsys, "calendar", "show", "--json")
    assert status == 3
    assert json.loads(out)["error_code"] == "CALENDAR_FILE_BROKEN"
    assert "Mã lỗi: CALENDAR_FILE_BROKEN (calendar.json: not JSON (line 1))" in err


# calendar import -------------------------------------------------------------------------


def test_import_then_show(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write_json(tmp_path / "notice.json", NOTICE_2026)
    status, obj = run_json(capsys, "calendar", "import", str(source))
    assert status == 0
    assert obj == {
        "ok": True, "years": [2026], "off_days": 3, "work_days": 1, "audited": False,
        "path": obj["path"], "appointments_to_review": [],
    }  # fmt: skip
    _, shown = run_json(capsys, "calendar", "show", "--year", "2026")
    assert shown["status"] == "official" and len(shown["days"]) == 4


def test_import_as_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(
        capsys, "calendar", "import", str(write_json(tmp_path / "n.json", NOTICE_2026))
    )
    assert status == 0 and out.startswith("2026: 3 off, 1 work")


def test_bad_import_exits_2_naming_the_entry_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, private_data_dir: Path
) -> None:
    bad = json.loads(json.dumps(NOTICE_2026))
    bad["years"]["2026"]["days"][2]["date"] = "2026-02-30"
    status, out, err = run(
        capsys, "--lang", "en", "calendar", "import", str(write_json(tmp_path / "b.json", bad))
    )
    assert status == 2 and out == ""
    assert "was not imported" in err
    assert "Error code: CALENDAR_INVALID (year 2026, day 3: 2026-02-30 is not a real date)" in err
    assert not (private_data_dir / OVERRIDE_FILE_NAME).exists()


# due-date --------------------------------------------------------------------------------


def test_due_date_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    status, obj = run_json(
        capsys, "due-date", "--procedure-days", "3", "--received", "2026-10-15 10:05"
    )
    assert status == 0
    assert obj == {
        "due_date": "2026-10-20",
        "due_at": "2026-10-20T10:05:00+07:00",
        "received_at": "2026-10-15T10:05:00+07:00",
        "warnings": ["CALENDAR_UNCONFIRMED"],
        "unconfirmed_years": [2026],
    }


@pytest.mark.parametrize(
    ("args", "due_at"),
    [
        (("--procedure-days", "0", "--same-day", "--received", "2026-10-15 15:20"),
         "2026-10-16T08:00:00+07:00"),
        (("--procedure-days", "2", "--received", "2026-04-29T10:00"), "2026-05-05T10:00:00+07:00"),
        (("--procedure-days", "20", "--calendar-days", "30", "--received", "2026-01-18 10:00"),
         "2026-02-23T10:00:00+07:00"),
        (("--procedure-days", "1", "--received", "2026-10-15 03:05+00:00"),
         "2026-10-16T10:05:00+07:00"),
    ],
)  # fmt: skip
def test_due_date_options(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], due_at: str
) -> None:
    status, obj = run_json(capsys, "due-date", *args)
    assert (status, obj["due_at"]) == (0, due_at)


def test_due_date_defaults_to_now(capsys: pytest.CaptureFixture[str]) -> None:
    status, obj = run_json(capsys, "due-date", "--procedure-days", "1")
    assert status == 0 and obj["received_at"].endswith("+07:00")
    assert obj["due_date"] > obj["received_at"][:10]


def test_due_date_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "--lang",
        "en",
        "due-date",
        "--procedure-days",
        "3",
        "--received",
        "2026-10-15 10:05",
    )
    assert status == 0
    assert out.splitlines()[:2] == [
        "Received: 2026-10-15 10:05 (Thu)",
        "Due: 2026-10-20 10:05 (Tue)",
    ]
    assert "for 2026 has not been confirmed" in out


@pytest.mark.parametrize("received", ["2026-02-30 10:00", "15/10/2026 10:05", "2026-10-15", "x"])
def test_bad_received_time_exits_2(capsys: pytest.CaptureFixture[str], received: str) -> None:
    status, out, err = run(
        capsys, "due-date", "--procedure-days", "1", "--received", received, "--json"
    )
    assert status == 2
    assert json.loads(out)["error_code"] == "BAD_RECEIVED_TIME"
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        ("due-date",),
        ("due-date", "--procedure-days", "-1"),
        ("due-date", "--procedure-days", "x"),
        ("due-date", "--procedure", "1.000001", "--procedure-days", "2"),
    ],
)
def test_due_date_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    assert exited.value.code == 2


def test_procedure_code_comes_from_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    setup = ("setup", "--agency-code", "000.31.27.H26", "--agency-name", "UBND", "--counter", "1")
    assert main(list(setup)) == 0
    capsys.readouterr()
    status, out, _ = run(capsys, "due-date", "--procedure", "1.000001", "--json")
    assert status == 2 and json.loads(out)["error_code"] == "UNKNOWN_PROCEDURE"
    args = ("due-date", "--procedure", "2.000815", "--received", "2026-10-15 15:20", "--json")
    status, out, _ = run(capsys, *args)
    assert status == 0 and json.loads(out)["due_date"] == "2026-10-16"


def test_procedure_code_with_period_options_is_bad_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(capsys, "due-date", "--procedure", "1.000001", "--same-day")
    assert status == 2 and "BAD_INPUT" in err
