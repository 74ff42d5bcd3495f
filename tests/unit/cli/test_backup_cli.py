"""`counter-app backup`, `backup list` and `restore`: outputs, exit statuses, nothing written."""

from __future__ import annotations

import io
import json
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.services.store import keys
from counter_app.services.store.opening import Store, create_store, store_path
from tests.unit.services.backup.test_backup import add_dossier, new_folder


@pytest.fixture
def store(private_data_dir: Path) -> Iterator[Store]:
    opened = create_store(new_folder(private_data_dir))
    yield opened
    opened.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]], str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()] if "--json" in argv else []
    return status, lines, out + err


def no_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """A script's standard input: a pipe with nothing in it, not a terminal."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))


def test_backup_prints_the_file_and_json(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    add_dossier(store, 1)
    status, _, text = run(capsys, "--lang", "en", "backup")
    assert status == 0 and "Backed up 1 dossiers to " in text and "counter-" in text
    status, [obj], _ = run(capsys, "backup", "--keep", "1", "--json")
    assert status == 0 and obj["ok"] is True and obj["dossiers"] == 1
    assert obj["encrypted"] is True and len(obj["removed"]) == 1
    assert Path(obj["file"]).is_file()


def test_backup_to_a_missing_folder_exits_2_and_writes_nothing(
    store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, [obj], err = run(capsys, "backup", "--to", str(tmp_path / "nowhere"), "--json")
    assert status == 2 and obj["error_code"] == "BACKUP_TARGET_MISSING"
    assert "Mã lỗi: BACKUP_TARGET_MISSING" in err
    assert not (store.folder / "backups").exists()


def test_bad_keep_exits_2(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    status, [obj], _ = run(capsys, "backup", "--keep", "0", "--json")
    assert status == 2 and obj["error_code"] == "BACKUP_KEEP_INVALID"


def test_backup_without_a_store_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    status, [obj], _ = run(capsys, "backup", "--json")
    assert status == 3 and obj["error_code"] == "STORE_NOT_SET_UP"


def test_export_key_writes_a_private_file_and_never_prints_the_key(
    store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "counter.key"
    status, _, text = run(capsys, "--lang", "en", "backup", "--export-key", str(out))
    key = keys.load_key(store.path).key
    assert status == 0 and "IT's records" in text and key.hex() not in text
    assert keys.read_key_file(out) == key and stat.S_IMODE(out.stat().st_mode) == 0o600
    status, [obj], _ = run(capsys, "backup", "--export-key", str(out), "--json")
    assert status == 2 and obj["error_code"] == "KEY_EXPORT_EXISTS"
    status, _, _ = run(capsys, "backup", "--export-key", str(tmp_path / "k2"), "--keep", "3")
    assert status == 2 and not (tmp_path / "k2").exists()


def test_export_key_and_to_cannot_be_combined(
    store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["backup", "--to", str(tmp_path), "--export-key", str(tmp_path / "k")])
    assert exited.value.code == 2


def test_backup_list(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, text = run(capsys, "--lang", "en", "backup", "list")
    assert status == 0 and "no backups" in text
    run(capsys, "backup")
    status, [obj], _ = run(capsys, "backup", "list", "--json")
    assert status == 0 and obj["file"].startswith("counter-") and obj["dossier_count"] == 0
    assert obj["size"] > 0 and "sha256" in obj


def backup_of_three_then_two_more(store: Store, capsys: pytest.CaptureFixture[str]) -> str:
    for n in (1, 2, 3):
        add_dossier(store, n)
    _, [obj], _ = run(capsys, "backup", "--json")
    add_dossier(store, 4)
    add_dossier(store, 5)
    store.close()
    return str(obj["file"])


def test_restore_in_a_script_needs_yes(
    store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backup_of_three_then_two_more(store, capsys)
    before = store_path().read_bytes()
    no_stdin(monkeypatch)
    status, [obj], err = run(capsys, "--lang", "en", "restore", backup, "--json")
    assert status == 2 and obj["error_code"] == "RESTORE_NOT_CONFIRMED" and "--yes" in err
    assert store_path().read_bytes() == before


def test_restore_lists_the_missing_dossiers(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_of_three_then_two_more(store, capsys)
    status, [obj], _ = run(capsys, "restore", backup, "--yes", "--json")
    assert status == 0 and obj["dossiers"] == 3
    assert [m["code"] for m in obj["missing"]] == ["20261125-1-004", "20261125-1-005"]
    assert obj["audit"]["behind"] is True and Path(obj["kept_as"]).is_file()


def test_restore_text_names_the_kept_store_and_the_codes(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_of_three_then_two_more(store, capsys)
    status, _, text = run(capsys, "--lang", "en", "restore", backup, "--yes")
    assert status == 0 and "Restored 3 dossiers" in text
    assert "counter-before-restore-" in text
    assert "enter them again: 20261125-1-004, 20261125-1-005." in text
    assert "00000000-0000" not in text  # codes only, no UUIDs on screen


def test_restore_of_a_missing_file_exits_2(
    store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, [obj], _ = run(capsys, "restore", str(tmp_path / "none.db"), "--yes", "--json")
    assert status == 2 and obj["error_code"] == "RESTORE_FILE_MISSING"


def test_restore_with_a_bad_key_file_exits_2(
    store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, [obj], _ = run(capsys, "backup", "--json")
    store.close()
    bad = tmp_path / "bad.key"
    bad.write_text("not a key")
    status, [err], _ = run(
        capsys, "restore", obj["file"], "--key-file", str(bad), "--yes", "--json"
    )
    assert status == 2 and err["error_code"] == "KEY_FILE_INVALID"


def test_the_days_first_dossier_command_starts_the_automatic_backup(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A detached `backup --auto` process makes today's backup once, not on every command."""
    import time

    from counter_app.cli import main
    from counter_app.services.paths import data_dir

    setup = ["setup", "--agency-code", "000.31.27.H26", "--agency-name", "UBND", "--counter", "1"]
    assert main(setup) == 0
    monkeypatch.delenv("COUNTER_APP_NO_AUTO_BACKUP")
    assert main(["dossier", "list"]) == 0
    deadline = time.monotonic() + 60
    while _due_today() and time.monotonic() < deadline:
        time.sleep(0.2)  # the detached process records the day once its backup is written
    made = list((data_dir() / "backups").glob("counter-*.db"))
    assert len(made) == 1
    assert main(["dossier", "list"]) == 0  # no longer due: starts nothing
    assert list((data_dir() / "backups").glob("counter-*.db")) == made
    status = main(["backup", "--auto", "--json"])
    assert status == 0 and '"made": false' in capsys.readouterr().out


def _due_today() -> bool:
    from counter_app.services.backup.auto import backup_due_today
    from counter_app.services.clock import now_vn
    from counter_app.services.store.opening import open_store

    store = open_store()
    try:
        return backup_due_today(store, now_vn())
    finally:
        store.close()
