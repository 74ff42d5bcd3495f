"""The filled form as an ``Intake``, or what to fix first (a sentence and the field)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from counter_app.domain.dossier import Intake, Outcome
from ui.intake.applicant_panel import ApplicantPanel
from ui.intake.procedure_panel import ProcedurePanel


class FormIncomplete(Exception):
    """Not ready to save: ``sentence`` for the clerk, ``field`` to focus (None: it is)."""

    def __init__(self, sentence: str, field: QWidget | None) -> None:
        super().__init__("")
        self.sentence, self.field = sentence, field


def build_intake(
    applicant: ApplicantPanel, procedure: ProcedurePanel, outcome: Outcome, *, today: date
) -> Intake:
    chosen = procedure.current
    if chosen is None:
        raise FormIncomplete(
            QCoreApplication.translate("IntakeScreen", "Choose the procedure first (F3)."),
            procedure.search,
        )
    checked = applicant.checked_applicant(today=today)
    if checked is None:  # the panel focused the field to fix
        raise FormIncomplete(
            QCoreApplication.translate(
                "IntakeScreen", "Check the marked field of the applicant before saving."
            ),
            None,
        )
    reason = procedure.reason.text().strip()
    received = outcome is Outcome.RECEIVED
    if not received and not reason:
        raise FormIncomplete(
            QCoreApplication.translate(
                "IntakeScreen", "Type the reason first: it is printed on the form."
            ),
            procedure.reason,
        )
    person, findings, acknowledged = checked
    return Intake(
        procedure_code=chosen.code,
        applicant=person,
        outcome=outcome,
        outcome_reason="" if received else reason,
        notes=reason if received else "",
        proxy=applicant.proxy(),
        documents=procedure.received(),
        queue_ticket=applicant.edits["queue_ticket"].text().strip(),
        acknowledged=acknowledged,
        findings=findings,
    )
