"""``counter-app export daily-log`` and ``counter-app report eod``: the supervisor's books.

``export daily-log`` writes the tracking log (Sổ theo dõi hồ sơ) of a period as XLSX, CSV or
PDF; ``report eod`` reconciles a day (received, printed, sent, acknowledged, returned) and,
with ``--sign-off``, records the supervisor's sign-off that the day's log prints. Both are
supervisor actions (``log.export``, ``report.eod``), guarded like every command that reads
personal data out of the store (``cli/guards.py``): they act with the signed-in session's role,
or the computer's account's (IT's) before the counter has an administrator.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any, Final

from counter_app.cli.numbers import bounded_int
from counter_app.cli.output import (
    BadDateError,
    Subparsers,
    add_force_flag,
    add_json_flag,
    emit,
    print_group_help,
)
from counter_app.errors import EXIT_ITEMS_FAILED, EXIT_OK
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor, cli_role
from counter_app.services.clock import now_vn
from counter_app.services.documents.files import refuse_existing, write_document
from counter_app.services.store.opening import open_store
from counter_app.services.supervision.end_of_day import DayReport, end_of_day_report, sign_off_day
from counter_app.services.supervision.tracking_log import LogFormat, LogRequest, export_tracking_log

MAX_COUNTER: Final = 99  # counters are numbered 1–99 (setup refuses others)


def register(commands: Subparsers) -> None:
    _register_export(commands)
    _register_report(commands)


def _register_export(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "export",
        help="the tracking log (Sổ theo dõi hồ sơ) as XLSX, CSV or PDF",
        description="Exports for supervisors: the tracking log of a period.",
    )
    parser.set_defaults(handler=lambda _args: print_group_help(parser))
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    p = sub.add_parser(
        "daily-log",
        help="the tracking log of a period, one row per dossier received",
        description=(
            "Write the tracking log (Mẫu 06 of TT 01/2018, Mẫu 07 of TT 03/2025; the columns "
            "of the counter's form set) for the dossiers received from --from to --to, of one "
            "counter or the whole store. The export is recorded in the audit log."
        ),
    )
    p.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--counter", type=bounded_int("--counter", 1, MAX_COUNTER), metavar="N",
                   help="only this counter's dossiers (default: every counter)")  # fmt: skip
    p.add_argument("--format", choices=[f.value for f in LogFormat], required=True)
    p.add_argument("--out", type=Path, metavar="FILE", required=True, help="the file to write")
    add_force_flag(p)
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_export_log)


def _register_report(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "report",
        help="the end-of-day reconciliation and its sign-off",
        description="Reports for supervisors.",
    )
    parser.set_defaults(handler=lambda _args: print_group_help(parser))
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    p = sub.add_parser(
        "eod",
        help="received, printed, sent, acknowledged, returned on a day; each discrepancy",
        description=(
            "Reconcile a day: the dossiers received, their receipts printed, sent to the city "
            "and acknowledged by it, and the results returned; list each dossier that falls "
            "short. --sign-off records the supervisor's sign-off in the audit log, printed on "
            "the day's tracking log. Exit 1 when a discrepancy is listed."
        ),
    )
    p.add_argument("--date", dest="day", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--counter", type=bounded_int("--counter", 1, MAX_COUNTER), metavar="N",
                   help="only this counter's dossiers (default: every counter)")  # fmt: skip
    p.add_argument("--sign-off", action="store_true", help="record the sign-off of the day")
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_report_eod)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadDateError("") from None


def run_export_log(args: argparse.Namespace) -> int:
    request = LogRequest(_day(args.first), _day(args.last), LogFormat(args.format), args.counter)
    refuse_existing(args.out, force=args.force)
    with open_store() as store:
        exported = export_tracking_log(
            store, request, actor=cli_actor(), role=cli_role(), now=now_vn()
        )
    write_document(args.out, exported.data, overwrite=args.force)
    if args.json:
        emit({"ok": True, "rows": exported.rows, "format": exported.format.value,
              "file": args.out.name})  # fmt: skip
    else:
        print(message_for("LOG_EXPORTED", args.lang, {"rows": str(exported.rows),
                                                      "file": args.out.name}))  # fmt: skip
    return EXIT_OK


def run_report_eod(args: argparse.Namespace) -> int:
    day = _day(args.day)
    with open_store() as store:
        if args.sign_off:
            report = sign_off_day(store, day, counter=args.counter, actor=cli_actor(),
                                  role=cli_role(), now=now_vn())  # fmt: skip
        else:
            report = end_of_day_report(store, day, counter=args.counter, role=cli_role())
    if args.json:
        emit(report_json(report))
    else:
        _print_report(report, args.lang)
    return EXIT_OK if report.balanced else EXIT_ITEMS_FAILED


def report_json(report: DayReport) -> dict[str, Any]:
    return {
        "ok": report.balanced,
        "date": report.day.isoformat(),
        "counter": report.counter,
        "received": report.received,
        "printed": report.printed,
        "sent": report.sent,
        "acknowledged": report.acknowledged,
        "returned": report.returned,
        "discrepancies": [{"code": d.code, "gap": d.gap.value} for d in report.discrepancies],
        "sign_offs": [{"by": s.name, "at": s.at.isoformat()} for s in report.sign_offs],
    }


def _print_report(report: DayReport, lang: str) -> None:
    figures = {
        "date": report.day.isoformat(), "received": str(report.received),
        "printed": str(report.printed), "sent": str(report.sent),
        "acknowledged": str(report.acknowledged), "returned": str(report.returned),
    }  # fmt: skip
    print(message_for("EOD_FIGURES", lang, figures))
    for found in report.discrepancies:
        print(f"{found.code}\t{message_for('EOD_GAP_' + found.gap.value.upper(), lang)}")
    for signed in report.sign_offs:
        at = signed.at.strftime("%H:%M %d/%m/%Y")
        print(message_for("EOD_SIGNED_OFF", lang, {"name": signed.name or "-", "at": at}))
    if report.balanced:
        print(message_for("EOD_BALANCED", lang))
