"""The counter's lifecycle table (dossier.md §4): every allowed and every refused local move."""

from __future__ import annotations

import itertools

import pytest

from counter_app.domain.dossier import Status
from counter_app.domain.lifecycle import (
    NEEDS_REASON,
    TERMINAL,
    ReasonRequiredError,
    TerminalStatusError,
    TransitionRefusedError,
    UnknownStatusError,
    check_transition,
    completion_class,
    is_overdue,
    parse_status,
)

S = Status
# The spec's table, written out pair by pair so the code's table is checked, not copied.
SPEC_ALLOWED = {
    (1, 2), (1, 3),
    (2, 4), (2, 5), (4, 5),
    (5, 4), (5, 2),
    (4, 6), (6, 4),
    (2, 7), (4, 7), (5, 7), (6, 7),
    (4, 8), (5, 8), (6, 8),
    (2, 9), (4, 9),
    (9, 10),
}  # fmt: skip
ALL_PAIRS = list(itertools.product(range(1, 11), range(1, 11)))


@pytest.mark.parametrize(("current", "target"), sorted(SPEC_ALLOWED))
def test_every_allowed_move_passes(current: int, target: int) -> None:
    check_transition(current, S(target), reason="lý do", correction=False)


@pytest.mark.parametrize(("current", "target"), [p for p in ALL_PAIRS if p not in SPEC_ALLOWED])
def test_every_other_move_is_refused(current: int, target: int) -> None:
    expected = TerminalStatusError if current in TERMINAL else TransitionRefusedError
    with pytest.raises(expected):
        check_transition(current, S(target), reason="lý do", correction=False)


@pytest.mark.parametrize("target", sorted(NEEDS_REASON))
def test_refusal_supplement_withdrawal_and_stop_need_a_reason(target: Status) -> None:
    current = 4 if target != S.REFUSED else 1
    with pytest.raises(ReasonRequiredError):
        check_transition(current, target, reason="  ", correction=False)


def test_a_correction_leaves_a_terminal_status_only_with_a_reason() -> None:
    check_transition(10, S.RESULT_READY, reason="trả nhầm hồ sơ", correction=True)
    with pytest.raises(ReasonRequiredError):
        check_transition(10, S.RESULT_READY, reason="", correction=True)


@pytest.mark.parametrize(
    ("text", "status"),
    [("4", S.IN_PROCESS), ("in_process", S.IN_PROCESS), ("RETURNED", S.RETURNED)],
)
def test_status_by_number_or_name(text: str, status: Status) -> None:
    assert parse_status(text) is status


@pytest.mark.parametrize("text", ["11", "", "done", "-1"])
def test_unknown_status(text: str) -> None:
    with pytest.raises(UnknownStatusError):
        parse_status(text)


def test_overdue_is_derived_from_running_statuses_only() -> None:
    assert is_overdue(2, "2026-11-20", "2026-11-21")
    assert not is_overdue(2, "2026-11-21", "2026-11-21")
    assert not is_overdue(5, "2026-11-20", "2026-11-21")  # supplement pauses the clock
    assert not is_overdue(9, "2026-11-20", "2026-11-21")


def test_completion_classes() -> None:
    assert completion_class("2026-11-20", "2026-11-19") == "early"
    assert completion_class("2026-11-20", "2026-11-20") == "on_time"
    assert completion_class("2026-11-20", "2026-11-23") == "late"
