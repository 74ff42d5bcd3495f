"""``counter-app dossier show`` and ``dossier list``: reading dossiers, no changes."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from counter_app.cli.dossier_output import detail_json, dossier_json, dossier_line
from counter_app.cli.numbers import bounded_int
from counter_app.cli.output import BadDateError, Subparsers, add_json_flag, emit
from counter_app.domain.field_text import displayable
from counter_app.domain.lifecycle import parse_status
from counter_app.errors import EXIT_OK
from counter_app.services.actor import cli_actor
from counter_app.services.clock import now_vn
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.dossiers.queries import list_dossiers
from counter_app.services.store.opening import open_store
from counter_app.services.supervision.audit_view import record_export


def _print(obj: dict[str, Any], line: str, args: argparse.Namespace) -> None:
    if args.json:
        emit(obj)
    else:
        print(line)


def register_show(sub: Subparsers) -> None:
    p = sub.add_parser(
        "show",
        help="show one dossier with its history",
        description="Show a dossier: details, documents, every due date, events, sync entries.",
    )
    p.add_argument("code", help="the dossier code (or the official code the city assigned)")
    add_json_flag(p)
    p.set_defaults(handler=run_show)


def run_show(args: argparse.Namespace) -> int:
    with open_store() as store:
        detail = dossiers.dossier_detail(store, args.code)
        record_export(store, what="dossier", rows=1, actor=cli_actor(), now=now_vn(),
                      command="dossier show")  # fmt: skip
    data = detail_json(detail, args.lang)
    if args.json:
        emit(data)
        return EXIT_OK
    print(dossier_line(detail.dossier, args.lang))
    for event in detail.events:
        print(
            displayable(
                f"  {event['at']}  {event['kind']}  {event['from_status'] or ''}→"
                f"{event['to_status'] or ''}  {event['actor']}  {event['reason']}"
            )
        )
    return EXIT_OK


def register_list(sub: Subparsers) -> None:
    p = sub.add_parser(
        "list",
        help="list dossiers of a day or a status, newest first",
        description="List dossiers received on a day (default today) and/or with a status.",
    )
    p.add_argument("--date", default=None, help="YYYY-MM-DD (default: today); 'all' for any day")
    p.add_argument("--status", default=None, help="a status number or name")
    p.add_argument(
        "--limit",
        type=bounded_int("--limit", 0, 10**6),
        default=100,
        help="page size (default 100)",
    )
    p.add_argument(
        "--offset", type=bounded_int("--offset", 0, 10**9), default=0, help="rows to skip (paging)"
    )
    add_json_flag(p)
    p.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace) -> int:
    day = None if args.date == "all" else _day(args.date) if args.date else now_vn().date()
    status = int(parse_status(args.status)) if args.status else None
    with open_store() as store:
        found = list_dossiers(store, day=day, status=status, limit=args.limit, offset=args.offset)
        record_export(store, what="dossier", rows=len(found), actor=cli_actor(), now=now_vn(),
                      command="dossier list")  # fmt: skip
    for dossier in found:
        _print(dossier_json(dossier, args.lang), dossier_line(dossier, args.lang), args)
    return EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadDateError("") from None
