"""The dashboard's figures: today and this month by status, procedure and clerk; due lists."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.dossier import Status
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.supervision.dashboard import load_dashboard
from counter_app.services.users import RoleNotAllowedError
from tests.dossier_helpers import configure, intake, vn


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    receive_dossier(new_store, intake(procedure="2.000815"), clerk="user:binh",
                    now=vn(2026, 10, 30))  # fmt: skip
    for clerk, day in (("user:lan", 3), ("user:binh", 16), ("user:lan", 16), ("user:lan", 17)):
        receive_dossier(new_store, intake(), clerk=clerk, now=vn(2026, 11, day))
    return new_store


def test_counts_of_today_and_of_the_month(store: Store) -> None:
    board = load_dashboard(store, role="supervisor", today=date(2026, 11, 16))
    assert board.today_counts.total == 2
    assert board.today_counts.by_clerk == {"user:binh": 1, "user:lan": 1}
    month = board.month_counts
    assert month.total == 3  # the 17th is tomorrow, October is last month
    assert month.by_procedure == {"1.004873": 3}
    assert month.by_status == {str(int(Status.RECEIVED)): 3}
    assert board.unsynced == 5 and board.rejected == 0


def test_overdue_and_due_soon_lists_with_totals(store: Store) -> None:
    first = load_dashboard(store, role="supervisor", today=date(2026, 11, 4))
    # The same-day procedure of 30 October was due that afternoon; the 3 November one is due
    # on the 6th (three working days), inside "today and the next two days" of the 4th.
    assert [(d.procedure_code, d.due_at[:10]) for d in first.overdue] == [
        ("2.000815", "2026-10-30")
    ]
    assert [d.due_at[:10] for d in first.due_soon] == ["2026-11-06"]
    later = load_dashboard(store, role="administrator", today=date(2026, 12, 31))
    assert later.overdue_total == 5 and later.due_soon_total == 0
    assert [d.due_at for d in later.overdue] == sorted(d.due_at for d in later.overdue)
    code = later.overdue[0].code
    dossiers.transition_dossier(store, code, Status.RESULT_READY, actor="user:lan",
                                now=vn(2026, 12, 1))  # fmt: skip
    after = load_dashboard(store, role="supervisor", today=date(2026, 12, 31))
    assert after.overdue_total == 4 and code not in [d.code for d in after.overdue]


def test_a_clerk_is_refused_the_dashboard(store: Store) -> None:
    with pytest.raises(RoleNotAllowedError):
        load_dashboard(store, role="clerk", today=date(2026, 11, 16))
