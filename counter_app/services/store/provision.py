"""``counter-app provision FILE.toml``: IT's whole configuration of a counter in one file.

Every key is checked before anything is written, and every problem comes back at once, by
key (``sync.url: SYNC_URL_INSECURE``), never one per run. Applying is idempotent: only values
that differ are saved, each group audited as the matching command would, plus one
``provision.apply`` row naming the file's digest and the keys changed. The token comes from a
file and goes to the owner-only ``sync-token`` of the data folder; it is never printed,
logged or audited. A backup folder has no setting in this version (the daily backup goes to
``backups/`` of the data folder): such a key is refused by name rather than silently ignored.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.dossier_code import parse_range
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError, CounterAppError
from counter_app.services.settings.counter import CounterConfig, build_config, find_config
from counter_app.services.settings.forms import (
    change_form_settings,
    check_form_setting,
    load_form_settings,
)
from counter_app.services.settings.intake import (
    check_intake_setting,
    load_intake_settings,
    save_intake_settings,
)
from counter_app.services.settings.ui import check_ui_setting, load_ui_settings, save_ui_settings
from counter_app.services.store.opening import Store
from counter_app.services.store.setup import set_up_counter
from counter_app.services.syncing.settings import (
    check_setting,
    load_sync_settings,
    read_token,
    save_sync_settings,
    save_token,
)
from counter_app.storage.audit import append_audit

COUNTER_KEYS = ("agency_code", "agency_name", "counter", "code_range", "form_set")
KNOWN: Mapping[str, tuple[str, ...]] = {
    "counter": COUNTER_KEYS,
    "sync": ("url", "token_file", "ca_bundle"),
    "intake": ("scanner_port", "scanner_baud", "camera", "printer", "keep_chip_portrait"),
    "ui": ("language",),
    # Who signs letters 04 and 05: the same audited ``forms.*`` settings as the window's.
    "forms": ("apology_signer_title", "apology_signer_name", "stop_signer_title",
              "stop_signer_name"),
}  # fmt: skip
REQUIRED_FOR_NEW = ("agency_code", "agency_name", "counter")


class ProvisionFileError(BadInputError):
    """The provisioning file cannot be read or is not TOML (the detail: line and column)."""

    code = "PROVISION_FILE_INVALID"


class ProvisionInvalidError(BadInputError):
    """Keys of the file are wrong; ``problems`` lists each as (key, code)."""

    code = "PROVISION_INVALID"

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(", ".join(f"{key}: {code}" for key, code in problems))
        self.problems = problems


@dataclass
class Plan:
    """The checked values, grouped as they are saved."""

    counter: dict[str, Any] = field(default_factory=dict)
    sync: dict[str, Any] = field(default_factory=dict)
    intake: dict[str, Any] = field(default_factory=dict)
    ui: dict[str, Any] = field(default_factory=dict)
    forms: dict[str, Any] = field(default_factory=dict)
    token: str | None = None
    digest: str = ""


def read_plan(path: Path, *, check_url: Callable[[str], str]) -> Plan:
    """Parse and check the whole file; ProvisionInvalidError lists every problem by key."""
    try:
        raw = path.read_bytes()
        document = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ProvisionFileError(type(error).__name__) from None
    except tomllib.TOMLDecodeError as error:
        raise ProvisionFileError(str(error)) from None
    plan, problems = Plan(digest=hashlib.sha256(raw).hexdigest()), []
    for section, values in document.items():
        if section not in KNOWN or not isinstance(values, dict):
            problems.append((section, "PROVISION_KEY_UNKNOWN"))
            continue
        for name, value in values.items():
            problem = _take(plan, section, name, value, check_url)
            if problem:
                problems.append((f"{section}.{name}", problem))
    if problems:
        raise ProvisionInvalidError(problems)
    return plan


def _take(
    plan: Plan, section: str, name: str, value: Any, check_url: Callable[[str], str]
) -> str | None:
    """Check one key into ``plan``; the code of its problem, or None."""
    if name not in KNOWN[section]:
        return "PROVISION_KEY_UNKNOWN"
    try:
        if section == "counter":
            plan.counter[name] = _counter_value(name, value)
        elif section == "sync" and name == "token_file":
            plan.token = _read_token_file(value)
        elif section == "sync":
            checked = check_setting(name, value)
            plan.sync[name] = check_url(checked) if name == "url" and checked else checked
        elif section == "intake":
            plan.intake[name] = check_intake_setting(name, value)
        elif section == "forms":
            plan.forms[name] = _form_value(name, value)
        else:
            plan.ui[name] = check_ui_setting(name, value)
    except CounterAppError as error:
        return error.code
    return None


def _counter_value(name: str, value: Any) -> Any:
    if name == "counter":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProvisionValueError("")
    elif not isinstance(value, str):
        raise ProvisionValueError("")
    checked = parse_range(value) if name == "code_range" else value
    build_config(**{**_VALID_COUNTER, name: checked})  # this key's own error, if any
    return checked


def _form_value(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        raise ProvisionValueError("")
    return check_form_setting(name, value)


# Valid stand-ins for the other keys, so that each key is checked on its own.
_VALID_COUNTER: Mapping[str, Any] = {
    "agency_code": "000.31.27.H26", "agency_name": "UBND", "counter": 1,
}  # fmt: skip


class ProvisionValueError(BadInputError):
    """A key holds the wrong kind of value (text where a number belongs, or the reverse)."""

    code = "PROVISION_VALUE_WRONG"


class ProvisionTokenFileError(BadInputError):
    """``sync.token_file`` names a file that cannot be read, or holds no usable token."""

    code = "PROVISION_TOKEN_FILE"


def _read_token_file(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ProvisionValueError("")
    try:
        token = Path(value).expanduser().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        raise ProvisionTokenFileError("") from None
    if not token or any(c.isspace() for c in token) or not token.isprintable():
        raise ProvisionTokenFileError("")
    return token


def counter_config(plan: Plan, current: CounterConfig | None) -> CounterConfig | None:
    """The counter's configuration after the file; None when it has no [counter] keys."""
    if not plan.counter:
        return None
    merged: dict[str, Any] = {} if current is None else {
        "agency_code": current.agency_code, "agency_name": current.agency_name,
        "counter": current.counter, "code_range": current.code_range,
        "form_set": current.form_set,
    }  # fmt: skip
    merged.update(plan.counter)
    missing = [key for key in REQUIRED_FOR_NEW if key not in merged]
    if missing:
        raise ProvisionInvalidError([(f"counter.{k}", "PROVISION_KEY_MISSING") for k in missing])
    config, _warnings = build_config(**merged)
    if current is None:
        return config
    return replace(config, code_pattern=current.code_pattern,
                   competent_agency=current.competent_agency)  # fmt: skip


def needs_counter(plan: Plan) -> list[tuple[str, str]]:
    """For a PC with no store yet: the counter keys the file must hold."""
    return [
        (f"counter.{key}", "PROVISION_KEY_MISSING")
        for key in REQUIRED_FOR_NEW
        if key not in plan.counter
    ]


def apply_plan(store: Store, plan: Plan, *, actor: str, now: datetime) -> list[str]:
    """Save what differs; the keys changed (empty on a second run of the same file)."""
    changed: list[str] = []
    config = counter_config(plan, find_config(store))
    if config is not None:
        changed += set_up_counter(store, config, actor=actor, now=now)
    changed += _save_group("sync", plan.sync, store, actor, now)
    changed += _save_group("intake", plan.intake, store, actor, now)
    changed += _save_group("ui", plan.ui, store, actor, now)
    changed += _save_group("forms", plan.forms, store, actor, now)
    if plan.token is not None and plan.token != read_token(store, load_sync_settings(store)):
        save_token(store, plan.token, actor=actor, now=now)
        changed.append("sync.token")
    if changed:
        with store.action() as db:
            append_audit(db, at=iso_vn(now), actor=actor, action="provision.apply",
                         subject="counter", details={"file_sha256": plan.digest,
                                                     "changed": sorted(changed)})  # fmt: skip
    return sorted(changed)


def _save_group(
    group: str, values: dict[str, Any], store: Store, actor: str, now: datetime
) -> list[str]:
    if not values:
        return []
    save, load = _GROUPS[group]
    before = load(store)
    after = save(store, values, actor=actor, now=now)
    return [f"{group}.{n}" for n in values if getattr(before, n) != getattr(after, n)]


def _sync_save(store: Store, values: dict[str, Any], *, actor: str, now: datetime) -> Any:
    current = load_sync_settings(store)
    differing = {n: v for n, v in values.items() if getattr(current, n) != v}
    return save_sync_settings(store, differing, actor=actor, now=now) if differing else current


_GROUPS: Mapping[str, tuple[Callable[..., Any], Callable[[Store], Any]]] = {
    "sync": (_sync_save, load_sync_settings),
    "intake": (save_intake_settings, load_intake_settings),
    "ui": (save_ui_settings, load_ui_settings),
    "forms": (change_form_settings, load_form_settings),
}
