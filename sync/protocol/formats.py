"""Dates, JSON, keys and hosts as ``counter-sync/1`` writes them; pure functions."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from counter_app.domain.vn_time import VN_TZ
from sync.protocol.wire import NATIONAL_DATE_FORMAT

_NATIONAL_DATE = re.compile(r"\d{14}")

# --- dates --------------------------------------------------------------------------------------


def format_national(moment: datetime) -> str:
    """An aware time as ``yyyyMMddHHmmss`` in Vietnam time (the zone is implied, never written)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the Vietnam offset cannot be assumed")
    return moment.astimezone(VN_TZ).strftime(NATIONAL_DATE_FORMAT)


def parse_national(text: str) -> datetime:
    """``yyyyMMddHHmmss`` (Vietnam time) as an aware datetime; ValueError when not a real time."""
    if not _NATIONAL_DATE.fullmatch(text):
        raise ValueError("not yyyyMMddHHmmss")
    return datetime.strptime(text, NATIONAL_DATE_FORMAT).replace(tzinfo=VN_TZ)


def is_national_date(text: str) -> bool:
    try:
        parse_national(text)
    except ValueError:
        return False
    return True


def parse_iso_with_offset(text: str) -> datetime:
    """An ISO 8601 time that carries its offset (``sent_at``, ``changed_at``); else ValueError."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("no offset")
    return moment


# --- JSON ---------------------------------------------------------------------------------------


def dumps(obj: Any) -> bytes:
    """A message body: UTF-8 JSON, letters as they are (never ASCII-escaped)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(raw: bytes) -> Any:
    """A message body parsed; ValueError when it is not UTF-8 JSON."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError("not UTF-8 JSON") from error


def canonical_json(obj: Any) -> bytes:
    """One byte string per value (sorted keys, no spaces): what digests and signatures cover."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def idempotency_key(dossier_uuid: str, version: int) -> str:
    """``<dossier_uuid>:<version>``: one key per dossier version (B2)."""
    return f"{dossier_uuid}:{version}"


def record_digest(record: Mapping[str, Any]) -> str:
    """SHA-256 of a record's content: the same key with another digest is a rejected reuse."""
    content = {name: record.get(name) for name in ("dossier_uuid", "version", "local_code")}
    content.update(hoSo=record.get("hoSo"), tienTrinh=record.get("tienTrinh"))
    return hashlib.sha256(canonical_json(content)).hexdigest()


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 or ``localhost``: the only hosts plain ``http://`` may reach (B1)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
