"""The dossier, search, setup and audit commands, run as a script would run them."""

from __future__ import annotations

import io
import json

import pytest

from counter_app.cli import main
from tests.payloads import T1

SETUP = [
    "setup",
    "--agency-code",
    "000.31.27.H26",
    "--agency-name",
    "UBND phường Hoàn Kiếm",
    "--counter",
    "3",
]
TYPED = [
    "--id-number",
    "001189004218",
    "--name",
    "Đặng Thị Thuỷ",
    "--dob",
    "05/06/1989",
    "--address",
    "Số 1 phố Huế, Hà Nội",
]


def run(
    capsys: pytest.CaptureFixture[str], *args: str, stdin: str = ""
) -> tuple[int, list[dict], str]:
    if stdin:
        import sys

        sys.stdin = io.StringIO(stdin)
    status = main(list(args))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return status, lines, err


@pytest.fixture
def set_up(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, *SETUP, "--json")
    assert status == 0 and lines[0]["created"] and lines[0]["encrypted"]


def test_setup_validates_and_audits_changes(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(
        capsys, "setup", "--agency-code", "bad", "--agency-name", "X", "--counter", "1"
    )
    assert status == 2 and "AGENCY_CODE_INVALID" in err
    status, _, err = run(capsys, "dossier", "list")
    assert status == 3 and "STORE_NOT_SET_UP" in err  # nothing was created by the bad setup
    assert run(capsys, *SETUP)[0] == 0
    status, lines, _ = run(capsys, *SETUP[:-1], "4", "--json")
    assert status == 0 and not lines[0]["created"]
    assert "counter.counter" in lines[0]["changed"] and lines[0]["code_range"] == "4001-4999"
    assert run(capsys, "audit", "verify")[0] == 0


@pytest.mark.usefixtures("set_up")
def test_add_from_qr_on_stdin_prints_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(
        capsys, "dossier", "add", "--procedure", "1.004873", "--qr", "-", "--json", stdin=T1 + "\n"
    )
    assert status == 0
    d = lines[0]
    assert {"code", "status", "due_date", "received_at", "procedure_code", "applicant"} <= d.keys()
    assert d["code"].startswith("000.31.27.H26-") and d["code"].endswith("-3001")
    assert d["status"] == 2 and d["procedure_code"] == "1.004873"
    assert d["applicant"]["id_number"] and d["applicant"]["full_name"]
    # The shipped calendar's years are all statutory until IT imports the official notice.
    assert [w["code"] for w in d["warnings"]][:1] == ["CALENDAR_UNCONFIRMED"]
    assert str(d["warnings"][0]["year"]) in d["warnings"][0]["message"]


@pytest.mark.usefixtures("set_up")
def test_confirm_finding_must_be_acknowledged(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["dossier", "add", "--procedure", "1.004873", *TYPED, "--sex", "Nam"]  # ID says female
    status, _, err = run(capsys, *args)
    assert status == 2 and "SEX_ID_MISMATCH" in err and "FINDING_NOT_ACKNOWLEDGED" in err
    assert run(capsys, "dossier", "list", "--json")[1] == []  # nothing written
    status, lines, _ = run(capsys, *args, "--ack", "SEX_ID_MISMATCH", "--json")
    assert status == 0 and lines[0]["applicant"]["full_name"] == "Đặng Thị Thuỷ"


@pytest.mark.usefixtures("set_up")
@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (["--outcome", "refused"], "OUTCOME_REASON_REQUIRED"),
        (["--document", ":1"], "BAD_OPTION"),
        (["--sets", "0"], "INTAKE_INVALID"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], extra: list[str], code: str
) -> None:
    status, _, err = run(
        capsys, "dossier", "add", "--procedure", "1.004873", *TYPED, "--sex", "Nữ", *extra
    )
    assert status == 2 and code in err and "Traceback" not in err
    assert run(capsys, "dossier", "list", "--date", "all", "--json")[1] == []


@pytest.mark.usefixtures("set_up")
def test_missing_identity_and_bad_qr(capsys: pytest.CaptureFixture[str]) -> None:
    assert "IDENTITY_MISSING" in run(capsys, "dossier", "add", "--procedure", "1.004873")[2]
    status, _, err = run(
        capsys, "dossier", "add", "--procedure", "1.004873", "--qr", "-", stdin="hello\n"
    )
    assert status == 2 and "NOT_ID_QR" in err


@pytest.mark.usefixtures("set_up")
def test_lifecycle_edit_show_search_and_void(capsys: pytest.CaptureFixture[str]) -> None:
    add = [
        "dossier",
        "add",
        "--procedure",
        "1.004873",
        *TYPED,
        "--sex",
        "Nữ",
        "--json",
        "--document",
        "Tờ khai:1:0",
    ]
    code = run(capsys, *add)[1][0]["code"]
    assert run(capsys, "dossier", "transition", code, "10")[0] == 2
    status, lines, _ = run(capsys, "dossier", "transition", code, "in_process", "--json")
    assert status == 0 and lines[0]["status"] == 4 and lines[0]["status_name"] == "Đang xử lý"
    status, lines, _ = run(capsys, "dossier", "edit", code, "--phone", "0987654321", "--json")
    assert status == 0 and lines[0]["version"] == 3
    status, lines, _ = run(
        capsys, "dossier", "edit", code, "--due", "2026-13-01 10:00", "--reason", "x"
    )
    assert status == 2
    status, lines, _ = run(capsys, "dossier", "show", code, "--json")
    shown = lines[0]
    assert [e["kind"] for e in shown["events"]] == ["created", "transition", "edited"]
    assert shown["applicant"]["phone"] == "0987654321" and shown["documents"][0]["originals"] == 1
    assert [o["version"] for o in shown["outbox"]] == [1, 2, 3]
    status, lines, _ = run(capsys, "search", "dang thi thuy", "--json")
    assert [x["code"] for x in lines] == [code]
    assert [x["code"] for x in run(capsys, "search", "-", "--json", stdin="001189004218\n")[1]] == [
        code
    ]
    status, lines, _ = run(capsys, "dossier", "void", code, "--reason", "Nhập nhầm", "--json")
    assert status == 0 and lines[0]["voided"]
    assert run(capsys, "dossier", "show", "000.31.27.H26-261125-0000")[0] == 2


@pytest.mark.usefixtures("set_up")
def test_list_filters(capsys: pytest.CaptureFixture[str]) -> None:
    add = ["dossier", "add", "--procedure", "1.004873", *TYPED, "--sex", "Nữ", "--json"]
    run(capsys, *add)
    assert len(run(capsys, "dossier", "list", "--json")[1]) == 1
    assert run(capsys, "dossier", "list", "--status", "4", "--json")[1] == []
    assert run(capsys, "dossier", "list", "--date", "2020-01-01", "--json")[1] == []
    assert run(capsys, "dossier", "list", "--date", "yesterday")[0] == 2


@pytest.mark.usefixtures("set_up")
def test_settings_say_how_the_data_is_protected(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, "settings", "--json")
    shown = lines[0]
    assert status == 0 and shown["encrypted"] and shown["key_location"] == "file"
    assert shown["protection"] == "PROTECTION_KEY_FILE" and "store.key" in shown["protection_text"]
    assert shown["settings"]["counter.agency_code"] == "000.31.27.H26"
    status, _, _ = run(capsys, "--lang", "en", "settings")
    assert status == 0


@pytest.mark.usefixtures("set_up")
def test_typed_identity_from_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    typed = json.dumps(
        {"id_number": "001189004218", "full_name": "Đặng Thị Thuỷ", "date_of_birth": "05/06/1989",
         "sex": "Nữ", "address": "Số 1 phố Huế, Hà Nội"}, ensure_ascii=False,
    )  # fmt: skip
    args = ("dossier", "add", "--procedure", "1.004873", "--typed", "-", "--json")
    status, lines, _ = run(capsys, *args, stdin=typed + "\n")
    assert status == 0 and lines[0]["applicant"]["full_name"] == "Đặng Thị Thuỷ"
    assert run(capsys, *args, stdin="not json\n")[0] == 2


def test_setup_makes_the_counter_signing_key_once(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, *SETUP, "--json")
    fingerprint = lines[0]["sync_key_fingerprint"]
    assert status == 0 and len(fingerprint) == 64
    status, again, _ = run(capsys, *SETUP, "--json")
    assert again[0]["sync_key_fingerprint"] == fingerprint
    status, keys, _ = run(capsys, "sync", "keys", "--json")
    assert status == 0 and keys[0]["fingerprint"] == fingerprint
