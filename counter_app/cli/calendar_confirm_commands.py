"""``counter-app calendar confirm | status``: a supervisor's word that a year's calendar is
right, and which years this counter has warned about or had confirmed."""

from __future__ import annotations

import argparse
import contextlib

from counter_app.cli.output import Subparsers, add_json_flag, emit
from counter_app.errors import EXIT_OK
from counter_app.services.actor import cli_actor
from counter_app.services.calendar.notice import calendar_notices, confirm_calendar_year
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import open_store


def register(sub: Subparsers) -> None:
    confirm = sub.add_parser(
        "confirm",
        help="confirm a year's calendar (supervisor): its warning stops at this counter",
        description="Record that a supervisor checked the year against the government's "
        "notice (or accepts it): the counter stops warning that the year is unconfirmed. "
        "Audited; the days are not changed (import the notice to change them).",
    )
    confirm.add_argument("--year", type=int, required=True, help="the year confirmed")
    add_json_flag(confirm, "print one JSON object")
    confirm.set_defaults(handler=run_confirm)
    status = sub.add_parser(
        "status",
        help="years this counter warned about, and years a supervisor confirmed",
        description="The years whose unconfirmed calendar this counter has told a clerk "
        "about (the first day), and the years confirmed, by whom and when.",
    )
    add_json_flag(status, "print one JSON object")
    status.set_defaults(handler=run_status)


def run_confirm(args: argparse.Namespace) -> int:
    with contextlib.closing(open_store()) as store:
        confirm_calendar_year(store, args.year, actor=cli_actor(), now=now_vn())
    if args.json:
        emit({"ok": True, "year": args.year})
    else:
        done = "Đã xác nhận lịch nghỉ năm" if args.lang == "vi" else "Calendar confirmed for"
        print(f"{done} {args.year}.")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    with contextlib.closing(open_store()) as store:
        notices = calendar_notices(store)
    if args.json:
        emit(notices)
        return EXIT_OK
    for year, first_day in sorted(notices["warned"].items()):
        confirmed = notices["confirmed"].get(year)
        state = f"confirmed {confirmed['at']} by {confirmed['by']}" if confirmed else "unconfirmed"
        print(f"{year}: warned {first_day}; {state}")
    return EXIT_OK
