"""The intake's and an edit's values through the one cleaning of ``field_text``.

Called by the services that save (receive, edit, transition), so the form, the CLI, a QR, a
typed JSON and an import all meet the same checks at the same place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from counter_app.domain.dossier import Applicant, DocumentReceived, Intake, Proxy
from counter_app.domain.field_text import (
    COUNT_RANGE,
    FEE_RANGE,
    SETS_RANGE,
    check_number,
    clean_field,
)

_APPLICANT_TEXTS = (
    "id_number", "date_of_birth", "sex", "address", "phone", "email", "nationality",
    "issue_date",
)  # fmt: skip


def clean_applicant(applicant: Applicant) -> Applicant:
    """Every text of the applicant cleaned; a name that is blank once cleaned is refused."""
    values: dict[str, Any] = {
        name: clean_field(getattr(applicant, name), name) for name in _APPLICANT_TEXTS
    }
    values["full_name"] = clean_field(applicant.full_name, "full_name", required=True)
    return replace(applicant, **values)


def clean_proxy(proxy: Proxy | None) -> Proxy | None:
    if proxy is None:
        return None
    return replace(
        proxy,
        full_name=clean_field(proxy.full_name, "full_name", required=True),
        id_number=clean_field(proxy.id_number, "id_number", required=True),
        relation=clean_field(proxy.relation, "relation"),
        phone=clean_field(proxy.phone, "phone"),
    )


def clean_documents(documents: tuple[DocumentReceived, ...]) -> tuple[DocumentReceived, ...]:
    cleaned = []
    for document in documents:
        check_number(document.originals, "originals", COUNT_RANGE)
        check_number(document.copies, "copies", COUNT_RANGE)
        name = clean_field(document.name, "document", required=True)
        cleaned.append(replace(document, name=name))
    return tuple(cleaned)


def clean_intake(intake: Intake) -> Intake:
    """The intake as it may be stored, or a typed refusal naming the field."""
    check_number(intake.sets, "sets", SETS_RANGE)
    check_number(intake.fee_vnd, "fee", FEE_RANGE)
    return replace(
        intake,
        applicant=clean_applicant(intake.applicant),
        proxy=clean_proxy(intake.proxy),
        documents=clean_documents(intake.documents),
        outcome_reason=clean_field(intake.outcome_reason, "reason"),
        fee_exemption=clean_field(intake.fee_exemption, "fee_exemption"),
        notes=clean_field(intake.notes, "notes"),
        queue_ticket=clean_field(intake.queue_ticket, "queue_ticket"),
        competent_agency=clean_field(intake.competent_agency, "competent_agency"),
    )


def clean_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """An edit's changes through the same checks as an intake (same fields, same limits)."""
    cleaned = dict(changes)
    texts = {"fee_exemption": "fee_exemption", "notes": "notes", "queue_ticket": "queue_ticket"}
    for key, field in texts.items():
        if key in cleaned:
            cleaned[key] = clean_field(cleaned[key], field)
    if "sets" in cleaned:
        check_number(cleaned["sets"], "sets", SETS_RANGE)
    if "fee_vnd" in cleaned:
        check_number(cleaned["fee_vnd"], "fee", FEE_RANGE)
    if "applicant" in cleaned:
        cleaned["applicant"] = clean_applicant(cleaned["applicant"])
    if "proxy" in cleaned:
        cleaned["proxy"] = clean_proxy(cleaned["proxy"])
    if "documents" in cleaned:
        cleaned["documents"] = clean_documents(cleaned["documents"])
    return cleaned


def clean_details(details: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """A transition's details: the recipient of a hand-over is a person's name."""
    if not details or not isinstance(details.get("recipient"), str):
        return details
    return {**details, "recipient": clean_field(details["recipient"], "recipient")}
