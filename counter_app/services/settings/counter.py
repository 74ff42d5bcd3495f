"""The counter's identity and numbering: who receives, which counter, which code range.

IT sets it once with ``counter-app setup``; every change is validated and audited (old and
new values: agency identifiers and numbers, never personal data).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from counter_app.domain.dossier_code import (
    DEFAULT_PATTERN,
    CodeRange,
    check_agency_code,
    default_range,
)
from counter_app.domain.text import collapse_spaces, nfc
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.settings import all_settings, set_setting

FORM_SETS = ("2025", "2018")  # TT 03/2025/TT-VPCP numbering (default) and TT 01/2018's
MAX_AGENCY_NAME = 200


class CounterNotConfiguredError(EnvironmentProblem):
    code = "COUNTER_NOT_CONFIGURED"


class AgencyNameInvalidError(BadInputError):
    code = "AGENCY_NAME_INVALID"


class CounterNumberInvalidError(BadInputError):
    code = "COUNTER_NUMBER_INVALID"


class FormSetInvalidError(BadInputError):
    code = "FORM_SET_INVALID"


@dataclass(frozen=True)
class CounterConfig:
    agency_code: str
    agency_name: str
    counter: int
    code_range: CodeRange
    code_pattern: str = DEFAULT_PATTERN
    form_set: str = FORM_SETS[0]
    competent_agency: str = ""  # empty: the receiving agency

    def as_settings(self) -> dict[str, Any]:
        data = asdict(self)
        data["code_range"] = str(self.code_range)
        return {f"counter.{key}": value for key, value in data.items()}


def load_config(store: Store) -> CounterConfig:
    settings = all_settings(store)
    if "counter.agency_code" not in settings:
        raise CounterNotConfiguredError("")
    start, end = settings["counter.code_range"].split("-")
    return CounterConfig(
        agency_code=settings["counter.agency_code"],
        agency_name=settings["counter.agency_name"],
        counter=int(settings["counter.counter"]),
        code_range=CodeRange(int(start), int(end)),
        code_pattern=settings.get("counter.code_pattern", DEFAULT_PATTERN),
        form_set=settings.get("counter.form_set", FORM_SETS[0]),
        competent_agency=settings.get("counter.competent_agency", ""),
    )


def find_config(store: Store) -> CounterConfig | None:
    """The counter's settings, or None on a store not set up yet (the wizard's business)."""
    try:
        return load_config(store)
    except CounterNotConfiguredError:
        return None


def build_config(
    *,
    agency_code: str,
    agency_name: str,
    counter: int,
    code_range: CodeRange | None = None,
    form_set: str = FORM_SETS[0],
) -> tuple[CounterConfig, list[str]]:
    """Validate IT's values; return the config and warning codes."""
    code = agency_code.strip().upper()
    warnings = check_agency_code(code)
    name = collapse_spaces(nfc(agency_name))
    if not name or len(name) > MAX_AGENCY_NAME:
        raise AgencyNameInvalidError("")
    if not 1 <= counter <= 99:
        raise CounterNumberInvalidError("")
    if form_set not in FORM_SETS:
        raise FormSetInvalidError("")
    chosen = code_range or default_range(counter)
    if code_range is not None and overlaps_other_counters(chosen, counter):
        warnings.append("CODE_RANGE_OVERLAP")
    config = CounterConfig(code, name, counter, chosen, form_set=form_set)
    return config, warnings


def overlaps_other_counters(code_range: CodeRange, counter: int) -> bool:
    """Does a configured range reach into another counter's default range (n001–n999)?

    Each counter's database knows only its own range, so this is the check IT can get at
    setup: two counters of a ward sharing numbers would only show at sync.
    """
    return any(
        code_range.overlaps(default_range(other)) for other in range(1, 10) if other != counter
    )


def save_config(store: Store, config: CounterConfig, *, actor: str, now: datetime) -> list[str]:
    """Write the settings that changed and audit them (one action, or a part of the caller's)."""
    with store.action() as db:
        before = all_settings(db)
        changed = {k: v for k, v in config.as_settings().items() if before.get(k) != v}
        for key, value in changed.items():
            set_setting(db, key, value)
        if changed:
            details = {k: {"old": before.get(k), "new": v} for k, v in changed.items()}
            action = "settings.change" if "counter.agency_code" in before else "settings.setup"
            append_audit(
                db, at=iso_vn(now), actor=actor, action=action, subject="counter", details=details
            )
    return sorted(changed)
