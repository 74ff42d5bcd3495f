"""Who may do what on the dossiers screens, in one small function the sign-in work can swap.

Corrections of a closed dossier and voids are a supervisor's (dossier.md §4: "leaving a
terminal status needs a supervisor correction"). Until roles have their own check, the
session's role decides here and nowhere else.
"""

from __future__ import annotations

from typing import Final

from counter_app.errors import BadInputError
from ui.session import Session

CORRECT: Final = "dossier.correct"
VOID: Final = "dossier.void"
SUPERVISOR_ACTIONS: Final = frozenset({CORRECT, VOID})
SUPERVISOR_ROLES: Final = frozenset({"supervisor", "administrator"})


class SupervisorOnlyError(BadInputError):
    """A clerk asked for an action only a supervisor or an administrator may take."""

    code = "DOSSIER_SUPERVISOR_ONLY"


def _may(session: Session, action: str) -> bool:
    """Whether the signed-in user may take ``action`` (the integrator swaps in roles' check)."""
    if action in SUPERVISOR_ACTIONS:
        return session.role in SUPERVISOR_ROLES
    return True


def refuse_unless_allowed(session: Session, action: str) -> None:
    if not _may(session, action):
        raise SupervisorOnlyError(action)
