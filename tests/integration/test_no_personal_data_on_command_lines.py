"""No personal value on any command line: a sampler reads every process's command line
(``/proc/<pid>/cmdline``, what ``ps`` shows to every user of the machine) while the CLI's
commands run with their standard-input forms.

A control run passes a sentinel name as an option: the sampler must see it, so a quiet sampler
means the values were not there, not that it looked too late.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.integration.sync_helpers import counter_app_exe
from tests.payloads import T1

PERSON = {
    "id_number": "001189004218",
    "full_name": "Đặng Thị Thuỷ",
    "date_of_birth": "05/06/1989",
    "sex": "Nữ",
    "address": "Số 1 phố Huế, Hà Nội",
    "phone": "0912345678",
    "email": "thuy.dang@example.vn",
    "proxy_name": "Phạm Minh Đức",
    "proxy_id_number": "001090001234",
}
EDITED = {"full_name": "Đặng Thu Thuỷ", "address": "Số 9 Lý Thái Tổ", "phone": "0987654321"}
RECIPIENT = "Hoàng Văn Nam"
TOKEN = "counter-token-7f3a9c"
QR_VALUES = ("001089004217", "Trần Quốc Bảo", "Hàng Bạc")
SENTINEL = "Sentinel Nguyễn Văn Canary"


class Sampler:
    """Every command line seen while running, read from /proc as ``ps`` reads it."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self._stop = threading.Event()

    def run(self) -> None:
        while not self._stop.is_set():
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    self._read(entry)

    def _read(self, pid: str) -> None:
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return
        if raw:
            self.seen.add(raw.replace(b"\0", b" ").decode("utf-8", "replace"))

    @contextmanager
    def running(self) -> Iterator[Sampler]:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()


def cli(*args: str, stdin: str = "", ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [counter_app_exe(), "--lang", "en", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0 or not ok, done.stderr
    return done


def _every_command(code_holder: list[str]) -> None:
    cli("setup", "--agency-code", "000.31.27.H26", "--agency-name", "UBND phường", "--counter", "3")
    typed = json.dumps({**PERSON, "proxy_relation": "con"}, ensure_ascii=False)
    added = cli("dossier", "add", "--procedure", "1.004873", "--typed", "-", "--json",
                stdin=typed + "\n")  # fmt: skip
    code = json.loads(added.stdout.splitlines()[0])["code"]
    code_holder.append(code)
    # Whether the card's findings let it through does not matter here: only the command line.
    cli("dossier", "add", "--procedure", "1.004873", "--qr", "-", stdin=T1 + "\n", ok=False)
    cli("dossier", "edit", code, "--typed", "-", stdin=json.dumps(EDITED) + "\n")
    cli("id", "check", "-", stdin=json.dumps(PERSON, ensure_ascii=False) + "\n")
    cli("id", "parse", "-", stdin=T1 + "\n")
    cli("search", "-", stdin=PERSON["full_name"] + "\n")
    for step in ("in_process", "result_ready"):
        cli("dossier", "transition", code, step)
    cli("dossier", "transition", code, "returned", "--recipient", "-", stdin=RECIPIENT + "\n")
    cli("dossier", "show", code)
    cli("dossier", "list", "--date", "all")
    cli("sync", "set-token", "-", stdin=TOKEN + "\n")


@pytest.mark.usefixtures("private_data_dir")
def test_no_personal_value_on_any_command_line() -> None:
    holder: list[str] = []
    with Sampler().running() as sampler:
        _every_command(holder)
        cli("search", SENTINEL)  # the control: a value given as an argument
    lines = " \n ".join(sampler.seen)
    assert SENTINEL in lines  # the sampler does see what is on a command line
    assert "dossier edit" in lines and "--recipient -" in lines
    secrets = [*PERSON.values(), *EDITED.values(), RECIPIENT, TOKEN, *QR_VALUES]
    leaked = [value for value in secrets if value in lines]
    assert leaked == []
