"""Printing a form the intake screen issued: straight to the printer on the pool, or the
preview when the setting asks for it (the clerk then prints from there)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from counter_app.services.documents.issuing import IssuedDocument
from ui.print_job import PrintOutcome
from ui.session import Session


def print_issued(
    session: Session,
    document: IssuedDocument,
    *,
    preview: bool,
    parent: QWidget,
    on_done: Callable[[PrintOutcome], None],
    on_error: Callable[[BaseException], None],
) -> None:
    desk, pdf, layout, stem = session.print_desk, document.pdf, document.layout, document.code
    if preview:
        desk.preview(pdf, layout=layout, stem=stem, parent=parent, on_done=on_done)
        return
    session.background.run(
        lambda: desk.print_pdf(pdf, layout=layout, stem=stem), on_done=on_done, on_error=on_error
    )
