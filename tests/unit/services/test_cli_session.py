"""`counter-app login | logout`: the same role table guards the CLI once an administrator exists."""

from __future__ import annotations

import io
import json
import stat
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.services.cli_session import (
    SESSION_FILE_NAME,
    SignInRequiredError,
    authorize,
    sign_in,
)
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import Store, open_store
from counter_app.services.users import RoleNotAllowedError, add_user
from counter_app.storage.audit import iter_audit
from tests.cli_session_helpers import PASSWORD, add_signed_in_user, cli_login, cli_logout
from tests.dossier_helpers import configure


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str, *argv: str
) -> tuple[int, list[dict[str, Any]], str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), "utf-8"))
    status = main(list(argv))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()] if "--json" in argv else []
    return status, lines, out + err


@pytest.fixture
def counter(new_store: Store) -> Store:
    """A set-up counter with an administrator, a supervisor and a clerk; nobody signed in."""
    configure(new_store)
    add_signed_in_user(new_store)
    for name, role in (("giamsat", "supervisor"), ("canbo", "clerk")):
        add_user(new_store, username=name, full_name=name, role=role, password=PASSWORD,
                 actor="it", acting_role="administrator", now=now_vn())  # fmt: skip
    cli_logout(new_store.folder)
    return new_store


def test_before_the_first_administrator_no_session_is_needed(
    new_store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(new_store)
    status, rows, _ = run(capsys, monkeypatch, "", "audit", "list", "--json")
    assert status == 0 and rows and rows[0]["action"]  # IT's first steps, as before
    assert authorize(new_store, "users.manage", now=now_vn())[1] == "administrator"


@pytest.mark.parametrize(
    "argv",
    [
        ("user", "list"),
        ("audit", "verify"),
        ("audit", "list"),
        ("search", "tran"),
        ("dossier", "list"),
        ("calendar", "import", "holidays.ics"),
        ("backup", "--export-key", "store.key.copy"),
        (
            "export",
            "daily-log",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-07",
            "--format",
            "csv",
            "--out",
            "log.csv",
        ),
        ("report", "eod", "--date", "2026-12-07"),
        ("settings", "--set", "sync.url=https://city.example/api"),
        ("settings", "--set", "ui.language=en"),
        ("dossier", "void", "X", "--reason", "nhầm"),
        ("dossier", "transition", "X", "4", "--correction", "--reason", "nhầm"),
    ],
)
def test_a_guarded_command_without_a_session_says_how_to_sign_in(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    argv: tuple[str, ...],
) -> None:  # fmt: skip
    status, _, text = run(capsys, monkeypatch, "", *argv)
    assert status == 2 and "SIGN_IN_REQUIRED" in text
    assert "counter-app login TÊN_ĐĂNG_NHẬP --password -" in text
    status, _, text = run(capsys, monkeypatch, "", "--lang", "en", *argv)
    assert status == 2 and "counter-app login USERNAME --password -" in text


@pytest.mark.parametrize(
    ("stdin", "argv"),
    [
        ("", ("audit", "list")),
        ("", ("audit", "verify")),
        ("", ("audit", "export", "--out", "audit.csv")),
        ("Thiếu bản sao\n", ("dossier", "send-back", "X", "--reason", "-")),
        ("", ("user", "list")),
        (
            "",
            (
                "export",
                "daily-log",
                "--from",
                "2026-12-01",
                "--to",
                "2026-12-07",
                "--format",
                "xlsx",
                "--out",
                "log.xlsx",
            ),
        ),
        ("", ("report", "eod", "--date", "2026-12-07", "--sign-off")),
        ("", ("settings", "--set", "sync.url=https://city.example/api")),
        ("", ("settings", "--set", "forms.place=Hà Nội")),
        ("", ("dossier", "void", "X", "--reason", "nhầm")),
        ("", ("dossier", "transition", "X", "4", "--correction", "--reason", "nhầm")),
    ],
)
def test_a_clerk_is_refused_the_audit_and_the_send_back(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    stdin: str, argv: tuple[str, ...],
) -> None:  # fmt: skip
    status, _, text = run(capsys, monkeypatch, PASSWORD + "\n", "login", "canbo", "--password", "-")
    assert status == 0 and "canbo (clerk)" in text
    status, _, text = run(capsys, monkeypatch, stdin, *argv)
    assert status == 1 and "ROLE_NOT_ALLOWED" in text


def test_login_writes_an_owner_only_token_never_the_password(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, [obj], _ = run(capsys, monkeypatch, PASSWORD + "\n", "login", "giamsat",
                           "--password", "-", "--json")  # fmt: skip
    assert status == 0 and obj == {"ok": True, "username": "giamsat", "role": "supervisor",
                                   "to_fix": []}  # fmt: skip
    path = counter.folder / SESSION_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    token = path.read_text()
    assert len(token) == 64 and PASSWORD not in token
    store = open_store(counter.folder)
    try:
        stored = store.db.conn.execute("SELECT token_hash FROM cli_sessions").fetchall()
    finally:
        store.close()
    assert [row[0] for row in stored] != [token] and len(stored) == 1
    status, rows, _ = run(capsys, monkeypatch, "", "audit", "list", "--json")
    assert status == 0 and rows[0]["action"] == "user.sign_in"
    status, [who], _ = run(capsys, monkeypatch, "", "whoami", "--json")
    assert who["username"] == "giamsat"


def test_logout_ends_the_session_and_is_audited(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_login(counter.folder, "giamsat")
    status, _, text = run(capsys, monkeypatch, "", "logout")
    assert status == 0 and "Đã đăng xuất." in text
    assert not (counter.folder / SESSION_FILE_NAME).exists()
    status, _, text = run(capsys, monkeypatch, "", "audit", "list")
    assert status == 2 and "SIGN_IN_REQUIRED" in text
    assert any(r.action == "user.sign_out" and r.actor == "user:giamsat"
               for r in iter_audit(counter.db))  # fmt: skip


def test_the_session_ends_after_the_idle_lock_time_and_each_use_pushes_it_on(
    counter: Store,
) -> None:
    start = now_vn()
    sign_in(counter, "giamsat", PASSWORD, now=start)
    # The default idle lock is 5 minutes: a use at 4 minutes pushes the end to 9.
    assert authorize(counter, "audit.view", now=start + timedelta(minutes=4))[0] == "user:giamsat"
    assert authorize(counter, "audit.view", now=start + timedelta(minutes=8))[1] == "supervisor"
    with pytest.raises(SignInRequiredError):
        authorize(counter, "audit.view", now=start + timedelta(minutes=14))


def test_a_wrong_password_opens_no_session(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, text = run(capsys, monkeypatch, "sai-mật-khẩu\n", "login", "giamsat",
                          "--password", "-")  # fmt: skip
    assert status == 2 and "SIGN_IN_FAILED" in text
    assert not (counter.folder / SESSION_FILE_NAME).exists()


def test_a_disabled_user_s_session_stops_working(counter: Store) -> None:
    from counter_app.services.users import disable_user

    sign_in(counter, "giamsat", PASSWORD, now=now_vn())
    disable_user(counter, "giamsat", actor="it", acting_role="administrator", now=now_vn())
    with pytest.raises(SignInRequiredError):
        authorize(counter, "audit.view", now=now_vn())


def test_the_clerk_s_session_names_them_on_what_they_do(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    private_data_dir: Path,
) -> None:  # fmt: skip
    cli_login(counter.folder, "canbo")
    typed = '{"id_number": "001189004217", "full_name": "Đặng Thị Thuỷ", "sex": "female", ' \
        '"date_of_birth": "1989-06-05", "address": "Số 7 phố Hàng Bạc, Hà Nội"}\n'  # fmt: skip
    status, [obj], _ = run(capsys, monkeypatch, typed, "dossier", "add", "--typed", "-",
                           "--procedure", "1.004873", "--json")  # fmt: skip
    assert status == 0
    created = [r for r in iter_audit(counter.db) if r.action == "dossier.create"]
    assert created[-1].actor == "user:canbo" and created[-1].subject == obj["code"]
    with pytest.raises(RoleNotAllowedError):
        authorize(counter, "dossier.send_back", now=now_vn())


def test_each_read_out_of_the_store_is_audited_with_its_user_and_row_count(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_login(counter.folder, "canbo")
    status, rows, _ = run(capsys, monkeypatch, "", "dossier", "list", "--date", "all", "--json")
    assert status == 0 and rows == []
    status, _, _ = run(capsys, monkeypatch, "", "search", "tran")
    assert status == 0
    exports = [r for r in iter_audit(counter.db) if r.action == "dossier.export"]
    assert [(r.actor, json.loads(r.details)) for r in exports] == [
        ("user:canbo", {"rows": 0, "command": "dossier list"}),
        ("user:canbo", {"rows": 0, "command": "search"}),
    ]


def test_a_clerk_hears_at_sign_in_what_was_sent_back_to_them(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.services.intake.receive import receive_dossier
    from counter_app.services.supervision.send_back import send_back
    from tests.dossier_helpers import intake

    code = receive_dossier(counter, intake(), clerk="user:canbo", now=now_vn()).code
    send_back(counter, code, reason="Thiếu tờ khai", role="supervisor", actor="user:giamsat",
              now=now_vn())  # fmt: skip
    status, _, text = run(capsys, monkeypatch, PASSWORD + "\n", "login", "canbo", "--password", "-")
    assert status == 0 and f"Hồ sơ được trả lại để sửa: {code}." in text
    status, _, text = run(capsys, monkeypatch, "Đã bổ sung tờ khai\n", "dossier", "fixed", code,
                          "--note", "-")  # fmt: skip
    assert status == 0 and code in text
    status, _, text = run(capsys, monkeypatch, "", "dossier", "check-fix", code)
    assert status == 1 and "ROLE_NOT_ALLOWED" in text  # the check is a supervisor's
    cli_login(counter.folder, "giamsat")
    status, _, text = run(capsys, monkeypatch, "", "dossier", "check-fix", code)
    assert status == 0 and "Đã kiểm tra phần sửa" in text


def test_on_a_terminal_login_asks_for_the_password_without_echo(counter: Store) -> None:
    """The installed command on a pseudo-terminal: the prompt, no echo, then the session."""
    import os
    import pty
    import subprocess

    exe = Path(sys.executable).with_name("counter-app")
    leader, follower = pty.openpty()
    with subprocess.Popen([str(exe), "login", "giamsat"], stdin=follower, stdout=follower,
                          stderr=follower, env={**os.environ}) as process:  # fmt: skip
        os.close(follower)
        seen = b""
        while b"M\xe1\xba\xadt kh\xe1\xba\xa9u" not in seen:  # "Mật khẩu"
            seen += os.read(leader, 1024)
        os.write(leader, (PASSWORD + "\n").encode())
        assert process.wait(timeout=60) == 0
    rest = b""
    try:
        while chunk := os.read(leader, 1024):
            rest += chunk
    except OSError:  # the terminal closed with the process
        pass
    os.close(leader)
    assert PASSWORD.encode() not in seen + rest and "giamsat (supervisor)" in rest.decode()
    assert (counter.folder / SESSION_FILE_NAME).exists()


def test_a_supervisor_s_session_exports_the_log_and_the_audit_names_them(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    cli_login(counter.folder, "giamsat")
    out = tmp_path / "log.csv"
    day = now_vn().date().isoformat()
    status, _, text = run(capsys, monkeypatch, "", "export", "daily-log", "--from", day, "--to",
                          day, "--format", "csv", "--out", str(out))  # fmt: skip
    assert status == 0, text
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = [r for r in iter_audit(counter.db) if r.action.startswith("log.export")]
    assert rows and rows[-1].actor == "user:giamsat"


def test_each_setting_needs_its_own_role_and_one_refusal_saves_nothing(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, monkeypatch, PASSWORD + "\n", "login", "canbo", "--password", "-")
    status, _, _ = run(capsys, monkeypatch, "", "settings", "--set", "ui.language=en")
    assert status == 0  # the clerk's everyday settings
    run(capsys, monkeypatch, PASSWORD + "\n", "login", "giamsat", "--password", "-")
    status, _, _ = run(capsys, monkeypatch, "", "settings", "--set",
                       "sync.url=https://city.example/api")  # fmt: skip
    assert status == 0
    status, _, text = run(capsys, monkeypatch, "", "settings", "--set", "sync.batch_size=20",
                          "--set", "ui.idle_lock_minutes=30")  # fmt: skip
    assert status == 1 and "ROLE_NOT_ALLOWED (counter.settings)" in text
    with open_store(counter.folder) as store:
        from counter_app.services.syncing.settings import load_sync_settings

        assert load_sync_settings(store).batch_size != 20  # all or nothing
        assert load_sync_settings(store).url == "https://city.example/api"


def test_a_sync_address_set_as_a_setting_meets_the_transport_policy(
    counter: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, monkeypatch, PASSWORD + "\n", "login", "giamsat", "--password", "-")
    for url in ("http://10.1.2.3:8080\\@127.0.0.1", "http://10.1.2.3/api"):
        status, _, text = run(capsys, monkeypatch, "", "settings", "--set", f"sync.url={url}")
        assert status == 2 and "SYNC_URL_" in text
