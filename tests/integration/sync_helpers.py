"""Building blocks for the sync tests: a counter with dossiers, test settings, a scripted server.

The scripted server is a real HTTP server on a free loopback port whose answers a test
chooses (a status, a body, a delay, a function of the request); the shipped simulator is used
wherever the city's real behaviour matters.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from counter_app.domain.dossier import Dossier
from counter_app.services.intake import receive_dossier
from counter_app.services.store import Store
from counter_app.services.sync_settings import SyncSettings
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
def scripted_server() -> Iterator[tuple[Script, str]]:
    script = Script()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield script, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
