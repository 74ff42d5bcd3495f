"""A wrong PC clock: intake stops while the clock is behind the store, and a dossier saved with a
clock ahead blocks only until a supervisor confirms the clock (`counter-app clock …`)."""

from __future__ import annotations

import io
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.domain.dossier import Status
from counter_app.domain.vn_time import iso_vn
from counter_app.services.clock import now_vn
from counter_app.services.clock_check import confirm_clock, receipt_blocking_intake
from counter_app.services.dossiers.changes import transition_dossier, void_dossier
from counter_app.services.intake.receive import ClockBehindError, receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.services.users import RoleNotAllowedError
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import CLERK, configure, intake, vn
from tests.unit.cli.test_dossier_cli import SETUP, TYPED

A_YEAR = timedelta(days=365)


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    sys.stdin = io.StringIO(stdin)
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_a_dossier_saved_a_year_ahead_blocks_intake_at_the_right_time(new_store: Store) -> None:
    configure(new_store)
    right = vn(2026, 12, 7, 9, 0)
    receive_dossier(new_store, intake(), clerk=CLERK, now=right + A_YEAR)
    with pytest.raises(ClockBehindError):
        receive_dossier(new_store, intake(), clerk=CLERK, now=right)


def test_a_voided_future_dossier_does_not_block(new_store: Store) -> None:
    configure(new_store)
    right = vn(2026, 12, 7, 9, 0)
    ahead = receive_dossier(new_store, intake(), clerk=CLERK, now=right + A_YEAR)
    void_dossier(
        new_store,
        ahead.code,
        reason="clock a year ahead",
        actor="sup",
        role="supervisor",
        now=right,
    )
    assert receive_dossier(new_store, intake(), clerk=CLERK, now=right).code.endswith("-1001")


def test_a_clock_set_back_years_still_blocks(new_store: Store) -> None:
    """A dead CMOS battery puts the clock years back: every recent receipt is 'ahead'."""
    configure(new_store)
    for minute in range(3):
        receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 12, 7, 9, minute))
    with pytest.raises(ClockBehindError):
        receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2020, 1, 1, 9, 0))


@pytest.fixture
def set_up(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *SETUP)[0] == 0


def _ahead_dossier() -> str:
    """A dossier saved by a clock a year ahead of the real one (this machine's)."""
    store = open_store()
    try:
        return receive_dossier(store, intake(), clerk=CLERK, now=now_vn() + A_YEAR).code
    finally:
        store.close()


def _add(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run(capsys, "dossier", "add", "--procedure", "1.004873", *TYPED, "--json")


@pytest.mark.usefixtures("set_up")
def test_a_supervisor_confirms_the_clock_and_intake_resumes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = _ahead_dossier()
    status, _, err = _add(capsys)
    assert status == 3 and "Mã lỗi: CLOCK_BEHIND" in err
    assert "counter-app clock confirm" in err  # the sentence says what to do

    status, out, _ = run(capsys, "clock", "status", "--json")
    state = json_lines(out)[0]
    assert status == 0 and state["blocked"] and state["reason"] == "CLOCK_BEHIND"
    assert [d["code"] for d in state["ahead"]] == [code]

    status, out, _ = run(capsys, "clock", "confirm", "--json")
    confirmed = json_lines(out)[0]
    assert status == 0 and confirmed["ok"] and confirmed["overrides"] == state["newest_received_at"]

    status, out, _ = _add(capsys)
    assert status == 0 and json_lines(out)[0]["code"].endswith("-3001")
    status, out, _ = run(capsys, "clock", "status", "--json")
    after = json_lines(out)[0]
    assert not after["blocked"] and [d["code"] for d in after["ahead"]] == [code]  # still listed
    day = after["ahead"][0]["received_at"][:10]
    status, out, _ = run(capsys, "dossier", "list", "--date", day, "--json")
    assert status == 0 and [d["code"] for d in json_lines(out)] == [code]
    store = open_store()
    try:
        audit = [row for row in iter_audit(store.db) if row.action == "clock.confirm"]
    finally:
        store.close()
    assert len(audit) == 1
    assert json.loads(audit[0].details)["overrides"] == state["newest_received_at"]
    assert run(capsys, "audit", "verify")[0] == 0


@pytest.mark.usefixtures("set_up")
def test_a_confirmation_does_not_cover_a_later_clock_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _ahead_dossier()
    assert run(capsys, "clock", "confirm")[0] == 0
    store = open_store()
    try:
        receive_dossier(store, intake(), clerk=CLERK, now=now_vn() + 2 * A_YEAR)
    finally:
        store.close()
    assert _add(capsys)[0] == 3


@pytest.mark.usefixtures("set_up")
def test_clock_status_in_words_and_confirm_with_nothing_to_confirm(
    capsys: pytest.CaptureFixture[str], private_data_dir: Path
) -> None:
    status, out, _ = run(capsys, "--lang", "en", "clock", "status")
    assert status == 0 and "Intake is open" in out
    status, _, err = run(capsys, "--lang", "en", "clock", "confirm")
    assert status == 2 and "Error code: CLOCK_NOTHING_TO_CONFIRM" in err
    code = _ahead_dossier()
    status, out, _ = run(capsys, "--lang", "en", "clock", "status")
    assert status == 0 and "Intake is blocked" in out and code in out


def test_the_check_is_one_range_search_of_the_time_index(new_store: Store) -> None:
    """It runs on every save of a million-dossier store: a walk from the index's top down to
    now, never a scan. The statements the check really runs are traced and explained."""
    configure(new_store)
    statements: list[str] = []
    new_store.db.conn.set_trace_callback(statements.append)
    receipt_blocking_intake(new_store.db, vn(2026, 12, 7, 9, 0))
    new_store.db.conn.set_trace_callback(None)
    plans = [
        row[3]
        for sql in statements
        for row in new_store.db.conn.execute("EXPLAIN QUERY PLAN " + sql)
    ]
    assert plans == [
        "SEARCH settings USING INDEX sqlite_autoindex_settings_1 (key=?)",
        "SEARCH dossiers USING INDEX dossiers_received_at (received_at>?)",
    ]


def test_a_future_dated_dossier_can_still_be_supplemented_and_resumed(new_store: Store) -> None:
    """Its pause (at the right time) falls before its receipt (a year ahead): the new due date
    is a proposal from now, never UNEXPECTED."""
    configure(new_store)
    right = vn(2026, 12, 7, 9, 0)
    code = receive_dossier(new_store, intake(), clerk=CLERK, now=right + A_YEAR).code
    steps = [(Status.IN_PROCESS, ""), (Status.SUPPLEMENT_REQUESTED, "thiếu giấy tờ")]
    for minute, (target, reason) in enumerate(steps):
        transition_dossier(new_store, code, target, reason=reason, actor=CLERK,
                           now=right + timedelta(minutes=minute))  # fmt: skip
    resumed = transition_dossier(new_store, code, Status.IN_PROCESS, actor=CLERK,
                                 now=right + timedelta(days=2))  # fmt: skip
    assert resumed.due_at is not None and resumed.due_at > iso_vn(right + timedelta(days=2))


def test_only_a_supervisor_confirms_the_clock_in_the_service_itself(new_store: Store) -> None:
    configure(new_store)
    right = vn(2026, 12, 7, 9, 0)
    receive_dossier(new_store, intake(), clerk=CLERK, now=right + A_YEAR)
    with pytest.raises(RoleNotAllowedError):
        confirm_clock(new_store, actor=CLERK, role="clerk", now=right)
    assert receipt_blocking_intake(new_store, right) is not None
    confirm_clock(new_store, actor="user:binh", role="supervisor", now=right)
    assert receipt_blocking_intake(new_store, right) is None
