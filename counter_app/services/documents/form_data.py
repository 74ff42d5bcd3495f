"""From a stored dossier and the counter's settings to what a printed form says.

The renderer draws ``FormData`` only; everything a form prints is decided here, so a
reprint built from the same dossier, form set and parameters prints the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from counter_app.documents import load_form_set, qr_payload, receipt_qr_fields
from counter_app.documents.model import DocumentLine, FormData, FormKind, Header, Party
from counter_app.domain.dossier import DocumentReceived, Dossier
from counter_app.domain.procedure import Procedure, is_conditional_paper
from counter_app.services.settings.forms import FormSettings


@dataclass(frozen=True)
class FormParams:
    """What the clerk adds to a form; stored with the printed document for its reprints."""

    reason: str = ""
    items: tuple[str, ...] = ()
    legal_basis: str = ""
    new_due_at: str | None = None  # ISO, Vietnam time (apology)
    promised_at: str | None = None  # the appointment shown: a receipt's, or the one missed

    def to_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "items": list(self.items),
            "legal_basis": self.legal_basis,
            "new_due_at": self.new_due_at,
            "promised_at": self.promised_at,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FormParams:
        return cls(
            reason=str(data.get("reason", "")),
            items=tuple(str(i) for i in data.get("items", ())),
            legal_basis=str(data.get("legal_basis", "")),
            new_due_at=data.get("new_due_at"),
            promised_at=data.get("promised_at"),
        )


@dataclass(frozen=True)
class Printing:
    """How this print is made: the set and number it carries, when, by whom, whether a copy."""

    kind: FormKind
    form_set: str
    number: str
    dated: datetime
    actor: str
    reprint: bool


def build_form_data(
    dossier: Dossier,
    procedure: Procedure,
    settings: FormSettings,
    printing: Printing,
    params: FormParams,
    *,
    signer: str,
) -> FormData:
    """``signer``: the name printed under the clerk's signature (see ``signed_by``)."""
    received_at = datetime.fromisoformat(dossier.received_at)
    due_at = datetime.fromisoformat(dossier.due_at) if dossier.due_at else None
    template = load_form_set(printing.form_set).template(printing.kind)
    head_title, head_name = head_signer(settings, printing.kind)
    data = FormData(
        kind=printing.kind,
        form_set=printing.form_set,
        header=_header(settings, printing, issuer=template.issuer),
        code=dossier.code,
        applicant=_party(dossier),
        procedure_name=procedure.name_vi,
        procedure_code=procedure.code,
        received_at=received_at,
        due_at=due_at,
        processing_days=_period(procedure),
        calendar_days=procedure.calendar_days > 0 and not procedure.same_day,
        documents=tuple(_line(d) for d in dossier.documents),
        sets=dossier.sets,
        fee_vnd=dossier.fee_vnd,
        clerk=signer,
        return_place=settings.return_place,
        log_book=dossier.log_book,
        log_line=dossier.log_line or None,
        counter_phone=settings.counter_phone,
        items=params.items,
        reason=params.reason,
        legal_basis=params.legal_basis,
        help_line=settings.help_line,
        new_due_at=datetime.fromisoformat(params.new_due_at) if params.new_due_at else None,
        processing_unit=settings.processing_unit or dossier.competent_agency,
        coordinating_unit="",
        handed_over_at=printing.dated if printing.kind == FormKind.CONTROL else None,
        reprint=printing.reprint,
        head_title=head_title,
        head_name=head_name,
        lookup_web=settings.lookup_web,
    )
    if printing.kind != FormKind.RECEIPT:
        return data
    return replace(data, qr_payload=_qr(data, settings, printing))


def _header(settings: FormSettings, printing: Printing, *, issuer: str) -> Header:
    """The unit under its authority; a letter the authority issues (04, 05) is headed by the
    authority alone, as its body and its head's signature speak for it (NĐ 30/2020)."""
    by_authority = issuer == "authority"
    return Header(
        parent_authority="" if by_authority else settings.parent_authority,
        unit_name=settings.authority_name if by_authority else settings.unit_name,
        place=settings.place,
        dated=printing.dated,
        number=printing.number,
        unit_in_text=settings.unit_in_text,
    )


def head_signer(settings: FormSettings, kind: FormKind) -> tuple[tuple[str, ...], str]:
    """The title lines and the name of the head who signs ``kind`` (04, 05); none for others."""
    if kind == FormKind.APOLOGY:
        title, name = settings.apology_signer_title, settings.apology_signer_name
    elif kind == FormKind.STOP:
        title, name = settings.stop_signer_title, settings.stop_signer_name
    else:
        return (), ""
    return tuple(line.strip() for line in title.split(" / ") if line.strip()), name


def _period(procedure: Procedure) -> int | None:
    """The period the receipt states: the catalogue's calendar days when the law counts in
    them (the due date is counted the same way, ``due_date.py``), else its working days."""
    if procedure.same_day:
        return None
    return procedure.calendar_days or procedure.processing_days


def missing_documents(dossier: Dossier, procedure: Procedure) -> tuple[str, ...]:
    """The catalogue's papers the clerk did not tick, but for those needed only in some cases:
    the supplement request's first draft."""
    received = {d.name.casefold() for d in dossier.documents}
    return tuple(
        name
        for name in procedure.documents
        if name.casefold() not in received and not is_conditional_paper(name)
    )


def signed_by(dossier: Dossier, printing: Printing) -> str:
    """Who signs the form as the receiving officer: the clerk who took the dossier on the
    receipt (a reprint keeps them), the person printing on every other form."""
    return dossier.clerk if printing.kind == FormKind.RECEIPT else printing.actor


def _party(dossier: Dossier) -> Party:
    person = dossier.applicant
    return Party(
        full_name=person.full_name,
        id_number=person.id_number,
        address=person.address,
        phone=person.phone,
        email=person.email,
    )


def _line(document: DocumentReceived) -> DocumentLine:
    if document.originals and document.copies:
        form = "Bản chính, bản sao"
    elif document.originals:
        form = "Bản chính"
    else:
        form = "Bản sao"
    return DocumentLine(document.name, form, document.originals + document.copies)


def _qr(data: FormData, settings: FormSettings, printing: Printing) -> str:
    """The receipt's QR: issued at the printing time (a reprint: its original's, as its date
    line), with the appointment the paper shows and the title of its form set."""
    title = load_form_set(printing.form_set).template(FormKind.RECEIPT).title
    fields = receipt_qr_fields(
        data, title=title, system=settings.qr_system, issued_at=printing.dated
    )
    return qr_payload(settings.qr_template, fields)
