"""The detail pane: one dossier's fields, its sync state, and its histories.

Display only: the screen reads a ``DossierOverview`` on the store's thread and hands it here.
Three lists under tabs (events, due dates, printed documents) keep it usable at 1366×768.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.dossier import Dossier
from counter_app.services.dossiers.queries import (
    ATTENTION,
    NOT_SENT,
    PENDING,
    SYNCED,
    DossierOverview,
    DossierSyncState,
)
from ui.dossiers.texts import city_reason, event_text, form_name, moment_text, status_text
from ui.naming import named

SYNC_COLOURS = {SYNCED: "#1b5e20", PENDING: "#5d4037", ATTENTION: "#b00020", NOT_SENT: "#555555"}


class DetailPane(QWidget):
    def __init__(self, *, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierDetail")
        self._lang = lang
        self.code = named(QLabel(), "detailCode")
        font = self.code.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.code.setFont(font)
        self.status = named(QLabel(), "detailStatus")
        self.sync = named(QLabel(), "detailSync")
        self.sync.setWordWrap(True)
        self._fields: dict[str, QLabel] = {}
        self.tabs = named(QTabWidget(), "detailTabs")
        self.events = named(QListWidget(), "detailEvents")
        self.due_dates = named(QListWidget(), "detailDueDates")
        self.documents = named(QListWidget(), "detailDocuments")
        for listing in (self.events, self.due_dates, self.documents):
            # Long lines (a reason, a city status) wrap instead of scrolling sideways.
            listing.setWordWrap(True)
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs.addTab(self.events, self.tr("History"))
        self.tabs.addTab(self.due_dates, self.tr("Appointments"))
        self.tabs.addTab(self.documents, self.tr("Printed"))
        self._layout()
        self.clear()

    def _layout(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.code)
        column.addWidget(self.status)
        column.addWidget(self.sync)
        form = QFormLayout()
        for key, label in self._field_labels():
            value = named(QLabel(), f"detail_{key}")
            value.setWordWrap(True)
            self._fields[key] = value
            form.addRow(label, value)
        column.addLayout(form)
        column.addWidget(self.tabs, 1)

    def _field_labels(self) -> list[tuple[str, str]]:
        return [
            ("applicant", self.tr("Applicant")),
            ("id_number", self.tr("ID number")),
            ("identity", self.tr("Identity from")),
            ("procedure", self.tr("Procedure")),
            ("received", self.tr("Received")),
            ("due", self.tr("Appointment")),
            ("clerk", self.tr("Received by")),
            ("proxy", self.tr("Submitted by")),
            ("notes", self.tr("Notes")),
        ]

    def field_text(self, key: str) -> str:
        return self._fields[key].text()

    def clear(self) -> None:
        self.code.setText(self.tr("No dossier chosen"))
        for label in (self.status, self.sync, *self._fields.values()):
            label.setText("")
        for listing in (self.events, self.due_dates, self.documents):
            listing.clear()

    def show_overview(self, overview: DossierOverview) -> None:
        dossier = overview.detail.dossier
        self.code.setText(dossier.code)
        self.status.setText(self._status_line(dossier))
        self._show_sync(overview.sync)
        self._show_fields(dossier, overview.procedure_name, overview.person(dossier.clerk))
        events = overview.detail.events
        self._fill(self.events, [event_text(e, self._lang, overview.person) for e in events])
        self._fill(self.due_dates, [self._due_line(d) for d in overview.detail.due_dates])
        self._fill(self.documents, [self._document_line(d) for d in overview.documents])

    def _status_line(self, dossier: Dossier) -> str:
        line = status_text(dossier.status, self._lang)
        if dossier.official_code and dossier.official_code != dossier.code:
            line += " · " + self.tr("city code %1").replace("%1", dossier.official_code)
        if dossier.voided_at:
            line += " · " + self.tr("voided on %1").replace("%1", moment_text(dossier.voided_at))
        return line

    def _show_sync(self, sync: DossierSyncState) -> None:
        words = {
            SYNCED: self.tr("Sent to the city."),
            PENDING: self.tr("Waiting to be sent to the city; it goes by itself when online."),
            ATTENTION: self.tr("The city refused this dossier: correct it and save it again."),
            NOT_SENT: self.tr("Voided before it was sent: it never goes to the city."),
        }
        lines = [words.get(sync.state, sync.state)]
        lines += [f"• {city_reason(error, self._lang)}" for error in sync.errors]
        self.sync.setText("\n".join(lines))
        self.sync.setStyleSheet(f"color: {SYNC_COLOURS.get(sync.state, '#000000')}")

    def _show_fields(self, dossier: Dossier, procedure_name: str, clerk: str) -> None:
        proxy = dossier.proxy
        values = {
            "applicant": dossier.applicant.full_name,
            "id_number": dossier.applicant.id_number,
            "identity": self._identity_source(dossier),
            "procedure": f"{dossier.procedure_code} · {procedure_name}".strip(" ·"),
            "received": moment_text(dossier.received_at),
            "due": moment_text(dossier.due_at),
            "clerk": clerk,
            "proxy": f"{proxy.full_name} ({proxy.id_number})" if proxy else "",
            "notes": dossier.notes,
        }
        for key, value in values.items():
            self._fields[key].setText(value)

    def _identity_source(self, dossier: Dossier) -> str:
        """Where the applicant's identity came from: the chip (verified or not), QR, typed."""
        applicant = dossier.applicant
        if applicant.source == "chip":
            if applicant.identity_verification == "verified":
                return self.tr("the card's chip, verified")
            return self.tr("the card's chip, read but not verified")
        return {"qr": self.tr("the card's QR code"), "typed": self.tr("typed")}.get(
            applicant.source, applicant.source
        )

    def _due_line(self, due: dict[str, str]) -> str:
        reasons = {
            "original": self.tr("at receipt"),
            "apology": self.tr("apology"),
            "due_date_changed": self.tr("changed"),
        }
        key = due.get("reason", "")
        reason = reasons.get(key, key)
        if key.startswith("status_") and key[7:].isdigit():
            after = status_text(int(key[7:]), self._lang)
            reason = self.tr("new period: %1").replace("%1", after)
        return f"{moment_text(due.get('due_at'))} · {reason} · {moment_text(due.get('set_at'))}"

    def _document_line(self, document: dict[str, object]) -> str:
        name = form_name(str(document.get("kind", "")), self._lang)
        number = str(document.get("number") or "")
        reprint = self.tr("reprint")
        mark = f" · {reprint}" if document.get("reprint") else ""
        head = f"{moment_text(str(document.get('issued_at', '')))} · {name}"
        return head + (f" ({number})" if number else "") + mark

    @staticmethod
    def _fill(listing: QListWidget, lines: list[str]) -> None:
        listing.clear()
        listing.addItems(lines)
