"""Records left unsynced too long: a warning first, and a block on intake only if IT asks.

When the network is gone for days the counter keeps receiving dossiers; the city must still
learn of them. After ``sync.warn_unsynced_after_h`` hours (24) the sync status warns, so IT
exports the outbox to a file (``sync export``) or fixes the network. Blocking intake is a
ward's policy, never the default: only when IT sets ``sync.block_intake_after_h`` does
``receive_dossier`` refuse new dossiers while the oldest pending record is older than that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.engine import Database
from counter_app.storage.outbox_age import oldest_pending_created_at
from counter_app.storage.settings import get_setting, set_setting

WARN_SETTING = "sync.warn_unsynced_after_h"
BLOCK_SETTING = "sync.block_intake_after_h"
DEFAULT_WARN_AFTER_H = 24.0  # a working day's dossiers unsent: time for IT to look
MAX_LIMIT_H = 24.0 * 365  # a year; beyond that a limit means nothing
SECONDS_PER_HOUR = 3600.0


class SyncOverdueIntakeBlockedError(EnvironmentProblem):
    """IT's limit is exceeded: records unsynced too long, so intake is refused until IT acts."""

    code = "SYNC_OVERDUE_INTAKE_BLOCKED"


class SyncLimitInvalidError(BadInputError):
    """An unsynced limit is not a number of hours within 0 (off, for blocking) and a year."""

    code = "SYNC_LIMIT_INVALID"


@dataclass(frozen=True)
class UnsyncedLimits:
    warn_after_h: float = DEFAULT_WARN_AFTER_H
    block_intake_after_h: float | None = None  # None: intake is never blocked (the default)


@dataclass(frozen=True)
class UnsyncedState:
    """The oldest pending record's age against the limits."""

    oldest_pending_at: str | None
    age_h: float | None
    warning: bool
    intake_blocked: bool
    limits: UnsyncedLimits


def load_limits(store: Store) -> UnsyncedLimits:
    warn = get_setting(store, WARN_SETTING)
    block = get_setting(store, BLOCK_SETTING)
    return UnsyncedLimits(
        warn_after_h=DEFAULT_WARN_AFTER_H if warn is None else float(warn),
        block_intake_after_h=float(block) if block else None,
    )


def save_limits(
    store: Store, *, warn_after_h: Any, block_intake_after_h: Any, actor: str, now: datetime
) -> UnsyncedLimits:
    """Store the limits given (None leaves one as it is); 0 turns blocking off. Audited."""
    changes: dict[str, float | None] = {}
    if warn_after_h is not None:
        changes[WARN_SETTING] = _hours(warn_after_h, allow_zero=False)
    if block_intake_after_h is not None:
        block = _hours(block_intake_after_h, allow_zero=True)
        changes[BLOCK_SETTING] = block or None
    with store.action() as db:
        for key, value in changes.items():
            set_setting(db, key, value)
        if changes:
            append_audit(
                db, at=iso_vn(now), actor=actor, action="sync.configure", subject="sync",
                details={"changed": sorted(k.removeprefix("sync.") for k in changes)},
            )  # fmt: skip
    return load_limits(store)


def _hours(value: Any, *, allow_zero: bool) -> float:
    try:
        hours = float(value)
    except (TypeError, ValueError):
        raise SyncLimitInvalidError("") from None
    low_ok = hours >= 0 if allow_zero else hours > 0
    if not low_ok or hours > MAX_LIMIT_H or hours != hours:  # NaN is never a limit
        raise SyncLimitInvalidError("")
    return hours


def unsynced_state(store: Store, *, now: datetime) -> UnsyncedState:
    """How old the oldest pending record is, and whether that warns or blocks."""
    return _state(store, load_limits(store), now)


def _state(db: Database, limits: UnsyncedLimits, now: datetime) -> UnsyncedState:
    oldest = oldest_pending_created_at(db)
    if oldest is None:
        return UnsyncedState(None, None, warning=False, intake_blocked=False, limits=limits)
    age_h = (now - datetime.fromisoformat(oldest)).total_seconds() / SECONDS_PER_HOUR
    block = limits.block_intake_after_h
    return UnsyncedState(
        oldest_pending_at=oldest,
        age_h=round(age_h, 2),
        warning=age_h > limits.warn_after_h,
        intake_blocked=block is not None and age_h > block,
        limits=limits,
    )


def refuse_intake_if_overdue(store: Store, *, now: datetime) -> None:
    """Called by intake: raise only when IT set a block and the outbox is older than it.

    With no block configured this is one settings read: the outbox is not looked at.
    """
    limits = load_limits(store)
    if limits.block_intake_after_h is None:
        return
    if _state(store, limits, now).intake_blocked:
        raise SyncOverdueIntakeBlockedError("")
