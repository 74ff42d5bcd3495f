"""What the intake screen asks of the store, each run on the store thread (never the GUI's).

Each function is one call of ``session.store.run``: it takes the store and plain values and
returns plain values, so no widget is ever touched off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.documents.model import FormKind
from counter_app.domain.dossier import Dossier, Intake, Outcome
from counter_app.domain.due_date import DueDate
from counter_app.domain.procedure import Procedure
from counter_app.services.catalogue import list_procedures
from counter_app.services.chip.portrait import StoredPortrait
from counter_app.services.clock import now_vn
from counter_app.services.documents.form_data import FormParams
from counter_app.services.documents.issuing import IssuedDocument, IssueRequest, issue_document
from counter_app.services.dossiers.queries import (
    earlier_dossiers,
    most_used_procedures,
    recent_same_procedure,
)
from counter_app.services.intake.drafts import discard_draft, load_draft, save_draft
from counter_app.services.intake.receive import preview_due_date, receive_dossier
from counter_app.services.settings.intake import IntakeSettings, load_intake_settings
from counter_app.services.store.opening import Store

OUTCOME_FORMS = {
    Outcome.RECEIVED: FormKind.RECEIPT,
    Outcome.SUPPLEMENT: FormKind.SUPPLEMENT,
    Outcome.REFUSED: FormKind.REFUSAL,
}
MOST_USED_SHOWN = 8
# The form set aside when another person was scanned over unsaved input (F8 brings it back).
ASIDE_DRAFT = "intake-aside"


@dataclass(frozen=True)
class Startup:
    procedures: list[Procedure]
    most_used: list[str]
    settings: IntakeSettings
    draft: dict[str, Any] | None


def startup(store: Store) -> Startup:
    return Startup(
        procedures=list_procedures(store, include_inactive=True),  # named when searched
        most_used=[p.code for p in most_used_procedures(store, MOST_USED_SHOWN)],
        settings=load_intake_settings(store),
        draft=load_draft(store),
    )


@dataclass(frozen=True)
class Saved:
    dossier: Dossier
    document: IssuedDocument


def save_and_issue(
    store: Store,
    intake: Intake,
    *,
    missing: tuple[str, ...],
    clerk: str,
    now: datetime,
    portrait: StoredPortrait | None = None,
) -> Saved:
    """Receive the dossier, then issue its outcome's form (the PDF comes back for printing).

    Two transactions: a form that cannot be issued (a bad setting) never loses the dossier;
    the clerk reprints it with Ctrl+P once fixed.
    """
    dossier = receive_dossier(store, intake, clerk=clerk, now=now, portrait=portrait)
    discard_draft(store)
    params = outcome_params(intake, missing)
    request = IssueRequest(kind=OUTCOME_FORMS[intake.outcome], code=dossier.code, params=params)
    document = issue_document(store, request, actor=clerk, now=now, deliver=_keep)
    return Saved(dossier, document)


def outcome_params(intake: Intake, missing: tuple[str, ...]) -> FormParams:
    """What the outcome's form says: a supplement request lists the papers missing, a refusal
    gives its reason (never the papers), a receipt adds nothing."""
    if intake.outcome is Outcome.SUPPLEMENT:
        return FormParams(reason=intake.outcome_reason, items=missing)
    if intake.outcome is Outcome.REFUSED:
        return FormParams(reason=intake.outcome_reason)
    return FormParams()


def reprint(store: Store, code: str, kind: FormKind, *, clerk: str) -> IssuedDocument:
    """The last form again (the receipt, or the supplement request or refusal); the service
    marks it as a reprint in the register and on paper, with the original's wording."""
    request = IssueRequest(kind=kind, code=code)
    return issue_document(store, request, actor=clerk, now=now_vn(), deliver=_keep)


def _keep(_pdf: bytes) -> None:
    """The PDF is printed after the transaction, from the returned document."""


def due_preview(store: Store, code: str) -> DueDate:
    return preview_due_date(store, code, now_vn())


def history(store: Store, id_number: str) -> list[Dossier]:
    return earlier_dossiers(store, id_number)


def duplicates(store: Store, id_number: str, code: str) -> list[tuple[str, str]]:
    return recent_same_procedure(store, id_number, code, now=now_vn())


def keep_draft(store: Store, content: dict[str, Any]) -> None:
    save_draft(store, content, now=now_vn())


def set_aside(store: Store, content: dict[str, Any]) -> None:
    """The unsaved form of the previous applicant, kept apart from the live draft."""
    save_draft(store, content, now=now_vn(), key=ASIDE_DRAFT)


def swap_aside(store: Store, content: dict[str, Any] | None) -> dict[str, Any] | None:
    """The form set aside, taken back; ``content`` (the form on screen, if any) takes its place."""
    previous = load_draft(store, ASIDE_DRAFT)
    if content is None:
        discard_draft(store, ASIDE_DRAFT)
    else:
        save_draft(store, content, now=now_vn(), key=ASIDE_DRAFT)
    return previous
