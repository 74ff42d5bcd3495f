"""Who may do what on the dossiers screens, in one small function the sign-in work can swap.

Corrections of a closed dossier and voids are a supervisor's (dossier.md §4: "leaving a
terminal status needs a supervisor correction"); ``counter_app/domain/roles.py`` holds the
table, and this screen asks it here and nowhere else.
"""

from __future__ import annotations

from typing import Final

from counter_app.errors import BadInputError
from ui.session import Session
from ui.users import allowed

CORRECT: Final = "dossier.correct"
VOID: Final = "dossier.void"


class SupervisorOnlyError(BadInputError):
    """A clerk asked for an action only a supervisor or an administrator may take."""

    code = "DOSSIER_SUPERVISOR_ONLY"


def _may(session: Session, action: str) -> bool:
    """Whether the signed-in user's role may take ``action`` (the roles table decides)."""
    return allowed(session, action)


def refuse_unless_allowed(session: Session, action: str) -> None:
    if not _may(session, action):
        raise SupervisorOnlyError(action)
