"""The ``counter-app`` command: the desktop app with no subcommand, tools for IT and scripts.

Conventions (docs/CLI.md): exit 0 success, 1 some items failed, 2 bad input or usage, 3 the
environment; JSON one object per line; '-' reads payloads from stdin. Errors print a plain
sentence, never a traceback; an unexpected one goes, redacted, to the error log.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from counter_app import APP_NAME, __version__
from counter_app.cli import (
    backup_commands,
    calendar_commands,
    catalogue_commands,
    city_sim_commands,
    clock_commands,
    demo_commands,
    dossier_commands,
    form_commands,
    id_commands,
    provision_commands,
    report_commands,
    self_test_commands,
    session_commands,
    store_commands,
    sync_commands,
    user_commands,
)
from counter_app.cli.guards import check_guard, mark_guarded
from counter_app.cli.output import emit
from counter_app.errors import EXIT_ITEMS_FAILED, EXIT_OK, CounterAppError, EnvironmentProblem
from counter_app.messages import LANGUAGES, VI, message_for
from counter_app.services.backup.auto import start_daily_backup_if_due
from counter_app.services.backup.restore_swap import take_notices as take_repairs
from counter_app.services.clock import now_vn
from counter_app.services.error_log import log_unexpected_error
from counter_app.services.paths import DATA_DIR_ENV, data_dir
from counter_app.services.store.errors import database_error
from counter_app.services.store.opening import take_notices

LANG_ENV = "COUNTER_APP_LANG"
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description=(
            "Dossier intake for the one-stop counter. Without a command it opens the desktop "
            "app; the commands below serve IT, supervisors and scripts."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=os.environ.get(LANG_ENV) if os.environ.get(LANG_ENV) in LANGUAGES else VI,
        help=f"language of messages: vi (default) or en; also the {LANG_ENV} variable",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"the data folder (store, key file, backups, logs); also the {DATA_DIR_ENV} variable",
    )
    self_test_commands.add_flag(parser)
    parser.set_defaults(handler=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    id_commands.register(commands)
    store_commands.register(commands)
    provision_commands.register(commands)
    dossier_commands.register(commands)
    form_commands.register(commands)
    catalogue_commands.register(commands)
    calendar_commands.register(commands)
    backup_commands.register(commands)
    demo_commands.register(commands)
    sync_commands.register(commands)
    city_sim_commands.register(commands)
    user_commands.register(commands)
    clock_commands.register(commands)
    report_commands.register(commands)
    session_commands.register(commands)
    mark_guarded(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _use_utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except CounterAppError as error:  # a number option out of range (cli/numbers.py)
        words = list(sys.argv[1:] if argv is None else argv)
        lang = parser.get_default("lang")
        if "--lang" in words[:-1]:
            lang = words[words.index("--lang") + 1]
        shown = argparse.Namespace(lang=lang, json="--json" in words)
        report_error(error.code, shown, detail=error.detail)
        return error.exit_status
    if args.data_dir:
        os.environ[DATA_DIR_ENV] = args.data_dir
    if args.self_test and args.handler is None:
        args.handler = self_test_commands.run_self_test
    if args.handler is None:
        return open_desktop_app(args)
    return _run_handler(args)


class NoDisplayError(EnvironmentProblem):
    """The desktop app was asked for where no screen can show it (a server, SSH, CI)."""

    code = "NO_DISPLAY"


def open_desktop_app(args: argparse.Namespace) -> int:
    """Open the main window (Qt is imported only here: the commands never load it)."""
    if not _display_available():
        report_error(NoDisplayError.code, args)
        return NoDisplayError.exit_status
    from ui.app import run_app

    # The language setting of the window applies unless one was asked for here.
    asked = (
        any(a == "--lang" or a.startswith("--lang=") for a in sys.argv) or LANG_ENV in os.environ
    )
    return run_app(lang=args.lang if asked else None)


def _display_available() -> bool:
    """On Linux a window needs X11 or Wayland (or a Qt platform chosen on purpose, e.g.
    ``offscreen``); without one Qt would abort the process instead of saying why."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run_handler(args: argparse.Namespace) -> int:
    try:
        return _run_and_report(args)
    finally:
        _say_repairs(args)


def _say_repairs(args: argparse.Namespace) -> None:
    """What opening the store repaired (an interrupted restore, the marks), on stderr: JSON
    stays clean."""
    for repair in take_repairs():
        print(message_for(repair.code, args.lang, repair.params()), file=sys.stderr)
    for notice in take_notices():
        print(message_for(notice.code, args.lang, {"count": str(notice.amount)}), file=sys.stderr)


def _run_and_report(args: argparse.Namespace) -> int:
    try:
        check_guard(args)
        status: int = args.handler(args)
        if status == EXIT_OK and getattr(args, "daily_backup", False):
            start_daily_backup_if_due(None, now_vn())
        return status
    except CounterAppError as error:
        report_error(error.code, args, detail=error.detail)
        return error.exit_status
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # the last resort: a sentence on screen, the stack in the log
        typed = database_error(error, folder=_data_folder())
        if typed is not None:  # a damaged page or a full disk met by any read or write
            report_error(typed.code, args, detail=typed.detail)
            return typed.exit_status
        _log_quietly(error)
        report_error("UNEXPECTED", args)
        return EXIT_ITEMS_FAILED


def _data_folder() -> Path | None:
    with contextlib.suppress(OSError, CounterAppError):
        return data_dir()
    return None


def _log_quietly(error: Exception) -> None:
    """Log an unexpected error; if even the log cannot be written, the sentence must still show."""
    with contextlib.suppress(OSError):
        log_unexpected_error(error, where=" ".join(sys.argv[1:2]) or APP_NAME)


def report_error(code: str, args: argparse.Namespace, *, detail: str = "") -> None:
    """The error's sentence on stderr (and JSON on stdout with ``--json``), then its code."""
    message = message_for(code, args.lang, {"detail": detail} if detail else None)
    if getattr(args, "json", False):
        extra = {"detail": detail} if detail and detail != code else {}
        emit({"ok": False, "error_code": code, "error": message, **extra})
    suffix = f" ({detail})" if detail and detail != code else ""
    label = "Mã lỗi" if args.lang == VI else "Error code"
    print(f"{message}\n{label}: {code}{suffix}", file=sys.stderr)


def _use_utf8_streams() -> None:
    """Windows consoles default to a code page that cannot show Vietnamese."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
