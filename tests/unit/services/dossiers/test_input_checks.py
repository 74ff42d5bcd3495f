"""One validation for every way in: add, edit, typed JSON, QR; show and list print inert text."""

from __future__ import annotations

import json

import pytest

from counter_app.domain.field_text import (
    ControlCharacterError,
    TextTooLongError,
    clean_field,
    displayable,
)
from tests.unit.cli.test_dossier_cli import SETUP, TYPED, run

ADD = ["dossier", "add", "--procedure", "1.004873", *TYPED, "--sex", "Nữ", "--json"]
FIVE_MB = "Số 1 phố Huế " * 400_000


@pytest.fixture
def code(capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, *SETUP)[0] == 0
    status, lines, _ = run(capsys, *ADD)
    assert status == 0
    return str(lines[0]["code"])


def _version(capsys: pytest.CaptureFixture[str], code: str) -> tuple[int, str]:
    shown = run(capsys, "dossier", "show", code, "--json")[1][0]
    return shown["version"], json.dumps(shown["applicant"], ensure_ascii=False)


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (["--name", "   "], "TEXT_REQUIRED"),
        (["--name", "\u200b\u200b"], "TEXT_REQUIRED"),
        (["--fee", "-5"], "INTAKE_INVALID"),
        (["--sets", "0"], "INTAKE_INVALID"),
        (["--sets", "100"], "INTAKE_INVALID"),
        (["--fee", "9" * 40], "BAD_OPTION"),
        (["--name", "Đặng \x1b[2J\x1b[31mThuỷ"], "TEXT_CONTROL_CHARACTER"),
        (["--name", "Đặng \u202eỷuhT"], "TEXT_CONTROL_CHARACTER"),
        (["--address", "Hà Nội\u2066x\u2069"], "TEXT_CONTROL_CHARACTER"),
        (["--address", FIVE_MB], "TEXT_TOO_LONG"),
        (["--document", "Tờ khai:1:100"], "INTAKE_INVALID"),
        (["--note", "x" * 1001], "TEXT_TOO_LONG"),
    ],
)
def test_edit_with_a_bad_value_exits_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], code: str, extra: list[str], error: str
) -> None:
    before = _version(capsys, code)
    status, _, err = run(capsys, "dossier", "edit", code, *extra)
    assert status == 2 and (f"Error code: {error}" in err or f"Mã lỗi: {error}" in err)
    assert "Traceback" not in err
    assert _version(capsys, code) == before


@pytest.mark.parametrize(
    "extra",
    [
        ["--name", "Đặng \x1b[31mThuỷ"],
        ["--address", "Hà Nội\u202e"],
        ["--address", "x" * 501],
        ["--fee", "-1"],
    ],
)
def test_add_refuses_the_same_values(capsys: pytest.CaptureFixture[str], extra: list[str]) -> None:
    assert run(capsys, *SETUP)[0] == 0
    status, _, err = run(capsys, *ADD, *extra)
    assert status == 2 and "Traceback" not in err
    assert run(capsys, "dossier", "list", "--date", "all", "--json")[1] == []


def test_invisible_noise_is_removed_the_same_way_by_add_and_edit(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    noisy = "Nguye\u0302\u0303n\u200b  Văn\ufeff\u00ad Bình\x07"
    status, lines, _ = run(capsys, "dossier", "edit", code, "--name", noisy, "--json")
    assert status == 0 and lines[0]["applicant"]["full_name"] == "Nguyễn Văn Bình"


def test_edit_and_hand_over_take_personal_values_from_stdin(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    typed = {"full_name": "Trần Thị Mai", "address": "Số 5 Tràng Tiền", "phone": "0912345678"}
    status, _, _ = run(
        capsys, "dossier", "edit", code, "--typed", "-", "--json", stdin=json.dumps(typed) + "\n"
    )
    applicant = run(capsys, "dossier", "show", code, "--json")[1][0]["applicant"]
    assert status == 0 and applicant["full_name"] == "Trần Thị Mai"
    assert applicant["address"] == "Số 5 Tràng Tiền" and applicant["phone"] == "0912345678"
    for step in ("in_process", "result_ready"):
        assert run(capsys, "dossier", "transition", code, step)[0] == 0
    status, _, _ = run(
        capsys, "dossier", "transition", code, "returned", "--recipient", "-",
        stdin="Trần Thị Mai\n",
    )  # fmt: skip
    events = run(capsys, "dossier", "show", code, "--json")[1][0]["events"]
    assert status == 0 and "Trần Thị Mai" in json.dumps(events, ensure_ascii=False)


@pytest.mark.parametrize(
    "stdin",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"full_name": ' * 50_000,
        "not json",
        "[1, 2]",
        "x" * 1_100_000,
    ],
)
def test_a_nested_huge_or_wrong_typed_json_is_a_typed_refusal(
    capsys: pytest.CaptureFixture[str], code: str, stdin: str
) -> None:
    status, _, err = run(capsys, "dossier", "edit", code, "--typed", "-", stdin=stdin + "\n")
    assert status == 2 and "BAD_OPTION" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["sync", "--max-wait", "nan"],
        ["sync", "--max-wait", "inf"],
        ["sync", "--max-wait", "1e400"],
        ["sync", "configure", "--connect-timeout", "nan"],
        ["dossier", "list", "--limit", "9" * 30],
        ["search", "x", "--offset", "-1"],
    ],
)
def test_numbers_that_are_not_finite_or_in_range_are_typed(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    status, _, err = run(capsys, "--lang", "en", *args)
    assert status == 2 and "Error code: BAD_OPTION" in err


def test_show_and_list_print_no_raw_control_character(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    """A value stored before these checks (or by another tool) still prints inert."""
    from counter_app.services.store.opening import open_store

    store = open_store()
    try:
        store.db.conn.execute(
            "UPDATE dossiers SET full_name = ?1, applicant = json_set(applicant, "
            "'$.full_name', ?1)",
            ("Đặng\x1b]0;owned\x07\u202eThuỷ\x9b",),
        )
        store.db.conn.commit()
    finally:
        store.close()
    printed = _printed(capsys, code)
    assert not any(ch in printed for ch in "\x1b\x07\u202e\x9b")
    assert "\\u001b" in printed and "\\u202e" in printed


def _printed(capsys: pytest.CaptureFixture[str], code: str) -> str:
    from counter_app.cli import main

    chunks = []
    for args in (["show", code], ["show", code, "--json"], ["list", "--date", "all"],
                 ["list", "--date", "all", "--json"]):  # fmt: skip
        assert main(["dossier", *args]) == 0
        chunks.append(capsys.readouterr().out)
    return "".join(chunks)


def test_clean_field_and_displayable() -> None:
    assert clean_field(" Hà\u00a0\u00a0Nội \n", "address") == "Hà Nội"
    with pytest.raises(TextTooLongError):
        clean_field("0" * 21, "id_number")
    with pytest.raises(ControlCharacterError):
        clean_field("a\u2067b", "notes")
    assert displayable("a\x1bb\u200fc") == "a\\u001bb\\u200fc"
    stored = {"full_name": "Đặng\U000e0001\u202eThuỷ\x9b"}  # a tag character above U+FFFF
    shown = displayable(json.dumps(stored, ensure_ascii=False))
    assert shown.isprintable() and json.loads(shown) == stored  # inert, and still the same JSON
