"""The dossier lifecycle at the counter: which local status changes are allowed (dossier.md §4).

Local changes follow this table and are refused otherwise, with a reason code the clerk reads.
Status changes pulled from the city are not checked here: the city is authoritative for
processing statuses (sync.md B3b), and the store applies them as events "from the city".
"""

from __future__ import annotations

from typing import Final

from counter_app.domain.dossier import Status
from counter_app.errors import BadInputError

S = Status
ALLOWED: Final[dict[Status, frozenset[Status]]] = {
    S.SUBMITTED_ONLINE: frozenset({S.RECEIVED, S.REFUSED}),
    S.RECEIVED: frozenset({S.IN_PROCESS, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN, S.RESULT_READY}),
    S.IN_PROCESS: frozenset(
        {S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.WITHDRAWN, S.STOPPED, S.RESULT_READY}
    ),
    S.SUPPLEMENT_REQUESTED: frozenset({S.IN_PROCESS, S.RECEIVED, S.WITHDRAWN, S.STOPPED}),
    S.PAYMENT_REQUESTED: frozenset({S.IN_PROCESS, S.WITHDRAWN, S.STOPPED}),
    S.RESULT_READY: frozenset({S.RETURNED}),
}
TERMINAL: Final = frozenset({S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RETURNED})
# Moves that must say why (refusal, supplement items, withdrawal letter, stop reason).
NEEDS_REASON: Final = frozenset({S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN, S.STOPPED})
# Open statuses whose due date can pass: overdue is derived, never stored (§4).
CLOCK_RUNNING: Final = frozenset({S.RECEIVED, S.IN_PROCESS, S.PAYMENT_REQUESTED})

# Which status allows which printed form (keys: documents.model.FormKind values; the domain
# does not import documents). A form that stands for a move: (the status it records, the
# statuses it moves a dossier from); once there, it is reprinted (dossier.md §4).
FORM_MOVES: Final[dict[str, tuple[Status, frozenset[Status]]]] = {
    "supplement": (S.SUPPLEMENT_REQUESTED, frozenset({S.RECEIVED, S.IN_PROCESS})),
    "refusal": (S.REFUSED, frozenset({S.SUBMITTED_ONLINE})),
    "stop": (S.STOPPED, frozenset({S.IN_PROCESS, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED})),
    "control": (S.IN_PROCESS, frozenset({S.RECEIVED})),
}
# A new receipt while received or in process; later, reprints of the one printed.
NEW_RECEIPT: Final = frozenset({S.RECEIVED, S.IN_PROCESS})
# An apology's new appointment: only while the clock runs (a missed one can be kept).
NEW_APPOINTMENT: Final = CLOCK_RUNNING


class TransitionRefusedError(BadInputError):
    """The lifecycle does not allow this status change from the dossier's current status."""

    code = "TRANSITION_NOT_ALLOWED"


class TerminalStatusError(TransitionRefusedError):
    """The dossier is closed (refused, withdrawn, stopped, returned): only a correction."""

    code = "DOSSIER_CLOSED"


class ReasonRequiredError(BadInputError):
    """This change must record why (refusal, supplement, withdrawal, stop, void, correction)."""

    code = "REASON_REQUIRED"


class UnknownStatusError(BadInputError):
    code = "UNKNOWN_STATUS"


def parse_status(text: str) -> Status:
    """A status from its number ("4") or its English name ("in_process")."""
    cleaned = text.strip().lower().replace("-", "_")
    if cleaned.isdigit() and int(cleaned) in Status._value2member_map_:
        return Status(int(cleaned))
    for status in Status:
        if status.name.lower() == cleaned:
            return status
    raise UnknownStatusError("")


def check_transition(current: int, target: Status, *, reason: str, correction: bool) -> None:
    """Raise unless a local move from ``current`` to ``target`` is allowed.

    A correction (a supervisor's, with a reason) may leave a terminal status or make any
    other move: it exists for mistakes, and the audit records it as a correction.
    """
    if target in NEEDS_REASON and not reason.strip():
        raise ReasonRequiredError("")
    if correction:
        if not reason.strip():
            raise ReasonRequiredError("")
        return
    if current in TERMINAL:
        raise TerminalStatusError("")
    if target not in ALLOWED.get(
        Status(current) if current in Status._value2member_map_ else S.UNKNOWN, frozenset()
    ):
        raise TransitionRefusedError("")


def allowed_targets(current: int) -> frozenset[Status]:
    if current not in Status._value2member_map_:
        return frozenset()
    return ALLOWED.get(Status(current), frozenset())


def form_statuses(kind: str) -> frozenset[Status]:
    """The statuses a dossier may have for form ``kind`` to be printed (or reprinted)."""
    if kind == "receipt":
        return NEW_RECEIPT
    if kind == "apology":
        return NEW_APPOINTMENT
    target, sources = FORM_MOVES[kind]
    return sources | {target}


def status_list_sql(statuses: frozenset[Status]) -> str:
    """``(2, 4, 6)``: a status set as an SQL list, so queries follow the table above."""
    return "(" + ", ".join(str(int(s)) for s in sorted(statuses)) + ")"


def is_overdue(status: int, due_day: str | None, today_iso: str) -> bool:
    """Overdue: the clock is running and today is past the due day (ISO strings compare)."""
    return status in CLOCK_RUNNING and due_day is not None and today_iso > due_day


def completion_class(due_day: str, done_day: str) -> str:
    """early / on_time / late, for the control sheet and reports (§4)."""
    if done_day < due_day:
        return "early"
    return "on_time" if done_day == due_day else "late"
