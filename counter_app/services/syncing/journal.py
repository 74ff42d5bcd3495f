"""The sync's own record between passes: last success and error, clock skew, failures.

``sync status`` and the window's status line read it; the engine writes it after each pass.
The consecutive-failure count is what the backoff grows from, and a success resets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.domain.vn_time import iso_vn
from counter_app.services.store.opening import Store
from counter_app.storage.sync_state import all_state, set_state

LAST_SUCCESS = "last_success_at"
LAST_ERROR = "last_error"
LAST_ERROR_AT = "last_error_at"
SKEW = "clock_skew_s"
FAILURES = "failures"
NEXT_ATTEMPT = "next_attempt_at"
SKEW_WARNING_S = 120.0  # sync.md B6: beyond two minutes a receipt's time is doubtful


@dataclass(frozen=True)
class Journal:
    last_success_at: str | None
    last_error: str | None
    last_error_at: str | None
    clock_skew_s: float | None
    failures: int
    next_attempt_at: str | None

    @property
    def skew_warning(self) -> bool:
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > SKEW_WARNING_S


def read_journal(store: Store) -> Journal:
    state = all_state(store)
    skew = state.get(SKEW)
    return Journal(
        last_success_at=state.get(LAST_SUCCESS),
        last_error=state.get(LAST_ERROR) or None,
        last_error_at=state.get(LAST_ERROR_AT),
        clock_skew_s=float(skew) if skew else None,
        failures=int(state.get(FAILURES, "0")),
        next_attempt_at=state.get(NEXT_ATTEMPT) or None,
    )


def record_success(
    store: Store, *, now: datetime, skew_s: float | None, next_at: datetime | None
) -> None:
    stamp = iso_vn(now)
    with store.action() as db:
        set_state(db, LAST_SUCCESS, stamp, at=stamp)
        set_state(db, LAST_ERROR, "", at=stamp)
        set_state(db, FAILURES, "0", at=stamp)
        set_state(db, NEXT_ATTEMPT, iso_vn(next_at) if next_at else "", at=stamp)
        if skew_s is not None:
            set_state(db, SKEW, f"{skew_s:.1f}", at=stamp)


def record_failure(
    store: Store,
    *,
    error_code: str,
    failures: int,
    now: datetime,
    skew_s: float | None,
    next_at: datetime | None,
) -> None:
    """Note a failed pass and the consecutive failures so far (this one included)."""
    stamp = iso_vn(now)
    with store.action() as db:
        set_state(db, LAST_ERROR, error_code, at=stamp)
        set_state(db, LAST_ERROR_AT, stamp, at=stamp)
        set_state(db, FAILURES, str(failures), at=stamp)
        set_state(db, NEXT_ATTEMPT, iso_vn(next_at) if next_at else "", at=stamp)
        if skew_s is not None:
            set_state(db, SKEW, f"{skew_s:.1f}", at=stamp)
