"""Building blocks for the sync tests: a counter with dossiers, test settings, a scripted server.

The scripted server is a real HTTP server on a free loopback port whose answers a test
chooses (a status, a body, a delay, a function of the request); the shipped simulator is used
wherever the city's real behaviour matters.
"""

from __future__ import annotations

import json
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from counter_app.domain.dossier import Dossier
from counter_app.services.catalogue import get_procedure
from counter_app.services.clock import now_vn
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.settings.counter import load_config
from counter_app.services.store.opening import Store
from counter_app.services.syncing.settings import SyncSettings
from sync.client import ClientConfig, SyncClient
from sync.engine import SyncReport, run_sync_once
from sync.records import build_record
from tests.city_sim_process import running_city_sim
from tests.dossier_helpers import CLERK, citizen, intake, vn

PER_DAY = 400  # well inside a counter's 999 numbers a day
# Short limits so that a failing server costs a test milliseconds, not minutes.
FAST = SyncSettings(
    connect_timeout_s=1.0,
    read_timeout_s=2.0,
    backoff_base_s=0.01,
    backoff_cap_s=0.2,
    catalogue_interval_s=3600.0,
)

Responder = Callable[[str, str, bytes], tuple[int, dict[str, str], bytes]]


def receive_many(store: Store, count: int, *, start: datetime | None = None) -> list[Dossier]:
    """``count`` received dossiers, 400 a day from ``start``, each a real intake."""
    first = start or vn(2026, 11, 2, 8, 0)
    saved = []
    for n in range(count):
        person = citizen(name=f"Lê Thị Hồng {n}", id_number=f"00118{n:07d}")
        moment = first + timedelta(days=n // PER_DAY, seconds=n % PER_DAY)
        saved.append(receive_dossier(store, intake(person), clerk=CLERK, now=moment))
    return saved


@dataclass
class Script:
    """What the server answers, and every request it saw."""

    status: int = 200
    body: bytes = b'{"protocol": "counter-sync/1", "results": []}'
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    date_offset_s: float = 0.0
    respond: Responder | None = None
    seen: list[dict[str, Any]] = field(default_factory=list)


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            script.seen.append({"path": self.path, "headers": dict(self.headers), "body": body})
            time.sleep(script.delay_s)
            status, headers, reply = script.status, script.headers, script.body
            if script.respond is not None:
                status, headers, reply = script.respond(self.command, self.path, body)
            self.send_response_only(status)
            self.send_header("Date", formatdate(time.time() + script.date_offset_s, usegmt=True))
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(reply)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply)

        do_GET = do_POST = _answer  # http.server calls do_<METHOD>

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    return Handler


@contextmanager
def scripted_server(tls: ssl.SSLContext | None = None) -> Iterator[tuple[Script, str]]:
    """The server on a free loopback port; with ``tls``, HTTPS with that context."""
    script = Script()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield script, f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def counter_app_exe() -> str:
    return str(Path(sys.executable).with_name("counter-app"))


def city_sim(db_path: Path, *extra: str) -> AbstractContextManager[str]:
    """The shipped simulator as its own process on a free loopback port; yields its URL."""
    return running_city_sim(db_path, *extra)


def city_dump(db_path: Path) -> list[dict[str, Any]]:
    """What the simulated city stores (``city-sim dump``), one object per dossier."""
    done = subprocess.run(
        [counter_app_exe(), "city-sim", "dump", "--db", str(db_path)],
        capture_output=True, text=True, encoding="utf-8", check=True,
    )  # fmt: skip
    return [json.loads(line) for line in done.stdout.splitlines()]


def drain(store: Store, url: str, settings: SyncSettings, *, max_s: float) -> list[SyncReport]:
    """Passes until nothing is pending, waiting as each report says (the test is the timer)."""
    client = SyncClient(ClientConfig(url=url, counter_id="1", app_version="test"))
    reports: list[SyncReport] = []
    deadline = time.monotonic() + max_s
    try:
        while time.monotonic() < deadline:
            report = run_sync_once(store, client, now=now_vn(), settings=settings)
            reports.append(report)
            if report.retry_in_s is None:
                break
            time.sleep(report.retry_in_s)
    finally:
        client.close()
    return reports


def sync_once(store: Store, url: str, settings: SyncSettings) -> SyncReport:
    client = SyncClient(ClientConfig(url=url, counter_id="1", app_version="test"))
    try:
        return run_sync_once(store, client, now=now_vn(), settings=settings)
    finally:
        client.close()


def local_record(store: Store, dossier: Dossier) -> dict[str, Any]:
    """The record the counter would send for the dossier as it is stored now."""
    current = dossiers.get_dossier(store, dossier.code)
    procedure = get_procedure(store, current.procedure_code, current.catalogue_version)
    return build_record(current, procedure, agency_name=load_config(store).agency_name)
