"""``counter-app sync``: send the outbox to the city, pull its changes, show the sync's state.

The engine does one pass and says when to try again; this loop does the waiting (on the
monotonic clock), gives up after ``--max-wait`` seconds with exit status 1, and prints a
progress bar on a terminal. The token is never an option: ``sync set-token -`` reads it
from stdin.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from counter_app.cli import sync_offline_commands, sync_recover_commands
from counter_app.cli.backup_commands import backup_status_json, print_backup_status
from counter_app.cli.demo_commands import ProgressBar
from counter_app.cli.numbers import bounded_float, bounded_int
from counter_app.cli.output import Subparsers, add_json_flag, emit
from counter_app.cli.sync_recover_commands import client_config
from counter_app.errors import EXIT_ITEMS_FAILED, EXIT_OK, BadInputError, CounterAppError
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor
from counter_app.services.backup.city_recovery import recovery_notice
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.cancellations import pending_cancellation_count
from counter_app.services.syncing.journal import read_journal
from counter_app.services.syncing.outbox import needs_attention, pending_count, rejected_count
from counter_app.services.syncing.settings import (
    SyncNotConfiguredError,
    SyncSettings,
    check_token_file_mode,
    load_sync_settings,
    save_sync_settings,
    save_token,
)
from sync.client import SyncClient, check_ca_bundle, check_url
from sync.engine import Progress, SyncReport, run_sync_once

DEFAULT_MAX_WAIT_S = 600.0  # a drain from the command line gives up after ten minutes
# ``sync configure`` options → setting names (sync.* keys)
_CONFIGURABLE = {
    "url": "url",
    "batch_size": "batch_size",
    "connect_timeout": "connect_timeout_s",
    "read_timeout": "read_timeout_s",
    "backoff_base": "backoff_base_s",
    "backoff_cap": "backoff_cap_s",
    "ca_bundle": "ca_bundle",
    "token_file": "token_file",
    "send_refused": "send_refused_at_intake",
}


class SyncGaveUpError(CounterAppError):
    """``--max-wait`` ran out with records still pending (exit status 1)."""

    code = "SYNC_GAVE_UP"


class SyncTokenStdinError(BadInputError):
    """``set-token`` reads the token from stdin only ('-'), never from the command line."""

    code = "SYNC_TOKEN_STDIN_ONLY"


@dataclass
class Totals:
    """Every pass of one ``sync`` command as one report, and how many passes it took."""

    report: SyncReport = field(default_factory=SyncReport)
    passes: int = 0

    def add(self, report: SyncReport) -> None:
        self.report, self.passes = self.report.then(report), self.passes + 1


# A day: no timeout or backoff of the sync makes sense beyond it.
MAX_SECONDS = 86400


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "sync",
        help="send pending dossiers to the city and pull its status changes",
        description=(
            "Send the outbox to the city system and pull status changes and the catalogue. "
            "Without --once, keep going (waiting as the backoff says) until nothing is "
            "pending, and give up after --max-wait seconds with exit status 1. --url uses "
            "another address for this run only (plain http:// only to this computer)."
        ),
    )
    parser.add_argument("--url", metavar="URL", help="the city's sync address for this run")
    parser.add_argument("--once", action="store_true", help="one pass, then stop")
    parser.add_argument(
        "--max-wait", type=bounded_float("--max-wait", 0, 7 * 86400),
        default=DEFAULT_MAX_WAIT_S, metavar="S",
        help=f"give up after S seconds ({DEFAULT_MAX_WAIT_S:.0f})",
    )  # fmt: skip
    add_json_flag(parser, "print a JSON summary object at the end")
    parser.set_defaults(handler=run_sync)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _register_status(sub)
    _register_attention(sub)
    _register_configure(sub)
    _register_set_token(sub)
    sync_offline_commands.register(sub)
    sync_recover_commands.register(sub)


def _register_status(sub: Subparsers) -> None:
    p = sub.add_parser(
        "status",
        help="pending and rejected counts, last success and error, clock skew",
        description=(
            "Show the sync's state: dossiers pending, versions needing attention, the last "
            "success and the last error, and the clock skew measured against the city server."
        ),
    )
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_status)


def _register_attention(sub: Subparsers) -> None:
    p = sub.add_parser(
        "attention",
        help="the needs-attention list: versions the city rejected, with its reasons",
        description=(
            "List the dossier versions the city rejected (Cần xử lý), each with the fields "
            "and reasons the city gave. They are never re-sent as they are: correct the "
            "dossier (dossier edit) and its new version is sent."
        ),
    )
    add_json_flag(p)
    p.set_defaults(handler=run_attention)


def _register_configure(sub: Subparsers) -> None:
    p = sub.add_parser(
        "configure",
        help="set the sync address, batch size, timeouts and backoff limits",
        description=(
            "Store sync settings (keys sync.*): the city's address, the batch size (1–50), "
            "connect and read timeouts, backoff base and cap in seconds, an extra CA bundle "
            "and a token file. Without options, print the settings."
        ),
    )
    p.add_argument("--url", metavar="URL", help="the city's sync address (https://)")
    p.add_argument(
        "--batch-size",
        type=bounded_int("--batch-size", 0, 10**6),
        metavar="N",
        help="records per batch (50)",
    )
    for option, default in (
        ("--connect-timeout", 5), ("--read-timeout", 30), ("--backoff-base", 2),
        ("--backoff-cap", 300),
    ):  # fmt: skip
        p.add_argument(
            option,
            type=bounded_float(option, 0, MAX_SECONDS),
            metavar="S",
            help=f"seconds ({default})",
        )
    p.add_argument("--ca-bundle", metavar="FILE", help="an extra CA bundle (PEM)")
    p.add_argument("--token-file", metavar="FILE", help="an owner-only file holding the token")
    p.add_argument("--send-refused", choices=("yes", "no"),
                   help="send dossiers refused at intake to the city (yes)")  # fmt: skip
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_configure)


def _register_set_token(sub: Subparsers) -> None:
    p = sub.add_parser(
        "set-token",
        help="store the counter's token, read from stdin ('-')",
        description=(
            "Read the counter's token from stdin ('-') and store it in the owner-only file "
            "sync-token in the data folder. The token is never given on the command line."
        ),
    )
    p.add_argument("source", metavar="-", help="'-': read the token from stdin")
    p.set_defaults(handler=run_set_token)


# --- sync -----------------------------------------------------------------------------------


def run_sync(args: argparse.Namespace) -> int:
    with open_store() as store:
        settings = load_sync_settings(store)
        if args.url:
            settings = replace(settings, url=check_url(args.url))
        if not settings.url:
            raise SyncNotConfiguredError("")
        client = SyncClient(client_config(store, settings))
        try:
            totals, gave_up = _drain(store, client, settings, args)
        finally:
            client.close()
    _print_summary(totals, args, gave_up=gave_up)
    report = totals.report
    if gave_up:
        raise SyncGaveUpError(str(report.pending))
    unsent = report.pending and report.error_code  # --once after a failed pass
    return EXIT_ITEMS_FAILED if report.rejected or unsent else EXIT_OK


def _drain(
    store: Store, client: SyncClient, settings: SyncSettings, args: argparse.Namespace
) -> tuple[Totals, bool]:
    """Passes until nothing is pending; (totals, gave up) — the waiting happens here."""
    totals, deadline = Totals(), time.monotonic() + max(args.max_wait, 0.0)
    bar = ProgressBar(sys.stderr) if not args.json and sys.stderr.isatty() else None
    progress = _bar_updater(bar, totals) if bar else None
    try:
        while True:
            report = run_sync_once(store, client, now=now_vn(), settings=settings,
                                   progress=progress)  # fmt: skip
            totals.add(report)
            if report.paused and report.error is not None:
                raise report.error
            if args.once or report.retry_in_s is None:
                return totals, False
            if time.monotonic() + report.retry_in_s > deadline:
                return totals, True
            _say_waiting(args, report)
            time.sleep(report.retry_in_s)
    finally:
        if bar:
            bar.finish()


def _bar_updater(bar: ProgressBar, totals: Totals) -> Progress:
    def update(report: SyncReport) -> None:
        so_far = totals.report
        done = so_far.acknowledged + so_far.rejected + report.acknowledged + report.rejected
        bar.update(done, done + report.pending)

    return update


def _say_waiting(args: argparse.Namespace, report: SyncReport) -> None:
    if args.json or report.error_code is None or not sys.stderr.isatty():
        return
    reason = message_for(report.error_code, args.lang).rstrip(".")
    values = {"reason": reason, "seconds": f"{report.retry_in_s or 0:.0f}"}
    print(message_for("sync.waiting", args.lang, values), file=sys.stderr)


def _print_summary(totals: Totals, args: argparse.Namespace, *, gave_up: bool) -> None:
    report = totals.report
    if args.json:
        ok = not gave_up and not report.rejected and not report.error_code
        emit({"ok": ok, "sent": report.sent,
              "acknowledged": report.acknowledged, "rejected": report.rejected,
              "pending": report.pending, "statuses_updated": report.statuses_updated,
              "retry_later": report.retry_later, "needs_attention": report.needs_attention,
              "requests": report.requests, "passes": totals.passes,
              "catalogue_updated": report.catalogue_updated, "last_error": report.error_code,
              "gave_up": gave_up})  # fmt: skip
        return
    print(message_for("sync.summary", args.lang, {
        "sent": str(report.sent), "acknowledged": str(report.acknowledged),
        "rejected": str(report.rejected), "pending": str(report.pending),
        "statuses": str(report.statuses_updated)}))  # fmt: skip


# --- status, attention, configure, set-token ---------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    with open_store() as store:
        journal = read_journal(store)
        status = {
            "pending": pending_count(store),
            "rejected": rejected_count(store),
            # Voided here, maybe live at the city, until the city acknowledges the void.
            "cancellations_pending": pending_cancellation_count(store),
            "last_success_at": journal.last_success_at,
            "last_error": journal.last_error,
            "last_error_at": journal.last_error_at,
            "clock_skew_s": journal.clock_skew_s,
            "clock_skew_warning": journal.skew_warning,
            "next_attempt_at": journal.next_attempt_at,
            "failures": journal.failures,
            "url": load_sync_settings(store).url or None,
            # Dossiers a restore took back that the city has not yet said it holds.
            "recovery_awaiting_city": recovery_notice(store, now=now_vn()).awaiting,
            **sync_offline_commands.unsynced_fields(store),
            "backup": backup_status_json(store.folder),
        }
    if args.json:
        emit(status)
        return EXIT_OK
    skew = "-" if journal.clock_skew_s is None else f"{journal.clock_skew_s:.0f}"
    values = {
        "pending": str(status["pending"]),
        "rejected": str(status["rejected"]),
        "success": journal.last_success_at or "-",
        "error": journal.last_error or "-",
        "skew": skew,
    }
    print(message_for("sync.status", args.lang, values))
    if journal.skew_warning:
        print(message_for("sync.skew_warning", args.lang,
                          {"skew": f"{journal.clock_skew_s:.0f}"}))  # fmt: skip
    if status["recovery_awaiting_city"]:
        count = str(status["recovery_awaiting_city"])
        print(message_for("sync.recovery_awaiting", args.lang, {"count": count}))
    sync_offline_commands.print_unsynced_warning(status, args.lang)
    print_backup_status(store.folder, args.lang)
    return EXIT_OK


def run_attention(args: argparse.Namespace) -> int:
    with open_store() as store:
        items = needs_attention(store)
    for item in items:
        errors = [{**e, "text": message_for(e.get("code", ""), args.lang)} for e in item.errors]
        if args.json:
            emit({"code": item.code, "version": item.version, "idempotency_key": item.key,
                  "rejected_at": item.rejected_at, "errors": errors})  # fmt: skip
            continue
        print(f"{item.code} v{item.version} ({item.rejected_at})")
        for error in errors:
            print(f"  {error.get('field', '')}: {error['text']}")
    return EXIT_OK


def run_configure(args: argparse.Namespace) -> int:
    changes = {
        name: getattr(args, option)
        for option, name in _CONFIGURABLE.items()
        if getattr(args, option) is not None
    }
    if changes.get("url"):
        changes["url"] = check_url(changes["url"])
    if changes.get("ca_bundle"):
        check_ca_bundle(changes["ca_bundle"])
    if changes.get("token_file"):
        check_token_file_mode(Path(changes["token_file"]))
    with open_store() as store:
        if changes:
            settings = save_sync_settings(store, changes, actor=cli_actor(), now=now_vn())
        else:
            settings = load_sync_settings(store)
    shown = {name: getattr(settings, name) for name in settings.__dataclass_fields__}
    if args.json:
        emit({"ok": True, **shown})
        return EXIT_OK
    if changes:
        print(message_for("sync.configured", args.lang))
    for name, value in shown.items():
        print(f"sync.{name}: {value}")
    return EXIT_OK


def run_set_token(args: argparse.Namespace) -> int:
    if args.source != "-":
        raise SyncTokenStdinError("")
    token = sys.stdin.readline()
    with open_store() as store:
        save_token(store, token, actor=cli_actor(), now=now_vn())
    print(message_for("sync.token_saved", args.lang))
    return EXIT_OK
