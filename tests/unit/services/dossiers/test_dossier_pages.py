"""Pages of the dossiers view: keyset paging newest first, filters, budgeted scans, sync state."""

from __future__ import annotations

import json
from datetime import date

import pytest

from counter_app.domain.dossier import Status
from counter_app.services.dossiers import queries
from counter_app.services.dossiers.changes import transition_dossier, void_dossier
from counter_app.services.dossiers.queries import (
    ListCursor,
    ListFilters,
    dossier_overview,
    dossier_page,
    search_page,
)
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.syncing.outbox import (
    REJECTED,
    RecordOutcome,
    next_pending,
    settle_outcomes,
)
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

TODAY = date(2026, 11, 20)


@pytest.fixture
def store(new_store: Store) -> Store:
    """Twelve dossiers over three days (Mon 16, Tue 17, Fri 20 November), four a day."""
    configure(new_store)
    for day in (16, 17, 20):
        for hour in (8, 9, 10, 11):
            person = citizen(name=f"Lê Văn Tư {day}{hour}", id_number=f"0011890{day}{hour:03d}")
            procedure = "1.004873" if hour % 2 else "2.000815"
            receive_dossier(
                new_store,
                intake(person, procedure=procedure),
                clerk=CLERK,
                now=vn(2026, 11, day, hour),
            )
    return new_store


def _codes(page: list[queries.ListedDossier]) -> list[str]:
    return [row.code for row in page]


def _all(store: Store, filters: ListFilters, limit: int) -> list[queries.ListedDossier]:
    found, cursor = [], None
    for _ in range(100):
        page = dossier_page(store, filters, today=TODAY, after=cursor, limit=limit)
        found.extend(page.rows)
        if page.next is None:
            return found
        cursor = page.next
    raise AssertionError("paging never ended")


def test_pages_walk_newest_first_without_gaps_or_repeats(store: Store) -> None:
    first = dossier_page(store, ListFilters(), today=TODAY, limit=5)
    assert len(first.rows) == 5 and first.next is not None
    assert first.rows[0].received_at.startswith("2026-11-20T11:00")
    walked = _all(store, ListFilters(), limit=5)
    assert len(walked) == 12 and len(set(_codes(walked))) == 12
    assert [r.received_at for r in walked] == sorted((r.received_at for r in walked), reverse=True)
    assert walked[0].procedure_name and walked[0].full_name.startswith("Lê Văn Tư")


def test_ties_on_the_receipt_time_are_paged_by_id(store: Store) -> None:
    for _ in range(3):
        receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 20, 12))
    walked = _all(store, ListFilters(day_from=TODAY, day_to=TODAY), limit=2)
    assert len(walked) == 7 and len(set(_codes(walked))) == 7


def test_day_range_status_and_procedure_filters(store: Store) -> None:
    today = _all(store, ListFilters(day_from=TODAY, day_to=TODAY), limit=50)
    assert len(today) == 4 and all(r.received_at.startswith("2026-11-20") for r in today)
    code = today[0].code
    transition_dossier(store, code, Status.IN_PROCESS, actor=CLERK, now=vn(2026, 11, 20, 13))
    in_process = _all(store, ListFilters(status=4), limit=50)
    assert _codes(in_process) == [code] and in_process[0].status == 4
    births = _all(store, ListFilters(procedure_code="1.004873"), limit=50)
    assert len(births) == 6 and {r.procedure_code for r in births} == {"1.004873"}
    both = _all(store, ListFilters(day_from=date(2026, 11, 17), procedure_code="2.000815"), 50)
    assert len(both) == 4


def test_overdue_is_open_past_its_due_day_and_not_voided(store: Store) -> None:
    later = date(2026, 12, 31)
    everything = _all(store, ListFilters(), limit=50)
    void_dossier(
        store,
        everything[-1].code,
        reason="nhầm",
        actor=CLERK,
        role="supervisor",
        now=vn(2026, 11, 20, 14),
    )
    transition_dossier(
        store, everything[-2].code, Status.RESULT_READY, actor=CLERK, now=vn(2026, 11, 20, 14)
    )
    page = dossier_page(store, ListFilters(overdue=True), today=later, limit=50)
    assert len(page.rows) == 10 and all(r.overdue for r in page.rows)
    first_day = date(2026, 11, 16)  # nothing is due before the first receipt
    assert dossier_page(store, ListFilters(overdue=True), today=first_day, limit=50).rows == []


def test_a_narrow_filter_scans_within_a_budget_and_goes_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "SCAN_BUDGET", 3)
    monkeypatch.setattr(queries, "SELECTIVE_STATUS_ROWS", 0)  # two filters: the time walk
    narrow = ListFilters(status=2, procedure_code="1.004873")
    page = dossier_page(store, narrow, today=TODAY, limit=50)
    assert len(page.rows) <= 3 and page.next is not None
    walked = _all(store, narrow, limit=50)
    assert len(walked) == 6


def test_one_status_walks_its_own_index_in_order_with_no_sort(store: Store) -> None:
    for _ in range(3):  # ties on the receipt time are paged by id
        receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 20, 12))
    walked = _all(store, ListFilters(status=2), limit=2)
    assert len(walked) == 15 and len(set(_codes(walked))) == 15
    assert [r.received_at for r in walked] == sorted((r.received_at for r in walked), reverse=True)
    plan = " ".join(
        str(row[-1])
        for row in store.db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id, received_at FROM dossiers "
            "INDEXED BY dossiers_status_received WHERE status = 2 "
            "ORDER BY received_at DESC, id DESC LIMIT 200"
        )
    )
    assert "dossiers_status_received" in plan and "TEMP B-TREE" not in plan


def test_one_procedure_walks_its_own_index(store: Store) -> None:
    walked = _all(store, ListFilters(procedure_code="2.000815"), limit=4)
    assert len(walked) == 6 and {r.procedure_code for r in walked} == {"2.000815"}
    assert [r.received_at for r in walked] == sorted((r.received_at for r in walked), reverse=True)


def test_a_common_status_with_a_procedure_is_paged_on_the_time_index(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "SELECTIVE_STATUS_ROWS", 2)
    walked = _all(store, ListFilters(status=2, procedure_code="1.004873"), limit=5)
    assert len(walked) == 6 and {r.procedure_code for r in walked} == {"1.004873"}


def test_a_cursor_past_the_oldest_row_ends(store: Store) -> None:
    page = dossier_page(store, ListFilters(), today=TODAY, after=ListCursor("2000-01-01", 1))
    assert page.rows == [] and page.next is None


def test_search_pages_keep_the_filters(store: Store) -> None:
    rows, following = search_page(store, "le van tu", ListFilters(), today=TODAY, limit=5)
    assert len(rows) == 5 and following == 5
    rows, following = search_page(
        store, "le van tu", ListFilters(procedure_code="1.004873"), today=TODAY
    )
    assert len(rows) == 6 and following is None
    exact, _ = search_page(store, "001189020008", ListFilters(), today=TODAY)
    assert len(exact) == 1 and exact[0].received_at.startswith("2026-11-20T08")


def test_overview_shows_events_documents_and_a_pending_sync(store: Store) -> None:
    code = _all(store, ListFilters(), limit=50)[0].code
    transition_dossier(store, code, Status.IN_PROCESS, actor=CLERK, now=vn(2026, 11, 20, 13))
    seen = dossier_overview(store, code)
    assert [e["kind"] for e in seen.detail.events][-1] == "transition"
    assert seen.sync.state == queries.PENDING and seen.documents == []
    assert seen.procedure_name


def test_a_rejected_version_needs_attention_with_the_city_codes(store: Store) -> None:
    items = next_pending(store, after_id=0, limit=100)
    errors = ({"field": "hoSo.MaTTHC", "code": "FIELD_UNKNOWN_PROCEDURE", "message": "x"},)
    settle_outcomes(
        store,
        [RecordOutcome(items[0], REJECTED, errors=errors)],
        batch_id="b",
        now=vn(2026, 11, 20),
    )
    seen = dossier_overview(store, items[0].dossier.code)
    assert seen.sync.state == queries.ATTENTION
    assert seen.sync.errors[0]["code"] == "FIELD_UNKNOWN_PROCEDURE"
    assert json.dumps(seen.sync.errors)  # plain values, ready for the window


def test_voided_before_sync_is_never_sent(store: Store) -> None:
    code = _all(store, ListFilters(), limit=50)[0].code
    void_dossier(
        store, code, reason="nhầm", actor=CLERK, role="supervisor", now=vn(2026, 11, 20, 14)
    )
    assert dossier_overview(store, code).sync.state == queries.NOT_SENT
