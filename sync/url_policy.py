"""One policy for the city's address (sync.md B1), at configure time and before every request.

The check runs on the URL the HTTP library will actually connect to: the request is prepared
the way requests prepares it and its host is read the way urllib3 reads it, and that host must
be the one a person reading the address sees (``urlsplit``). Anything that two parsers could read
differently is refused rather than guessed: a backslash, user information (``user@``), spaces
or control characters, non-ASCII letters, a short or hexadecimal IPv4 form (``127.1``,
``0x7f.1``), an IPv6 zone or an unclosed bracket. Plain ``http://`` reaches loopback only;
everything else is HTTPS with certificate checks.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.util import parse_url

from counter_app.errors import BadInputError
from sync.protocol import is_loopback_host

# A dotted name whose last label is a number is an IPv4 address to some parsers (WHATWG,
# inet_aton): only the canonical dotted quad is accepted, so every parser agrees on it.
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
_ALLOWED = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]!$&'()*+,;=%@]+$")


class SyncUrlInvalidError(BadInputError):
    """The sync address is not an unambiguous http(s) URL with a host."""

    code = "SYNC_URL_INVALID"


class SyncUrlInsecureError(BadInputError):
    """Plain ``http://`` to a host that is not this computer: refused (HTTPS only)."""

    code = "SYNC_URL_INSECURE"


def check_url(url: str) -> str:
    """The base URL without a trailing slash, or a typed refusal (the detail names the rule)."""
    text = url.strip()
    _refuse_odd_characters(text)
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed IPv6 bracket, a bad port
        raise SyncUrlInvalidError("unparsable") from None
    if parts.scheme not in ("http", "https"):
        raise SyncUrlInvalidError("scheme")
    if "@" in parts.netloc:
        raise SyncUrlInvalidError("userinfo")
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise SyncUrlInvalidError("query")
    host = _split_host(parts.netloc)
    _check_port(parts.netloc, host)
    base = text.rstrip("/")
    check_request_url(base + "/", expected_host=host)
    return base


def with_checked_url(assignments: Mapping[str, Any]) -> dict[str, Any]:
    """Settings to save (``group.name → value``) with ``sync.url`` through ``check_url``: the
    settings service lives in the core, which never imports ``sync``, so the window and
    ``settings --set`` hand it the address already checked."""
    checked = dict(assignments)
    url = str(checked.get("sync.url", "")).strip()
    if url:
        checked["sync.url"] = check_url(url)
    return checked


def check_request_url(url: str, *, expected_host: str | None = None) -> str:
    """The host requests will connect to for ``url``, refused unless the policy allows it.

    Called on every request's prepared URL, so a base URL stored by an older version, or
    edited by hand in the settings, cannot slip past the policy.
    """
    if "\\" in url or "@" in url.split("?", 1)[0]:
        raise SyncUrlInvalidError("ambiguous")
    try:
        prepared = requests.Request("GET", url).prepare()
        parsed = parse_url(prepared.url or "")
    except (requests.RequestException, ValueError):
        raise SyncUrlInvalidError("unparsable") from None
    seen = (parsed.host or "").strip("[]").lower()
    if not seen or parsed.auth or parsed.scheme not in ("http", "https"):
        raise SyncUrlInvalidError("host")
    if expected_host is not None and seen != expected_host:
        raise SyncUrlInvalidError("ambiguous")
    _check_host_form(seen)
    if parsed.scheme == "http" and not is_loopback_host(seen):
        raise SyncUrlInsecureError("")
    return seen


def _refuse_odd_characters(text: str) -> None:
    if not text:
        raise SyncUrlInvalidError("empty")
    if "\\" in text:
        raise SyncUrlInvalidError("backslash")
    if not _ALLOWED.match(text):
        raise SyncUrlInvalidError("character")


def _split_host(netloc: str) -> str:
    """The host of ``netloc`` in lower case; brackets must close and hold a plain IPv6."""
    if netloc.startswith("["):
        inside, bracket, _rest = netloc[1:].partition("]")
        if not bracket or "%" in inside:
            raise SyncUrlInvalidError("ipv6")
        try:
            ipaddress.IPv6Address(inside)
        except ValueError:
            raise SyncUrlInvalidError("ipv6") from None
        return inside.lower()
    if "[" in netloc or "]" in netloc:
        raise SyncUrlInvalidError("ipv6")
    host = netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc
    if not host or ":" in host:
        raise SyncUrlInvalidError("host")
    return host.lower()


def _check_port(netloc: str, host: str) -> None:
    rest = netloc[netloc.index("]") + 1 :] if netloc.startswith("[") else netloc[len(host) :]
    if not rest:
        return
    digits = rest[1:] if rest.startswith(":") else ""
    if not digits.isdigit() or not 0 < int(digits) < 65536:
        raise SyncUrlInvalidError("port")


def _check_host_form(host: str) -> None:
    """Refuse hosts different parsers read differently (a short IPv4, a zone, a trailing dot)."""
    if "%" in host or host.endswith("."):
        raise SyncUrlInvalidError("host")
    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise SyncUrlInvalidError("ipv6") from None
        return
    labels = host.split(".")
    if _NUMERIC_LABEL.match(labels[-1]):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            raise SyncUrlInvalidError("ipv4") from None
