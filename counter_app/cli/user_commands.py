"""``counter-app user add|disable|enable|reset|list``: IT manages the window's users without it.

Passwords come only from standard input (``--password -``, the first line), never from the
command line, where other users of the computer and the shell history would see them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from counter_app.cli.output import Subparsers, add_json_flag, emit, print_group_help
from counter_app.domain.roles import Role
from counter_app.errors import EXIT_OK, BadInputError
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor, cli_role
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import open_store
from counter_app.services.users import (
    UserInfo,
    add_user,
    disable_user,
    enable_user,
    list_users,
    reset_password,
)

ROLES = [role.value for role in Role]


class PasswordNotGivenError(BadInputError):
    """Standard input held no password."""

    code = "PASSWORD_NOT_GIVEN"


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "user",
        help="the desktop app's users: add, disable, enable, reset a password, list",
        description=(
            "Manage the people who sign in to the desktop app (roles: clerk, supervisor, "
            "administrator). Passwords are read from standard input with --password -."
        ),
    )
    parser.set_defaults(handler=lambda _args: print_group_help(parser))
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _register_add(sub)
    _register_disable(sub)
    _register_enable(sub)
    _register_reset(sub)
    _register_list(sub)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password", choices=["-"], required=True, help="'-': read the password from stdin"
    )


def _register_add(sub: Subparsers) -> None:
    add = sub.add_parser(
        "add",
        help="add a user",
        description=(
            "Add a user with a full name and a role (clerk by default). The password, at least "
            "8 characters, is the first line of standard input."
        ),
    )
    add.add_argument("username", help="2–32 characters: a-z, 0-9, '.', '_', '-'")
    add.add_argument("--full-name", required=True, help="the name shown in the window")
    add.add_argument("--role", choices=ROLES, default=Role.CLERK.value, help="clerk (default)")
    _password_option(add)
    add_json_flag(add, "print a JSON object")
    add.set_defaults(handler=run_add)


def _register_disable(sub: Subparsers) -> None:
    _register_on_off(sub, "disable", "disable a user (kept for the audit, cannot sign in)",
                     "Disable a user: the account stays for the audit but cannot sign in.",
                     run_disable)  # fmt: skip


def _register_enable(sub: Subparsers) -> None:
    _register_on_off(sub, "enable", "let a disabled user sign in again",
                     "Enable a disabled user: they sign in again with their password.",
                     run_enable)  # fmt: skip


def _register_on_off(
    sub: Subparsers,
    name: str,
    summary: str,
    description: str,
    handler: Callable[[argparse.Namespace], int],
) -> None:
    parser = sub.add_parser(name, help=summary, description=description)
    parser.add_argument("username")
    add_json_flag(parser, "print a JSON object")
    parser.set_defaults(handler=handler)


def _register_reset(sub: Subparsers) -> None:
    reset = sub.add_parser(
        "reset",
        help="set a new password for a user",
        description=(
            "Set a new password (the first line of standard input) and clear the pause after "
            "repeated wrong passwords."
        ),
    )
    reset.add_argument("username")
    _password_option(reset)
    add_json_flag(reset, "print a JSON object")
    reset.set_defaults(handler=run_reset)


def _register_list(sub: Subparsers) -> None:
    listing = sub.add_parser(
        "list",
        help="list the users",
        description="List the users with their role and whether they are active.",
    )
    add_json_flag(listing, "one JSON object per user")
    listing.set_defaults(handler=run_list)


def read_password() -> str:
    """The first line of stdin without its line ending; nothing there is an error."""
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise PasswordNotGivenError("")
    return line


def run_add(args: argparse.Namespace) -> int:
    password = read_password()
    with open_store() as store:
        user = add_user(store, username=args.username, full_name=args.full_name, role=args.role,
                        password=password, actor=cli_actor(), acting_role=cli_role(),
                        now=now_vn())  # fmt: skip
    return _report(args, "user.added", user)


def run_disable(args: argparse.Namespace) -> int:
    with open_store() as store:
        user = disable_user(
            store, args.username, actor=cli_actor(), acting_role=cli_role(), now=now_vn()
        )
    return _report(args, "user.disabled", user)


def run_enable(args: argparse.Namespace) -> int:
    with open_store() as store:
        user = enable_user(
            store, args.username, actor=cli_actor(), acting_role=cli_role(), now=now_vn()
        )
    return _report(args, "user.enabled", user)


def run_reset(args: argparse.Namespace) -> int:
    password = read_password()
    with open_store() as store:
        user = reset_password(store, args.username, password, actor=cli_actor(),
                              acting_role=cli_role(), now=now_vn())  # fmt: skip
    return _report(args, "user.reset", user)


def run_list(args: argparse.Namespace) -> int:
    with open_store() as store:
        users = list_users(store)
    for user in users:
        if args.json:
            emit(user_json(user))
        else:
            state = "" if user.active else " (disabled)"
            print(f"{user.username}\t{user.role}\t{user.full_name}{state}")
    return EXIT_OK


def user_json(user: UserInfo) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "active": user.active,
        "created_at": user.created_at,
        "updated_at": user.updated_at,
    }


def _report(args: argparse.Namespace, notice: str, user: UserInfo) -> int:
    if args.json:
        emit({"ok": True, **user_json(user)})
    else:
        print(message_for(notice, args.lang, {"username": user.username, "role": user.role}))
    return EXIT_OK
