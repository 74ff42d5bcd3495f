"""What the clerk can do to the dossier shown: the lifecycle's moves, the counter forms, a void.

Only what the lifecycle allows is offered (``domain.lifecycle.allowed_targets``; a form only
from the statuses it stands for). Each action has a shortcut; the ones that must say why ask
in a small dialog first. The store work runs on the store's thread, printing on the pool;
the outcome (or the error, with its code in small print) goes to the screen's message line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from counter_app.documents.model import FormKind
from counter_app.domain.dossier import Dossier, Status
from counter_app.domain.lifecycle import NEEDS_REASON, allowed_targets, form_statuses
from counter_app.domain.vn_time import VN_TZ
from counter_app.services.clock import now_vn
from counter_app.services.documents.form_data import FormParams
from counter_app.services.documents.issuing import IssuedDocument, IssueRequest, issue_document
from counter_app.services.dossiers.changes import transition_dossier, void_dossier
from counter_app.services.dossiers.queries import DossierOverview
from counter_app.services.store.opening import Store
from ui.dossiers.action_dialog import ActionDialog, ActionInput
from ui.dossiers.permissions import CORRECT, VOID, SupervisorOnlyError, refuse_unless_allowed
from ui.dossiers.texts import status_text
from ui.keys import screen_key
from ui.messages import error_with_code
from ui.naming import named
from ui.print_job import PrintOutcome
from ui.session import Session


class Action(StrEnum):
    TRANSITION = "transition"
    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP = "stop"
    CONTROL = "control"
    CORRECT = "correct"
    VOID = "void"


SHORTCUTS: dict[Action, str] = {
    Action.TRANSITION: "Ctrl+T",
    Action.RECEIPT: "Ctrl+P",  # ux.md: print again
    Action.SUPPLEMENT: "Ctrl+Shift+B",  # bổ sung
    Action.REFUSAL: "Ctrl+Shift+R",
    Action.APOLOGY: "Ctrl+Shift+A",
    Action.STOP: "Ctrl+Shift+D",  # dừng
    Action.CONTROL: "Ctrl+Shift+K",  # kiểm soát
    Action.CORRECT: "Ctrl+Shift+C",
    Action.VOID: "Ctrl+Shift+V",
}
FORMS: dict[Action, FormKind] = {
    Action.RECEIPT: FormKind.RECEIPT,
    Action.SUPPLEMENT: FormKind.SUPPLEMENT,
    Action.REFUSAL: FormKind.REFUSAL,
    Action.APOLOGY: FormKind.APOLOGY,
    Action.STOP: FormKind.STOP,
    Action.CONTROL: FormKind.CONTROL,
}
# The statuses from which each form can be printed: the move it stands for, or a reprint
# once the dossier is there: the lifecycle's table, which services/documents/issuing.py follows.
FORM_STATUSES: dict[Action, frozenset[Status]] = {
    action: form_statuses(kind.value) for action, kind in FORMS.items()
}
SUPERVISOR_ONLY = {Action.CORRECT: CORRECT, Action.VOID: VOID}
# The hand-over (9 → 10) records who collected the result: the returns screen does it.
NOT_HERE = frozenset({Status.RETURNED})
# The move Ctrl+T proposes: the usual next step of the work, never one that must say why
# (a supplement request or a stop is chosen on purpose, not by pressing Enter).
USUAL_NEXT: dict[int, int] = {
    Status.SUBMITTED_ONLINE: Status.RECEIVED,
    Status.RECEIVED: Status.IN_PROCESS,
    Status.IN_PROCESS: Status.RESULT_READY,
    Status.SUPPLEMENT_REQUESTED: Status.RECEIVED,  # the papers came: received again
    Status.PAYMENT_REQUESTED: Status.IN_PROCESS,
}
APOLOGY_DAYS = 3  # the new appointment proposed by default; the clerk changes it


def available(action: Action, overview: DossierOverview | None) -> bool:
    """Whether ``action`` is offered for the dossier shown."""
    if overview is None:
        return False
    dossier = overview.detail.dossier
    if dossier.is_voided:
        return False
    if action is Action.TRANSITION:
        return bool(allowed_targets(dossier.status) - NOT_HERE)
    if action is Action.RECEIPT:
        printed = any(str(d.get("kind", "")).startswith("receipt") for d in overview.documents)
        return dossier.status in FORM_STATUSES[action] or printed
    if action in FORM_STATUSES:
        return dossier.status in FORM_STATUSES[action]
    if action is Action.VOID:
        return dossier.first_synced_at is None and dossier.synced_version == 0
    return True  # a correction: any dossier not voided


class ActionBar(QWidget):
    """A button per action (with its shortcut), enabled as ``available`` says."""

    triggered = Signal(str)

    def __init__(
        self,
        shortcut_scope: QWidget,
        parent: QWidget | None = None,
        *,
        may: Callable[[str], bool] = lambda _action: True,
    ) -> None:
        """``may(action name)``: whether the signed-in role may take a guarded action."""
        super().__init__(parent)
        self.setObjectName("detailActions")
        self._may = may
        self.buttons: dict[Action, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for number, (action, label) in enumerate(self._labels().items()):
            key = SHORTCUTS[action]
            # The shortcut on a second line: three buttons a row fit beside the table.
            button = named(QPushButton(f"{label}\n{key}"), f"action_{action.value}")
            button.setAutoDefault(False)  # a scanner's Enter never presses a button (ux.md)
            button.clicked.connect(lambda _=False, a=action: self.triggered.emit(a.value))
            grid.addWidget(button, number // 3, number % 3)
            self.buttons[action] = button
            screen_key(shortcut_scope, key, partial(self._shortcut, action), label.rstrip("…"))
        self.update_for(None)

    def _labels(self) -> dict[Action, str]:
        return {
            Action.TRANSITION: self.tr("Change status…"),
            Action.RECEIPT: self.tr("Print receipt"),
            Action.SUPPLEMENT: self.tr("Supplement request…"),
            Action.REFUSAL: self.tr("Refusal…"),
            Action.APOLOGY: self.tr("Apology, new date…"),
            Action.STOP: self.tr("Stop notice…"),
            Action.CONTROL: self.tr("Control slip"),
            Action.CORRECT: self.tr("Correct status (supervisor)…"),
            Action.VOID: self.tr("Void (supervisor)…"),
        }

    def update_for(self, overview: DossierOverview | None) -> None:
        """Enabled as the lifecycle allows; a supervisor's action stays disabled for a clerk,
        and its tooltip says why (never a refusal after the click)."""
        for action, button in self.buttons.items():
            guarded = SUPERVISOR_ONLY.get(action)
            allowed = guarded is None or self._may(guarded)
            button.setEnabled(allowed and available(action, overview))
            button.setToolTip("" if allowed else self.tr("Only a supervisor or an administrator "
                                                         "can do this."))  # fmt: skip

    def _shortcut(self, action: Action) -> None:
        """A key works like its button; a supervisor's key pressed by a clerk still goes on,
        so the refusal is said on screen (a keyboard has no tooltip)."""
        guarded = SUPERVISOR_ONLY.get(action)
        if self.buttons[action].isEnabled() or (guarded and not self._may(guarded)):
            self.triggered.emit(action.value)


@dataclass(frozen=True)
class Done:
    """What an action's store work returned: the dossier moved, or a PDF to print."""

    moved: Dossier | None = None
    issued: IssuedDocument | None = None
    voided: bool = False


Report = Callable[[str, bool], None]  # (text, is_error)


class DossierActions(QObject):
    """Runs the actions for the screen; GUI thread only."""

    changed = Signal(str)  # the code of a dossier an action changed
    dialog_closed = Signal()  # the keys go back to the screen

    def __init__(self, session: Session, parent_widget: QWidget, report: Report) -> None:
        super().__init__(parent_widget)
        self._session, self._parent, self._report = session, parent_widget, report
        self._overview: DossierOverview | None = None
        self.dialog: ActionDialog | None = None

    def set_overview(self, overview: DossierOverview | None) -> None:
        self._overview = overview

    def trigger(self, name: str) -> None:
        action = Action(name)
        if self._overview is None or not available(action, self._overview):
            return
        dossier = self._overview.detail.dossier
        if action in SUPERVISOR_ONLY:
            try:
                refuse_unless_allowed(self._session, SUPERVISOR_ONLY[action])
            except SupervisorOnlyError as error:  # the refusal is the message, nothing else
                self._report(error_with_code(error, self._session.lang), True)
                return
        if action in (Action.RECEIPT, Action.CONTROL):
            self._run(action, dossier, ActionInput())
            return
        self._ask(action, dossier)

    # --- asking ------------------------------------------------------------------------------

    def _ask(self, action: Action, dossier: Dossier) -> None:
        dialog = ActionDialog(self._title(action, dossier), self._parent)
        if action is Action.TRANSITION:
            targets = self._targets(allowed_targets(dossier.status) - NOT_HERE)
            needs = frozenset(int(s) for s in NEEDS_REASON)
            dialog.add_targets(targets, needs, preferred=USUAL_NEXT.get(dossier.status))
        elif action is Action.CORRECT:
            every = self._targets(s for s in Status if s not in (0, dossier.status))
            dialog.add_targets(every, frozenset(s for _, s in every))
        if action is Action.SUPPLEMENT:
            dialog.add_items(self.tr("Papers missing, one per line (empty: the checklist's)"))
        if action is Action.APOLOGY:
            dialog.add_new_date(self._proposed_date(dossier))
        dialog.add_reason(self._reason_label(action))
        dialog.accepted.connect(lambda: self._run(action, dossier, dialog.values()))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: ActionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.dialog_closed.emit()

    def _title(self, action: Action, dossier: Dossier) -> str:
        titles = {
            Action.TRANSITION: self.tr("Change the status of %1"),
            Action.SUPPLEMENT: self.tr("Supplement request for %1"),
            Action.REFUSAL: self.tr("Refusal of %1"),
            Action.APOLOGY: self.tr("Apology and new appointment for %1"),
            Action.STOP: self.tr("Stop processing %1"),
            Action.CORRECT: self.tr("Correct the status of %1 (supervisor)"),
            Action.VOID: self.tr("Void %1 (entered in error)"),
        }
        return titles[action].replace("%1", dossier.code)

    def _reason_label(self, action: Action) -> str:
        if action in (Action.TRANSITION,):
            return self.tr("Reason (required for a refusal, supplement, withdrawal or stop)")
        return self.tr("Reason")

    def _targets(self, statuses: Any) -> list[tuple[str, int]]:
        lang = self._session.lang
        chosen = sorted(int(s) for s in statuses)
        return [(self._target_label(s, lang), s) for s in chosen]

    def _target_label(self, status: int, lang: str) -> str:
        name = f"{status} · {status_text(status, lang)}"
        required = self.tr("reason required")
        return name + (f" ({required})" if status in NEEDS_REASON else "")

    @staticmethod
    def _proposed_date(dossier: Dossier) -> datetime:
        base = datetime.fromisoformat(dossier.due_at) if dossier.due_at else now_vn()
        later = max(base, now_vn()) + timedelta(days=APOLOGY_DAYS)
        return datetime.combine(later.date(), time(16, 0), tzinfo=VN_TZ)

    # --- doing -------------------------------------------------------------------------------

    def _run(self, action: Action, dossier: Dossier, given: ActionInput) -> None:
        session, code = self._session, dossier.code
        actor, role = session.user or "window", session.role
        session.store.run(
            lambda store: self._work(store, action, code, given, actor, role),
            on_done=lambda done: self._finished(code, done),
            on_error=lambda error: self._report(error_with_code(error, session.lang), True),
        )

    def _work(
        self, store: Store, action: Action, code: str, given: ActionInput, actor: str, role: str
    ) -> Done:
        """On the store's thread: one action, one transaction (in the service)."""
        now = now_vn()
        if action in (Action.TRANSITION, Action.CORRECT):
            target = Status(given.target if given.target is not None else 0)
            moved = transition_dossier(
                store, code, target, reason=given.reason, actor=actor, now=now,
                correction=action is Action.CORRECT, role=role,
            )  # fmt: skip
            return Done(moved=moved)
        if action is Action.VOID:
            void_dossier(store, code, reason=given.reason, actor=actor, role=role, now=now)
            return Done(voided=True)
        request = IssueRequest(
            kind=FORMS[action],
            code=code,
            params=FormParams(reason=given.reason, items=given.items),
            new_due_at=given.new_due_at,
        )
        issued = issue_document(store, request, actor=actor, now=now, deliver=_keep)
        return Done(issued=issued)

    def _done_text(self, done: Done) -> str:
        if done.moved is not None:
            name = status_text(done.moved.status, self._session.lang)
            return self.tr("Status changed to: %1.").replace("%1", name)
        if done.voided:
            return self.tr("The dossier was voided; its number stays used.")
        if done.issued is not None and done.issued.reprint:
            return self.tr("Printing again (marked as a reprint)…")
        return self.tr("Printing…")

    def _finished(self, code: str, done: Done) -> None:
        self._report(self._done_text(done), False)
        self.changed.emit(code)
        if done.issued is not None:
            self._print(done.issued)

    def _print(self, issued: IssuedDocument) -> None:
        session = self._session
        stem = f"{issued.kind.value}-{issued.code}"
        desk = session.print_desk
        session.background.run(
            lambda: desk.print_pdf(issued.pdf, layout=issued.layout, stem=stem),
            on_done=self._printed,
            on_error=lambda error: self._report(error_with_code(error, session.lang), True),
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        text = outcome.message(self._session.lang)
        if text:
            self._report(text, not outcome.printed)


def _keep(_pdf: bytes) -> None:
    """The PDF is printed after the transaction (``IssuedDocument.pdf``), off the store thread."""
    return None
