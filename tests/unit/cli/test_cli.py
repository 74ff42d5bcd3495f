"""The `counter-app` command line: the `id parse` contract, exit statuses, help, privacy."""

from __future__ import annotations

import argparse
import importlib
import io
import json
import os
import pkgutil
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import counter_app
from counter_app.cli import build_parser, main
from counter_app.domain.findings import FindingCode
from counter_app.errors import all_error_classes
from tests.payloads import ALL, T1, T3, T11, T12, T13, T14, T15

REPO = Path(__file__).resolve().parents[3]
SUCCESS_KEYS = {
    "ok", "card_type", "id_number", "old_id_number", "full_name", "date_of_birth", "sex",
    "address", "issue_date", "warnings", "findings", "extras",
}  # fmt: skip


def feed_stdin(monkeypatch: pytest.MonkeyPatch, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def run_cli(
    capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, list[dict[str, Any]], str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err


def test_parse_argument_prints_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    status, [obj], _ = run_cli(capsys, "id", "parse", T1)
    assert status == 0
    assert obj.keys() >= SUCCESS_KEYS
    assert obj["ok"] is True
    assert obj["card_type"] == "cccd"
    assert obj["id_number"] == "001089004217"
    assert obj["old_id_number"] == "013579246"
    assert obj["full_name"] == "Trần Quốc Bảo"
    assert obj["date_of_birth"] == "1989-06-05"
    assert obj["sex"] == "male"
    assert obj["issue_date"] == "2021-04-12"
    assert obj["warnings"] == [] and obj["findings"] == [] and obj["extras"] == []
    assert "error_code" not in obj


def test_every_spec_payload_from_stdin_gives_one_object_per_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [p.strip("\r\n") for p in ALL]
    feed_stdin(monkeypatch, "\n".join(lines) + "\n")
    status, objs, _ = run_cli(capsys, "id", "parse", "-")
    assert status == 1  # T12-T15 fail
    assert len(objs) == len(ALL)
    assert [o["ok"] for o in objs] == [True] * 11 + [False] * 4
    assert [o.get("error_code") for o in objs[11:]] == [
        "BAD_ID_NUMBER", "BIRTH_DATE_INVALID", "TOO_FEW_FIELDS", "NOT_ID_QR",
    ]  # fmt: skip
    assert [o["full_name"] for o in objs[:3]] == ["Trần Quốc Bảo", "Lê Thị Thu Hà", "Đỗ Minh Khang"]


def test_partial_dates_stay_partial(capsys: pytest.CaptureFixture[str]) -> None:
    _, objs, _ = run_cli(capsys, "id", "parse", f"{ALL[4]}\n{ALL[5]}")
    assert [(o["date_of_birth"], o["date_of_birth_precision"]) for o in objs] == [
        ("1953", "year"),
        ("1947-03", "month"),
    ]


def test_extras_and_can_cuoc(capsys: pytest.CaptureFixture[str]) -> None:
    _, [obj], _ = run_cli(capsys, "id", "parse", T3)
    assert obj["card_type"] == "can_cuoc"
    assert obj["extras"] == ["", "Đỗ Văn Tùng", "Phạm Thị Hồng Nhung"]
    assert obj["warnings"] == ["EXTRAS_PRESENT"]
    assert obj["findings"][0]["severity"] == "INFO"


def test_confirm_findings_carry_severity_and_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    status, [obj], _ = run_cli(capsys, "id", "parse", T11)
    assert status == 0
    assert obj["warnings"] == ["SEX_ID_MISMATCH", "BIRTH_YEAR_ID_MISMATCH"]
    severities = {f["code"]: (f["severity"], f["field"]) for f in obj["findings"]}
    assert severities["SEX_ID_MISMATCH"] == ("CONFIRM", "sex")
    year = next(f for f in obj["findings"] if f["code"] == "BIRTH_YEAR_ID_MISMATCH")
    assert "1990" in year["message"] and "2009" in year["message"]


def test_an_error_reading_keeps_the_fields_it_could_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, [obj], _ = run_cli(capsys, "id", "parse", T13)
    assert status == 1
    assert obj["ok"] is False
    assert obj["error_code"] == "BIRTH_DATE_INVALID"
    assert obj["error"].startswith("Ngày sinh")
    assert obj["date_of_birth"] is None and obj["full_name"] == "Trần Quốc Bảo"


def test_rejected_payload_has_the_same_keys(capsys: pytest.CaptureFixture[str]) -> None:
    _, [obj], _ = run_cli(capsys, "id", "parse", T15)
    assert obj.keys() >= SUCCESS_KEYS
    assert obj["ok"] is False and obj["error_code"] == "NOT_ID_QR"
    assert "VNeID" in obj["error"]


def test_english_messages(capsys: pytest.CaptureFixture[str]) -> None:
    _, [obj], _ = run_cli(capsys, "--lang", "en", "id", "parse", T12)
    assert (
        obj["error"]
        == "The ID number must be exactly 12 digits. Type the number printed on the card."
    )


def test_no_input_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_stdin(monkeypatch, "\n\n")
    status = main(["id", "parse", "-"])
    _, err = capsys.readouterr()
    assert status == 2
    assert "Mã lỗi: NO_INPUT" in err


def test_undecodable_stdin_bytes_are_flagged_not_fatal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_stdin(
        monkeypatch, T1.replace("Trần", "Tr\xe2n").encode("utf-8").replace(b"\xc3\xa2", b"\xe2")
    )
    status, [obj], _ = run_cli(capsys, "id", "parse", "-")
    assert status == 0
    assert "UNREADABLE_CHARACTERS" in obj["warnings"]


def test_unexpected_error_prints_a_sentence_and_logs_no_personal_data(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    private_data_dir: Path,
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise ValueError("Trần Quốc Bảo 001089004217")

    monkeypatch.setattr("counter_app.cli.id_commands.parse_or_reject", explode)
    status = main(["id", "parse", T1])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in err and "Trần" not in err + out
    assert "Mã lỗi: UNEXPECTED" in err
    log = private_data_dir / "logs" / "errors.log"
    text = log.read_text(encoding="utf-8")
    assert "builtins.ValueError" in text and "id_commands.py" in text
    assert "Trần" not in text and "001089004217" not in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def all_commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = [(prefix, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                assert helps.get(name), f"'{' '.join((*prefix, name))}' has no help line"
                found += all_commands(sub, (*prefix, name))
    return found


def test_every_command_has_help_and_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    commands = all_commands(build_parser())
    assert len(commands) >= 4
    doc = (REPO / "docs" / "CLI.md").read_text(encoding="utf-8")
    for path, parser in commands:
        assert parser.description, f"'{' '.join(path)}' has no description"
        with pytest.raises(SystemExit) as exited:
            main([*path, "--help"])
        assert exited.value.code == 0
        assert "usage: counter-app" in capsys.readouterr().out
        if path:
            assert f"`counter-app {' '.join(path)}" in doc, f"{path} missing from docs/CLI.md"


def test_every_code_is_documented() -> None:
    doc = (REPO / "docs" / "CLI.md").read_text(encoding="utf-8")
    for module in pkgutil.walk_packages(counter_app.__path__, "counter_app."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    codes = {cls.code for cls in all_error_classes()} | {c.value for c in FindingCode}
    missing = sorted(c for c in codes if not re.search(rf"`{c}`", doc))
    assert missing == []


def run_installed(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("counter-app")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # the command must not rely on it
    return subprocess.run(
        [str(exe), *args], input=stdin, capture_output=True, text=True, encoding="utf-8", env=env
    )


def test_installed_command_reads_stdin_and_exits_by_the_conventions() -> None:
    done = run_installed("id", "parse", "-", stdin=f"{T1}\n{T14}\n")
    assert done.returncode == 1
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["full_name"] == "Trần Quốc Bảo"
    assert second["error_code"] == "TOO_FEW_FIELDS"
    assert "Traceback" not in done.stderr


def test_installed_command_help_lists_the_commands() -> None:
    done = run_installed("--help")
    assert done.returncode == 0
    assert "id" in done.stdout and "usage: counter-app" in done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11/Wayland check is Linux's")
def test_without_a_command_and_without_a_screen_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    done = run_installed()
    assert done.returncode == 3 and "NO_DISPLAY" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [("bogus",), ("id", "decode"), ("id", "parse", "--nope")])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    done = run_installed(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_check_reads_typed_details_as_json_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = {
        "id_number": "001090006543",
        "full_name": "Bùi Thanh Tâm",
        "date_of_birth": "12/12/2009",
        "sex": "Nữ",
        "address": "Số 2 Hàng Mã, Hoàn Kiếm, Hà Nội",
        "unrelated": "ignored",
    }
    lines = [json.dumps(typed, ensure_ascii=False), "not json", "[]", "[" * 100_000]
    feed_stdin(monkeypatch, "\n".join(lines))
    status, objs, _ = run_cli(capsys, "id", "check", "-")
    assert status == 1
    first = objs[0]
    assert first["ok"] is True and first["source"] == "typed"
    assert first["warnings"] == ["SEX_ID_MISMATCH", "BIRTH_YEAR_ID_MISMATCH"]
    assert first["card_type"] == "unknown" and first["issue_date"] is None
    assert [o.get("error_code") for o in objs[1:]] == ["BAD_JSON", "BAD_JSON", "BAD_JSON"]
    assert "not json" not in json.dumps(objs)


def test_check_accepts_only_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["id", "check", '{"id_number": "001089004217"}'])
    assert exited.value.code == 2


def test_unexpected_error_still_explained_when_the_log_cannot_be_written(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    private_data_dir: Path,
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    private_data_dir.parent.mkdir(parents=True, exist_ok=True)
    private_data_dir.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setattr("counter_app.cli.id_commands.parse_or_reject", explode)
    status = main(["--lang", "en", "id", "parse", T1])
    _, err = capsys.readouterr()
    assert status == 1
    assert "An unexpected error occurred" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "command",
    [
        ["dossier", "list"],
        [
            "setup",
            "--agency-code",
            "000.00.00.H26",
            "--agency-name",
            "Phường Ba Đình",
            "--counter",
            "1",
        ],
    ],
)
def test_a_data_folder_that_cannot_be_made_is_named_not_unexpected(
    capsys: pytest.CaptureFixture[str], private_data_dir: Path, command: list[str]
) -> None:
    private_data_dir.parent.mkdir(parents=True, exist_ok=True)
    private_data_dir.write_text("a file where the data folder should be", encoding="utf-8")
    status = main(["--lang", "en", *command])
    _, err = capsys.readouterr()
    assert status == 3
    assert "Error code: DATA_FOLDER_UNUSABLE (FileExistsError)" in err
    assert str(private_data_dir) not in err  # a path may name a person's user folder


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_on_stdin_give_json_lines_and_a_documented_status(
    data: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_stdin(monkeypatch, data)
    status = main(["id", "parse", "-"])
    out, err = capsys.readouterr()
    assert status in (0, 1, 2)
    assert "Traceback" not in err
    for line in out.splitlines():
        obj = json.loads(line)
        assert isinstance(obj["ok"], bool)
        assert obj["ok"] or obj["error_code"]
