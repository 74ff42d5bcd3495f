"""Who is acting: recorded on every audit row and event.

Until sign-in exists (the desktop app), the CLI acts as the operating-system account, marked
``cli:`` so a supervisor reading the audit can tell a script from a clerk at the window.
"""

from __future__ import annotations

import getpass


def cli_actor() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or password database
        name = "unknown"
    return f"cli:{name}"
