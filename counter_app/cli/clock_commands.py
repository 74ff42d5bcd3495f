"""``counter-app clock status | confirm``: the PC clock against the store, for a supervisor."""

from __future__ import annotations

import argparse
import contextlib
from typing import Any

from counter_app.cli.output import Subparsers, add_json_flag, emit, print_group_help
from counter_app.errors import EXIT_OK
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor, cli_role
from counter_app.services.clock import now_vn
from counter_app.services.clock_check import ClockState, clock_state, confirm_clock
from counter_app.services.store.opening import open_store

_NONE = "—"


def register(commands: Subparsers) -> None:
    group = commands.add_parser(
        "clock",
        help="whether the PC clock blocks intake, and a supervisor's confirmation",
        description=(
            "Intake stops (CLOCK_BEHIND) while a dossier that is not voided was received later "
            "than the PC clock. 'status' shows the newest receipt, whether intake is blocked "
            "and the dossiers received ahead of the clock; 'confirm' is a supervisor's word "
            "that the clock is right, so those dossiers stop blocking (audited)."
        ),
    )
    group.set_defaults(handler=lambda _args: print_group_help(group))
    sub = group.add_subparsers(title="commands", metavar="COMMAND")
    status = sub.add_parser(
        "status",
        help="the clock, the newest receipt, whether intake is blocked and why",
        description=(
            "Print the PC clock, the newest receipt time of a dossier not voided, whether "
            "intake is blocked by the clock and by which receipt, the last confirmation, and "
            "the codes of the dossiers received later than the clock (newest first)."
        ),
    )
    add_json_flag(status, "print the state as one JSON object")
    status.set_defaults(handler=run_status)
    confirm = sub.add_parser(
        "confirm",
        help="a supervisor confirms the PC clock is right: intake resumes",
        description=(
            "Check the PC clock first. Confirming says the clock is right and the dossiers "
            "received later than it were saved by a clock that was ahead: they stop blocking "
            "intake (they stay listed by 'clock status' until their time comes; void or keep "
            "them). Audited as clock.confirm with the receipt time it overrides. Exit 2 "
            "(CLOCK_NOTHING_TO_CONFIRM) when the clock blocks nothing."
        ),
    )
    add_json_flag(confirm, "print the confirmation as one JSON object")
    confirm.set_defaults(handler=run_confirm)


def run_status(args: argparse.Namespace) -> int:
    with contextlib.closing(open_store()) as store:
        state = clock_state(store, now=now_vn())
    if args.json:
        emit(state_json(state))
        return EXIT_OK
    for line in _state_lines(state, args.lang):
        print(line)
    return EXIT_OK


def run_confirm(args: argparse.Namespace) -> int:
    with contextlib.closing(open_store()) as store:
        confirmation = confirm_clock(store, actor=cli_actor(), role=cli_role(), now=now_vn())
    if args.json:
        emit({"ok": True, **confirmation.to_json()})
    else:
        params = {"overrides": confirmation.overrides, "at": confirmation.at}
        print(message_for("CLOCK_CONFIRMED", args.lang, params))
    return EXIT_OK


def state_json(state: ClockState) -> dict[str, Any]:
    return {
        "now": state.now,
        "newest_received_at": state.newest_received_at,
        "blocked": state.blocked,
        "reason": "CLOCK_BEHIND" if state.blocked else None,
        "blocking_received_at": state.blocking_received_at,
        "ahead_count": state.ahead_count,
        "ahead": [{"code": d.code, "received_at": d.received_at} for d in state.ahead],
        "confirmation": state.confirmation.to_json() if state.confirmation else None,
    }


def _state_lines(state: ClockState, lang: str) -> list[str]:
    params = {"now": state.now, "newest": state.newest_received_at or _NONE,
              "blocking": state.blocking_received_at or _NONE,
              "count": str(state.ahead_count)}  # fmt: skip
    lines = [message_for("CLOCK_STATUS_BLOCKED" if state.blocked else "CLOCK_STATUS_OPEN",
                         lang, params)]  # fmt: skip
    if state.confirmation is not None:
        confirmed = {"at": state.confirmation.at, "overrides": state.confirmation.overrides}
        lines.append(message_for("CLOCK_STATUS_CONFIRMED", lang, confirmed))
    if state.ahead_count:
        lines.append(message_for("CLOCK_STATUS_AHEAD", lang, params))
        lines.extend(f"  {d.code}  {d.received_at}" for d in state.ahead)
    return lines
