"""Dates, statuses and events as the screens write them (ux.md: dd/MM/yyyy on screen).

Shared by the dossiers and returns screens. Plain functions, not QObjects, so their words go
through ``QCoreApplication.translate`` with the context ``DossierTexts``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from counter_app.domain.dossier import status_name
from counter_app.messages import MESSAGES, message_for
from ui.attention import field_label


def day_text(stamp: str | None) -> str:
    """An ISO time or day as dd/MM/yyyy; empty for none."""
    if not stamp:
        return ""
    return datetime.fromisoformat(stamp[:10]).strftime("%d/%m/%Y")


def moment_text(stamp: str | None) -> str:
    """An ISO time as dd/MM/yyyy HH:mm (Vietnam time, as stored)."""
    if not stamp:
        return ""
    if len(stamp) <= 10:
        return day_text(stamp)
    return datetime.fromisoformat(stamp).strftime("%d/%m/%Y %H:%M")


def status_text(code: int | None, lang: str) -> str:
    return "" if code is None else status_name(int(code), lang)


def event_text(event: dict[str, Any], lang: str, person: Callable[[str], str] = str) -> str:
    """One line of the event history: when, who (``person`` names an actor), what (and why)."""
    what = _event_what(event, lang)
    reason = str(event.get("reason") or "")
    origin = (
        QCoreApplication.translate("DossierTexts", "from the city")
        if event.get("origin") == "city"
        else person(str(event.get("actor", "")))
    )
    line = f"{moment_text(event.get('at'))} · {origin} · {what}"
    return f"{line} — {reason}" if reason else line


def _event_what(event: dict[str, Any], lang: str) -> str:
    kind = str(event.get("kind", ""))
    details = event.get("details") or {}
    to_status = event.get("to_status")
    if kind in ("transition", "correction", "city_status") and to_status is not None:
        moved = f"{status_text(event.get('from_status'), lang)} → {status_text(to_status, lang)}"
        return f"{_kind_name(kind)}: {moved}"
    if kind in ("document_issued", "document_reprinted"):
        form = form_name(str(details.get("form", "")), lang)
        number = str(details.get("number") or "")
        return f"{_kind_name(kind)}: {form}" + (f" ({number})" if number else "")
    if kind in ("apology", "due_date_changed", "city_due_date_later"):
        return f"{_kind_name(kind)}: {moment_text(details.get('due_at'))}"
    return _kind_name(kind)


def _kind_name(kind: str) -> str:
    names = {
        "created": QCoreApplication.translate("DossierTexts", "received at the counter"),
        "transition": QCoreApplication.translate("DossierTexts", "status changed"),
        "correction": QCoreApplication.translate("DossierTexts", "status corrected"),
        "city_status": QCoreApplication.translate("DossierTexts", "status from the city"),
        "edited": QCoreApplication.translate("DossierTexts", "details edited"),
        "due_date_changed": QCoreApplication.translate("DossierTexts", "new appointment"),
        "apology": QCoreApplication.translate("DossierTexts", "apology with a new appointment"),
        "city_due_date_later": QCoreApplication.translate(
            "DossierTexts", "later appointment from the city"
        ),
        "voided": QCoreApplication.translate("DossierTexts", "voided (entered in error)"),
        "document_issued": QCoreApplication.translate("DossierTexts", "printed"),
        "document_reprinted": QCoreApplication.translate("DossierTexts", "reprinted"),
        "sync_rejected": QCoreApplication.translate("DossierTexts", "refused by the city"),
        "sync_stale": QCoreApplication.translate("DossierTexts", "the city holds a newer version"),
        "recovered_from_city": QCoreApplication.translate(
            "DossierTexts", "taken back from the city after a restore (earlier history not kept)"
        ),
    }
    return names.get(kind, kind)


def form_name(kind: str, lang: str) -> str:
    """A printed form's name from the register kind ("receipt", "receipt_slip", …)."""
    if kind == "receipt_slip":
        return QCoreApplication.translate("DossierTexts", "receipt slip (80 mm)")
    return message_for(f"form.kind.{kind}", lang) if kind else ""


def city_reason(error: dict[str, str], lang: str) -> str:
    """One of the city's reasons in the app's own words for its code, after the field it
    names in the clerk's words (never the national field path)."""
    code = error.get("code", "")
    sentence = message_for(code, lang) if code in MESSAGES else error.get("message", code)
    field = error.get("field", "")
    return f"{field_label(field)}: {sentence}" if field else sentence
