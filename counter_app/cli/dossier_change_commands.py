"""``counter-app dossier edit|void|transition``: changing a dossier after intake."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from counter_app.cli.dossier_options import (
    BadOptionError,
    add_changeable_options,
    documents_from,
    print_dossier,
    text,
)
from counter_app.cli.output import Subparsers, add_json_flag
from counter_app.cli.stdin_input import overlay, read_stdin_line, read_stdin_object
from counter_app.domain.dossier import Applicant, Status
from counter_app.domain.handover import Recipient
from counter_app.domain.lifecycle import parse_status
from counter_app.domain.vn_time import VN_TZ
from counter_app.errors import EXIT_OK
from counter_app.services.actor import cli_actor, cli_role
from counter_app.services.clock import now_vn
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.dossiers.handover import hand_over
from counter_app.services.store.opening import open_store


def register_edit(sub: Subparsers) -> None:
    p = sub.add_parser(
        "edit",
        help="save a new version of a dossier (until its result is returned)",
        description="Change a dossier's details; each change is a new, audited version.",
    )
    p.add_argument("code", help="the dossier code")
    for name in ("name", "address"):
        p.add_argument(f"--{name}", default=None, help=f"corrected applicant {name}")
    p.add_argument(
        "--typed",
        choices=["-"],
        help="read the corrected name, address, phone, email (keys full_name, address, phone, "
        "email) as one JSON object from stdin, off the command line",
    )
    add_changeable_options(p)
    p.add_argument(
        "--due",
        default=None,
        metavar="YYYY-MM-DD HH:MM",
        help="a new appointment (e.g. a verification extension); needs --reason",
    )
    p.add_argument("--reason", default="", help="why the appointment changes")
    add_json_flag(p)
    p.set_defaults(handler=run_edit)


EDIT_KEYS = {"full_name": "name", "address": "address", "phone": "phone", "email": "email"}


def run_edit(args: argparse.Namespace) -> int:
    if args.typed:
        overlay(args, read_stdin_object("--typed"), EDIT_KEYS)
    with open_store() as store:
        now, actor = now_vn(), cli_actor()
        dossier = dossiers.get_dossier(store, args.code)
        changes = _edit_changes(args, dossier.applicant)
        if changes:
            dossier = dossiers.edit_dossier(store, args.code, changes, actor=actor, now=now)
        if args.due:
            due = parse_moment(args.due)
            dossier = dossiers.set_due_date(
                store, args.code, due, reason=text(args.reason), actor=actor, now=now
            )
        if not changes and not args.due:
            raise dossiers.NothingToChangeError("")
    print_dossier(dossier, args)
    return EXIT_OK


def _edit_changes(args: argparse.Namespace, applicant: Applicant) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    person = {
        "full_name": args.name,
        "address": args.address,
        "phone": args.phone,
        "email": args.email,
    }
    updates = {k: text(v) for k, v in person.items() if v is not None}
    if updates:
        changes["applicant"] = Applicant.from_json({**applicant.to_json(), **updates})
    simple = {
        "sets": args.sets,
        "fee_vnd": args.fee,
        "fee_exemption": args.fee_exemption,
        "notes": args.note,
    }
    changes.update({k: v for k, v in simple.items() if v is not None})
    if args.document is not None:
        changes["documents"] = documents_from(args.document)
    return changes


def parse_moment(text: str) -> datetime:
    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise BadOptionError("YYYY-MM-DD HH:MM") from None
    return moment.replace(tzinfo=VN_TZ)


def register_void(sub: Subparsers) -> None:
    p = sub.add_parser(
        "void",
        help="void a dossier entered in error (before its first sync)",
        description="Void a dossier entered in error. Only before its first sync; its number "
        "stays used.",
    )
    p.add_argument("code", help="the dossier code")
    p.add_argument("--reason", required=True, help="why it is void")
    add_json_flag(p)
    p.set_defaults(handler=run_void)


def run_void(args: argparse.Namespace) -> int:
    with open_store() as store:
        dossier = dossiers.void_dossier(
            store,
            args.code,
            reason=text(args.reason),
            actor=cli_actor(),
            role=cli_role(),
            now=now_vn(),
        )
    print_dossier(dossier, args)
    return EXIT_OK


def register_transition(sub: Subparsers) -> None:
    p = sub.add_parser(
        "transition",
        help="move a dossier to another status",
        description="Move a dossier to another status (number 1–10 or name), as the lifecycle "
        "allows; --correction (with --reason) is a supervisor's correction.",
    )
    p.add_argument("code", help="the dossier code")
    p.add_argument("status", help="the new status: 2, 4, 5 … 10, or a name like in_process")
    p.add_argument("--reason", default="", help="why (required for 3, 5, 7, 8)")
    p.add_argument("--correction", action="store_true", help="a supervisor's correction")
    p.add_argument(
        "--recipient",
        default="",
        help="who collected the result (status 10); '-' reads the name from stdin",
    )
    p.add_argument(
        "--handover",
        choices=["-"],
        help="read the hand-over (status 10) as one JSON object from stdin: recipient, "
        "id_number, relation (keeps personal data off the command line)",
    )
    p.add_argument(
        "--proxy",
        action="store_true",
        help="the result is collected on the applicant's behalf: their ID number is required",
    )
    add_json_flag(p)
    p.set_defaults(handler=run_transition)


def run_transition(args: argparse.Namespace) -> int:
    target = parse_status(args.status)
    recipient = _recipient(args) if target == Status.RETURNED else None
    with open_store() as store:
        if recipient is not None and not args.correction:
            dossier = hand_over(store, args.code, recipient, actor=cli_actor(), now=now_vn())
        else:
            dossier = dossiers.transition_dossier(
                store,
                args.code,
                target,
                reason=text(args.reason),
                actor=cli_actor(),
                now=now_vn(),
                correction=args.correction,
                role=cli_role(),
                details={"recipient": recipient.name} if recipient and recipient.name else {},
            )
    print_dossier(dossier, args)
    return EXIT_OK


def _recipient(args: argparse.Namespace) -> Recipient:
    """Who collected the result: ``--handover -`` (JSON on stdin) or ``--recipient``."""
    typed = read_stdin_object("--handover") if args.handover else {}
    name = typed.get("recipient") or ""
    if not typed:
        name = read_stdin_line("--recipient") if args.recipient == "-" else args.recipient
    return Recipient(
        name=name,
        is_proxy=args.proxy,
        id_number=typed.get("id_number") or "",
        relation=typed.get("relation") or "",
    )
