"""The sync's settings (keys ``sync.*`` in the store) and the counter's token (a file).

The address, batch size, timeouts and backoff limits travel with the store's backups. The
token does not: it lives in an owner-only file, ``sync-token`` in the data folder (or a file
IT names with ``sync.token_file``), is read from stdin when set, and never appears on a
command line, in a log or in an audit row. Every tuning value has its reason beside it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.paths import write_private_file
from counter_app.services.settings.group import SettingsGroup
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit

PREFIX = "sync."
TOKEN_FILE_NAME = "sync-token"
MAX_TOKEN_CHARS = 4096  # far above any bearer token; a pasted file by mistake is refused


class SyncNotConfiguredError(EnvironmentProblem):
    """No city address is set: IT sets one with ``sync configure --url`` or ``sync --url``."""

    code = "SYNC_NOT_CONFIGURED"


class SyncSettingInvalidError(BadInputError):
    """A sync setting is out of its range (the detail names the setting, never a value)."""

    code = "SYNC_SETTING_INVALID"


class SyncTokenInvalidError(BadInputError):
    """The token given is empty, too long, or has spaces or control characters."""

    code = "SYNC_TOKEN_INVALID"


class SyncTokenUnreadableError(EnvironmentProblem):
    """The configured token file cannot be read."""

    code = "SYNC_TOKEN_UNREADABLE"


class SyncTokenExposedError(EnvironmentProblem):
    """The token file can be read by other users of the computer: refused until IT narrows it.

    A token others can read lets them send dossiers as this counter; like the store's key
    file, it must be owner-only (``chmod 600``). The detail names the file, never its content.
    """

    code = "SYNC_TOKEN_FILE_EXPOSED"


@dataclass(frozen=True)
class SyncSettings:
    url: str = ""
    token_file: str = ""  # empty: ``sync-token`` in the data folder, when it exists
    ca_bundle: str = ""  # empty: the system's certificates only
    batch_size: int = 50  # records per batch: sync.md B2's upper bound
    max_batch_bytes: int = 1024 * 1024  # sync.md B2: 1 MiB per batch
    connect_timeout_s: float = 5.0  # sync.md B1
    read_timeout_s: float = 30.0  # sync.md B1
    backoff_base_s: float = 2.0  # sync.md B3: the first retry within 2 s
    backoff_cap_s: float = 300.0  # sync.md B3: at most 5 min between tries
    batches_per_pass: int = 20  # a pass sends at most 1,000 records, then reports progress
    pull_limit: int = 200  # status changes per page (sync.md B4)
    pages_per_pass: int = 20  # status pages per pass, so a big backlog never holds a pass
    catalogue_interval_s: float = 3600.0  # the catalogue changes rarely: ask hourly
    # dossier.md §4: whether the city wants the dossiers refused at intake is unconfirmed and
    # a per-ward choice. Sent by default; when off they stay on this computer (log, statistics).
    send_refused_at_intake: bool = True


_BOUNDS: Mapping[str, tuple[float, float]] = {
    "batch_size": (1, 50),
    "max_batch_bytes": (4096, 1024 * 1024),
    "connect_timeout_s": (0.05, 120),
    "read_timeout_s": (0.05, 600),
    "backoff_base_s": (0.001, 600),
    "backoff_cap_s": (0.001, 3600),
    "batches_per_pass": (1, 10_000),
    "pull_limit": (1, 200),
    "pages_per_pass": (1, 10_000),
    "catalogue_interval_s": (0, 7 * 86400),
}
_TYPES = {f.name: f.type for f in fields(SyncSettings)}


def load_sync_settings(store: Store) -> SyncSettings:
    settings: SyncSettings = _GROUP.load(store)
    return settings


def check_setting(name: str, value: Any) -> Any:
    """The value in its type, or SyncSettingInvalidError naming the setting."""
    if name not in _TYPES:
        raise SyncSettingInvalidError(name)
    if name in ("url", "token_file", "ca_bundle"):
        return str(value).strip()  # the address's policy: sync.url_policy, at each way in
    if _TYPES[name] == "bool":
        return _switch(name, value)
    try:
        number = int(value) if _TYPES[name] == "int" else float(value)
    except (TypeError, ValueError):
        raise SyncSettingInvalidError(name) from None
    low, high = _BOUNDS[name]
    if not low <= number <= high:
        raise SyncSettingInvalidError(name)
    return number


_SWITCH_WORDS = {"yes": True, "on": True, "true": True, "no": False, "off": False, "false": False}


def _switch(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    if word not in _SWITCH_WORDS:
        raise SyncSettingInvalidError(name)
    return _SWITCH_WORDS[word]


def save_sync_settings(
    store: Store, changes: Mapping[str, Any], *, actor: str, now: datetime
) -> SyncSettings:
    """Check and store changed settings, one audited action (values are not personal)."""
    settings: SyncSettings = _GROUP.save(store, changes, actor=actor, now=now)
    return settings


_GROUP = SettingsGroup(
    PREFIX,
    SyncSettings(),
    {name: partial(check_setting, name) for name in _TYPES},
    SyncSettingInvalidError,
    audit_action="sync.configure",  # the name supervisors and docs/USERS.md know
)


def token_path(store: Store, settings: SyncSettings) -> Path:
    return Path(settings.token_file) if settings.token_file else store.folder / TOKEN_FILE_NAME


def read_token(store: Store, settings: SyncSettings) -> str | None:
    """The counter's token, or None when none is configured (no Authorization header)."""
    path = token_path(store, settings)
    if not settings.token_file and not path.exists():
        return None
    check_token_file_mode(path)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        raise SyncTokenUnreadableError(path.name) from None
    return text or None


def check_token_file_mode(path: Path) -> None:
    """Refuse a token file that group or others may read or write (POSIX modes only)."""
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode
    except OSError:
        raise SyncTokenUnreadableError(path.name) from None
    if mode & 0o077:
        raise SyncTokenExposedError(path.name)


def save_token(store: Store, token: str, *, actor: str, now: datetime) -> Path:
    """Write the token to the owner-only default file; audited without the token itself."""
    token = token.strip()
    if not token or len(token) > MAX_TOKEN_CHARS or any(c.isspace() for c in token):
        raise SyncTokenInvalidError("")
    if not token.isprintable():
        raise SyncTokenInvalidError("")
    path = store.folder / TOKEN_FILE_NAME
    write_private_file(path, (token + "\n").encode("utf-8"))
    with store.action() as db:
        append_audit(
            db, at=iso_vn(now), actor=actor, action="sync.token", subject="sync",
            details={"file": path.name},
        )  # fmt: skip
    return path
