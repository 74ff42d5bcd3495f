"""Whether a dossier's result can be handed over, and if not, what it waits for, in words.

Plain functions (the context ``ReturnsReadiness`` in the translations).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication

from counter_app.domain.dossier import Status
from counter_app.domain.lifecycle import is_overdue
from counter_app.services.dossiers.queries import DossierOverview
from ui.dossiers.texts import moment_text


def ready_line(overview: DossierOverview, today: date) -> tuple[str, bool]:
    """(the sentence, whether the result is ready to hand over)."""
    dossier = overview.detail.dossier
    if dossier.is_voided:
        return QCoreApplication.translate(
            "ReturnsReadiness", "This dossier was voided (entered in error): there is no result."
        ), False
    status = dossier.status
    if status == Status.RESULT_READY:
        return QCoreApplication.translate(
            "ReturnsReadiness", "The result is ready: record the hand-over."
        ), True
    if status == Status.RETURNED:
        return _returned_line(overview), False
    if status in (Status.RECEIVED, Status.IN_PROCESS):
        line = QCoreApplication.translate(
            "ReturnsReadiness", "Not ready yet: still being processed. Appointment: %1."
        )
        line = line.replace("%1", moment_text(dossier.due_at))
        if is_overdue(status, dossier.due_at[:10] if dossier.due_at else None, today.isoformat()):
            line += " " + QCoreApplication.translate(
                "ReturnsReadiness", "It is overdue: apologise and give a new date (Mẫu 04)."
            )
        return line, False
    return _WAITING.get(
        status,
        lambda: QCoreApplication.translate(
            "ReturnsReadiness", "Not ready: there is no result to hand over."
        ),
    )(), False


def _returned_line(overview: DossierOverview) -> str:
    """Already handed over: when, and to whom (from the hand-over's event)."""
    dossier = overview.detail.dossier
    handed = [e for e in overview.detail.events if e.get("to_status") == Status.RETURNED]
    recipient = str((handed[-1].get("details") or {}).get("recipient", "")) if handed else ""
    line = QCoreApplication.translate("ReturnsReadiness", "Already handed over on %1.").replace(
        "%1", moment_text(dossier.returned_at)
    )
    if recipient:
        line += " " + QCoreApplication.translate("ReturnsReadiness", "Collected by %1.").replace(
            "%1", recipient
        )
    return line


_WAITING: dict[int, Callable[[], str]] = {
    Status.SUBMITTED_ONLINE: lambda: QCoreApplication.translate(
        "ReturnsReadiness", "Not ready: submitted online, not yet received."
    ),
    Status.SUPPLEMENT_REQUESTED: lambda: QCoreApplication.translate(
        "ReturnsReadiness", "Not ready: waiting for the applicant's missing papers."
    ),
    Status.PAYMENT_REQUESTED: lambda: QCoreApplication.translate(
        "ReturnsReadiness", "Not ready: waiting for the fee or tax to be paid."
    ),
    Status.REFUSED: lambda: QCoreApplication.translate(
        "ReturnsReadiness", "Refused: there is no result to hand over."
    ),
    Status.WITHDRAWN: lambda: QCoreApplication.translate(
        "ReturnsReadiness", "Withdrawn by the applicant: there is no result."
    ),
    Status.STOPPED: lambda: QCoreApplication.translate(
        "ReturnsReadiness", "Processing was stopped: there is no result."
    ),
}
