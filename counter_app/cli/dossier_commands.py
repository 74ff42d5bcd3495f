"""``counter-app dossier add|edit|void|show|list|transition``: dossiers for IT and scripts.

The same services the desktop app calls. Identity comes from a card's QR payload (``--qr -``
reads it from standard input, so it never sits on a command line) or typed options, checked
exactly like a scan; a CONFIRM finding must be acknowledged with ``--ack CODE``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from typing import Any, TypeAlias

from counter_app.cli import dossier_view_commands
from counter_app.cli.dossier_output import dossier_json, dossier_line
from counter_app.cli.output import add_json_flag, emit
from counter_app.domain.applicant import applicant_from_reading
from counter_app.domain.dossier import (
    Applicant,
    ApplicantKind,
    DocumentReceived,
    IdType,
    Intake,
    Outcome,
    Proxy,
)
from counter_app.domain.findings import Severity
from counter_app.domain.id_card import IdCardRejected, parse_or_reject
from counter_app.domain.lifecycle import parse_status
from counter_app.domain.reading import IdCardReading
from counter_app.domain.text import collapse_spaces, nfc
from counter_app.domain.typed_identity import read_typed_identity
from counter_app.domain.vn_time import VN_TZ
from counter_app.errors import EXIT_BAD_INPUT, EXIT_OK, BadInputError
from counter_app.messages import message_for
from counter_app.services import dossiers
from counter_app.services.actor import cli_actor
from counter_app.services.clock import now_vn
from counter_app.services.intake import (
    FindingNotAcknowledgedError,
    IdentityIncompleteError,
    check_findings,
    receive_dossier,
)
from counter_app.services.store import open_store

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class BadOptionError(BadInputError):
    """An option's value has the wrong shape (a date, a document, a number)."""

    code = "BAD_OPTION"


class IdentityMissingError(BadInputError):
    """Neither ``--qr`` nor the typed identity options were given."""

    code = "IDENTITY_MISSING"


def register(commands: Sub) -> None:
    group = commands.add_parser(
        "dossier",
        help="receive, change and look up dossiers",
        description="Receive a dossier, edit it, void it, move it through its lifecycle, show it.",
    )
    # The day's first dossier command starts the automatic daily backup (in the background).
    group.set_defaults(handler=lambda args: _help(group), daily_backup=True)
    sub = group.add_subparsers(title="commands", metavar="COMMAND")
    _register_add(sub)
    _register_edit(sub)
    _register_void(sub)
    dossier_view_commands.register_show(sub)
    dossier_view_commands.register_list(sub)
    _register_transition(sub)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return EXIT_OK


def _register_add(sub: Sub) -> None:
    p = sub.add_parser(
        "add",
        help="receive a new dossier: code, due date, log line",
        description=(
            "Receive a dossier. The applicant comes from a card's QR payload (--qr -, read from "
            "standard input) or typed options. Prints the code and the appointment."
        ),
    )
    p.add_argument("--procedure", required=True, metavar="CODE", help="national procedure code")
    p.add_argument("--qr", metavar="PAYLOAD", help="the ID card's QR text, or '-' for stdin")
    p.add_argument("--kind", choices=[k.value for k in ApplicantKind], default="citizen")
    p.add_argument("--id-type", choices=[t.value for t in IdType], default=None)
    for name in ("id-number", "name", "dob", "sex", "address", "issue-date", "nationality"):
        p.add_argument(f"--{name}", default="", help=f"typed applicant {name.replace('-', ' ')}")
    _add_changeable_options(p)
    p.add_argument("--outcome", choices=[o.value for o in Outcome], default="received")
    p.add_argument("--reason", default="", help="why (supplement request or refusal)")
    p.add_argument(
        "--ack",
        action="append",
        default=[],
        metavar="FINDING",
        help="acknowledge a CONFIRM finding of the identity (repeatable)",
    )
    p.add_argument("--queue-ticket", default="", help="the queue ticket number, if any")
    p.add_argument("--competent-agency", default="", help="when not the receiving agency")
    for name in ("proxy-name", "proxy-id-number", "proxy-relation"):
        p.add_argument(f"--{name}", default="", help="someone submitting on the applicant's behalf")
    add_json_flag(p)
    p.set_defaults(handler=run_add)


def _add_changeable_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--phone", default=None, help="phone for the receipt")
    p.add_argument("--email", default=None, help="email for the receipt")
    p.add_argument(
        "--document",
        action="append",
        default=None,
        metavar="NAME[:ORIG[:COPIES]]",
        help="a document received, with original and copy counts (repeatable)",
    )
    p.add_argument("--sets", type=int, default=None, help="number of sets (default 1)")
    p.add_argument("--fee", type=int, default=None, help="fee in VND (default: the catalogue's)")
    p.add_argument("--fee-exemption", default=None, help="the exemption reason, if exempt")
    p.add_argument("--note", default=None, help="a note")


def run_add(args: argparse.Namespace) -> int:
    now = now_vn()
    try:
        applicant, acknowledged = _applicant(args, now.date())
    except IdCardRejected as rejected:
        return _bad_scan(rejected, args)
    intake = Intake(
        procedure_code=args.procedure.strip(),
        applicant=applicant,
        outcome=Outcome(args.outcome),
        outcome_reason=_text(args.reason),
        proxy=_proxy(args),
        documents=_documents(args.document or []),
        sets=1 if args.sets is None else args.sets,
        fee_vnd=args.fee,
        fee_exemption=_text(args.fee_exemption or ""),
        notes=_text(args.note or ""),
        queue_ticket=args.queue_ticket.strip(),
        competent_agency=args.competent_agency.strip().upper(),
        acknowledged=frozenset(acknowledged),
    )
    store = open_store()
    try:
        dossier = receive_dossier(store, intake, clerk=cli_actor(), now=now)
    finally:
        store.close()
    _print(dossier_json(dossier, args.lang), dossier_line(dossier, args.lang), args)
    return EXIT_OK


def _bad_scan(rejected: IdCardRejected, args: argparse.Namespace) -> int:
    """A scan that is no ID card is bad input here (exit 2), not a failed item as in ``id``."""
    from counter_app.cli import report_error

    report_error(rejected.code, args)
    return EXIT_BAD_INPUT


def _applicant(args: argparse.Namespace, today: date) -> tuple[Applicant, list[str]]:
    phone, email = args.phone or "", args.email or ""
    if args.kind != ApplicantKind.CITIZEN.value or args.id_type not in (None, "personal_id"):
        return _other_applicant(args), list(args.ack)
    reading = _reading(args, today)
    try:
        check_findings(reading.findings, args.ack)
    except (FindingNotAcknowledgedError, IdentityIncompleteError):
        _explain_findings(reading, args)
        raise
    return applicant_from_reading(reading, phone=phone, email=email), list(args.ack)


def _explain_findings(reading: IdCardReading, args: argparse.Namespace) -> None:
    """Name each blocking finding in words before the error line (what to type or confirm)."""
    for finding in reading.findings:
        if finding.severity in (Severity.ERROR, Severity.CONFIRM):
            text = message_for(finding.code.value, args.lang, finding.params)
            print(f"{finding.code.value}: {text}", file=sys.stderr)


def _reading(args: argparse.Namespace, today: date) -> IdCardReading:
    if args.qr is not None:
        payload = sys.stdin.readline() if args.qr == "-" else args.qr
        outcome = parse_or_reject(payload.strip("\r\n"), today=today)
        if isinstance(outcome, IdCardRejected):
            raise outcome
        return outcome
    if not args.id_number:
        raise IdentityMissingError("")
    typed = {
        "id_number": args.id_number,
        "full_name": args.name,
        "date_of_birth": args.dob,
        "sex": args.sex,
        "address": args.address,
        "issue_date": args.issue_date,
    }
    return read_typed_identity(typed, today=today)


def _other_applicant(args: argparse.Namespace) -> Applicant:
    """An organisation, a foreigner or another document: no card checks apply."""
    if not args.id_number.strip() or not args.name.strip():
        raise IdentityMissingError("")
    return Applicant(
        kind=ApplicantKind(args.kind),
        id_type=IdType(args.id_type or "other"),
        id_number=args.id_number.strip(),
        full_name=_text(args.name),
        date_of_birth=args.dob.strip(),
        sex=args.sex.strip(),
        address=_text(args.address),
        phone=(args.phone or "").strip(),
        email=(args.email or "").strip(),
        nationality=_text(args.nationality),
    )


def _proxy(args: argparse.Namespace) -> Proxy | None:
    if not args.proxy_name:
        return None
    if not args.proxy_id_number.strip():
        raise IdentityMissingError("proxy")
    return Proxy(
        full_name=_text(args.proxy_name),
        id_type=IdType.PERSONAL_ID if len(args.proxy_id_number.strip()) == 12 else IdType.OTHER,
        id_number=args.proxy_id_number.strip(),
        relation=_text(args.proxy_relation),
    )


def _documents(specs: list[str]) -> tuple[DocumentReceived, ...]:
    return tuple(_document(spec) for spec in specs)


def _document(spec: str) -> DocumentReceived:
    """``NAME[:ORIGINALS[:COPIES]]``; a name may itself hold a colon (only numbers are counts)."""
    parts = spec.split(":")
    numbers: list[int] = []
    while len(parts) > 1 and len(numbers) < 2 and parts[-1].strip().isdigit():
        numbers.insert(0, int(parts.pop()))
    name = _text(":".join(parts))
    if not name:
        raise BadOptionError("--document")
    originals, copies = [*numbers, 0][:2] if numbers else (0, 1)
    return DocumentReceived(name, originals=originals, copies=copies)


def _text(value: str) -> str:
    return collapse_spaces(nfc(value))


def _print(obj: dict[str, Any], line: str, args: argparse.Namespace) -> None:
    if args.json:
        emit(obj)
    else:
        print(line)


def _register_edit(sub: Sub) -> None:
    p = sub.add_parser(
        "edit",
        help="save a new version of a dossier (until its result is returned)",
        description="Change a dossier's details; each change is a new, audited version.",
    )
    p.add_argument("code", help="the dossier code")
    for name in ("name", "address"):
        p.add_argument(f"--{name}", default=None, help=f"corrected applicant {name}")
    _add_changeable_options(p)
    p.add_argument(
        "--due",
        default=None,
        metavar="YYYY-MM-DD HH:MM",
        help="a new appointment (e.g. a verification extension); needs --reason",
    )
    p.add_argument("--reason", default="", help="why the appointment changes")
    add_json_flag(p)
    p.set_defaults(handler=run_edit)


def run_edit(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        now, actor = now_vn(), cli_actor()
        dossier = dossiers.get_dossier(store, args.code)
        changes = _edit_changes(args, dossier.applicant)
        if changes:
            dossier = dossiers.edit_dossier(store, args.code, changes, actor=actor, now=now)
        if args.due:
            due = _datetime(args.due)
            dossier = dossiers.set_due_date(
                store, args.code, due, reason=_text(args.reason), actor=actor, now=now
            )
        if not changes and not args.due:
            raise dossiers.NothingToChangeError("")
    finally:
        store.close()
    _print(dossier_json(dossier, args.lang), dossier_line(dossier, args.lang), args)
    return EXIT_OK


def _edit_changes(args: argparse.Namespace, applicant: Applicant) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    person = {
        "full_name": args.name,
        "address": args.address,
        "phone": args.phone,
        "email": args.email,
    }
    updates = {k: _text(v) for k, v in person.items() if v is not None}
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
        changes["documents"] = _documents(args.document)
    return changes


def _datetime(text: str) -> datetime:
    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise BadOptionError("YYYY-MM-DD HH:MM") from None
    return moment.replace(tzinfo=VN_TZ)


def _register_void(sub: Sub) -> None:
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
    store = open_store()
    try:
        dossier = dossiers.void_dossier(
            store, args.code, reason=_text(args.reason), actor=cli_actor(), now=now_vn()
        )
    finally:
        store.close()
    _print(dossier_json(dossier, args.lang), dossier_line(dossier, args.lang), args)
    return EXIT_OK


def _register_transition(sub: Sub) -> None:
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
    p.add_argument("--recipient", default="", help="who collected the result (status 10)")
    add_json_flag(p)
    p.set_defaults(handler=run_transition)


def run_transition(args: argparse.Namespace) -> int:
    target = parse_status(args.status)
    details = {"recipient": _text(args.recipient)} if args.recipient else {}
    store = open_store()
    try:
        dossier = dossiers.transition_dossier(
            store,
            args.code,
            target,
            reason=_text(args.reason),
            actor=cli_actor(),
            now=now_vn(),
            correction=args.correction,
            details=details,
        )
    finally:
        store.close()
    _print(dossier_json(dossier, args.lang), dossier_line(dossier, args.lang), args)
    return EXIT_OK
