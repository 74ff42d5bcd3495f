"""Read-only views of the dossiers for lists and screens (no transaction needed)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from counter_app.domain.dossier import Applicant, Dossier
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.catalogue import lookup_procedure
from counter_app.services.counter_config import load_config
from counter_app.services.store import Store
from counter_app.storage import dossiers as rows
from counter_app.storage import intake_lookups as lookups
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


# How far back the same person with the same procedure counts as a possible duplicate intake:
# a citizen who was asked for more papers usually returns within the week.
DUPLICATE_WINDOW_DAYS = 7


def recent_same_procedure(
    store: Store,
    id_number: str,
    procedure_code: str,
    *,
    now: datetime,
    days: int = DUPLICATE_WINDOW_DAYS,
) -> list[tuple[str, str]]:
    """(code, received_at) of this ID's dossiers of the procedure in the last ``days`` days."""
    since = iso_vn(now - timedelta(days=days))
    return lookups.codes_of_applicant_procedure_since(store.db, id_number, procedure_code, since)


def most_used_procedures(store: Store, limit: int = 10) -> list[Procedure]:
    """The procedures this counter received most, most used first (current catalogue)."""
    counter = load_config(store.db).counter
    found = []
    for code, _count in lookups.procedure_counts(store.db, counter, max(1, limit)):
        try:
            found.append(lookup_procedure(code, store))
        except BadInputError:  # withdrawn from the catalogue or switched off here
            continue
    return found
