"""Issuing the receipt and the counter forms: the state check, the transition, the register.

One print is one user action and one transaction (STYLE rule 4): the lifecycle move the form
stands for (dossier.md §4), the register row that lets a reprint match the original, the
dossier event and the audit row, and the delivery of the PDF (written to a file, handed to a
printer). If the delivery fails, nothing is recorded; a retry is then a first print, not a
reprint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from counter_app.documents import load_form_set, render_document
from counter_app.documents.form_sets import FormTemplate
from counter_app.documents.model import Copy, FormKind, Layout
from counter_app.domain.dossier import Dossier, Status
from counter_app.domain.lifecycle import FORM_MOVES, NEW_APPOINTMENT, NEW_RECEIPT
from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import BadInputError
from counter_app.services.catalogue import get_procedure
from counter_app.services.documents.form_data import (
    FormParams,
    Printing,
    build_form_data,
    missing_documents,
    signed_by,
)
from counter_app.services.dossiers.changes import (
    DossierNotEditableError,
    get_dossier,
    set_due_date,
    transition_dossier,
)
from counter_app.services.settings.counter import load_config
from counter_app.services.settings.forms import FormSettings, load_form_settings
from counter_app.services.store.opening import Store
from counter_app.services.users import (
    ACTOR_PREFIX,
    UserNotFoundError,
    full_name_of,
    printed_name,
)
from counter_app.storage import documents as register
from counter_app.storage import dossiers as rows
from counter_app.storage.audit import append_audit

Deliver = Callable[[bytes], object]  # its result is ignored

# Letters carry a number (``Số``); the receipt and the control slip carry the dossier code.
# With the "ward" scheme counter n numbers each kind of letter from n·10 000 + 1 each year, so
# counters working offline never print the same number (as their dossier-code blocks).
LETTER_BLOCK = 10_000
DEFAULT_COPIES = (Copy.OFFICE, Copy.CITIZEN)


class FormNotAllowedError(BadInputError):
    """The dossier's status does not allow this form (e.g. a receipt for a refused dossier)."""

    code = "FORM_NOT_ALLOWED"


class NewDateRequiredError(BadInputError):
    code = "NEW_DATE_REQUIRED"


class NewDateNotLaterError(BadInputError):
    code = "NEW_DATE_NOT_LATER"


class ThermalSlipOffError(BadInputError):
    code = "THERMAL_SLIP_OFF"


class LetterNumbersUsedUpError(BadInputError):
    """This counter has printed 9 999 letters of one kind this year: another counter, or the
    "blank" scheme, numbers the next."""

    code = "LETTER_NUMBERS_USED_UP"


@dataclass(frozen=True)
class IssueRequest:
    kind: FormKind
    code: str
    layout: Layout | None = None  # None: the counter's receipt layout, A5 for the other forms
    copies: tuple[Copy, ...] = DEFAULT_COPIES
    params: FormParams = field(default_factory=FormParams)
    new_due_at: datetime | None = None  # apology: the new appointment
    # The user who signs as the counter's officer, when the actor is no user (the command
    # line acts as the OS account): ``--clerk lan`` prints Nguyễn Thị Lan, not "root".
    signer: str | None = None


@dataclass(frozen=True)
class IssuedDocument:
    kind: FormKind
    code: str
    number: str
    form_set: str
    layout: Layout
    copies: tuple[Copy, ...]
    reprint: bool
    from_status: int
    status: int
    pdf: bytes


@dataclass(frozen=True)
class _Plan:
    """What printing means for this dossier now: a move, a new date, or nothing; a reprint?"""

    target: Status | None = None
    new_due: bool = False
    original: register.IssuedRow | None = None


def issue_document(
    store: Store, request: IssueRequest, *, actor: str, now: datetime, deliver: Deliver
) -> IssuedDocument:
    """Print ``request`` for its dossier; ``deliver`` receives the PDF inside the transaction."""
    now = now.astimezone(VN_TZ)
    settings = load_form_settings(store)
    layout = _layout(request, settings)
    with store.action():
        dossier = get_dossier(store, request.code)
        if dossier.is_voided:
            raise DossierNotEditableError("")
        previous = register.issued_for(store, dossier.id)
        from_status = dossier.status
        plan = _plan(store, request, dossier, previous, layout)
        params = _params(store, request, dossier, plan)
        params = _with_promised_date(request, dossier, plan, params)
        dossier = _apply(store, request, dossier, plan, params, actor=actor, now=now)
        printing = _printing(store, request, dossier, plan, settings, actor=actor, now=now)
        procedure = get_procedure(store, dossier.procedure_code, dossier.catalogue_version)
        signer = _signer(store, request, signed_by(dossier, printing))
        data = build_form_data(
            _as_printed(dossier, params), procedure, settings, printing, params, signer=signer
        )
        pdf = render_document(data, layout=layout, copies=request.copies)
        deliver(pdf)
        _record(store, request, dossier, plan, printing, params, layout, actor=actor, now=now)
    return IssuedDocument(
        kind=request.kind,
        code=dossier.code,
        number=printing.number,
        form_set=printing.form_set,
        layout=layout,
        copies=request.copies,
        reprint=printing.reprint,
        from_status=from_status,
        status=dossier.status,
        pdf=pdf,
    )


def _signer(store: Store, request: IssueRequest, actor: str) -> str:
    if request.signer is None:
        return printed_name(store, actor)
    name = full_name_of(store, ACTOR_PREFIX + request.signer)
    if name is None:
        raise UserNotFoundError("")
    return name


def issued_documents(store: Store, code: str) -> list[dict[str, Any]]:
    """The dossier's printed documents, oldest first (no personal data: kinds and numbers)."""
    dossier = get_dossier(store, code)
    return [
        {
            "kind": row.kind,
            "number": row.number,
            "form_set": row.form_set,
            "layout": row.layout,
            "copies": list(row.copies),
            "issued_at": row.issued_at,
            "actor": row.actor,
            "reprint": row.reprint_of is not None,
        }
        for row in register.issued_for(store, dossier.id)
    ]


def _layout(request: IssueRequest, settings: FormSettings) -> Layout:
    if request.layout is None:
        return Layout(settings.receipt_layout) if request.kind == FormKind.RECEIPT else Layout.A5
    if request.layout == Layout.THERMAL80 and not settings.thermal_slip:
        raise ThermalSlipOffError("")
    return request.layout


def _plan(
    store: Store,
    request: IssueRequest,
    dossier: Dossier,
    previous: list[register.IssuedRow],
    layout: Layout,
) -> _Plan:
    kind, status = request.kind, dossier.status
    key = _register_kind(kind, layout)
    if kind == FormKind.RECEIPT:
        return _receipt_plan(dossier, previous, key)
    if kind == FormKind.APOLOGY:
        if request.new_due_at is not None:
            if status not in NEW_APPOINTMENT:
                raise FormNotAllowedError("apology")
            return _Plan(new_due=True)
        original = _latest(previous, key)
        if original is None:
            raise NewDateRequiredError("")
        return _Plan(original=original)
    target, sources = FORM_MOVES[kind.value]
    if status == target:
        return _Plan(original=_latest(previous, key, since=_entered_at(store, dossier, target)))
    if status in sources:
        return _Plan(target=target)
    if kind == FormKind.CONTROL and _latest(previous, key) is not None:
        return _Plan(original=_latest(previous, key))
    raise FormNotAllowedError(kind.value)


def _receipt_plan(dossier: Dossier, previous: list[register.IssuedRow], key: str) -> _Plan:
    """A new receipt while the dossier is received or in process; later, reprints only.

    A receipt already printed for the current appointment makes this print a reprint; a new
    appointment (after a supplement or an apology) makes the next receipt a new one.
    """
    original = _same_receipt(previous, key, dossier.due_at)
    if original is None and dossier.status in NEW_RECEIPT:
        return _Plan()
    original = original or _latest(previous, key)
    if original is None:
        raise FormNotAllowedError("receipt")
    return _Plan(original=original)


def _as_printed(dossier: Dossier, params: FormParams) -> Dossier:
    """The appointment the document shows: for an apology the one that was missed, for a
    reprinted receipt the one its original showed, never a later one."""
    if params.promised_at is None:
        return dossier
    return replace(dossier, due_at=params.promised_at)


def _with_promised_date(
    request: IssueRequest, dossier: Dossier, plan: _Plan, params: FormParams
) -> FormParams:
    """A new apology keeps the appointment it apologises for (the dossier's, before it)."""
    if request.kind == FormKind.APOLOGY and plan.new_due:
        return replace(params, promised_at=dossier.due_at)
    return params


def _register_kind(kind: FormKind, layout: Layout) -> str:
    """The thermal slip is an extra, unofficial slip: its reprints count apart from Mẫu 01."""
    return "receipt_slip" if layout == Layout.THERMAL80 else kind.value


def _same_receipt(
    previous: list[register.IssuedRow], key: str, due_at: str | None
) -> register.IssuedRow | None:
    """A receipt already printed for this appointment: printing again is a reprint.

    A new appointment (after a supplement) makes the next receipt a new one.
    """
    for row in reversed(previous):
        if row.kind == key and row.params.get("promised_at") == due_at:
            return _original_of(previous, row)
    return None


def _latest(
    previous: list[register.IssuedRow], key: str, since: str | None = None
) -> register.IssuedRow | None:
    for row in reversed(previous):
        if row.kind == key and (since is None or row.issued_at >= since):
            return _original_of(previous, row)
    return None


def _original_of(previous: list[register.IssuedRow], row: register.IssuedRow) -> register.IssuedRow:
    if row.reprint_of is None:
        return row
    return next((r for r in previous if r.id == row.reprint_of), row)


def _entered_at(store: Store, dossier: Dossier, status: Status) -> str | None:
    """When the dossier last moved into ``status`` (None: it started there, at intake)."""
    moves = [e["at"] for e in rows.list_events(store, dossier.id) if e["to_status"] == status]
    return moves[-1] if moves else None


def _params(store: Store, request: IssueRequest, dossier: Dossier, plan: _Plan) -> FormParams:
    if plan.original is not None:
        return FormParams.from_json(plan.original.params)
    params = request.params
    if request.kind == FormKind.SUPPLEMENT and not params.items:
        procedure = get_procedure(store, dossier.procedure_code, dossier.catalogue_version)
        params = replace(params, items=missing_documents(dossier, procedure))
    if not params.reason and dossier.outcome_reason and plan.target is None:
        params = replace(params, reason=dossier.outcome_reason)
    if request.kind in (FormKind.REFUSAL, FormKind.STOP) and not params.items and params.reason:
        # The forms list their reasons; a single reason is the list, not a line after it.
        params = replace(params, items=(params.reason,), reason="")
    if request.new_due_at is not None:
        params = replace(params, new_due_at=iso_vn(request.new_due_at.astimezone(VN_TZ)))
    return params


def _apply(
    store: Store,
    request: IssueRequest,
    dossier: Dossier,
    plan: _Plan,
    params: FormParams,
    *,
    actor: str,
    now: datetime,
) -> Dossier:
    """The lifecycle move or the new appointment the form stands for, if any (a part of the
    printing's action: the form, its register row and the move commit together)."""
    if plan.target is not None:
        reason = params.reason or "; ".join(params.items)
        return transition_dossier(
            store,
            dossier.code,
            plan.target,
            reason=reason,
            actor=actor,
            now=now,
            details={"form": request.kind.value},
        )
    if plan.new_due and request.new_due_at is not None:
        _check_later(dossier, request.new_due_at, now)
        return set_due_date(
            store,
            dossier.code,
            request.new_due_at,
            reason=params.reason,
            actor=actor,
            now=now,
            kind="apology",
        )
    return dossier


def _check_later(dossier: Dossier, new_due_at: datetime, now: datetime) -> None:
    floor = max(now, datetime.fromisoformat(dossier.due_at)) if dossier.due_at else now
    if new_due_at <= floor:
        raise NewDateNotLaterError("")


def _printing(
    store: Store,
    request: IssueRequest,
    dossier: Dossier,
    plan: _Plan,
    settings: FormSettings,
    *,
    actor: str,
    now: datetime,
) -> Printing:
    original = plan.original
    if original is not None:
        return Printing(
            kind=request.kind,
            form_set=original.form_set,
            number=original.number,
            dated=datetime.fromisoformat(original.issued_at),
            actor=original.actor,
            reprint=True,
        )
    template = load_form_set(dossier.form_set).template(request.kind)
    return Printing(
        kind=request.kind,
        form_set=dossier.form_set,
        number=_number(store, template, settings, now),
        dated=now,
        actor=actor,
        reprint=False,
    )


def _number(store: Store, template: FormTemplate, settings: FormSettings, now: datetime) -> str:
    """``10001/PYCBS-TTPVHCC``: the number, then the symbol (NĐ 30/2020, Phụ lục I: the
    paper type's abbreviation and the issuing agency's); ``……/TB-UBND`` under the "blank"
    scheme, for the ward's văn thư to number."""
    if not template.numbered or not template.symbol:
        return ""
    agency = (
        settings.authority_abbreviation
        if template.issuer == "authority"
        else (settings.unit_abbreviation)
    )
    symbol = f"{template.symbol}-{agency}"
    if settings.letter_numbers == "blank":
        return f"{BLANK_NUMBER}/{symbol}"
    kind, low = template.kind.value, load_config(store).counter * LETTER_BLOCK + 1
    high = low + LETTER_BLOCK - 2
    seq = register.next_letter_seq(store, kind, now.year, low=low, high=high)
    # Above the marks too: a letter printed after the backup a restore went back to (a mark
    # outside this block is another counter number's, from before a change of setup).
    marked = store.marks.last_letter_seq(kind, now.year)
    seq = max(seq or high + 1, marked + 1 if low <= marked <= high else low)
    if seq > high:
        raise LetterNumbersUsedUpError(kind)
    store.marks.reserve_letter(kind, now.year, seq)
    return f"{seq}/{symbol}"


BLANK_NUMBER = "……"


def letter_seq(number: str) -> int | None:
    """The sequence part of a printed number; None for a blank one or none at all."""
    head = number.split("/", 1)[0]
    return int(head) if head.isdigit() else None


def _record(
    store: Store,
    request: IssueRequest,
    dossier: Dossier,
    plan: _Plan,
    printing: Printing,
    params: FormParams,
    layout: Layout,
    *,
    actor: str,
    now: datetime,
) -> None:
    key = _register_kind(request.kind, layout)
    seq = None if printing.reprint else letter_seq(printing.number)
    stored = params.to_json()
    if request.kind == FormKind.RECEIPT and not printing.reprint:
        stored["promised_at"] = dossier.due_at
    register.insert_issued(
        store,
        {
            "dossier_id": dossier.id,
            "kind": key,
            "form_set": printing.form_set,
            "year": now.year,
            "seq": seq,
            "number": printing.number,
            "layout": layout.value,
            "copies": [c.value for c in request.copies],
            "dossier_version": dossier.version,
            "issued_at": iso_vn(now),
            "actor": actor,
            "reprint_of": plan.original.id if plan.original else None,
            "params": stored,
        },
    )
    event = "document_reprinted" if printing.reprint else "document_issued"
    details = {"form": key, "number": printing.number, "layout": layout.value}
    rows.insert_event(
        store,
        dossier_id=dossier.id,
        at=iso_vn(now),
        actor=actor,
        kind=event,
        details=details,
    )
    append_audit(
        store,
        at=iso_vn(now),
        actor=actor,
        action=f"document.{'reprint' if printing.reprint else 'issue'}",
        subject=dossier.code,
        details=details,
        dossier_id=dossier.id,
    )
