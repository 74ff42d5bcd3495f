"""``counter-app login USER`` and ``counter-app logout``: a session for the guarded commands.

The password is read from standard input with ``--password -`` (the first line), or asked
for without echo when standard input is a terminal; never taken from the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from counter_app.cli.output import Subparsers, add_json_flag, emit
from counter_app.cli.user_commands import PasswordNotGivenError, read_password
from counter_app.errors import EXIT_OK
from counter_app.messages import message_for
from counter_app.services.cli_session import current_user, sign_in, sign_out
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import open_store
from counter_app.services.supervision.send_back import waiting_for


def register(commands: Subparsers) -> None:
    login = commands.add_parser(
        "login",
        help="sign in for the commands that need a role",
        description=(
            "Sign in as a user of the counter. The session is kept, owner-only, in the data "
            "folder and ends after the idle-lock time without a command, or at 'logout'. The "
            "password is the first line of standard input with --password -, or asked for on "
            "a terminal."
        ),
    )
    login.add_argument("username")
    login.add_argument("--password", choices=["-"], help="'-': read the password from stdin")
    add_json_flag(login, "print a JSON object")
    login.set_defaults(handler=run_login)
    logout = commands.add_parser(
        "logout", help="end the session", description="End this data folder's session."
    )
    add_json_flag(logout, "print a JSON object")
    logout.set_defaults(handler=run_logout)
    whoami = commands.add_parser(
        "whoami", help="who is signed in", description="Name the user of the live session."
    )
    add_json_flag(whoami, "print a JSON object")
    whoami.set_defaults(handler=run_whoami)


def _password(args: argparse.Namespace) -> str:
    if args.password == "-":
        return read_password()
    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu: " if args.lang == "vi" else "Password: ")
    raise PasswordNotGivenError("")


def run_login(args: argparse.Namespace) -> int:
    password = _password(args)
    with open_store() as store:
        user = sign_in(store, args.username, password, now=now_vn())
        to_fix = [row.code for row in waiting_for(store, user.actor)]
    if args.json:
        emit({"ok": True, "username": user.username, "role": user.role, "to_fix": to_fix})
        return EXIT_OK
    print(message_for("session.started", args.lang,
                      {"username": user.username, "role": user.role}))  # fmt: skip
    if to_fix:  # the clerk hears at sign-in what a supervisor sent back to them
        print(message_for("send_back.waiting", args.lang, {"codes": ", ".join(to_fix)}))
    return EXIT_OK


def run_logout(args: argparse.Namespace) -> int:
    with open_store() as store:
        ended = sign_out(store, now=now_vn())
    if args.json:
        emit({"ok": True, "ended": ended})
    else:
        print(message_for("session.ended" if ended else "session.none", args.lang))
    return EXIT_OK


def run_whoami(args: argparse.Namespace) -> int:
    with open_store() as store:
        user = current_user(store, now=now_vn())
    if args.json:
        emit({"ok": True, "username": user.username if user else None,
              "role": user.role if user else None})  # fmt: skip
    elif user is None:
        print(message_for("session.none", args.lang))
    else:
        print(f"{user.username}\t{user.role}\t{user.full_name}")
    return EXIT_OK
