"""NGƯỜI NỘP: the scan box, the applicant's fields, and the findings beside them.

A finding shows beside the field it concerns, in the plain words of ``counter_app.messages``.
A CONFIRM finding adds a checkbox the clerk must tick before saving; an ERROR leaves its field
empty and focused (id-card.md §3, ux.md).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.applicant import applicant_from_reading
from counter_app.domain.dossier import Applicant, IdType, Proxy
from counter_app.domain.findings import Finding, FindingCode, Severity
from counter_app.domain.id_card import IdCardReading
from counter_app.domain.reading import Source
from counter_app.messages import message_for
from counter_app.services.intake.receive import blocking_findings
from ui.intake.identity import IDENTITY_KEYS, reading_texts, typed_reading
from ui.naming import named

TEXT_KEYS = (
    "id_number",
    "full_name",
    "date_of_birth",
    "address",
    "phone",
    "email",
    "proxy_name",
    "proxy_id",
    "queue_ticket",
)
SEX_CHOICES = ("", "Nam", "Nữ")
GENERAL = "general"  # findings on the payload as a whole, or on fields the form does not show


class ApplicantPanel(QWidget):
    """The applicant block. ``changed`` fires on every edit (drafts, unsaved-input guard)."""

    changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._reading: IdCardReading | None = None
        self._scanned: dict[str, str] = {}
        self.scan_box = named(QLineEdit(), "scan_box")
        self.scan_box.setPlaceholderText(self.tr("Scan the card or type the ID number"))
        self.edits = {key: named(QLineEdit(), key) for key in TEXT_KEYS}
        self.sex = named(QComboBox(), "sex")
        self.sex.addItems(list(SEX_CHOICES))
        self.notes = {key: _note(key) for key in (*IDENTITY_KEYS, GENERAL)}
        self.confirms: dict[str, QCheckBox] = {}
        self._confirm_box = QVBoxLayout()
        self._build()
        self._fit_fields()
        for edit in self.edits.values():
            edit.textEdited.connect(self.changed)
        self.sex.currentIndexChanged.connect(self.changed)

    # A field shows at least a 12-digit ID number or a short name whole, at any text size.
    FIELD_SAMPLE = "001089004217 Trần"

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_fields()

    def _fit_fields(self) -> None:
        width = self.fontMetrics().horizontalAdvance(self.FIELD_SAMPLE) + 16
        for field in (*self.edits.values(), self.sex):
            field.setMinimumWidth(width)

    def _build(self) -> None:
        form = QFormLayout(self)
        # With larger text the labels need room: a row too narrow puts its label above.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        title = QLabel(self.tr("APPLICANT"))
        title.setObjectName("section_title")
        form.addRow(title)
        form.addRow(self.scan_box)
        rows = (
            ("id_number", self.tr("ID number")),
            ("full_name", self.tr("Full name")),
            ("date_of_birth", self.tr("Date of birth")),
            ("sex", self.tr("Sex")),
            ("address", self.tr("Permanent residence")),
            ("phone", self.tr("Phone")),
            ("email", self.tr("Email")),
            ("proxy_name", self.tr("Submitted by (proxy)")),
            ("proxy_id", self.tr("Proxy's ID number")),
            ("queue_ticket", self.tr("Queue ticket")),
        )
        for key, label in rows:
            widget = self.sex if key == "sex" else self.edits[key]
            form.addRow(label, widget)
            if key in self.notes:
                form.addRow("", self.notes[key])
        form.addRow(self.notes[GENERAL])
        form.addRow(self._confirm_box)

    # Filling

    def show_reading(self, reading: IdCardReading) -> None:
        """A scan fills the identity fields at once, with its findings beside them."""
        self._reading = reading
        self._scanned = reading_texts(reading)
        self.set_values(self._scanned)
        self.show_findings(reading.findings)
        self.changed.emit()

    def set_values(self, values: Mapping[str, str]) -> None:
        for key, edit in self.edits.items():
            if key in values:
                edit.setText(values[key])
                edit.setCursorPosition(0)  # a long address shows its start, not its end
                edit.setToolTip(values[key])
        if "sex" in values:
            self.sex.setCurrentIndex(max(0, SEX_CHOICES.index(values["sex"])))

    def values(self) -> dict[str, str]:
        values = {key: edit.text() for key, edit in self.edits.items()}
        values["sex"] = self.sex.currentText()
        return values

    def has_input(self) -> bool:
        return any(value.strip() for value in self.values().values())

    def clear(self) -> None:
        self._reading, self._scanned = None, {}
        self.scan_box.clear()
        for edit in self.edits.values():
            edit.clear()
        self.sex.setCurrentIndex(0)
        self.show_findings(())

    # Checking

    def reading(self, *, today: date) -> IdCardReading:
        """The scan as read while the fields are untouched; else the typed values, checked."""
        if self._reading is not None and self._untouched_scan():
            return self._reading
        return typed_reading(self.values(), today=today)

    def _untouched_scan(self) -> bool:
        values = self.values()
        return bool(self._scanned) and all(
            values[key] == self._scanned[key] for key in IDENTITY_KEYS
        )

    @property
    def scanned_payload(self) -> str:
        """The card's QR text while the form still shows it as scanned (kept in the draft)."""
        return self._reading.raw_payload if self._reading and self._untouched_scan() else ""

    def checked_applicant(
        self, *, today: date
    ) -> tuple[Applicant, tuple[Finding, ...], frozenset[str]] | None:
        """The applicant ready to save, with their findings and the acknowledged codes; None
        (and the first field to fix focused) while the core's rule would refuse the save."""
        reading = self.reading(today=today)
        acknowledged = {code for code, box in self.confirms.items() if box.isChecked()}
        findings = tuple(_relevant(reading))
        self.show_findings(findings, keep=acknowledged)
        errors, unticked = blocking_findings(findings, acknowledged)
        if errors:
            self._focus_field(errors[0].field)
            return None
        if unticked:
            self.confirms[unticked[0].code.value].setFocus()
            return None
        values = self.values()
        applicant = applicant_from_reading(reading, phone=values["phone"], email=values["email"])
        return applicant, findings, frozenset(acknowledged)

    def proxy(self) -> Proxy | None:
        name, number = self.edits["proxy_name"].text().strip(), self.edits["proxy_id"].text()
        if not name:
            return None
        return Proxy(full_name=name, id_type=IdType.PERSONAL_ID, id_number=number.strip())

    def check_typed(self, *, today: date) -> None:
        """Findings for what was typed so far (empty fields are not reproached yet)."""
        if self._untouched_scan():
            return  # the scan's own findings stay as shown
        values = self.values()
        reading = typed_reading(values, today=today)
        shown = [f for f in _relevant(reading) if values.get(f.field or "", "").strip()]
        keep = {code for code, box in self.confirms.items() if box.isChecked()}
        self.show_findings(shown, keep=keep)

    def show_findings(
        self, findings: Iterable[Finding], *, keep: Collection[str] = frozenset()
    ) -> None:
        """Each finding's sentence beside its field; a checkbox per CONFIRM code (a box that
        stays keeps its tick)."""
        lines: dict[str, list[str]] = {key: [] for key in self.notes}
        confirm: list[str] = []
        for finding in findings:
            if finding.severity is Severity.INFO:
                continue
            slot = finding.field if finding.field in self.notes else GENERAL
            lines[slot].append("⚠ " + message_for(finding.code.value, self.lang, finding.params))
            if finding.severity is Severity.CONFIRM:
                confirm.append(finding.code.value)
        self._set_confirms(confirm, keep)
        for key, note in self.notes.items():
            note.setText("\n".join(lines[key]))
            note.setVisible(bool(lines[key]))

    def _set_confirms(self, codes: list[str], keep: Collection[str]) -> None:
        for code in [c for c in self.confirms if c not in codes]:
            box = self.confirms.pop(code)
            box.setParent(None)
            box.deleteLater()
        for code in codes:
            if code not in self.confirms:
                text = self.tr("I have checked this against the card")
                box = named(QCheckBox(text), f"confirm_{code}")
                box.setChecked(code in keep)
                box.toggled.connect(self.changed)
                self.confirms[code] = box
                self._confirm_box.addWidget(box)
                box.show()

    def _focus_field(self, field: str | None) -> None:
        if field == "sex":
            self.sex.setFocus()
        elif field in self.edits:
            self.edits[field].setFocus()
        else:
            self.scan_box.setFocus()


def _relevant(reading: IdCardReading) -> list[Finding]:
    """The findings worth a clerk's eye: a typed identity has no issue date to miss."""
    typed = reading.source is Source.TYPED
    return [f for f in reading.findings if not (typed and f.code is FindingCode.ISSUE_DATE_MISSING)]


def _note(key: str) -> QLabel:
    note = named(QLabel(), f"finding_{key}")
    note.setWordWrap(True)
    note.setStyleSheet("color: #8a4b00;")  # dark amber: readable on a cheap monitor
    note.setVisible(False)
    return note
