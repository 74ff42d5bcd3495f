"""``counter-app setup``, ``search`` and ``audit verify|list``: the store for IT and supervisors."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from typing import Any

from counter_app.cli import supervisor_commands
from counter_app.cli.backup_commands import backup_status_json, print_backup_status
from counter_app.cli.dossier_output import dossier_json, dossier_line
from counter_app.cli.numbers import BadOptionError, bounded_int
from counter_app.cli.output import BadDateError, Subparsers, emit, print_group_help
from counter_app.domain.dossier_code import parse_range
from counter_app.domain.lifecycle import parse_status
from counter_app.errors import EXIT_ITEMS_FAILED, EXIT_OK
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor, cli_role
from counter_app.services.audit_check import AuditReport, acknowledge_breaks, verify_audit
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.search import SearchFilters, search_dossiers
from counter_app.services.settings.change import change_settings
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import create_store, open_store, store_exists
from counter_app.services.store.replace import replace_store
from counter_app.services.store.setup import describe_store, set_up_counter
from counter_app.services.supervision.audit_view import record_export
from sync.export import counter_keys
from sync.url_policy import with_checked_url


def register(commands: Subparsers) -> None:
    _register_setup(commands)
    _register_settings(commands)
    _register_search(commands)
    _register_audit(commands)


def _register_setup(commands: Subparsers) -> None:
    p = commands.add_parser(
        "setup",
        help="IT's first step: create the store and set agency and counter",
        description=(
            "Create this counter's encrypted store (first run) and set its receiving agency, "
            "counter number and code range; run again to change them (audited)."
        ),
    )
    p.add_argument(
        "--agency-code", required=True, help="QCVN 102:2016 identifier, e.g. 000.31.27.H26"
    )
    p.add_argument("--agency-name", required=True, help="the agency's name as printed")
    p.add_argument(
        "--counter",
        type=bounded_int("--counter", -(10**6), 10**6),
        required=True,
        help="this counter's number (1–99)",
    )
    p.add_argument(
        "--code-range",
        default=None,
        metavar="START-END",
        help="dossier numbers of this counter (default n001–n999 for counter n)",
    )
    p.add_argument(
        "--form-set",
        choices=("2025", "2018"),
        default="2025",
        help="the form numbering to print (default 2025)",
    )
    p.add_argument(
        "--plain",
        action="store_true",
        help="opt out of encryption at rest (first run only; not recommended)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help=(
            "IT only, when no backup can be restored: keep the earlier store's files and keys "
            "aside (never deleted) and create a new store (audited)"
        ),
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=run_setup)


def run_setup(args: argparse.Namespace) -> int:
    config, warnings = build_config(
        agency_code=args.agency_code,
        agency_name=args.agency_name,
        counter=args.counter,
        code_range=parse_range(args.code_range) if args.code_range else None,
        form_set=args.form_set,
    )
    now, actor = now_vn(), cli_actor()
    created = args.replace or not store_exists()
    kept: list[str] = []
    if args.replace:
        store, kept = replace_store(encrypted=not args.plain, actor=actor, now=now)
    else:
        store = create_store(encrypted=not args.plain) if created else open_store()
    with store:
        changed = set_up_counter(store, config, actor=actor, now=now)
        # The signing key of the offline batch file is made here, so IT can hand its public
        # half to the city at installation (``sync keys`` prints it).
        keys = counter_keys(store, now=now)
        result = {
            "ok": True,
            "created": created,
            "encrypted": store.encrypted,
            "key_location": store.key_location or None,
            "changed": changed,
            "kept_aside": kept,
            "warnings": warnings,
            "sync_key_fingerprint": keys.fingerprint,
            **{k.removeprefix("counter."): v for k, v in config.as_settings().items()},
        }
    _print_setup(result, args)
    return EXIT_OK


def _print_setup(result: dict[str, Any], args: argparse.Namespace) -> None:
    if args.json:
        emit(result)
        return
    vi = args.lang == "vi"
    print(
        ("Đã tạo dữ liệu quầy" if vi else "Store created")
        if result["created"]
        else ("Đã cập nhật cài đặt" if vi else "Settings updated")
    )
    print(
        f"{result['agency_code']}  {result['agency_name']}  "
        f"{'quầy' if vi else 'counter'} {result['counter']}  {result['code_range']}"
    )
    if result["kept_aside"]:
        files = ", ".join(result["kept_aside"])
        print(message_for("setup.replaced", args.lang, {"files": files}))
    for code in result["warnings"]:
        print(message_for(code, args.lang), file=sys.stderr)


def _register_settings(commands: Subparsers) -> None:
    p = commands.add_parser(
        "settings",
        help="show the counter's settings; change any group's with --set",
        description=(
            "Show the counter's settings (agency, counter, code range, form set …), the schema "
            "version, whether the store is encrypted, where its key is kept, and what that "
            "protects against. --set GROUP.NAME=VALUE changes a setting of the forms, sync, "
            "ui or intake group (validated and audited; all or nothing)."
        ),
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="GROUP.NAME=VALUE",
        help="change a setting, e.g. forms.place=Hà Nội or ui.idle_lock_minutes=10 "
        "(repeatable; a JSON value such as 10 or true is read as such)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=run_settings)


def run_settings(args: argparse.Namespace) -> int:
    assignments = with_checked_url(settings_assignments(args.set))
    with open_store() as store:
        if assignments:
            changed = change_settings(store, assignments, actor=cli_actor(), role=cli_role(),
                                      now=now_vn())  # fmt: skip
            if args.json:
                emit(changed)
            else:
                _print_groups(changed)
            return EXIT_OK
        described = describe_store(store)
    protection = message_for(described.protection, args.lang)
    if args.json:
        emit({**asdict(described), "protection_text": protection,
              "backup": backup_status_json(store.folder)})  # fmt: skip
        return EXIT_OK
    for key, value in described.settings.items():
        print(f"{key}: {value}")
    print(f"schema: {described.schema_version}")
    print(f"encrypted: {described.encrypted}  key: {described.key_location or '-'}")
    print(protection)
    print_backup_status(store.folder, args.lang)
    return EXIT_OK


def _register_search(commands: Subparsers) -> None:
    p = commands.add_parser(
        "search",
        help="find dossiers by ID number, code, or accent-free name/address",
        description=(
            "Find dossiers: 12- or 9-digit ID number, a dossier code (or its beginning), or "
            "words of a name or address without accents ('dang thi' finds 'Đặng Thị'). '-' "
            "reads the query from standard input."
        ),
    )
    p.add_argument("query", help="what to look for, or '-' for standard input")
    p.add_argument(
        "--limit", type=bounded_int("--limit", 0, 10**6), default=50, help="page size (default 50)"
    )
    p.add_argument(
        "--offset",
        type=bounded_int("--offset", 0, 10**9),
        default=0,
        help="results to skip (paging)",
    )
    p.add_argument("--from", dest="day_from", default=None, help="received on or after YYYY-MM-DD")
    p.add_argument("--to", dest="day_to", default=None, help="received on or before YYYY-MM-DD")
    p.add_argument("--status", default=None, help="only this status (number or name)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=run_search)


def run_search(args: argparse.Namespace) -> int:
    query = sys.stdin.readline().strip() if args.query == "-" else args.query
    filters = SearchFilters(
        day_from=_day(args.day_from),
        day_to=_day(args.day_to),
        status=int(parse_status(args.status)) if args.status else None,
    )
    with open_store() as store:
        found = search_dossiers(store, query, filters=filters, limit=args.limit, offset=args.offset)
        record_export(store, what="dossier", rows=len(found), actor=cli_actor(), now=now_vn(),
                      command="search")  # fmt: skip
    for dossier in found:
        if args.json:
            emit(dossier_json(dossier, args.lang))
        else:
            print(dossier_line(dossier, args.lang))
    return EXIT_OK


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadDateError("") from None


def _register_audit(commands: Subparsers) -> None:
    group = commands.add_parser(
        "audit",
        help="check the tamper-evident audit log",
        description="The append-only, hash-chained audit log of every action.",
    )
    group.set_defaults(handler=lambda args: print_group_help(group))
    sub = group.add_subparsers(title="commands", metavar="COMMAND")
    p = sub.add_parser(
        "verify",
        help="check the whole chain; name the first bad row",
        description=(
            "Walk the audit chain and recompute every hash; report the first edited, deleted "
            "or reordered row, and a tail cut off after the last recorded head. Exit 1 if broken."
        ),
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=run_audit_verify)
    p = sub.add_parser(
        "acknowledge",
        help="a supervisor has looked at a break of the audit log: stop reporting it",
        description=(
            "A tail cut off, a chain rewritten or an older file put back stays reported by "
            "'audit verify' until a supervisor acknowledges it here, after checking it. "
            "The acknowledgement is an audit row of its own."
        ),
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=run_audit_acknowledge)
    supervisor_commands.register_audit_view(sub)


def run_audit_verify(args: argparse.Namespace) -> int:
    with open_store() as store:
        report = verify_audit(store)
    _print_audit(report, args)
    return EXIT_OK if report.ok else EXIT_ITEMS_FAILED


def run_audit_acknowledge(args: argparse.Namespace) -> int:
    with open_store() as store:
        count = acknowledge_breaks(store, actor=cli_actor(), now=now_vn())
    if args.json:
        emit({"ok": True, "acknowledged": count})
    else:
        vi = args.lang == "vi"
        print(f"{'Đã xác nhận' if vi else 'Acknowledged'}: {count}")
    return EXIT_OK


def _print_audit(report: AuditReport, args: argparse.Namespace) -> None:
    if args.json:
        emit(report.as_json())
        return
    vi = args.lang == "vi"
    if report.ok:
        print(
            f"{'Nhật ký nguyên vẹn' if vi else 'Audit chain intact'}: {report.rows} "
            f"{'dòng' if vi else 'rows'}, head {report.head_seq} {report.head_hash[:16]}"
        )
        return
    if report.problem_code and not any(f.code == report.problem_code for f in report.findings):
        print(message_for(report.problem_code, args.lang, {"seq": str(report.first_bad_seq)}))
    for finding in report.findings:
        params = {"seq": str(finding.seq), "subject": finding.subject}
        print(message_for(finding.code, args.lang, params))
    if report.more_findings:
        print(f"{'… và' if vi else '… and'} {report.more_findings} {'mục nữa' if vi else 'more'}")


def settings_assignments(given: list[str]) -> dict[str, Any]:
    """``group.name=value`` options as a mapping; a JSON value (10, true) keeps its type."""
    assignments: dict[str, Any] = {}
    for item in given:
        key, sep, raw = item.partition("=")
        if not sep:
            raise BadOptionError("--set")
        try:
            value: Any = json.loads(raw)
        except ValueError:
            value = raw
        assignments[key.strip()] = value if isinstance(value, (bool, int, float)) else raw
    return assignments


def _print_groups(groups: dict[str, dict[str, Any]]) -> None:
    for group, values in groups.items():
        for name, value in values.items():
            print(f"{group}.{name}: {value}")
