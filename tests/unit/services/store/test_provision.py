"""``counter-app provision FILE.toml`` on a real store: a new PC, a second run, a bad file."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.services.settings.counter import load_config
from counter_app.services.settings.forms import load_form_settings
from counter_app.services.settings.intake import load_intake_settings
from counter_app.services.settings.ui import load_ui_settings
from counter_app.services.store.opening import open_store, store_exists
from counter_app.services.syncing.settings import load_sync_settings
from counter_app.storage.audit import iter_audit

REPO = Path(__file__).resolve().parents[4]
EXAMPLE = REPO / "docs" / "provision-example.toml"
TOKEN = "k7Qp-counter1-secret"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The documented example, its token file pointing at a real file."""
    token = tmp_path / "counter-1.token"
    token.write_text(TOKEN + "\n", encoding="utf-8")
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "/etc/counter-app/counter-1.token", str(token)
    )
    path = tmp_path / "counter-1.toml"
    path.write_text(text, encoding="utf-8")
    return path


def provision(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    status = main(["--lang", "en", "provision", str(path), "--json"])
    out, err = capsys.readouterr()
    return status, out, err


def audit_actions() -> list[str]:
    store = open_store()
    try:
        return [row.action for row in iter_audit(store.db)]
    finally:
        store.close()


def test_a_new_pc_is_set_up_from_the_example_file_and_a_second_run_changes_nothing(
    capsys: pytest.CaptureFixture[str], example: Path, private_data_dir: Path
) -> None:
    status, out, err = provision(capsys, example)
    assert status == 0, err
    result = json.loads(out)
    assert result["created"] is True
    assert {"counter.agency_code", "sync.url", "sync.token", "intake.scanner_port"} <= set(
        result["changed"]
    )
    token_file = private_data_dir / "sync-token"
    assert token_file.read_text(encoding="utf-8").strip() == TOKEN
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert TOKEN not in out + err
    store = open_store()
    try:
        config = load_config(store)
        assert (config.agency_name, config.counter, str(config.code_range)) == (
            "UBND phường Hoàn Kiếm", 1, "1001-1999",
        )  # fmt: skip
        assert load_sync_settings(store).url == "https://motcua.example.gov.vn/api"
        intake = load_intake_settings(store)
        assert (intake.scanner_port, intake.printer) == ("/dev/ttyACM0", "Máy in quầy 1")
        forms = load_form_settings(store)
        assert (forms.apology_signer_title, forms.apology_signer_name) == (
            "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Nguyễn Thị Hồng",
        )  # fmt: skip
        assert forms.stop_signer_title == "CHỦ TỊCH"
        assert load_ui_settings(store).language == "vi"
        rows = list(iter_audit(store.db))
    finally:
        store.close()
    applied = [row for row in rows if row.action == "provision.apply"]
    assert len(applied) == 1 and TOKEN not in json.dumps([r.details for r in rows])
    assert "settings.forms" in [row.action for row in rows]  # audited as the window's change
    before = audit_actions()
    status, out, _ = provision(capsys, example)
    assert status == 0 and json.loads(out)["changed"] == []
    assert audit_actions() == before  # idempotent: not even an audit row


def test_a_later_file_changes_only_what_differs(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    assert provision(capsys, example)[0] == 0
    later = tmp_path / "later.toml"
    later.write_text(
        '[ui]\nlanguage = "en"\n[intake]\nscanner_baud = 115200\nprinter = ""\n'
        '[forms]\napology_signer_name = "Nguyễn Thị Hồng"\nstop_signer_name = "Lê Văn Đức"\n',
        encoding="utf-8",
    )
    status, out, err = provision(capsys, later)
    assert status == 0, err
    assert json.loads(out)["changed"] == [
        "forms.stop_signer_name", "intake.printer", "intake.scanner_baud", "ui.language",
    ]  # fmt: skip
    store = open_store()
    try:
        assert load_config(store).agency_code == "000.31.27.H26"  # the counter kept
    finally:
        store.close()


def test_every_problem_is_listed_by_key_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[counter]\nagency_code = "31.27"\ncounter = "one"\n'
        '[sync]\nurl = "http://10.1.2.3:8000"\ntoken_file = "/no/such/token"\n'
        '[printer]\nname = "Máy in quầy 1"\n[ui]\nlanguage = "fr"\n'
        '[backup]\nfolder = "/mnt/usb"\n[forms]\nstop_signer_title = ""\napology_signer_name = 4\n',
        encoding="utf-8",
    )
    status, _, err = provision(capsys, bad)
    assert status == 2
    listed = [line.split(":")[0] for line in err.splitlines() if line.endswith(")")]
    assert listed[:9] == [
        "counter.agency_code", "counter.counter", "sync.url", "sync.token_file", "printer",
        "ui.language", "backup", "forms.stop_signer_title", "forms.apology_signer_name",
    ]  # fmt: skip
    assert "forms.stop_signer_title: " in err and "(FORM_SETTING_INVALID)" in err
    assert "(PROVISION_VALUE_WRONG)" in err
    assert "(AGENCY_CODE_INVALID)" in err and "(SYNC_URL_INSECURE)" in err
    assert "PROVISION_INVALID" in err
    assert not store_exists()


def test_a_new_pc_needs_the_counter_keys(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    partial = tmp_path / "partial.toml"
    partial.write_text('[counter]\nagency_code = "000.31.27.H26"\n', encoding="utf-8")
    status, _, err = provision(capsys, partial)
    assert status == 2
    assert "counter.agency_name: " in err and "counter.counter: " in err
    assert not store_exists()


def test_a_file_that_is_not_toml_names_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[counter\nagency_code = 1\n", encoding="utf-8")
    status, out, err = provision(capsys, broken)
    assert status == 2
    assert json.loads(out)["error_code"] == "PROVISION_FILE_INVALID"
    assert "line 1" in err
