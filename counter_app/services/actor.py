"""Who is acting: recorded on every audit row and event.

The CLI acts as the operating-system account, marked ``cli:`` so a supervisor reading the
audit can tell a script from a clerk at the window, until a command runs under a signed-in
session (``services/cli_session.py``): then it acts as that user (``user:lan``).
"""

from __future__ import annotations

import getpass

# The actor and role of this command's session, when one was checked.
_signed_in: list[tuple[str, str]] = []
# Before the first administrator exists, whoever runs the command on the counter PC is IT.
OS_ACCOUNT_ROLE = "administrator"


def act_as(actor: str | None, role: str = "") -> None:
    """Record the signed-in actor for the rest of this command (None: the OS account again)."""
    _signed_in.clear()
    if actor:
        _signed_in.append((actor, role))


def cli_actor() -> str:
    return _signed_in[0][0] if _signed_in else os_actor()


def cli_role() -> str:
    """The role the command acts with: the session's, else the OS account's (IT)."""
    return _signed_in[0][1] if _signed_in else OS_ACCOUNT_ROLE


def os_actor() -> str:
    """The operating-system account as an actor (``cli:root``)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or password database
        name = "unknown"
    return f"cli:{name}"
