"""JSON and one-line shapes of dossiers for the CLI (docs/CLI.md, "Dossier objects")."""

from __future__ import annotations

from typing import Any

from counter_app.domain.dossier import Dossier, status_name
from counter_app.domain.field_text import displayable
from counter_app.services.dossiers.changes import DossierDetail


def dossier_json(dossier: Dossier, lang: str) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "official_code": dossier.official_code,
        "uuid": dossier.uuid,
        "version": dossier.version,
        "status": dossier.status,
        "status_name": status_name(dossier.status, lang),
        "procedure_code": dossier.procedure_code,
        "catalogue_version": dossier.catalogue_version,
        "received_at": dossier.received_at,
        "due_date": dossier.due_at[:10] if dossier.due_at else None,
        "due_at": dossier.due_at,
        "applicant": {
            "kind": dossier.applicant.kind.value,
            "id_type": dossier.applicant.id_type.value,
            "id_number": dossier.applicant.id_number,
            "full_name": dossier.applicant.full_name,
        },
        "counter": dossier.counter,
        "clerk": dossier.clerk,
        "log_book": dossier.log_book,
        "log_line": dossier.log_line,
        "voided": dossier.is_voided,
        "synced_version": dossier.synced_version,
    }


def detail_json(detail: DossierDetail, lang: str) -> dict[str, Any]:
    dossier = detail.dossier
    out = dossier_json(dossier, lang)
    out["applicant"] = dossier.applicant.to_json()
    out.update(
        proxy=dossier.proxy.to_json() if dossier.proxy else None,
        documents=[d.to_json() for d in dossier.documents],
        sets=dossier.sets,
        fee_vnd=dossier.fee_vnd,
        fee_exemption=dossier.fee_exemption,
        notes=dossier.notes,
        receiving_agency=dossier.receiving_agency,
        competent_agency=dossier.competent_agency,
        channel=dossier.channel,
        form_set=dossier.form_set,
        outcome_reason=dossier.outcome_reason,
        returned_at=dossier.returned_at,
        voided_at=dossier.voided_at,
        due_dates=detail.due_dates,
        events=detail.events,
        versions=detail.versions,
        outbox=[{"version": v, "idempotency_key": k, "state": s} for v, k, s in detail.outbox],
    )
    return out


def dossier_line(dossier: Dossier, lang: str) -> str:
    due = dossier.due_at[:16].replace("T", " ") if dossier.due_at else "—"
    voided = (
        " [đã hủy]"
        if dossier.is_voided and lang == "vi"
        else " [voided]"
        if dossier.is_voided
        else ""
    )
    return displayable(
        f"{dossier.code}  {status_name(dossier.status, lang)}{voided}  "
        f"{dossier.procedure_code}  {dossier.applicant.full_name}  "
        f"{'hẹn' if lang == 'vi' else 'due'} {due}"
    )
