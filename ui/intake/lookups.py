"""What the screen looks up while the clerk fills the form, each on the store thread:
the applicant's earlier dossiers, a possible duplicate intake, the live due date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from counter_app.domain.due_date import DueDate
from counter_app.domain.procedure import Procedure
from ui.intake import work
from ui.intake.applicant_panel import ApplicantPanel
from ui.intake.history_panel import HistoryPanel
from ui.intake.procedure_panel import ProcedurePanel
from ui.session import Session

Failed = Callable[[BaseException], None]


class Lookups(QObject):
    def __init__(
        self,
        session: Session,
        panels: tuple[ApplicantPanel, ProcedurePanel, HistoryPanel],
        on_error: Failed,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._session, self._on_error = session, on_error
        self.applicant, self.procedure, self.history = panels
        self.applicant.edits["id_number"].editingFinished.connect(self._id_typed)
        self.procedure.chosen.connect(self._procedure_chosen)

    def applicant_found(self, id_number: str) -> None:
        """A scanned or typed ID: its earlier dossiers here, and the duplicate check."""
        self._session.store.run(
            lambda store: work.history(store, id_number),
            on_done=self._show_history,
            on_error=self._on_error,
        )
        self.check_duplicates()

    def check_duplicates(self) -> None:
        number = self.applicant.edits["id_number"].text().strip()
        current = self.procedure.current
        if not number or current is None:
            self.history.show_duplicates([])
            return
        code = current.code
        self._session.store.run(
            lambda store: work.duplicates(store, number, code),
            on_done=self.history.show_duplicates,
            on_error=self._on_error,
        )

    def _id_typed(self) -> None:
        number = self.applicant.edits["id_number"].text().strip()
        if len(number) == 12 and number.isdigit():
            self.applicant_found(number)

    def _show_history(self, dossiers: list[Any]) -> None:
        names = {p.code: p.name_vi for p in self.procedure.procedures}
        self.history.show_dossiers(dossiers, names)

    def _procedure_chosen(self, procedure: Procedure) -> None:
        code = procedure.code
        self._session.store.run(
            lambda store: work.due_preview(store, code),
            on_done=self._show_due,
            on_error=self._on_error,
        )
        self.check_duplicates()

    def _show_due(self, due: DueDate) -> None:
        self.procedure.show_due(due)
