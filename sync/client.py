"""The HTTP side of the sync (sync.md B1): one requests Session, typed errors, clock skew.

HTTPS with certificate checks (IT may add a CA bundle); plain ``http://`` only to a loopback
host, where the shipped simulator runs. The token goes in ``Authorization: Bearer`` only when
one is configured, and is never logged or put in an error. urllib3's own retries are off for
every method: the engine re-sends with the same idempotency keys, under the one policy of
``sync/backoff.py``. The client reads the wall clock only to measure the skew against the
server's ``Date`` header at mid-request (B6).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from counter_app.errors import CounterAppError, EnvironmentProblem
from sync import protocol
from sync.backoff import parse_retry_after
from sync.url_policy import (
    SyncUrlInsecureError,
    SyncUrlInvalidError,
    check_request_url,
    check_url,
)

__all__ = ["SyncUrlInsecureError", "SyncUrlInvalidError", "check_url"]

BATCH_PATH = protocol.BATCH_PATH
CHANGES_PATH = protocol.CHANGES_PATH
CATALOGUE_PATH = protocol.CATALOGUE_PATH
DEFAULT_CONNECT_TIMEOUT_S = protocol.CONNECT_TIMEOUT_S
DEFAULT_READ_TIMEOUT_S = protocol.READ_TIMEOUT_S


class SyncRedirectError(EnvironmentProblem):
    """A 3xx answer: redirects are never followed (a batch re-posted elsewhere); sync pauses.

    The detail names the host the server pointed to, so IT can see where it wanted us to go.
    """

    code = "SYNC_REDIRECT"


class SyncCaBundleError(EnvironmentProblem):
    """The CA bundle IT configured is missing or unreadable: no request is sent without it."""

    code = "SYNC_CA_BUNDLE_UNREADABLE"


class SyncUnauthorizedError(EnvironmentProblem):
    """401: the counter's token is missing, wrong or revoked; sync pauses until IT acts."""

    code = "SYNC_UNAUTHORIZED"


class SyncForbiddenError(EnvironmentProblem):
    """403: the token belongs to another agency or counter; sync pauses."""

    code = "SYNC_FORBIDDEN"


class SyncCertificateError(EnvironmentProblem):
    """The server's certificate did not verify (unknown CA, wrong name, expired): sync pauses.

    Not retried: it does not fix itself, and it may be someone in the middle of the line.
    """

    code = "SYNC_CERTIFICATE"


class SyncEnvelopeRejectedError(CounterAppError):
    """400/422 for a whole request: a malformed envelope (a bug); the batch is parked."""

    code = "SYNC_ENVELOPE_REJECTED"

    def __init__(self, detail: str = "", *, reason: Any = None) -> None:
        super().__init__(detail)
        self.reason = reason  # the server's answer, for the needs-attention list only


class SyncBatchTooLargeError(CounterAppError):
    """413: the batch is larger than the server takes; the engine halves it."""

    code = "SYNC_BATCH_TOO_LARGE"


class SyncHttpError(EnvironmentProblem):
    """Another HTTP status the protocol does not retry (a wrong address, a proxy page)."""

    code = "SYNC_HTTP_ERROR"


class SyncTransientError(EnvironmentProblem):
    """A failure worth retrying later: the network, a timeout, a busy or failing server."""

    code = "SYNC_TRANSIENT"

    def __init__(self, detail: str = "", *, retry_after_s: float | None = None) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


class SyncUnreachableError(SyncTransientError):
    code = "SYNC_UNREACHABLE"


class SyncTimeoutError(SyncTransientError):
    code = "SYNC_TIMEOUT"


class SyncServerBusyError(SyncTransientError):
    """408, 429 or 5xx: the server asks us to come back (maybe with ``Retry-After``)."""

    code = "SYNC_SERVER_BUSY"


class SyncReplyInvalidError(SyncTransientError):
    """A success status whose body is not the protocol's JSON (a proxy, a half reply)."""

    code = "SYNC_REPLY_INVALID"


@dataclass(frozen=True)
class ClientConfig:
    url: str
    counter_id: str
    app_version: str
    token: str | None = None  # None: no Authorization header at all (sync.md B7)
    ca_bundle: str | None = None  # IT's extra CA bundle; verification stays on regardless
    connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S
    read_timeout_s: float = DEFAULT_READ_TIMEOUT_S

    def __repr__(self) -> str:  # never show the token
        return f"ClientConfig(url={self.url!r}, counter_id={self.counter_id!r})"


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any  # the parsed JSON; None for 304
    headers: Mapping[str, str]  # case-insensitive (requests' own mapping)


class SyncClient:
    """One Session per sync worker (a requests Session belongs to one thread)."""

    def __init__(self, config: ClientConfig) -> None:
        self.config = config
        self.base_url = check_url(config.url)
        check_ca_bundle(config.ca_bundle)
        self.session = _session(config)
        self.last_skew_s: float | None = None  # server Date − local time at mid-request

    def post_batch(self, envelope: Mapping[str, Any]) -> Reply:
        return self._request("POST", BATCH_PATH, data=protocol.dumps(envelope))

    def post_batch_bytes(self, body: bytes) -> Reply:
        return self._request("POST", BATCH_PATH, data=body)

    def post_lookup(self, body: Mapping[str, Any]) -> Reply:
        return self._request("POST", protocol.LOOKUP_PATH, data=protocol.dumps(body))

    def post_cancellations(self, envelope: Mapping[str, Any]) -> Reply:
        return self._request("POST", protocol.CANCELLATIONS_PATH, data=protocol.dumps(envelope))

    def get_changes(self, cursor: str, limit: int) -> Reply:
        return self._request("GET", CHANGES_PATH, params={"since": cursor, "limit": str(limit)})

    def get_catalogue(self, etag: str | None) -> Reply:
        headers = {"If-None-Match": etag} if etag else {}
        return self._request("GET", CATALOGUE_PATH, headers=headers)

    def close(self) -> None:
        self.session.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> Reply:
        timeout = (self.config.connect_timeout_s, self.config.read_timeout_s)
        request = requests.Request(method, self.base_url + path, **kwargs)
        prepared = self.session.prepare_request(request)
        check_request_url(prepared.url or "")  # the URL requests will use, every time
        started = time.time()
        try:
            response = self.session.send(
                prepared, timeout=timeout, allow_redirects=False, verify=self.session.verify
            )
        except requests.Timeout:
            raise SyncTimeoutError(path) from None
        except requests.exceptions.SSLError:
            raise SyncCertificateError(path) from None
        except requests.RequestException as error:
            raise SyncUnreachableError(type(error).__name__) from None
        self._measure_skew(response, started, time.time())
        return _classify(response, path)

    def _measure_skew(self, response: requests.Response, started: float, ended: float) -> None:
        server = _server_time(response.headers.get("Date"))
        if server is not None:
            self.last_skew_s = server - (started + (ended - started) / 2)


def _session(config: ClientConfig) -> requests.Session:
    session = requests.Session()
    # No transport retries for any method: a re-sent POST must be the engine's decision.
    adapter = HTTPAdapter(max_retries=Retry(total=0, connect=0, read=0, redirect=0, status=0))
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.verify = config.ca_bundle or True
    session.trust_env = False  # no proxy or netrc token picked up behind IT's back
    session.headers.update(
        {
            "Content-Type": protocol.JSON_CONTENT_TYPE,
            "Accept": "application/json",
            protocol.COUNTER_ID_HEADER: config.counter_id,
            protocol.APP_VERSION_HEADER: config.app_version,
        }
    )
    if config.token:
        session.headers[protocol.AUTHORIZATION] = f"Bearer {config.token}"
    return session


def _server_time(value: str | None) -> float | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _classify(response: requests.Response, path: str) -> Reply:
    status = response.status_code
    if status == 304:
        return Reply(status, None, response.headers)
    if 200 <= status < 300:
        return Reply(status, _json_body(response, path), response.headers)
    if 300 <= status < 400:
        raise SyncRedirectError(_redirect_host(response))
    raise _status_error(response, path)


def _redirect_host(response: requests.Response) -> str:
    """The host a 3xx pointed to (only the host: a path or query may carry anything)."""
    target = urlsplit(response.headers.get("Location", ""))
    try:
        return target.hostname or "(same host)"
    except ValueError:
        return "(unreadable)"


def check_ca_bundle(path: str | None) -> None:
    """IT's CA bundle must be a readable file; without it no request goes out."""
    if not path:
        return
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError:
        raise SyncCaBundleError("ca_bundle") from None


def _json_body(response: requests.Response, path: str) -> Any:
    try:
        return response.json()
    except ValueError:
        raise SyncReplyInvalidError(path) from None


def _status_error(response: requests.Response, path: str) -> CounterAppError:
    status = response.status_code
    if status == 401:
        return SyncUnauthorizedError(path)
    if status == 403:
        return SyncForbiddenError(path)
    if status in (400, 422):
        return SyncEnvelopeRejectedError(str(status), reason=_reason(response))
    if status == 413:
        return SyncBatchTooLargeError(path)
    if status in protocol.RETRYABLE_STATUSES:
        now = datetime.now(UTC)
        header = response.headers.get(protocol.RETRY_AFTER_HEADER)
        retry_after = parse_retry_after(header, now=now)
        return SyncServerBusyError(str(status), retry_after_s=retry_after)
    return SyncHttpError(str(status))


def _reason(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:500]
