"""The supervisor's commands: ``dossier send-back | fixed | check-fix``, ``audit list | export``.

A reason or a note may quote the applicant, so it is read from standard input (``-``), never
from the command line. Roles are checked by the services, with the session's role.
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from counter_app.cli.output import BadDateError, Subparsers, add_json_flag, emit
from counter_app.cli.stdin_input import read_stdin_line
from counter_app.errors import EXIT_OK
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor, cli_role
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import open_store
from counter_app.services.supervision import audit_view, send_back
from counter_app.storage.audit import AuditRow
from counter_app.storage.audit_query import AuditFilter


def register_send_back(sub: Subparsers) -> None:
    p = sub.add_parser(
        "send-back",
        help="a supervisor sends a dossier back to its clerk for fixing",
        description=(
            "Mark a dossier 'needs fixing'; the reason is the first line of standard input "
            "(--reason -). The clerk who received it sees it at sign-in and on the dossier."
        ),
    )
    p.add_argument("code", help="the dossier code")
    p.add_argument("--reason", choices=["-"], required=True, help="'-': read it from stdin")
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_send_back)
    p = sub.add_parser(
        "fixed",
        help="the clerk says a dossier sent back is fixed",
        description="Report the fix of a dossier sent back; an optional note from stdin.",
    )
    p.add_argument("code", help="the dossier code")
    p.add_argument("--note", choices=["-"], help="'-': read a short note from stdin")
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_fixed)
    p = sub.add_parser(
        "check-fix",
        help="a supervisor has checked the fix: the request closes",
        description="Close a send-back whose fix was reported, after checking it (audited).",
    )
    p.add_argument("code", help="the dossier code")
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_check_fix)


def run_send_back(args: argparse.Namespace) -> int:
    reason = read_stdin_line("--reason")
    with open_store() as store:
        send_back.send_back(store, args.code, reason=reason, role=cli_role(),
                            actor=cli_actor(), now=now_vn())  # fmt: skip
    return _done(args, "send_back.sent")


def run_fixed(args: argparse.Namespace) -> int:
    note = read_stdin_line("--note") if args.note == "-" else ""
    with open_store() as store:
        send_back.report_fixed(store, args.code, note=note, role=cli_role(), actor=cli_actor(),
                               now=now_vn())  # fmt: skip
    return _done(args, "send_back.fixed")


def run_check_fix(args: argparse.Namespace) -> int:
    with open_store() as store:
        send_back.check_fix(store, args.code, role=cli_role(), actor=cli_actor(), now=now_vn())
    return _done(args, "send_back.checked")


def _done(args: argparse.Namespace, notice: str) -> int:
    if args.json:
        emit({"ok": True, "code": args.code})
    else:
        print(message_for(notice, args.lang, {"code": args.code}))
    return EXIT_OK


def register_audit_view(sub: Subparsers) -> None:
    p = sub.add_parser(
        "list",
        help="show audit rows, newest first, filtered",
        description="Show audit rows (newest first) by user, dossier, action and time.",
    )
    _filter_options(p)
    p.add_argument("--limit", type=int, default=audit_view.PAGE, help="rows at most (500)")
    add_json_flag(p)
    p.set_defaults(handler=run_audit_list)
    p = sub.add_parser(
        "export",
        help="write audit rows to a CSV file (UTF-8 with BOM, for spreadsheets)",
        description=(
            "Export the audit rows that match the filters, oldest first, to a CSV file "
            "(UTF-8 with BOM, owner-only). The export is itself audited with its row count."
        ),
    )
    _filter_options(p)
    p.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_audit_export)


def _filter_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", default="", help="a user name (lan) or an actor (cli:root)")
    p.add_argument("--dossier", default="", help="a dossier code")
    p.add_argument("--action", default="", help="an action (dossier.create) or a prefix (user.)")
    p.add_argument("--since", default=None, help="from this day, YYYY-MM-DD")
    p.add_argument("--until", default=None, help="up to this day included, YYYY-MM-DD")


def audit_filter(args: argparse.Namespace) -> AuditFilter:
    since, until = _day(args.since), _day(args.until)
    return AuditFilter(
        actor=args.user.strip(),
        subject=args.dossier.strip(),
        action=args.action.strip(),
        since=since.isoformat() if since else "",
        until=(until + timedelta(days=1)).isoformat() if until else "",
    )


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadDateError("") from None


def run_audit_list(args: argparse.Namespace) -> int:
    with open_store() as store:
        rows = audit_view.find_rows(store, audit_filter(args), role=cli_role())
        rows = rows[: max(args.limit, 0)]
        audit_view.record_export(store, what="audit", rows=len(rows), actor=cli_actor(),
                                 now=now_vn(), command="audit list")  # fmt: skip
    for row in rows:
        if args.json:
            emit(_row_json(row))
        else:
            print(f"{row.seq}\t{row.at}\t{row.actor}\t{row.action}\t{row.subject}\t{row.details}")
    return EXIT_OK


def run_audit_export(args: argparse.Namespace) -> int:
    with open_store() as store:
        count = audit_view.export_csv(store, audit_filter(args), Path(args.out),
                                      role=cli_role(), actor=cli_actor(), now=now_vn())  # fmt: skip
    if args.json:
        emit({"ok": True, "rows": count, "path": args.out})
    else:
        print(message_for("audit.exported", args.lang, {"count": str(count), "path": args.out}))
    return EXIT_OK


def _row_json(row: AuditRow) -> dict[str, object]:
    return {"seq": row.seq, "at": row.at, "actor": row.actor, "action": row.action,
            "subject": row.subject, "details": row.details, "hash": row.hash}  # fmt: skip
