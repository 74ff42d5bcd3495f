"""The supervisor's dashboard: today and this month at a glance, what is late or nearly late,
and what has not reached the city.

One call reads every figure (``dashboard.view``, a supervisor's); the window runs it on its
store thread and again whenever a dossier changes. Overdue follows the lifecycle's rule (the
clock runs and today is past the due day); "due soon" is due today or in the next two days.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from counter_app.domain.lifecycle import CLOCK_RUNNING
from counter_app.services.catalogue import list_procedures
from counter_app.services.store.opening import Store
from counter_app.services.users import require
from counter_app.storage import dashboard as figures
from counter_app.storage.dashboard import DueRow
from counter_app.storage.outbox import count_pending_dossiers, count_rejected_heads

DUE_SOON_DAYS = 2  # the "due within two days": today, tomorrow, the day after
LIST_LIMIT = 200  # rows listed per due list; the total is shown beside it

__all__ = ["Dashboard", "DueRow", "SpanCounts", "load_dashboard", "span_counts"]


@dataclass(frozen=True)
class SpanCounts:
    """Dossiers received in a span of days, by status code, procedure code and clerk."""

    total: int
    by_status: dict[str, int]
    by_procedure: dict[str, int]
    by_clerk: dict[str, int]


@dataclass(frozen=True)
class Dashboard:
    today: str
    today_counts: SpanCounts
    month_counts: SpanCounts
    overdue: list[DueRow]
    overdue_total: int
    due_soon: list[DueRow]
    due_soon_total: int
    unsynced: int
    rejected: int
    procedure_names: dict[str, tuple[str, str]]  # code → (Vietnamese, English) name


def load_dashboard(store: Store, *, role: str, today: date) -> Dashboard:
    require(role, "dashboard.view")
    day = today.isoformat()
    overdue, overdue_total = figures.due_between(
        store, CLOCK_RUNNING, after="", before=day, limit=LIST_LIMIT
    )
    soon_end = (today + timedelta(days=DUE_SOON_DAYS + 1)).isoformat()
    soon, soon_total = figures.due_between(
        store, CLOCK_RUNNING, after=day, before=soon_end, limit=LIST_LIMIT
    )
    return Dashboard(
        today=day,
        today_counts=span_counts(store, first=today, last=today),
        month_counts=span_counts(store, first=today.replace(day=1), last=today),
        overdue=overdue,
        overdue_total=overdue_total,
        due_soon=soon,
        due_soon_total=soon_total,
        unsynced=count_pending_dossiers(store),
        rejected=count_rejected_heads(store),
        procedure_names={
            p.code: (p.name_vi, p.name_en) for p in list_procedures(store, include_inactive=True)
        },
    )


def span_counts(store: Store, *, first: date, last: date) -> SpanCounts:
    rows = figures.span_rows(store, first_day=first.isoformat(), last_day=last.isoformat())
    by_status: Counter[str] = Counter()
    by_procedure: Counter[str] = Counter()
    by_clerk: Counter[str] = Counter()
    for row in rows:
        by_status[str(row.status)] += row.dossiers
        by_procedure[row.procedure_code] += row.dossiers
        by_clerk[row.clerk] += row.dossiers
    return SpanCounts(
        total=sum(by_status.values()),
        by_status=dict(by_status),
        by_procedure=dict(by_procedure),
        by_clerk=dict(by_clerk),
    )
