"""The HTTP client against a scripted server on loopback: headers, typed errors, no re-sends."""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import (
    ClientConfig,
    SyncBatchTooLargeError,
    SyncCaBundleError,
    SyncCertificateError,
    SyncClient,
    SyncEnvelopeRejectedError,
    SyncForbiddenError,
    SyncHttpError,
    SyncRedirectError,
    SyncReplyInvalidError,
    SyncServerBusyError,
    SyncTimeoutError,
    SyncUnauthorizedError,
    SyncUnreachableError,
    SyncUrlInsecureError,
    SyncUrlInvalidError,
    check_url,
)
from tests.integration.sync_helpers import Script, scripted_server


@pytest.fixture
def served() -> Iterator[tuple[Script, str]]:
    with scripted_server() as running:
        yield running


def client(url: str, **overrides: Any) -> SyncClient:
    values: dict[str, Any] = {"url": url, "counter_id": "1", "app_version": "9.9"}
    values.update(overrides)
    return SyncClient(ClientConfig(**values))


@pytest.mark.parametrize(
    "url",
    ["https://sync.hanoi.example/api", "http://127.0.0.1:8000", "http://localhost:1/",
     "http://[::1]:9000", "http://127.8.9.10"],
)  # fmt: skip
def test_https_anywhere_and_plain_http_to_loopback_only(url: str) -> None:
    assert check_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://10.0.0.5:8000", SyncUrlInsecureError),
        ("http://sync.hanoi.example", SyncUrlInsecureError),
        ("http://localhost.evil.example", SyncUrlInsecureError),
        ("ftp://127.0.0.1", SyncUrlInvalidError),
        ("https://", SyncUrlInvalidError),
        ("127.0.0.1:8000", SyncUrlInvalidError),
        ("http://10.1.2.3:8080\\@127.0.0.1", SyncUrlInvalidError),  # requests goes to 10.1.2.3
        ("http://127.0.0.1:8080\\@10.1.2.3/", SyncUrlInvalidError),
        ("http://user:pw@127.0.0.1:8000", SyncUrlInvalidError),
        ("http://127.0.0.1:8000/a@b", SyncUrlInvalidError),
        ("http://[::1", SyncUrlInvalidError),
        ("http://[fe80::1%25lo]:80", SyncUrlInvalidError),
        ("http://[::1]x/", SyncUrlInvalidError),
        ("http://127.1/", SyncUrlInvalidError),
        ("http://0x7f.1/", SyncUrlInvalidError),
        ("https://2130706433/", SyncUrlInvalidError),
        ("http://localhost./", SyncUrlInvalidError),
        ("http://127.0.0.1:99999", SyncUrlInvalidError),
        ("http://127.0.0.1 /x", SyncUrlInvalidError),
        ("http://127.0.0.1:8000/?next=x", SyncUrlInvalidError),
        ("https://hà-nội.example/", SyncUrlInvalidError),
        ("http://[::ffff:10.1.2.3]/", SyncUrlInsecureError),
        ("http://127.0.0.1.nip.io/", SyncUrlInsecureError),
    ],
)
def test_other_addresses_are_refused(url: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        check_url(url)


def test_headers_and_no_authorization_without_a_token(served: tuple[Script, str]) -> None:
    script, url = served
    client(url).post_batch({"records": []})
    client(url, token="s3cret-token").get_catalogue("abc")
    first, second = script.seen
    assert first["headers"]["X-Counter-Id"] == "1" and first["headers"]["X-App-Version"] == "9.9"
    assert "Authorization" not in first["headers"]
    assert first["headers"]["Content-Type"] == "application/json; charset=utf-8"
    assert second["headers"]["Authorization"] == "Bearer s3cret-token"
    assert second["headers"]["If-None-Match"] == "abc"
    assert "s3cret" not in repr(
        ClientConfig(url=url, counter_id="1", app_version="1", token="s3cret")
    )


def test_json_is_utf8_letters_not_escapes(served: tuple[Script, str]) -> None:
    script, url = served
    client(url).post_batch({"ChuHoSo": "Đặng Thị Thuỷ"})
    assert "Đặng Thị Thuỷ".encode() in script.seen[0]["body"]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, SyncUnauthorizedError),
        (403, SyncForbiddenError),
        (400, SyncEnvelopeRejectedError),
        (422, SyncEnvelopeRejectedError),
        (413, SyncBatchTooLargeError),
        (404, SyncHttpError),
        (408, SyncServerBusyError),
        (500, SyncServerBusyError),
        (503, SyncServerBusyError),
    ],
)
def test_statuses_become_typed_errors_and_a_post_is_sent_once(
    served: tuple[Script, str], status: int, error: type[Exception]
) -> None:
    script, url = served
    script.status, script.body = status, b'{"error": "X", "errors": []}'
    with pytest.raises(error):
        client(url).post_batch({"records": []})
    assert len(script.seen) == 1  # no transport-level re-send


def test_429_carries_retry_after_and_422_the_servers_reason(served: tuple[Script, str]) -> None:
    script, url = served
    script.status, script.headers = 429, {"Retry-After": "7"}
    with pytest.raises(SyncServerBusyError) as busy:
        client(url).post_batch({})
    assert busy.value.retry_after_s == 7.0
    script.status, script.headers = 422, {}
    script.body = b'{"error": "INVALID_ENVELOPE", "errors": [{"field": "batch_id"}]}'
    with pytest.raises(SyncEnvelopeRejectedError) as refused:
        client(url).post_batch({})
    assert refused.value.reason["errors"] == [{"field": "batch_id"}]


def test_a_broken_body_and_a_slow_reply(served: tuple[Script, str]) -> None:
    script, url = served
    script.body = b'{"results": [{"idem'
    with pytest.raises(SyncReplyInvalidError):
        client(url).post_batch({})
    script.delay_s = 1.0
    with pytest.raises(SyncTimeoutError):
        client(url, read_timeout_s=0.2).post_batch({})


def test_nobody_listening_is_unreachable() -> None:
    with pytest.raises(SyncUnreachableError):
        client("http://127.0.0.1:9", connect_timeout_s=0.5).post_batch({})


def test_clock_skew_is_measured_from_the_date_header(served: tuple[Script, str]) -> None:
    script, url = served
    script.date_offset_s = 600
    sync_client = client(url)
    assert sync_client.last_skew_s is None
    sync_client.get_changes("", 200)
    assert sync_client.last_skew_s is not None and 598 <= sync_client.last_skew_s <= 602
    assert script.seen[0]["path"] == "/v1/dossiers/changes?since=&limit=200"


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by itself (an unknown CA), and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "city test")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "city.pem", folder / "city.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_https_is_verified_and_an_it_ca_bundle_is_honoured(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with scripted_server(context) as (script, url):
        assert url.startswith("https://")
        with pytest.raises(SyncCertificateError):
            client(url).get_changes("", 1)
        assert client(url, ca_bundle=str(cert)).get_changes("", 1).status == 200
    assert len(script.seen) == 1  # the unverified attempt never sent its request


def test_every_request_is_checked_on_the_url_requests_will_use(
    served: tuple[Script, str],
) -> None:
    script, url = served
    sender = client(url)
    sender.base_url = "http://10.1.2.3:8080\\@127.0.0.1"  # a value that skipped configure
    with pytest.raises(SyncUrlInvalidError):
        sender.post_batch({"records": []})
    assert script.seen == []


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_an_error_naming_the_target_and_is_not_followed(
    served: tuple[Script, str], status: int
) -> None:
    script, url = served
    script.status, script.body = status, b""
    script.headers = {"Location": url + "/elsewhere"}
    with pytest.raises(SyncRedirectError) as caught:
        client(url).post_batch({"records": []})
    assert str(caught.value) == "127.0.0.1"
    assert len(script.seen) == 1  # the redirect target was never asked


def test_a_missing_ca_bundle_is_a_typed_error_before_any_request(
    served: tuple[Script, str], tmp_path: Path
) -> None:
    script, url = served
    with pytest.raises(SyncCaBundleError):
        client(url, ca_bundle=str(tmp_path / "absent.pem"))
    assert script.seen == []
