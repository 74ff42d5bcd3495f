"""Send back for fixing: the supervisor's reason, the clerk's fix, the supervisor's check."""

from __future__ import annotations

import pytest

from counter_app.services.dossiers.changes import DossierNotFoundError
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.supervision import send_back
from counter_app.services.users import RoleNotAllowedError
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import configure, intake, vn

SUPERVISOR = "user:giamsat"


@pytest.fixture
def code(new_store: Store) -> str:
    configure(new_store)
    return receive_dossier(new_store, intake(), clerk="user:canbo", now=vn(2026, 11, 3)).code


def test_the_request_goes_to_the_clerk_who_received_it_and_closes_after_the_check(
    new_store: Store, code: str
) -> None:
    reason = "  Thiếu bản sao  giấy khai sinh "
    sent = send_back.send_back(
        new_store, code, reason=reason, role="supervisor", actor=SUPERVISOR, now=vn(2026, 11, 3, 10)
    )
    assert sent.clerk == "user:canbo" and sent.reason == "Thiếu bản sao giấy khai sinh"
    assert [r.code for r in send_back.waiting_for(new_store, "user:canbo")] == [code]
    assert send_back.waiting_for(new_store, "user:lan") == []
    fixed = send_back.report_fixed(new_store, code, note="Đã bổ sung", role="clerk",
                                   actor="user:canbo", now=vn(2026, 11, 3, 11))  # fmt: skip
    assert fixed.fixed_by == "user:canbo" and send_back.waiting_for(new_store, "user:canbo") == []
    assert send_back.open_request(new_store, code) is not None  # waits for the check
    send_back.check_fix(new_store, code, role="supervisor", actor=SUPERVISOR,
                        now=vn(2026, 11, 3, 12))  # fmt: skip
    assert send_back.open_request(new_store, code) is None
    rows = [r for r in iter_audit(new_store.db) if r.subject == code][1:]
    assert [(r.actor, r.action) for r in rows] == [
        (SUPERVISOR, "dossier.send_back"),
        ("user:canbo", "dossier.fixed"),
        (SUPERVISOR, "dossier.fix_checked"),
    ]
    assert "Thiếu" not in rows[0].details and '"reason_chars": 28' in rows[0].details


def test_a_clerk_may_not_send_back_nor_check(new_store: Store, code: str) -> None:
    with pytest.raises(RoleNotAllowedError):
        send_back.send_back(new_store, code, reason="x", role="clerk", actor="user:canbo",
                            now=vn(2026, 11, 3))  # fmt: skip
    send_back.send_back(new_store, code, reason="x", role="administrator", actor="user:qt",
                        now=vn(2026, 11, 3))  # fmt: skip
    send_back.report_fixed(new_store, code, role="clerk", actor="user:canbo", now=vn(2026, 11, 3))
    with pytest.raises(RoleNotAllowedError):
        send_back.check_fix(new_store, code, role="clerk", actor="user:canbo", now=vn(2026, 11, 3))


@pytest.mark.parametrize(
    ("step", "error"),
    [
        ("twice", send_back.SendBackAlreadyOpenError),
        ("check_before_fix", send_back.SendBackNotFixedError),
        ("fix_unsent", send_back.SendBackNotOpenError),
        ("no_reason", send_back.SendBackReasonInvalidError),
        ("long_reason", send_back.SendBackReasonInvalidError),
        ("unknown", DossierNotFoundError),
    ],
)
def test_refusals_change_nothing(
    new_store: Store, code: str, step: str, error: type[Exception]
) -> None:
    def sent(reason: str = "Sai ngày sinh", which: str = code) -> None:
        send_back.send_back(new_store, which, reason=reason, role="supervisor", actor=SUPERVISOR,
                            now=vn(2026, 11, 3))  # fmt: skip

    head = len(list(iter_audit(new_store.db)))
    if step in {"twice", "check_before_fix"}:
        sent()
        head += 1
    with pytest.raises(error):
        if step == "twice":
            sent()
        elif step == "check_before_fix":
            send_back.check_fix(new_store, code, role="supervisor", actor=SUPERVISOR,
                                now=vn(2026, 11, 3))  # fmt: skip
        elif step == "fix_unsent":
            send_back.report_fixed(new_store, code, role="clerk", actor="user:canbo",
                                   now=vn(2026, 11, 3))  # fmt: skip
        elif step == "no_reason":
            sent("   ")
        elif step == "long_reason":
            sent("x" * 501)
        else:
            sent(which="000.31.27.H26-261103-9999")
    assert len(list(iter_audit(new_store.db))) == head
