"""Read-only views of the dossiers for lists and screens (no transaction needed)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from counter_app.domain.dossier import Applicant, Dossier
from counter_app.domain.lifecycle import is_overdue
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.catalogue import lookup_procedure
from counter_app.services.documents.issuing import issued_documents
from counter_app.services.dossiers.changes import DossierDetail, dossier_detail, get_dossier
from counter_app.services.dossiers.search import MAX_LIMIT as MAX_SEARCH_LIMIT
from counter_app.services.dossiers.search import SearchFilters, search_dossiers
from counter_app.services.settings.counter import load_config
from counter_app.services.store.opening import Store
from counter_app.services.users import full_name_of
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
        store,
        day=day.isoformat() if day else None,
        status=status,
        limit=max(1, min(limit, MAX_PAGE)),
        offset=max(0, offset),
    )


def earlier_dossiers(store: Store, id_number: str, *, limit: int = 20) -> list[Dossier]:
    """A returning applicant's dossiers at this counter, newest first."""
    return rows.dossiers_of_applicant(store, id_number, limit=limit)


def returning_applicant(store: Store, id_type: str, id_number: str) -> Applicant | None:
    """The details a returning applicant gave last time at this counter (to fill the form)."""
    return find_applicant(store, id_type, id_number)


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
    return lookups.codes_of_applicant_procedure_since(store, id_number, procedure_code, since)


def most_used_procedures(store: Store, limit: int = 10) -> list[Procedure]:
    """The procedures this counter received most, most used first (current catalogue)."""
    counter = load_config(store).counter
    found = []
    for code, _count in lookups.procedure_counts(store, counter, max(1, limit)):
        try:
            found.append(lookup_procedure(code, store))
        except BadInputError:  # withdrawn from the catalogue or switched off here
            continue
    return found


# --- The dossiers view (Hồ sơ): pages of rows, newest first --------------------------------

LIST_PAGE = 200  # rows a view asks for at a time: a few screens of the table
# Rows one page call may walk on the receipt-time index, whatever the filters: about 20–40 ms
# on an encrypted store. A filter matching little returns a short (even empty) page and a
# cursor to go on from, rather than one call that reads the whole table.
SCAN_BUDGET = 20_000
# A status alone or a procedure alone walks its own (value, received_at) index. Overdue, or
# a status with a procedure: when at most this many dossiers match, they are found through the
# status index and sorted; more, and walking the time index finds a page sooner. Each match
# costs a random read of its row: on a cold million-row store 4,840 of them took 1.5 s (so
# about 0.3 s for 1,000), while a time-index walk of 20,000 rows takes about 40 ms.
SELECTIVE_STATUS_ROWS = 1_000


@dataclass(frozen=True)
class ListFilters:
    """What the clerk narrowed the list to; None / False: not narrowed on that."""

    day_from: date | None = None
    day_to: date | None = None
    status: int | None = None
    procedure_code: str | None = None
    overdue: bool = False


@dataclass(frozen=True)
class ListCursor:
    """Where the next page starts: just after this row (newest first)."""

    received_at: str
    id: int


@dataclass(frozen=True)
class ListedDossier:
    """One row of the dossiers view: the columns shown, no JSON to parse."""

    id: int
    code: str
    received_at: str
    due_at: str | None
    status: int
    full_name: str
    id_number: str
    procedure_code: str
    procedure_name: str
    voided: bool
    overdue: bool


@dataclass(frozen=True)
class DossierPage:
    rows: list[ListedDossier]
    next: ListCursor | None  # None: nothing older matches


def dossier_page(
    store: Store,
    filters: ListFilters,
    *,
    today: date,
    after: ListCursor | None = None,
    limit: int = LIST_PAGE,
) -> DossierPage:
    """The next page of dossiers matching ``filters``, newest first, after ``after``.

    Never counts the matches: a view learns there is more from ``next``. A page may hold
    fewer than ``limit`` rows (even none) and still have a ``next``: the scan stopped at its
    budget; ask again from there.
    """
    limit = max(1, min(limit, MAX_PAGE))
    query = _ListQuery(filters, today, after)
    single = query.single_filter
    if single is not None:
        column, value = single
        found = rows.page_of_one_value(
            store, **query.bounds(), column=column, value=value, limit=limit
        )
        ids, last, more = _found_page(found, limit)
    elif query.selective(store):
        found = rows.page_by_status(store, **query.bounds(), **query.matches(), limit=limit)
        ids, last, more = _found_page(found, limit)
    else:
        ids, last, more = _scan_page(store, query, limit)
    listed = [_listed(row, today) for row in rows.listed_rows(store, ids)]
    cursor = ListCursor(last[1], last[0]) if more and last is not None else None
    return DossierPage(listed, cursor)


def _found_page(
    found: list[tuple[int, str]], limit: int
) -> tuple[list[int], tuple[int, str] | None, bool]:
    """An index query's page: its ids, the row to continue after, whether there may be more."""
    return [i for i, _ in found], (found[-1] if found else None), len(found) == limit


def _scan_page(
    store: Store, query: _ListQuery, limit: int
) -> tuple[list[int], tuple[int, str] | None, bool]:
    """Matching ids of one budgeted scan, the row to continue after, and whether to go on."""
    budget = SCAN_BUDGET if query.narrowed else limit
    scanned = rows.scan_newest(store, **query.bounds(), **query.matches(), budget=budget)
    ids: list[int] = []
    last: tuple[int, str] | None = None
    for dossier_id, received_at, hit in scanned:
        last = (dossier_id, received_at)
        if hit:
            ids.append(dossier_id)
            if len(ids) == limit:
                return ids, last, True
    return ids, last, len(scanned) == budget


class _ListQuery:
    """``ListFilters`` in the store's terms: time bounds, match values, the keyset position."""

    def __init__(self, filters: ListFilters, today: date, after: ListCursor | None) -> None:
        self.filters, self.today, self.after = filters, today, after

    @property
    def narrowed(self) -> bool:
        f = self.filters
        return f.status is not None or f.procedure_code is not None or f.overdue

    def bounds(self) -> dict[str, Any]:
        f = self.filters
        return {
            "received_from": f.day_from.isoformat() if f.day_from else None,
            "received_before": (f.day_to + timedelta(days=1)).isoformat() if f.day_to else None,
            "after": (self.after.received_at, self.after.id) if self.after else None,
        }

    def matches(self) -> dict[str, Any]:
        f = self.filters
        return {
            "status": f.status,
            "procedure_code": f.procedure_code,
            "overdue_before": self.today.isoformat() if f.overdue else None,
        }

    @property
    def single_filter(self) -> tuple[str, int | str] | None:
        """(column, value) when the list is narrowed on a status alone or a procedure alone
        (besides the days): that column's own time index serves it."""
        f = self.filters
        if f.overdue:
            return None
        if f.status is not None and f.procedure_code is None:
            return ("status", f.status)
        if f.procedure_code is not None and f.status is None:
            return ("procedure_code", f.procedure_code)
        return None

    def selective(self, store: Store) -> bool:
        f = self.filters
        if f.status is None and not f.overdue:
            return False
        found = rows.count_by_status_up_to(
            store,
            status=f.status,
            overdue_before=self.matches()["overdue_before"],
            cap=SELECTIVE_STATUS_ROWS + 1,
        )
        return found <= SELECTIVE_STATUS_ROWS


def _listed(row: tuple[Any, ...], today: date) -> ListedDossier:
    dossier_id, code, received_at, due_at, status, name, id_number, proc, proc_name, voided = row
    return ListedDossier(
        id=int(dossier_id),
        code=str(code),
        received_at=str(received_at),
        due_at=due_at,
        status=int(status),
        full_name=str(name),
        id_number=str(id_number),
        procedure_code=str(proc),
        procedure_name=str(proc_name),
        voided=voided is not None,
        overdue=voided is None and is_overdue(int(status), _day(due_at), today.isoformat()),
    )


def listed_dossier(store: Store, code: str, *, today: date) -> ListedDossier:
    """One dossier as a row of the view (after an action changed it)."""
    dossier = get_dossier(store, code)
    return _listed(rows.listed_rows(store, [dossier.id])[0], today)


def _day(stamp: str | None) -> str | None:
    return stamp[:10] if stamp else None


def search_page(
    store: Store,
    query: str,
    filters: ListFilters,
    *,
    today: date,
    offset: int = 0,
    limit: int = LIST_PAGE,
) -> tuple[list[ListedDossier], int | None]:
    """A page of the search box's matches (``search_dossiers``) as view rows; the next offset.

    Search finds by ID number, code or accent-free name; the day range and status narrow it
    in the index, procedure and overdue on the page found.
    """
    limit = max(1, min(limit, MAX_SEARCH_LIMIT))
    found = search_dossiers(
        store,
        query,
        filters=SearchFilters(day_from=filters.day_from, day_to=filters.day_to,
                              status=filters.status),
        limit=limit,
        offset=offset,
    )  # fmt: skip
    listed = [_listed(row, today) for row in rows.listed_rows(store, [d.id for d in found])]
    kept = [
        d
        for d in listed
        if (filters.procedure_code is None or d.procedure_code == filters.procedure_code)
        and (not filters.overdue or d.overdue)
    ]
    return kept, (offset + limit if len(found) == limit else None)


# --- One dossier for the detail pane ---------------------------------------------------------

SYNCED, PENDING, ATTENTION, NOT_SENT = "synced", "pending", "attention", "not_sent"


@dataclass(frozen=True)
class DossierSyncState:
    """Where the dossier's newest version stands with the city.

    ``synced``: the city holds it; ``pending``: waiting to be sent; ``attention``: the city
    refused it (``errors``: its field codes and paths, no personal data), a clerk must fix
    it; ``not_sent``: voided before any sync, it never goes out.
    """

    state: str
    errors: list[dict[str, str]] = field(default_factory=list)
    rejected_at: str = ""


@dataclass(frozen=True)
class DossierOverview:
    """Everything the detail pane shows, read in one go on the store's thread."""

    detail: DossierDetail
    procedure_name: str
    documents: list[dict[str, Any]]
    sync: DossierSyncState
    people: dict[str, str] = field(default_factory=dict)  # actor → user's full name or actor

    def person(self, actor: str) -> str:
        return self.people.get(actor, actor)


def dossier_overview(store: Store, code: str) -> DossierOverview:
    detail = dossier_detail(store, code)
    dossier = detail.dossier
    names = rows.listed_rows(store, [dossier.id])
    actors = {dossier.clerk, *(str(e.get("actor") or "") for e in detail.events)} - {""}
    return DossierOverview(
        detail=detail,
        procedure_name=str(names[0][8]) if names else "",
        documents=issued_documents(store, dossier.code),
        sync=sync_state(store, dossier, detail.outbox),
        people={actor: full_name_of(store, actor) or actor for actor in actors},
    )


def sync_state(
    store: Store, dossier: Dossier, outbox: list[tuple[int, str, str]]
) -> DossierSyncState:
    """The sync state of ``dossier`` from its outbox entries (version, key, state)."""
    newest = next((state for version, _, state in outbox if version == dossier.version), None)
    if newest == "rejected":
        stored = rows.rejection_of(store, dossier.id, dossier.version)
        text, at = stored if stored else ("", "")
        return DossierSyncState(ATTENTION, _rejection_errors(text), at)
    if newest == "pending":
        return DossierSyncState(PENDING)
    if dossier.is_voided and dossier.synced_version == 0:
        return DossierSyncState(NOT_SENT)
    if newest is None and dossier.synced_version == 0:
        return DossierSyncState(PENDING)
    return DossierSyncState(SYNCED)


def _rejection_errors(text: str) -> list[dict[str, str]]:
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return []
    found = data.get("errors", []) if isinstance(data, dict) else []
    return [{str(k): str(v) for k, v in e.items()} for e in found if isinstance(e, dict)]
