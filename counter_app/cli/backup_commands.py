"""``counter-app backup``, ``backup list``, ``restore`` and ``check``: the store's copies for IT.

A restore replaces the counter's data, so it asks first on a terminal and demands ``--yes``
from a script. Texts go to the screen in the chosen language; ``--json`` prints objects.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from counter_app.cli.numbers import bounded_int
from counter_app.cli.output import Subparsers, emit
from counter_app.cli.sync_recover_commands import recover_after_restore
from counter_app.errors import EXIT_ITEMS_FAILED, EXIT_OK, BadInputError
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor
from counter_app.services.backup.auto import auto_backup_if_due, check_now
from counter_app.services.backup.copies import (
    BACKUPS_FOLDER,
    DEFAULT_KEEP,
    BackupResult,
    export_key,
    list_backups,
    make_backup,
)
from counter_app.services.backup.restore import (
    RestoreReport,
    restore_backup,
)
from counter_app.services.backup.status import CHECK_OK, read_status
from counter_app.services.clock import now_vn
from counter_app.services.paths import data_dir
from counter_app.services.store.errors import free_space
from counter_app.services.store.opening import open_store

CONFIRM_WORDS = ("yes", "y", "có", "co")  # what a person may type to go on with a restore


class RestoreNotConfirmedError(BadInputError):
    """A restore was not confirmed: declined at the prompt, or ``--yes`` missing in a script."""

    code = "RESTORE_NOT_CONFIRMED"


def register(commands: Subparsers) -> None:
    _register_backup(commands)
    _register_restore(commands)
    _register_check(commands)


def _register_check(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "check",
        help="check the store for damaged pages now, and the free space (before any restore)",
        description=(
            "Run SQLite's quick_check on the store now (the automatic backup runs it daily), "
            "record the result where sync status and the window show it, and print the free "
            "space of the data folder. Exit 0 when the store is sound, 1 when damaged. Run it "
            "before restoring a backup: a full disk or a file held open elsewhere is no damage."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    folder = data_dir()
    result = check_now(None, now=now_vn())
    sound = result == CHECK_OK
    if args.json:
        emit({"ok": sound, "check": result, "free": free_space(folder), "folder": str(folder)})
    else:
        key = "check.sound" if sound else "check.damaged"
        _say(args, key, detail=result, free=free_space(folder), folder=str(folder))
    return EXIT_OK if sound else EXIT_ITEMS_FAILED


def _register_backup(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "backup",
        help="back the store up (encrypted, checked, rotated), or export its key",
        description=(
            "Make a checked backup of the store while the app may keep running: an encrypted "
            "copy named counter-AGENCY-cN-YYYYMMDD-HHMMSS-SEQUENCE.db with a JSON sidecar, in "
            "the data folder's backups/ or in --to DIR (an external drive, a shared folder). "
            "Only the newest --keep backups of this counter in that folder are kept (by their "
            "sequence number, never by the clock); other counters' files are never touched. "
            "With --export-key FILE, write the store's key to a new owner-only file instead "
            "(needed to restore on another computer)."
        ),
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--to", metavar="DIR", type=Path, help="an existing folder to write to")
    target.add_argument(
        "--export-key", metavar="FILE", type=Path, help="write the store's key to a new file"
    )
    target.add_argument(
        "--auto",
        action="store_true",
        help="today's automatic backup, only if not made yet (started by the app each day)",
    )
    parser.add_argument(
        "--keep",
        type=bounded_int("--keep", -(10**6), 10**6),
        default=None,
        help=f"backups to keep in the folder ({DEFAULT_KEEP})",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(handler=run_backup)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    listing = sub.add_parser(
        "list",
        help="list the backups of the data folder's backups/ with their sidecar details",
        description=(
            "List the backups in the data folder's backups/ folder (every counter's), newest "
            "first, with what each sidecar says (time, schema, dossier count, checksum), and "
            "mark the ones not to trust: sidecar missing or unreadable, size or SHA-256 not "
            "matching the sidecar, partial (being written, or left by a killed run). --json "
            "prints one object per backup."
        ),
    )
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.add_argument(
        "--no-hash", action="store_true", help="skip the SHA-256 check (reads every file whole)"
    )
    listing.set_defaults(handler=run_backup_list)


def _register_restore(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "restore",
        help="replace the store by a backup, keeping the current store aside",
        description=(
            "Restore a backup: check it (checksum, integrity, schema), keep the current store "
            "aside as counter-before-restore-YYYYMMDD-HHMMSS.db, put the copy in its place and "
            "list the dossiers the backup lacks compared with the high-water marks. Asks for "
            "confirmation on a terminal; a script must give --yes. --key-file opens a backup "
            "made on another computer with that computer's exported key."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the backup file")
    parser.add_argument("--key-file", type=Path, metavar="F", help="the key the backup uses")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    if args.export_key is not None:
        return _run_export_key(args)
    if args.auto:
        return _run_auto(args)
    keep = DEFAULT_KEEP if args.keep is None else args.keep
    with open_store() as store:
        result = make_backup(store, to=args.to, keep=keep, actor=cli_actor(), now=now_vn())
    if args.json:
        emit(_backup_json(result))
    else:
        _say(args, "backup.done", file=str(result.path), size=result.size,
             dossiers=result.dossier_count)  # fmt: skip
        if result.removed:
            _say(args, "backup.rotated", count=len(result.removed), keep=keep)
    return EXIT_OK


def _run_auto(args: argparse.Namespace) -> int:
    """The daily automatic backup: nothing when today's exists; never asks, never raises."""
    outcome = auto_backup_if_due(None, now_vn())
    if outcome is None:
        if args.json:
            emit({"ok": True, "made": False})
        return EXIT_OK
    if outcome.result is None:
        from counter_app.cli import report_error

        report_error(outcome.error_code, args)
        return EXIT_ITEMS_FAILED
    if args.json:
        emit({**_backup_json(outcome.result), "made": True})
    else:
        _say(args, "backup.done", file=str(outcome.result.path), size=outcome.result.size,
             dossiers=outcome.result.dossier_count)  # fmt: skip
    return EXIT_OK


def _backup_json(result: BackupResult) -> dict[str, Any]:
    return {
        "ok": True,
        "file": str(result.path),
        "size": result.size,
        "dossiers": result.dossier_count,
        "schema_version": result.schema_version,
        "encrypted": result.encrypted,
        "sha256": result.sha256,
        "removed": list(result.removed),
    }


def _run_export_key(args: argparse.Namespace) -> int:
    if args.keep is not None:
        raise BadInputError("--keep")
    with open_store() as store:
        out = export_key(store, args.export_key, actor=cli_actor(), now=now_vn())
    if args.json:
        emit({"ok": True, "file": str(out)})
    else:
        _say(args, "key.exported", file=str(out))
    return EXIT_OK


def run_backup_list(args: argparse.Namespace) -> int:
    folder = data_dir() / BACKUPS_FOLDER  # listing needs neither the store nor its key
    entries = list_backups(folder, verify=not args.no_hash)
    for entry in entries:
        row = {**entry.info, "file": entry.path.name, "size": entry.size,
               "problems": list(entry.problems)}  # fmt: skip
        if args.json:
            emit(row)
        else:
            print(_list_line(row))
    if not entries and not args.json:
        _say(args, "backup.none", folder=str(folder))
    return EXIT_OK


def _list_line(row: dict[str, Any]) -> str:
    shown = ("created_at", "size", "dossier_count", "schema_version", "app_version")
    line = "  ".join([row["file"], *(f"{key}={row[key]}" for key in shown if key in row)])
    return line + ("  ⚠ " + ", ".join(row["problems"]) if row["problems"] else "")


def run_restore(args: argparse.Namespace) -> int:
    _confirm(args)
    report = restore_backup(
        data_dir(), args.file, key_file=args.key_file, actor=cli_actor(), now=now_vn()
    )
    if not args.json:
        _print_restore(args, report)
    # The city is the other copy: what it holds of the lost dossiers comes back from it now.
    city = recover_after_restore(args)
    if args.json:
        emit({**_restore_json(report), "city_recovery": city})
    return EXIT_OK


def _confirm(args: argparse.Namespace) -> None:
    """Ask on a terminal; a script (stdin not a terminal) must say --yes. Nothing is written."""
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise RestoreNotConfirmedError("")
    print(message_for("restore.confirm", args.lang, {"file": args.file.name}), file=sys.stderr)
    answer = input("> ").strip().casefold()
    if answer not in CONFIRM_WORDS:
        raise RestoreNotConfirmedError("")


def _restore_json(report: RestoreReport) -> dict[str, Any]:
    mark = report.audit_mark
    return {
        "ok": True,
        "restored_from": report.restored_from,
        "kept_as": None if report.kept_as is None else str(report.kept_as),
        "backup_schema": report.backup_schema,
        "schema_version": report.schema_version,
        "dossiers": report.dossier_count,
        "missing": [m._asdict() for m in report.missing],
        "behind": [b._asdict() for b in report.behind],
        "audit": {
            "restored": report.audit_restored._asdict(),
            "mark": None if mark is None else mark._asdict(),
            "behind": report.audit_behind,
        },
    }


def _print_restore(args: argparse.Namespace, report: RestoreReport) -> None:
    _say(args, "restore.done", dossiers=report.dossier_count, file=report.restored_from)
    if report.kept_as is not None:
        _say(args, "restore.kept_as", file=str(report.kept_as))
    if report.missing:
        codes = ", ".join(m.code for m in report.missing)
        _say(args, "restore.missing", count=len(report.missing), codes=codes)
    if report.behind:
        codes = ", ".join(b.code for b in report.behind)
        _say(args, "restore.behind", count=len(report.behind), codes=codes)
    if report.audit_behind and report.audit_mark is not None:
        restored, mark = report.audit_restored.seq, report.audit_mark.seq
        _say(args, "restore.audit_behind", restored=restored, mark=mark)


# --- the automatic backup's status, shown by `sync status` and `settings` --------------------


def backup_status_json(data_folder: Path) -> dict[str, Any]:
    return read_status(data_folder).as_json()


def print_backup_status(data_folder: Path, lang: str) -> None:
    """One line on the automatic backup and the daily check, then a warning for each failure."""
    status = read_status(data_folder)
    print(message_for("backup.status", lang, {
        "success": status.last_success_at or "-", "check_at": status.check_at or "-",
        "check": status.check_result or "-"}))  # fmt: skip
    if status.backup_failed:
        code = status.last_error or ""
        print(message_for("backup.auto_failed", lang, {
            "at": status.last_attempt_at or "-", "code": code,
            "reason": message_for(code, lang)}))  # fmt: skip
    if status.check_failed:
        print(message_for("backup.check_failed", lang, {
            "at": status.check_at or "-", "detail": status.check_result or ""}))  # fmt: skip


def _say(args: argparse.Namespace, key: str, **params: object) -> None:
    print(message_for(key, args.lang, {name: str(value) for name, value in params.items()}))
