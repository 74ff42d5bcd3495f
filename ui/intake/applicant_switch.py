"""One applicant per form (ux.md: a scan fills the applicant block; never two people in one).

A scan or a typed ID that names another person than the form holds starts a new applicant:
the unsaved form is set aside as a draft (F8 swaps it back), and the procedure with its papers
is carried over only when the clerk asks for it (Ctrl+K, a family applying together). The same
person scanned again keeps everything.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject

from ui.intake import work
from ui.intake.applicant_panel import ApplicantPanel
from ui.intake.procedure_panel import ProcedurePanel
from ui.session import Session


class SwitchingScreen(Protocol):
    applicant: ApplicantPanel
    procedure: ProcedurePanel

    def has_unsaved_input(self) -> bool: ...
    def draft_content(self) -> dict[str, Any]: ...
    def clear_form(self) -> None: ...
    def restore_draft(self, draft: dict[str, Any]) -> None: ...
    def say(self, text: str) -> None: ...


class ApplicantSwitch(QObject):
    def __init__(self, session: Session, screen: SwitchingScreen, parent: QObject) -> None:
        super().__init__(parent)
        self._session, self._screen = session, screen
        self._last_procedure: dict[str, Any] | None = None

    def before_applicant(self, id_number: str) -> str:
        """Called before a scanned or typed ID fills the form: the one line to say, if any."""
        screen = self._screen
        shown = screen.applicant.edits["id_number"].text().strip()
        if not shown or shown == id_number.strip():
            return ""
        content = screen.draft_content()
        self.remember_procedure()
        self._session.store.run(lambda store: work.set_aside(store, content),
                                on_done=_ignore, on_error=_ignore)  # fmt: skip
        screen.clear_form()
        words = self.tr("New applicant: the previous unsaved form was kept as a draft (F8 brings "
                        "it back).")  # fmt: skip
        if self._last_procedure is not None:
            words += " " + self.tr("Ctrl+K: the same procedure and papers.")
        return words

    def remember_procedure(self) -> None:
        """The procedure and papers on the form now, for Ctrl+K with the next applicant."""
        values = self._screen.procedure.values()
        if values["procedure"]:
            self._last_procedure = {**values, "reason": ""}

    def same_procedure(self) -> None:
        """Ctrl+K: the previous applicant's procedure and papers, by the clerk's choice."""
        if self._last_procedure is None:
            self._screen.say(self.tr("There is no previous procedure to repeat."))
            return
        self._screen.procedure.restore(self._last_procedure)
        self._screen.procedure.documents.setFocus()
        self._screen.say(self.tr("The same procedure and papers as the previous applicant."))

    def bring_back(self) -> None:
        """F8: the form set aside comes back; the one on screen, if any, is set aside instead."""
        screen = self._screen
        content = screen.draft_content() if screen.has_unsaved_input() else None
        self._session.store.run(lambda store: work.swap_aside(store, content),
                                on_done=self._brought_back, on_error=_ignore)  # fmt: skip

    def _brought_back(self, draft: dict[str, Any] | None) -> None:
        if draft is None:
            self._screen.say(self.tr("No form was set aside."))
            return
        self._screen.clear_form()
        self._screen.restore_draft(draft)


def _ignore(_value: object) -> None:
    """A draft write that fails costs only the draft; the live form is still on screen."""
