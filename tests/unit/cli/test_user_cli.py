"""`counter-app user add|disable|enable|reset|list`: passwords from stdin, exit statuses, JSON."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.services.store.opening import Store, open_store
from counter_app.services.users import authenticate
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import vn


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str, *argv: str
) -> tuple[int, list[dict[str, Any]], str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), "utf-8"))
    status = main(list(argv))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()] if "--json" in argv else []
    return status, lines, out + err


def test_it_adds_resets_disables_and_lists_users_with_passwords_on_stdin(
    new_store: Store, private_data_dir: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    new_store.close()
    argv = ("user", "add", "Lan", "--full-name", "Nguyễn Thị Lan", "--role", "administrator")
    status, [obj], _ = run(capsys, monkeypatch, "mật-khẩu-dài\n", *argv, "--password", "-",
                           "--json")  # fmt: skip
    assert status == 0 and obj["ok"] and obj["username"] == "lan" and "password" not in str(obj)
    # From the first administrator on, managing users needs a session of that role.
    status, _, text = run(capsys, monkeypatch, "mật-khẩu-dài\n", "user", "add", "binh",
                          "--full-name", "Trần Văn Bình", "--password", "-")  # fmt: skip
    assert status == 2 and "SIGN_IN_REQUIRED" in text
    status, _, _ = run(capsys, monkeypatch, "mật-khẩu-dài\n", "login", "lan", "--password", "-")
    assert status == 0
    status, _, text = run(capsys, monkeypatch, "mật-khẩu-dài\n", "user", "add", "binh",
                          "--full-name", "Trần Văn Bình", "--password", "-")  # fmt: skip
    assert status == 0 and "Đã thêm người dùng binh (clerk)." in text
    status, _, _ = run(capsys, monkeypatch, "mật-khẩu-mới\n", "user", "reset", "binh",
                       "--password", "-")  # fmt: skip
    assert status == 0
    status, _, _ = run(capsys, monkeypatch, "", "user", "disable", "binh")
    assert status == 0
    status, rows, _ = run(capsys, monkeypatch, "", "user", "list", "--json")
    assert [(r["username"], r["active"]) for r in rows] == [("binh", False), ("lan", True)]
    status, _, text = run(capsys, monkeypatch, "", "user", "enable", "binh")
    assert status == 0 and "Đã mở lại người dùng binh." in text
    status, rows, _ = run(capsys, monkeypatch, "", "user", "list", "--json")
    assert [(r["username"], r["active"]) for r in rows] == [("binh", True), ("lan", True)]
    store = open_store(private_data_dir)
    try:
        assert (
            authenticate(store, "lan", "mật-khẩu-dài", now=vn(2026, 3, 2)).role == "administrator"
        )
        assert {r.actor for r in iter_audit(store.db)} == {
            f"cli:{__import__('getpass').getuser()}",
            "user:lan",
        }
    finally:
        store.close()


@pytest.mark.parametrize(
    ("stdin", "argv", "code"),
    [
        ("", ("user", "add", "lan", "--full-name", "Lan", "--password", "-"), "PASSWORD_NOT_GIVEN"),
        ("short\n", ("user", "add", "lan", "--full-name", "Lan", "--password", "-"),
         "PASSWORD_TOO_SHORT"),
        ("mật-khẩu-dài\n", ("user", "add", "l a", "--full-name", "Lan", "--password", "-"),
         "USERNAME_INVALID"),
        ("mật-khẩu-dài\n", ("user", "reset", "nobody", "--password", "-"), "USER_NOT_FOUND"),
        ("", ("user", "disable", "nobody"), "USER_NOT_FOUND"),
        ("", ("user", "enable", "nobody"), "USER_NOT_FOUND"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_its_code(
    new_store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    stdin: str, argv: tuple[str, ...], code: str,
) -> None:  # fmt: skip
    new_store.close()
    status, [obj], _ = run(capsys, monkeypatch, stdin, *argv, "--json")
    assert status == 2 and obj["error_code"] == code


def test_a_password_on_the_command_line_is_refused(
    new_store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    new_store.close()
    with pytest.raises(SystemExit) as exited:
        run(capsys, monkeypatch, "", "user", "add", "lan", "--full-name", "Lan", "--password",
            "mật-khẩu-dài")  # fmt: skip
    assert exited.value.code == 2


def test_without_a_store_the_command_exits_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, [obj], _ = run(capsys, monkeypatch, "", "user", "list", "--json")
    assert status == 3 and obj["error_code"] == "STORE_NOT_SET_UP"
