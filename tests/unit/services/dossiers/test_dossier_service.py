"""Receiving and changing dossiers on a real store file: one transaction per action."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from counter_app.domain.dossier import DocumentReceived, IdType, Outcome, Proxy, Status
from counter_app.domain.lifecycle import ReasonRequiredError, TransitionRefusedError
from counter_app.services.calendar.work_days import due_date_for
from counter_app.services.catalogue import lookup_procedure
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import OutcomeReasonRequiredError, receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.users import RoleNotAllowedError
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

HANDED = {"recipient": "Đặng Thị Thuỷ"}  # who collected the result (9 → 10)


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def count(store: Store, table: str) -> int:
    return int(store.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_receive_writes_row_version_due_date_event_outbox_and_audit_together(store: Store) -> None:
    now = vn(2026, 10, 15, 10, 5)
    proxy = Proxy("Nguyễn Văn Bình", IdType.PERSONAL_ID, "001090000002", relation="chồng")
    dossier = receive_dossier(store, replace(intake(), proxy=proxy), clerk=CLERK, now=now)
    expected_due = due_date_for(lookup_procedure("1.004873", store), now).due_at
    assert dossier.status == Status.RECEIVED and dossier.version == 1
    assert dossier.due_at == expected_due.isoformat()
    assert dossier.received_at == "2026-10-15T10:05:00+07:00"
    assert dossier.applicant.full_name == "Đặng Thị Thuỷ" and dossier.proxy == proxy
    assert dossier.documents == (DocumentReceived("Tờ khai", 1, 0),)
    assert dossier.catalogue_version >= 1 and dossier.fee_vnd >= 0
    for table in ("dossiers", "dossier_versions", "due_dates", "dossier_events", "outbox"):
        assert count(store, table) == 1, table
    actions = [row.action for row in iter_audit(store.db)]
    assert actions[-1] == "dossier.create"
    assert "Thuỷ" not in json.dumps([tuple(r) for r in iter_audit(store.db)], ensure_ascii=False)


def test_supplement_and_refusal_at_intake_need_a_reason_and_get_no_due_date(store: Store) -> None:
    with pytest.raises(OutcomeReasonRequiredError):
        receive_dossier(store, intake(outcome=Outcome.REFUSED), clerk=CLERK, now=vn(2026, 11, 2))
    assert count(store, "dossiers") == 0
    refused = receive_dossier(
        store,
        intake(outcome=Outcome.REFUSED, reason="Không thuộc thẩm quyền"),
        clerk=CLERK,
        now=vn(2026, 11, 2),
    )
    guided = receive_dossier(
        store,
        intake(outcome=Outcome.SUPPLEMENT, reason="Thiếu giấy chứng sinh"),
        clerk=CLERK,
        now=vn(2026, 11, 2, 9, 30),
    )
    assert (refused.status, refused.due_at) == (Status.REFUSED, None)
    assert (guided.status, guided.due_at) == (Status.SUPPLEMENT_REQUESTED, None)
    assert refused.code != guided.code  # both keep a code, so the return visit finds them


def test_guided_supplement_comes_back_complete_with_a_due_date_from_then(store: Store) -> None:
    guided = receive_dossier(
        store,
        intake(outcome=Outcome.SUPPLEMENT, reason="Thiếu tờ khai"),
        clerk=CLERK,
        now=vn(2026, 11, 2),
    )
    back = dossiers.transition_dossier(
        store, guided.code, Status.RECEIVED, actor=CLERK, now=vn(2026, 11, 9, 14)
    )
    expected = due_date_for(lookup_procedure("1.004873", store), vn(2026, 11, 9, 14)).due_at
    assert back.status == Status.RECEIVED and back.due_at == expected.isoformat()
    detail = dossiers.dossier_detail(store, guided.code)
    assert [d["reason"] for d in detail.due_dates] == ["status_2"]


def test_transitions_raise_the_version_and_write_one_outbox_row_each(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    for minute, target in enumerate((Status.IN_PROCESS, Status.RESULT_READY, Status.RETURNED), 1):
        d = dossiers.transition_dossier(
            store, d.code, target, actor=CLERK, now=vn(2026, 11, 3, 9, minute), details=HANDED
        )
    assert (d.status, d.version, d.returned_at) == (10, 4, "2026-11-03T09:03:00+07:00")
    detail = dossiers.dossier_detail(store, d.code)
    assert [k for _, k, _ in detail.outbox] == [f"{d.uuid}:{v}" for v in (1, 2, 3, 4)]
    assert [e["to_status"] for e in detail.events] == [2, 4, 9, 10]
    assert detail.versions == 4


def test_refused_transition_changes_nothing(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    before = (count(store, "dossier_events"), count(store, "outbox"), count(store, "audit_log"))
    with pytest.raises(TransitionRefusedError):
        dossiers.transition_dossier(
            store, d.code, Status.RETURNED, actor=CLERK, now=vn(2026, 11, 3)
        )
    with pytest.raises(ReasonRequiredError):
        dossiers.transition_dossier(
            store, d.code, Status.WITHDRAWN, actor=CLERK, now=vn(2026, 11, 3)
        )
    after = (count(store, "dossier_events"), count(store, "outbox"), count(store, "audit_log"))
    assert before == after
    assert dossiers.get_dossier(store, d.code).status == Status.RECEIVED


def test_edit_makes_a_new_version_until_returned(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    moved = citizen(address="Số 12 phố Hàng Đào, phường Hoàn Kiếm, Hà Nội")
    edited = dossiers.edit_dossier(
        store, d.code, {"applicant": moved, "sets": 2}, actor=CLERK, now=vn(2026, 11, 2, 10)
    )
    assert edited.version == 2 and edited.sets == 2
    assert edited.applicant.address.startswith("Số 12")
    with pytest.raises(dossiers.NothingToChangeError):
        dossiers.edit_dossier(store, d.code, {"sets": 2}, actor=CLERK, now=vn(2026, 11, 2, 11))
    for target in (Status.RESULT_READY, Status.RETURNED):
        dossiers.transition_dossier(
            store, d.code, target, actor=CLERK, now=vn(2026, 11, 3), details=HANDED
        )
    with pytest.raises(dossiers.DossierNotEditableError):
        dossiers.edit_dossier(store, d.code, {"notes": "x"}, actor=CLERK, now=vn(2026, 11, 4))


def test_due_date_change_keeps_every_version(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    later = vn(2026, 11, 20, 16)
    changed = dossiers.set_due_date(
        store, d.code, later, reason="Xác minh thêm", actor=CLERK, now=vn(2026, 11, 3)
    )
    assert changed.due_at == later.isoformat()
    dates = dossiers.dossier_detail(store, d.code).due_dates
    assert [x["due_at"] for x in dates] == [d.due_at, later.isoformat()]


def test_void_only_before_the_first_sync_and_keeps_the_number(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    with pytest.raises(ReasonRequiredError):
        dossiers.void_dossier(
            store, d.code, reason="", actor=CLERK, role="supervisor", now=vn(2026, 11, 2, 10)
        )
    voided = dossiers.void_dossier(
        store, d.code, reason="Nhập nhầm", actor=CLERK, role="supervisor", now=vn(2026, 11, 2, 10)
    )
    assert voided.is_voided
    assert [s for _, _, s in dossiers.dossier_detail(store, d.code).outbox] == ["cancelled"]
    with pytest.raises(dossiers.VoidNotAllowedError):
        dossiers.void_dossier(
            store, d.code, reason="again", actor=CLERK, role="supervisor", now=vn(2026, 11, 2, 11)
        )
    nxt = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2, 11))
    assert nxt.code.endswith("1002")  # the voided number is never reused


def test_unknown_code(store: Store) -> None:
    with pytest.raises(dossiers.DossierNotFoundError):
        dossiers.get_dossier(store, "000.31.27.H26-261102-9999")


def test_returning_applicant_and_earlier_dossiers(store: Store) -> None:
    from counter_app.services.audit_check import current_audit_head
    from counter_app.services.dossiers.queries import earlier_dossiers, returning_applicant

    first = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2))
    moved = citizen(address="Số 12 phố Hàng Đào, Hà Nội")
    second = receive_dossier(store, intake(moved), clerk=CLERK, now=vn(2026, 11, 9))
    assert [d.code for d in earlier_dossiers(store, moved.id_number)] == [second.code, first.code]
    known = returning_applicant(store, "personal_id", moved.id_number)
    assert known is not None and known.address == moved.address  # the latest details
    assert returning_applicant(store, "personal_id", "001000000000") is None
    seq, digest = current_audit_head(store)
    assert seq == len(list(iter_audit(store.db))) and len(digest) == 64


def test_allowed_targets_follow_the_table() -> None:
    from counter_app.domain.lifecycle import allowed_targets

    assert allowed_targets(9) == {Status.RETURNED}
    assert allowed_targets(10) == frozenset() and allowed_targets(42) == frozenset()


def test_void_and_correction_are_a_supervisor_s_in_the_service_itself(store: Store) -> None:
    d = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 2, 9))
    with pytest.raises(RoleNotAllowedError):
        dossiers.void_dossier(store, d.code, reason="nhầm", actor=CLERK, role="clerk",
                              now=vn(2026, 11, 2, 10))  # fmt: skip
    with pytest.raises(RoleNotAllowedError):
        dossiers.transition_dossier(
            store, d.code, Status.IN_PROCESS, reason="nhầm", actor=CLERK,
            now=vn(2026, 11, 2, 10), correction=True,
        )  # fmt: skip
    assert not dossiers.get_dossier(store, d.code).is_voided
    moved = dossiers.transition_dossier(store, d.code, Status.IN_PROCESS, reason="nhầm",
                                        actor="user:binh", now=vn(2026, 11, 2, 10),
                                        correction=True, role="supervisor")  # fmt: skip
    assert moved.status == Status.IN_PROCESS
