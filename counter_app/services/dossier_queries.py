"""Read-only views of the dossiers for lists and screens (no transaction needed)."""

from __future__ import annotations

from datetime import date

from counter_app.domain.dossier import Applicant, Dossier
from counter_app.services.store import Store
from counter_app.storage import dossiers as rows
from counter_app.storage.applicants import find_applicant

MAX_PAGE = 1000  # a page of a list; views fetch the next page as the clerk scrolls


def list_dossiers(
    store: Store,
    *,
    day: date | None = None,
    status: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Dossier]:
    return rows.list_dossiers(
        store.db,
        day=day.isoformat() if day else None,
        status=status,
        limit=max(1, min(limit, MAX_PAGE)),
        offset=max(0, offset),
    )


def earlier_dossiers(store: Store, id_number: str, *, limit: int = 20) -> list[Dossier]:
    """A returning applicant's dossiers at this counter, newest first."""
    return rows.dossiers_of_applicant(store.db, id_number, limit=limit)


def returning_applicant(store: Store, id_type: str, id_number: str) -> Applicant | None:
    """The details a returning applicant gave last time at this counter (to fill the form)."""
    return find_applicant(store.db, id_type, id_number)
