"""Handing a result over (9 → 10): the returns window and ``dossier transition`` call this.

The rules of the hand-over (a recipient's name; a proxy's ID number) live in
``domain/handover.py``; the transition itself checks them again, so no caller can skip them.
"""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.dossier import Dossier, Status
from counter_app.domain.handover import Recipient
from counter_app.services.dossiers.changes import transition_dossier
from counter_app.services.store.opening import Store


def hand_over(
    store: Store, code: str, recipient: Recipient, *, actor: str, now: datetime
) -> Dossier:
    """Record that ``recipient`` collected the result of dossier ``code``; return it stored."""
    details = recipient.details()  # refused before the store is touched
    return transition_dossier(store, code, Status.RETURNED, actor=actor, now=now, details=details)
