"""The simulator's HTTP side: a threaded stdlib server on loopback speaking ``counter-sync/1``.

Each request: latency, body, token, then perhaps a fault, then the route. Faults that come
after the route (500, slow, malformed) hit *after* the transaction committed, as a real lost
reply would. The log line of a request holds its method, path, status and duration only:
never a body, a header value or a query, so no citizen's data or token reaches the console.
"""

from __future__ import annotations

import hmac
import os
import socket
import sqlite3
import struct
import sys
import threading
import time
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from counter_app.domain.vn_time import VN_TZ
from sync.protocol import (
    BATCH_PATH,
    CANCELLATIONS_PATH,
    CATALOGUE_PATH,
    CHANGES_DEFAULT_LIMIT,
    CHANGES_MAX_LIMIT,
    CHANGES_PATH,
    COUNTER_ID_HEADER,
    JSON_CONTENT_TYPE,
    LOOKUP_PATH,
    MAX_BODY_BYTES,
    MAX_RECORDS,
    PROTOCOL,
    FieldError,
    RequestError,
    dumps,
    loads,
    validate_envelope,
)
from sync.protocol.cancellations import validate_cancellations
from sync.simulator import city, store
from sync.simulator.cancellations import receive_cancellations
from sync.simulator.catalogue import CatalogueSource
from sync.simulator.errors import PortUnavailableError, SimDatabaseError
from sync.simulator.faults import Fault, FaultPlan, SimConfig
from sync.simulator.lookup import answer_lookup, validate_lookup

# A body above the protocol's limit is still read (so the client gets its 413 rather than a
# reset mid-upload), up to this much; beyond it the connection is closed after the 413.
DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES
# SO_LINGER on, zero seconds: close() sends a TCP reset. Windows' struct linger has two shorts.
_LINGER_OFF_NOW = struct.pack("HH" if os.name == "nt" else "ii", 1, 0)


class Reply:
    """A status, a JSON body (or raw bytes) and extra headers."""

    def __init__(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        self.status, self.headers = status, headers or {}
        self.raw = b"" if body is None else dumps({"protocol": PROTOCOL, **body})


def error_reply(
    status: int,
    code: RequestError,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    body = {
        "error": code.value,
        "message": HTTPStatus(status).phrase,
        "errors": [e.to_json() for e in errors or []],
    }
    return Reply(status, body, headers)


class CityServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck slow reply never blocks shutdown

    def __init__(self, config: SimConfig, db_path: Path) -> None:
        self.config, self.db_path = config, db_path
        self.faults = FaultPlan(config.fail_rate, config.faults, config.seed)
        self.catalogue = CatalogueSource(config.catalogue)
        self.db_lock = threading.Lock()  # one writer at a time: the city is a simulator
        self.catalogue.current()  # refuse a bad catalogue before saying "ready"
        try:
            with store.open_db(db_path):
                pass
        except sqlite3.Error:
            raise SimDatabaseError(db_path.name) from None
        try:
            super().__init__((config.host, config.port), CityHandler)
        except OSError:
            raise PortUnavailableError(str(config.port)) from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}"

    def now(self) -> datetime:
        """The city's clock, skewed by ``--clock-skew-s`` to test the counter's skew warning."""
        return datetime.fromtimestamp(time.time() + self.config.clock_skew_s, VN_TZ)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line, no traceback: a client that hung up on a slow reply is routine here."""
        error = sys.exc_info()[1]
        print(f"city-sim: request ended early ({type(error).__name__})", file=sys.stderr)


class CityHandler(BaseHTTPRequestHandler):
    server: CityServer
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes; with Nagle on, a kept-alive connection waits for
    # the client's delayed ACK (about 40 ms) between them on every reply.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def date_time_string(self, timestamp: float | None = None) -> str:
        skew = self.server.config.clock_skew_s
        return super().date_time_string(time.time() + skew if timestamp is None else timestamp)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Method, path, status and time only (see the module docstring)."""
        elapsed = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        path = urlsplit(self.path).path
        print(f"city-sim: {self.command} {path} {code} {elapsed:.0f}ms", file=sys.stderr)

    def log_message(self, format: str, *args: Any) -> None:
        print("city-sim: " + (format % args)[:200], file=sys.stderr)

    def _handle(self, method: str) -> None:
        self._started = time.monotonic()
        config = self.server.config
        time.sleep(config.latency_ms / 1000)
        body, too_large = self._read_body()
        if not self._authorised():
            challenge = {"WWW-Authenticate": "Bearer"}
            self._send(error_reply(401, RequestError.UNAUTHORIZED, headers=challenge))
            return
        fault = self.server.faults.for_request()
        if fault is Fault.RESET:
            self._reset()
            return
        if fault is Fault.RATE_LIMITED:
            retry = str(config.retry_after_s)
            self._send(error_reply(429, RequestError.RATE_LIMITED, headers={"Retry-After": retry}))
            return
        try:
            reply = self._route(method, body, too_large)
        except Exception as error:  # a broken catalogue or file: answer, as a city server would
            print(f"city-sim: {type(error).__name__} while answering", file=sys.stderr)
            reply = error_reply(500, RequestError.SERVER_ERROR)
        self._send(self._spoil(reply, fault))

    def _spoil(self, reply: Reply, fault: Fault | None) -> Reply:
        """The faults that strike after the work was committed."""
        if fault is Fault.SERVER_ERROR:
            return error_reply(500, RequestError.SERVER_ERROR)
        if fault is Fault.SLOW:
            time.sleep(self.server.config.slow_ms / 1000)
        if fault is Fault.MALFORMED:
            reply.raw = reply.raw[: max(1, len(reply.raw) // 2)] or b"{"
        return reply

    def _route(self, method: str, body: bytes, too_large: bool) -> Reply:
        path = urlsplit(self.path).path
        routes = {
            BATCH_PATH: "POST", CANCELLATIONS_PATH: "POST", LOOKUP_PATH: "POST",
            CHANGES_PATH: "GET", CATALOGUE_PATH: "GET",
        }  # fmt: skip
        if path not in routes:
            return error_reply(404, RequestError.NOT_FOUND)
        if routes[path] != method:
            return error_reply(
                405, RequestError.METHOD_NOT_ALLOWED, headers={"Allow": routes[path]}
            )
        if path == BATCH_PATH:
            return self._batch(body, too_large)
        if path == CANCELLATIONS_PATH:
            return self._cancellations(body, too_large)
        if path == LOOKUP_PATH:
            return self._lookup(body)
        if path == CATALOGUE_PATH:
            return self._catalogue()
        return self._changes()

    def _envelope(self, raw: bytes, too_large: bool, *, records_limit: int = 0) -> Any:
        """The request's JSON envelope, or the Reply that refuses it (size, JSON, counter id)."""
        if too_large:
            return error_reply(413, RequestError.TOO_LARGE)
        try:
            envelope = loads(raw)
        except ValueError:
            return error_reply(400, RequestError.BAD_JSON)
        records = envelope.get("records") if isinstance(envelope, dict) else None
        if records_limit and isinstance(records, list) and len(records) > records_limit:
            return error_reply(413, RequestError.TOO_LARGE)
        header = self.headers.get(COUNTER_ID_HEADER)
        if not header:
            return error_reply(400, RequestError.MISSING_COUNTER_ID)
        if isinstance(envelope, dict) and envelope.get("counter_id") not in (None, header):
            return error_reply(403, RequestError.COUNTER_MISMATCH)
        return envelope

    def _batch(self, raw: bytes, too_large: bool) -> Reply:
        envelope = self._envelope(raw, too_large, records_limit=MAX_RECORDS)
        if isinstance(envelope, Reply):
            return envelope
        errors = validate_envelope(envelope)
        if errors:
            return error_reply(422, RequestError.INVALID_ENVELOPE, errors)
        results = self._receive(envelope)
        return Reply(200, {"batch_id": envelope["batch_id"], "results": results})

    def _cancellations(self, raw: bytes, too_large: bool) -> Reply:
        """Voids of dossiers that may have reached the city (docs/SYNC-PROTOCOL.md)."""
        envelope = self._envelope(raw, too_large)
        if isinstance(envelope, Reply):
            return envelope
        errors = validate_cancellations(envelope)
        if errors:
            return error_reply(422, RequestError.INVALID_ENVELOPE, errors)
        with self.server.db_lock, store.open_db(self.server.db_path) as db, store.atomic(db):
            results = receive_cancellations(
                db, envelope["cancellations"], counter_id=envelope["counter_id"],
                agency=envelope["MaDonVi"], now=self.server.now(),
            )  # fmt: skip
        return Reply(200, {"batch_id": envelope["batch_id"], "results": results})

    def _lookup(self, raw: bytes) -> Reply:
        """Which of the asking counter's dossiers the city holds (after a restore)."""
        try:
            body = loads(raw)
        except ValueError:
            return error_reply(400, RequestError.BAD_JSON)
        header = self.headers.get(COUNTER_ID_HEADER)
        if not header:
            return error_reply(400, RequestError.MISSING_COUNTER_ID)
        errors = validate_lookup(body, counter_header=header)
        if errors:
            return error_reply(422, RequestError.INVALID_ENVELOPE, errors)
        with self.server.db_lock, store.open_db(self.server.db_path) as db:
            return Reply(200, answer_lookup(db, body))

    def _receive(self, envelope: dict[str, Any]) -> list[dict[str, Any]]:
        intake = city.Intake(
            counter_id=envelope["counter_id"],
            agency=envelope["MaDonVi"],
            known_procedures=self.server.catalogue.current().codes,
            codes=self.server.config.codes,
            now=self.server.now(),
            retry_later=self.server.faults.record_retry_later,
        )
        with self.server.db_lock, store.open_db(self.server.db_path) as db, store.atomic(db):
            results = city.receive_records(db, envelope["records"], intake)
        return [result.to_json() for result in results]

    def _changes(self) -> Reply:
        query = parse_qs(urlsplit(self.path).query)
        since = (query.get("since") or [""])[0]
        try:
            limit = int((query.get("limit") or [str(CHANGES_DEFAULT_LIMIT)])[0])
        except ValueError:
            return error_reply(400, RequestError.BAD_QUERY)
        limit = min(max(limit, 1), CHANGES_MAX_LIMIT)
        counter = self.headers.get(COUNTER_ID_HEADER) or None
        now, pace = self.server.now(), self.server.config.advance_after_s
        with self.server.db_lock, store.open_db(self.server.db_path) as db:
            with store.atomic(db):
                city.advance_due(db, now, pace)
            try:
                page = city.changes_page(db, since, counter_id=counter, limit=limit)
            except city.BadCursorError:
                return error_reply(400, RequestError.BAD_QUERY)
        return Reply(200, page)

    def _catalogue(self) -> Reply:
        served = self.server.catalogue.current()
        headers = {"ETag": served.etag, "Cache-Control": "no-cache"}
        if served.etag in _etags(self.headers.get("If-None-Match", "")):
            return Reply(304, None, headers)
        return Reply(200, served.to_json(), headers)

    def _read_body(self) -> tuple[bytes, bool]:
        """The body, and whether it was over the protocol's 1 MiB (then it is drained, not kept)."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length <= MAX_BODY_BYTES:
            return self.rfile.read(length), False
        if length > DRAIN_LIMIT_BYTES:
            self.close_connection = True
            return b"", True
        remaining = length
        while remaining > 0:
            chunk = self.rfile.read(min(65536, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
        return b"", True

    def _authorised(self) -> bool:
        token = self.server.config.token
        if token is None:
            return True
        given = self.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())

    def _reset(self) -> None:
        """Drop the connection with a TCP reset, before any work: the client sees a reset."""
        self.log_request("reset")
        self.close_connection = True
        self.rfile.close()  # the makefile reference would otherwise delay the real close
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_OFF_NOW)
        self.connection.close()

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.status != 304:
            self.send_header("Content-Type", JSON_CONTENT_TYPE)
            self.send_header("Content-Length", str(len(reply.raw)))
        self.end_headers()
        try:
            self.wfile.write(reply.raw)
        except OSError:
            self.close_connection = True  # the client gave up (a slow reply): nothing to tell


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
