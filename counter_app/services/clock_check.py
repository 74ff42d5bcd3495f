"""The PC clock against the store: when intake must stop, and a supervisor's way out.

The rule (docs/DOSSIERS.md, "A wrong clock"): intake is refused (``CLOCK_BEHIND``) while a
dossier that is not voided has a receipt time later than the PC clock, unless that dossier
was already ahead when a supervisor last confirmed the clock. The window is thus "later than
now", with no upper bound on purpose: a clock that lost years (a dead CMOS battery resets it
to its maker's date) makes *every* recent receipt "years ahead", and that is exactly the
clock that must not issue codes. A dossier saved by a clock that was ahead blocks only until
a supervisor notices and confirms (``counter-app clock confirm`` or the window); it stays
listed (``clock status``) until its time comes, so it can be voided or kept knowingly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.store.opening import Store
from counter_app.services.users import require
from counter_app.storage import clock_checks
from counter_app.storage.audit import append_audit
from counter_app.storage.clock_checks import ReceiptAhead
from counter_app.storage.settings import get_setting, set_setting

CONFIRMATION_KEY = "clock.confirmation"
AUDIT_ACTION = "clock.confirm"
# Dossiers ahead of the clock that `clock status` lists by code: enough to void a morning's
# intake made with a wrong date; the count says how many more there are.
AHEAD_LISTED = 50


class ClockNothingToConfirmError(BadInputError):
    """Asked to confirm the clock while no receipt is ahead of it: nothing to override."""

    code = "CLOCK_NOTHING_TO_CONFIRM"


@dataclass(frozen=True)
class Confirmation:
    """The last supervisor's confirmation: dossiers up to ``dossier_id`` that were ahead of
    ``at`` no longer block (``overrides``: the newest of their receipt times)."""

    at: str
    dossier_id: int
    overrides: str
    actor: str

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at, "dossier_id": self.dossier_id, "overrides": self.overrides,
                "actor": self.actor}  # fmt: skip


@dataclass(frozen=True)
class ClockState:
    now: str
    newest_received_at: str | None  # of the dossiers not voided
    blocking_received_at: str | None  # the receipt that stops intake; None: intake is open
    ahead_count: int  # dossiers not voided received later than now
    ahead: tuple[ReceiptAhead, ...]  # the newest AHEAD_LISTED of them
    confirmation: Confirmation | None

    @property
    def blocked(self) -> bool:
        return self.blocking_received_at is not None


def receipt_blocking_intake(store: Store, now: datetime) -> str | None:
    """The receipt time that makes ``now`` a clock behind the store, or None (one indexed
    read; called inside the save's transaction)."""
    confirmation = load_confirmation(store)
    return clock_checks.newest_received_ahead(
        store,
        now=iso_vn(now),
        confirmed_at=confirmation.at if confirmation else "",
        confirmed_id=confirmation.dossier_id if confirmation else 0,
    )


def clock_state(store: Store, *, now: datetime) -> ClockState:
    stamp = iso_vn(now)
    return ClockState(
        now=stamp,
        newest_received_at=clock_checks.newest_received_at(store),
        blocking_received_at=receipt_blocking_intake(store, now),
        ahead_count=clock_checks.count_received_ahead(store, now=stamp),
        ahead=tuple(clock_checks.list_received_ahead(store, now=stamp, limit=AHEAD_LISTED)),
        confirmation=load_confirmation(store),
    )


def confirm_clock(store: Store, *, actor: str, role: str, now: datetime) -> Confirmation:
    """A supervisor (``role``) says the PC clock is right: the dossiers ahead of it stop
    blocking intake.

    Audited (``clock.confirm``, with the receipt time overridden and how many dossiers were
    ahead). A dossier saved ahead of the clock after this blocks again.
    """
    require(role, "clock.confirm")
    with store.action() as db:
        blocking = receipt_blocking_intake(store, now)
        if blocking is None:
            raise ClockNothingToConfirmError("")
        stamp = iso_vn(now)
        confirmation = Confirmation(stamp, clock_checks.last_dossier_id(db), blocking, actor)
        set_setting(db, CONFIRMATION_KEY, confirmation.to_json())
        details = {
            "overrides": blocking,
            "clock": stamp,
            "dossiers_ahead": clock_checks.count_received_ahead(db, now=stamp),
        }
        append_audit(db, at=stamp, actor=actor, action=AUDIT_ACTION, subject="clock",
                     details=details)  # fmt: skip
    return confirmation


def load_confirmation(store: Store) -> Confirmation | None:
    value = get_setting(store, CONFIRMATION_KEY)
    if not isinstance(value, dict):
        return None
    try:
        return Confirmation(str(value["at"]), int(value["dossier_id"]),
                            str(value["overrides"]), str(value.get("actor", "")))  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return None  # a damaged setting confirms nothing: the check stays strict
