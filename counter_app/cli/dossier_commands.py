"""``counter-app dossier add|edit|void|show|list|transition``: dossiers for IT and scripts.

The same services the desktop app calls. Identity comes from a card's QR payload (``--qr -``
reads it from standard input, so it never sits on a command line) or typed options, checked
exactly like a scan; a CONFIRM finding must be acknowledged with ``--ack CODE``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.cli import dossier_change_commands, dossier_view_commands, supervisor_commands
from counter_app.cli.dossier_options import (
    add_changeable_options,
    documents_from,
    text,
)
from counter_app.cli.dossier_output import dossier_json, dossier_line
from counter_app.cli.output import (
    Subparsers,
    add_force_flag,
    add_json_flag,
    emit,
    print_group_help,
)
from counter_app.cli.stdin_input import overlay, read_stdin_line, read_stdin_object
from counter_app.documents.model import FormKind
from counter_app.domain.applicant import applicant_from_reading
from counter_app.domain.dossier import (
    Applicant,
    ApplicantKind,
    Dossier,
    IdType,
    Intake,
    Outcome,
    Proxy,
)
from counter_app.domain.findings import Finding, Severity
from counter_app.domain.id_card import IdCardRejected, parse_or_reject
from counter_app.domain.reading import IdCardReading
from counter_app.domain.typed_identity import read_typed_identity
from counter_app.errors import (
    EXIT_BAD_INPUT,
    EXIT_ITEMS_FAILED,
    EXIT_OK,
    BadInputError,
    CounterAppError,
)
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor
from counter_app.services.clock import now_vn
from counter_app.services.documents.files import refuse_existing, write_document
from counter_app.services.documents.issuing import IssueRequest, issue_document
from counter_app.services.intake.receive import (
    BlockingFindingsError,
    preview_due_date,
    receive_dossier,
)
from counter_app.services.store.opening import Store, open_store


class IdentityMissingError(BadInputError):
    """Neither ``--qr`` nor the typed identity options were given."""

    code = "IDENTITY_MISSING"


def register(commands: Subparsers) -> None:
    group = commands.add_parser(
        "dossier",
        help="receive, change and look up dossiers",
        description="Receive a dossier, edit it, void it, move it through its lifecycle, show it.",
    )
    # The day's first dossier command starts the automatic daily backup (in the background).
    group.set_defaults(handler=lambda args: print_group_help(group), daily_backup=True)
    sub = group.add_subparsers(title="commands", metavar="COMMAND")
    _register_add(sub)
    dossier_change_commands.register_edit(sub)
    dossier_change_commands.register_void(sub)
    dossier_view_commands.register_show(sub)
    dossier_view_commands.register_list(sub)
    dossier_change_commands.register_transition(sub)
    supervisor_commands.register_send_back(sub)


def _register_add(sub: Subparsers) -> None:
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
    p.add_argument(
        "--typed",
        choices=["-"],
        help="read the typed identity, contact and proxy as one JSON object from stdin (keeps "
        "personal data off the command line)",
    )
    p.add_argument("--kind", choices=[k.value for k in ApplicantKind], default="citizen")
    p.add_argument("--id-type", choices=[t.value for t in IdType], default=None)
    for name in ("id-number", "name", "dob", "sex", "address", "issue-date", "nationality"):
        p.add_argument(f"--{name}", default="", help=f"typed applicant {name.replace('-', ' ')}")
    add_changeable_options(p)
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
    p.add_argument(
        "--print-to",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the outcome's form as PDF: the receipt, the supplement request or "
        "the refusal (as `receipt` / `form` would)",
    )
    p.add_argument("--competent-agency", default="", help="when not the receiving agency")
    for name in ("proxy-name", "proxy-id-number", "proxy-relation"):
        p.add_argument(f"--{name}", default="", help="someone submitting on the applicant's behalf")
    add_force_flag(p)
    add_json_flag(p)
    p.set_defaults(handler=run_add)


# ``--typed -``: JSON keys → the options they stand for (the keys of ``id check`` and more).
TYPED_KEYS = {
    "id_number": "id_number", "full_name": "name", "date_of_birth": "dob", "sex": "sex",
    "address": "address", "issue_date": "issue_date", "nationality": "nationality",
    "phone": "phone", "email": "email", "proxy_name": "proxy_name",
    "proxy_id_number": "proxy_id_number", "proxy_relation": "proxy_relation",
}  # fmt: skip


def run_add(args: argparse.Namespace) -> int:
    now = now_vn()
    if args.typed:
        overlay(args, read_stdin_object("--typed"), TYPED_KEYS)
    refuse_existing(args.print_to, force=args.force)
    try:
        applicant, findings = _applicant(args, now.date())
    except IdCardRejected as rejected:
        return _bad_scan(rejected, args)
    intake = Intake(
        procedure_code=args.procedure.strip(),
        applicant=applicant,
        outcome=Outcome(args.outcome),
        outcome_reason=text(args.reason),
        proxy=_proxy(args),
        documents=documents_from(args.document or []),
        sets=1 if args.sets is None else args.sets,
        fee_vnd=args.fee,
        fee_exemption=text(args.fee_exemption or ""),
        notes=text(args.note or ""),
        queue_ticket=args.queue_ticket.strip(),
        competent_agency=args.competent_agency.strip().upper(),
        acknowledged=frozenset(args.ack),
        findings=findings,
    )
    with open_store() as store:
        try:
            dossier = receive_dossier(store, intake, clerk=cli_actor(), now=now)
        except BlockingFindingsError:
            _explain_findings(findings, args)
            raise
        warnings = _due_warnings(store, dossier, args.lang)
        printed = _print_outcome(store, dossier, args.print_to, args.lang, force=args.force)
    if args.json:
        emit({**dossier_json(dossier, args.lang), "warnings": warnings, **printed})
    else:
        print(dossier_line(dossier, args.lang))
        for warning in warnings:
            print(warning["message"], file=sys.stderr)
        if "print_error" in printed:
            print(printed["print_error"]["message"], file=sys.stderr)
    return EXIT_ITEMS_FAILED if "print_error" in printed else EXIT_OK


_OUTCOME_FORMS = {
    Outcome.RECEIVED: FormKind.RECEIPT,
    Outcome.SUPPLEMENT: FormKind.SUPPLEMENT,
    Outcome.REFUSED: FormKind.REFUSAL,
}


def _print_outcome(
    store: Store, dossier: Dossier, out: Path | None, lang: str, *, force: bool = False
) -> dict[str, Any]:
    """The intake outcome's form; the dossier is saved whatever happens to the printing."""
    if out is None:
        return {}
    outcome = next(o for o in Outcome if o.status == dossier.status)
    request = IssueRequest(kind=_OUTCOME_FORMS[outcome], code=dossier.code)
    try:
        issue_document(
            store,
            request,
            actor=cli_actor(),
            now=now_vn(),
            deliver=lambda pdf: write_document(out, pdf, overwrite=force),
        )
    except CounterAppError as error:
        return {"print_error": {"code": error.code, "message": message_for(error.code, lang)}}
    return {"printed": str(out)}


def _due_warnings(store: Store, dossier: Dossier, lang: str) -> list[dict[str, Any]]:
    """The due date's warnings (an unconfirmed calendar year) for the clerk to see."""
    if dossier.due_at is None:
        return []
    received = datetime.fromisoformat(dossier.received_at)
    due = preview_due_date(store, dossier.procedure_code, received)
    return [
        {"code": w.code, "year": w.year,
         "message": message_for(w.code, lang, {"year": str(w.year)})}
        for w in due.warnings
    ]  # fmt: skip


def _bad_scan(rejected: IdCardRejected, args: argparse.Namespace) -> int:
    """A scan that is no ID card is bad input here (exit 2), not a failed item as in ``id``."""
    from counter_app.cli import report_error

    report_error(rejected.code, args)
    return EXIT_BAD_INPUT


def _applicant(args: argparse.Namespace, today: date) -> tuple[Applicant, tuple[Finding, ...]]:
    """The applicant with the findings of their identity (receive_dossier judges them)."""
    phone, email = args.phone or "", args.email or ""
    if args.kind != ApplicantKind.CITIZEN.value or args.id_type not in (None, "personal_id"):
        return _other_applicant(args), ()
    reading = _reading(args, today)
    return applicant_from_reading(reading, phone=phone, email=email), reading.findings


def _explain_findings(findings: tuple[Finding, ...], args: argparse.Namespace) -> None:
    """Name each blocking finding in words before the error line (what to type or confirm)."""
    for finding in findings:
        if finding.severity in (Severity.ERROR, Severity.CONFIRM):
            text = message_for(finding.code.value, args.lang, finding.params)
            print(f"{finding.code.value}: {text}", file=sys.stderr)


def _reading(args: argparse.Namespace, today: date) -> IdCardReading:
    if args.qr is not None:
        payload = read_stdin_line("--qr") if args.qr == "-" else args.qr
        outcome = parse_or_reject(payload.strip("\r\n"), today=today)
        if isinstance(outcome, IdCardRejected):
            raise outcome
        return outcome
    typed: dict[str, str | None] = {
        "id_number": args.id_number,
        "full_name": args.name,
        "date_of_birth": args.dob,
        "sex": args.sex,
        "address": args.address,
        "issue_date": args.issue_date,
    }
    if not typed.get("id_number"):
        raise IdentityMissingError("")
    return read_typed_identity(typed, today=today)


def _other_applicant(args: argparse.Namespace) -> Applicant:
    """An organisation, a foreigner or another document: no card checks apply."""
    if not args.id_number.strip() or not args.name.strip():
        raise IdentityMissingError("")
    return Applicant(
        kind=ApplicantKind(args.kind),
        id_type=IdType(args.id_type or "other"),
        id_number=args.id_number.strip(),
        full_name=text(args.name),
        date_of_birth=args.dob.strip(),
        sex=args.sex.strip(),
        address=text(args.address),
        phone=(args.phone or "").strip(),
        email=(args.email or "").strip(),
        nationality=text(args.nationality),
    )


def _proxy(args: argparse.Namespace) -> Proxy | None:
    if not args.proxy_name:
        return None
    if not args.proxy_id_number.strip():
        raise IdentityMissingError("proxy")
    return Proxy(
        full_name=text(args.proxy_name),
        id_type=IdType.PERSONAL_ID if len(args.proxy_id_number.strip()) == 12 else IdType.OTHER,
        id_number=args.proxy_id_number.strip(),
        relation=text(args.proxy_relation),
    )
