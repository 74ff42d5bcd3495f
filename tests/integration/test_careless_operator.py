"""A careless operator's mistakes are caught: a world-readable token file, an output file that
exists, the simulator's database of citizens' data readable by others."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sync.simulator.store import open_db
from tests.integration.documents.test_form_cli import ADD, SETUP, run

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")


@pytest.fixture
def code(capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, *SETUP, "--counter", "1")[0] == 0
    status, lines, _ = run(capsys, *ADD)
    assert status == 0
    return str(lines[0]["code"])


@posix_only
def test_the_simulator_database_and_its_wal_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "city.db"
    with open_db(path) as db:
        db.execute("INSERT INTO settings (name, value) VALUES ('x', 'y')")
        files = [f for f in tmp_path.iterdir() if f.name.startswith("city.db")]
        assert {f.name for f in files} >= {"city.db", "city.db-wal"}
        assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    path.chmod(0o644)  # a file an older version left
    with open_db(path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@posix_only
def test_a_token_file_others_can_read_is_refused_at_configure_and_at_sync(
    capsys: pytest.CaptureFixture[str], code: str, tmp_path: Path
) -> None:
    token = tmp_path / "token"
    token.write_text("counter-token-1\n")
    token.chmod(0o644)
    status, _, said = run(capsys, "--lang", "en", "sync", "configure", "--token-file", str(token))
    assert status == 3 and "SYNC_TOKEN_FILE_EXPOSED" in said
    token.chmod(0o600)
    assert run(capsys, "sync", "configure", "--token-file", str(token))[0] == 0
    token.chmod(0o640)  # widened after it was configured
    status, _, said = run(capsys, "--lang", "en", "sync", "--url", "http://127.0.0.1:9", "--once")
    assert status == 3 and "SYNC_TOKEN_FILE_EXPOSED" in said and "counter-token" not in said


@pytest.mark.parametrize(
    "command",
    [
        ["receipt", "{code}", "--out", "{out}"],
        ["dossier", "add", *ADD[2:], "--print-to", "{out}"],
        ["sync", "keys", "--out", "{out}"],
    ],
)
def test_out_refuses_an_existing_file_unless_forced(
    capsys: pytest.CaptureFixture[str], code: str, tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "existing.pdf"
    out.write_bytes(b"an earlier receipt")
    args = [part.format(code=code, out=out) for part in command]
    count = len(run(capsys, "dossier", "list", "--date", "all", "--json")[1])
    status, _, said = run(capsys, "--lang", "en", *args)
    assert status == 2 and "OUTPUT_EXISTS" in said
    assert out.read_bytes() == b"an earlier receipt"
    assert len(run(capsys, "dossier", "list", "--date", "all", "--json")[1]) == count
    status, _, said = run(capsys, *args, "--force")
    assert status == 0, said
    assert out.read_bytes() != b"an earlier receipt"
