"""Which open appointments a calendar change would move, for a supervisor to decide.

A printed appointment is never rewritten by a calendar edit (dossier.md §5.6): the citizen holds
the paper. After an import, the app recomputes the due date of each open dossier whose date is
still the original one and lists those that now differ; a supervisor may then issue a new date
(an apology form) or leave it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from counter_app.domain.due_date import compute_due
from counter_app.services.calendar.work_days import load_calendar
from counter_app.services.catalogue import get_procedure
from counter_app.services.store.opening import Store
from counter_app.storage.dossiers import open_dossiers_with_original_due


@dataclass(frozen=True)
class MovedAppointment:
    code: str
    printed_due_at: str
    recomputed_due_at: str


def appointments_to_review(store: Store, folder: Path | None = None) -> list[MovedAppointment]:
    calendar = load_calendar(folder or store.folder)
    moved = []
    for code, procedure_code, version, received_at, due_at in open_dossiers_with_original_due(
        store
    ):
        procedure = get_procedure(store, procedure_code, version)
        again = compute_due(procedure, datetime.fromisoformat(received_at), calendar).due_at
        if again.date().isoformat() != due_at[:10]:
            moved.append(MovedAppointment(code, due_at, again.isoformat(timespec="seconds")))
    return moved
