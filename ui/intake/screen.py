"""The intake screen (Tiếp nhận): scan, pick the procedure, tick the papers, save and print.

Keyboard first (ux.md): focus starts in the scan box; a scan fills the applicant and moves
focus to the procedure search; Enter takes the highlighted procedure; Ctrl+Enter receives,
saves and prints. Every store call goes through ``session.store.run``; decoding and printing
run on ``session.background``; the GUI thread only moves values into widgets.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.documents.model import FormKind
from counter_app.domain.dossier import Intake, Outcome
from counter_app.messages import message_for
from counter_app.services.backup.city_recovery import PENDING_ACK, RecoveryPendingError
from counter_app.services.chip.identity import ChipIdentity
from counter_app.services.clock import now_vn, today_vn
from counter_app.services.documents.issuing import IssuedDocument
from counter_app.services.settings.intake import IntakeSettings
from ui.intake import work
from ui.intake.applicant_panel import ApplicantPanel
from ui.intake.applicant_switch import ApplicantSwitch
from ui.intake.chip_tap import ChipPanel
from ui.intake.drafting import DraftKeeper
from ui.intake.form import FormIncomplete, build_intake
from ui.intake.history_panel import HistoryPanel
from ui.intake.inputs import ScanInputs
from ui.intake.lookups import Lookups
from ui.intake.outcome_banner import OutcomeBanner
from ui.intake.print_issued import print_issued
from ui.intake.procedure_panel import ProcedurePanel
from ui.intake.recovery_confirm import confirm_new_after_restore
from ui.keys import screen_key
from ui.messages import error_with_code
from ui.naming import named
from ui.print_job import PrintOutcome
from ui.scanner.router import ScanKind, route_scan
from ui.scanner.wedge import DEFAULT_GAP_MS, DEFAULT_MIN_LENGTH
from ui.session import Session

# A second Esc within this time discards unsaved input (the first one asks).
ESC_CONFIRM_MS = 4000


class IntakeScreen(QWidget):
    dossier_requested = Signal(str)  # a receipt QR was scanned: open that dossier
    ready = Signal()  # catalogue, settings and draft loaded
    saved = Signal(object)  # work.Saved
    printed = Signal(object)  # PrintOutcome
    failed = Signal(str)  # the sentence shown

    def __init__(
        self,
        session: Session,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intake_screen")
        self.session, self.lang = session, session.lang
        self.settings = IntakeSettings()
        self.is_ready = self.busy = False
        self.last_code = ""
        self.last_kind = FormKind.RECEIPT
        self._outcome = Outcome.RECEIVED  # the last one submitted, for a confirmed retry
        self._esc_armed = False
        self._pending_scan = ""
        self.inputs = ScanInputs(
            session, self, gap_ms=DEFAULT_GAP_MS, min_length=DEFAULT_MIN_LENGTH
        )
        self.router, self.wedge = self.inputs.router, self.inputs.wedge
        self.serial, self.frames = self.inputs.serial, self.inputs.frames
        self.router.scanned.connect(self.on_scan)
        self.applicant = ApplicantPanel(self.lang)
        self.procedure = ProcedurePanel(self.lang)
        self.history = HistoryPanel(self.lang)
        self.chip = ChipPanel(session, self.lang)
        self.message = named(QLabel(), "intake_message")
        self.banner = OutcomeBanner()
        self._saved_words = ""
        self._esc_timer = QTimer(self)
        self._esc_timer.setSingleShot(True)
        self._esc_timer.timeout.connect(self._disarm_esc)
        self.buttons = self._buttons()
        self.drafts = DraftKeeper(session, self.draft_content, self)
        self.switch = ApplicantSwitch(session, self, self)
        self._scanned_while_locked = False
        panels = (self.applicant, self.procedure, self.history)
        self.lookups = Lookups(session, panels, self._show_error, self)
        self._build()
        self._connect()
        self._shortcuts()
        self.setAcceptDrops(True)
        session.store.run(work.startup, on_done=self._started, on_error=self._show_error)

    # Layout

    def _buttons(self) -> dict[str, QPushButton]:
        labels = {
            "receive": self.tr("Receive && print  Ctrl+Enter"),
            "supplement": self.tr("Ask for more  Ctrl+B"),
            "refuse": self.tr("Refuse  Ctrl+R"),
            "new": self.tr("New intake  Esc"),
        }
        buttons = {key: named(QPushButton(text), f"{key}_button") for key, text in labels.items()}
        for button in buttons.values():
            button.setAutoDefault(False)  # Enter in a field never presses a button
        return buttons

    def _build(self) -> None:
        columns = QHBoxLayout()
        # The procedure column is the widest: its papers wrap least there.
        columns.addWidget(_scrolling(self.applicant), 4)
        columns.addWidget(self.procedure, 5)
        right = QVBoxLayout()
        right.addWidget(self.chip)
        right.addWidget(self.history, 1)
        columns.addLayout(right, 2)
        actions = QHBoxLayout()
        for button in self.buttons.values():
            actions.addWidget(button)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)  # the papers table needs the height at 150 %
        layout.setSpacing(4)
        layout.addLayout(columns, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        order = [self.applicant.scan_box, self.procedure.search, self.procedure.list]
        order += [self.procedure.documents, self.procedure.reason]
        edits = list(self.applicant.edits.values())
        at_sex = edits.index(self.applicant.edits["date_of_birth"]) + 1
        order += [*edits[:at_sex], self.applicant.sex, *edits[at_sex:], *self.buttons.values()]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.applicant.scan_box.returnPressed.connect(self._scan_box_entered)
        for edit in self.applicant.edits.values():
            edit.editingFinished.connect(lambda: self.applicant.check_typed(today=today_vn()))
        self.applicant.changed.connect(self._edited)
        self.procedure.changed.connect(self._edited)
        self.procedure.chosen.connect(lambda _p: self.procedure.documents.setFocus())
        self.history.opened.connect(self.dossier_requested)
        self.buttons["receive"].clicked.connect(self.receive)
        self.buttons["supplement"].clicked.connect(self.ask_for_more)
        self.buttons["refuse"].clicked.connect(self.refuse)
        self.buttons["new"].clicked.connect(self.new_intake)
        self.chip.read_done.connect(self._chip_read)

    def _shortcuts(self) -> None:
        keys = (
            ("F2", self.focus_scan_box, self.tr("Go to the scan box (type an ID number there)")),
            ("F3", self.focus_procedure, self.tr("Go to the procedure search")),
            ("F4", self.history.take_focus, self.tr("Go to the earlier dossiers (Enter opens)")),
            ("F6", self.read_chip, self.tr("Read the card's chip (lay the card on the reader)")),
            ("Ctrl+Enter", self.receive, self.tr("Receive: save and print the receipt")),
            ("Ctrl+Return", self.receive, ""),  # the same, on the main Enter key
            ("Ctrl+S", self.receive, ""),
            ("Ctrl+B", self.ask_for_more, self.tr("Ask for more papers (supplement request)")),
            ("Ctrl+R", self.refuse, self.tr("Refuse (refusal form with its reason)")),
            ("Ctrl+P", self.reprint, self.tr("Print the last form again, marked as a reprint")),
            ("Ctrl+O", self.open_image, self.tr("Read the card from a picture")),
            ("Ctrl+K", self.switch.same_procedure,
             self.tr("The same procedure and papers as the previous applicant")),
            ("F8", self.switch.bring_back, self.tr("Bring back the form set aside")),
            ("Esc", self.new_intake, self.tr("New intake (asks first if something is typed)")),
        )  # fmt: skip
        for key, slot, words in keys:
            screen_key(self, key, slot, words)

    # Start

    def _started(self, start: work.Startup) -> None:
        self.settings = start.settings
        self.session.print_desk.printer_name = start.settings.printer
        self.wedge.gap_ms = start.settings.wedge_gap_ms  # the defaults until the store answers
        self.wedge.min_length = start.settings.wedge_min_length
        self.procedure.set_catalogue(start.procedures, start.most_used)
        if not self.inputs.open_serial(start.settings):
            self.say(
                self.tr("The COM-port scanner could not be opened; check the port in the settings.")
            )
        if start.settings.camera and not self.inputs.open_camera(self.history.layout()):
            self.say(self.tr("No camera was found; scan with the scanner or open a picture."))
        if start.draft:
            self.restore_draft(start.draft)
        self.is_ready = True
        self.focus_scan_box()
        self.ready.emit()

    def apply_settings(self, settings: IntakeSettings) -> None:
        """Saved in the settings dialog: the preview and the wedge thresholds apply at once;
        the port and the webcam are opened at the next start (the dialog says so)."""
        self.settings = settings
        self.session.print_desk.printer_name = settings.printer
        self.wedge.gap_ms, self.wedge.min_length = settings.wedge_gap_ms, settings.wedge_min_length

    def focus_scan_box(self) -> None:
        self.applicant.scan_box.setFocus()

    def focus_procedure(self) -> None:
        self.procedure.list.setVisible(True)  # F3: the suggestions again, for another choice
        self.procedure.search.setFocus()
        self.procedure.search.selectAll()

    # Scans

    def _scan_box_entered(self) -> None:
        text = self.applicant.scan_box.text()
        self.applicant.scan_box.clear()
        self.router.deliver(text)

    def on_scan(self, payload: str) -> None:
        """Route a scan by its shape: a receipt opens its dossier, a card fills the form."""
        if self.busy:  # the next card scanned while the last one saves: after the save
            self._pending_scan = payload
            return
        route = route_scan(payload, today=today_vn())
        if route.kind is ScanKind.DOSSIER:
            self.say("")
            self.dossier_requested.emit(route.text)
        elif route.kind is ScanKind.CARD and route.reading is not None:
            self.say(self.switch.before_applicant(route.text))
            self.applicant.show_reading(route.reading)
            self.chip.offer(route.reading)
            self.lookups.applicant_found(route.text)
            self.focus_procedure()
        elif route.kind is ScanKind.TYPED_ID:
            self.say(self.switch.before_applicant(route.text))
            self.applicant.set_values({"id_number": route.text})
            self.applicant.check_typed(today=today_vn())
            self.lookups.applicant_found(route.text)
            self.applicant.edits["full_name"].setFocus()
            self._edited()
        else:
            code = route.rejection.code if route.rejection else "NOT_ID_QR"
            self.say(message_for(code, self.lang))
            self.focus_scan_box()

    def read_chip(self) -> None:
        """F6: read the chip with the keys from the form (the QR scan, or typed values)."""
        self.chip.read_now(self.applicant.reading(today=today_vn()))

    def _chip_read(self, identity: ChipIdentity) -> None:
        """The chip's fields replace the QR's; its findings (differences) show beside them."""
        self.applicant.show_reading(identity.reading)
        self._edited()

    def scan_while_locked(self) -> None:
        """A scan behind the lock fills nothing; the clerk hears of it after unlocking."""
        self._scanned_while_locked = True

    def after_unlock(self) -> None:
        if self._scanned_while_locked:
            self._scanned_while_locked = False
            self.say(self.tr("A scan made while the screen was locked was ignored: scan it again."))

    def open_image(self) -> None:
        self.inputs.choose_image(self.tr("Open a picture of the card"), self._show_error)

    def scan_file(self, path: str) -> None:
        self.say(self.tr("Reading the picture…"))
        self.inputs.scan_file(path, self._show_error)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.scan_file(urls[0].toLocalFile())
            event.acceptProposedAction()

    # Outcomes

    def receive(self) -> None:
        self._submit(Outcome.RECEIVED)

    def ask_for_more(self) -> None:
        self._submit(Outcome.SUPPLEMENT)

    def refuse(self) -> None:
        self._submit(Outcome.REFUSED)

    def _submit(self, outcome: Outcome, *, confirmed: frozenset[str] = frozenset()) -> None:
        intake = self._intake(outcome)
        if intake is None or self.busy:
            return
        intake = replace(intake, acknowledged=intake.acknowledged | confirmed)
        self._outcome = outcome
        self.busy = True
        missing, clerk, now = self.procedure.missing(), self._clerk(), now_vn()
        portrait = self.chip.portrait_to_keep(
            keep=self.settings.keep_chip_portrait, reading=self.applicant.reading(today=today_vn())
        )
        self.drafts.pause()
        self.say(self.tr("Saving…"))
        self.session.store.run(
            lambda store: work.save_and_issue(
                store, intake, missing=missing, clerk=clerk, now=now, portrait=portrait
            ),
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _intake(self, outcome: Outcome) -> Intake | None:
        """The form as an Intake, or None with the field to fix focused and a sentence shown."""
        try:
            return build_intake(self.applicant, self.procedure, outcome, today=today_vn())
        except FormIncomplete as incomplete:
            self.say(incomplete.sentence)
            if incomplete.field is not None:
                incomplete.field.setFocus()
            return None

    def _clerk(self) -> str:
        return self.session.user or "user:unknown"

    def _saved(self, saved: work.Saved) -> None:
        self.busy = False
        self.last_code, self.last_kind = saved.dossier.code, saved.document.kind
        self.switch.remember_procedure()
        self.clear_form()
        self._saved_words = self.banner.show_saved(saved.document.kind, saved.dossier.code)
        self.say(self._saved_words)
        self.saved.emit(saved)
        self.print_document(saved.document)
        self._take_pending_scan()

    def _save_failed(self, error: BaseException) -> None:
        self.busy = False
        self.drafts.resume()
        if isinstance(error, RecoveryPendingError) and confirm_new_after_restore(self, self.lang):
            self._submit(self._outcome, confirmed=frozenset({PENDING_ACK}))
            return
        self._show_error(error)
        self._take_pending_scan()

    def _take_pending_scan(self) -> None:
        payload, self._pending_scan = self._pending_scan, ""
        if payload:
            self.on_scan(payload)

    # Printing

    def reprint(self) -> None:
        if not self.last_code:
            self.say(self.tr("Nothing was printed yet on this screen."))
            return
        code, kind, clerk = self.last_code, self.last_kind, self._clerk()
        self.session.store.run(
            lambda store: work.reprint(store, code, kind, clerk=clerk),
            on_done=self.print_document,
            on_error=self._show_error,
        )

    def print_document(self, document: IssuedDocument) -> None:
        print_issued(self.session, document, preview=self.settings.print_preview, parent=self,
                     on_done=self._printed, on_error=self._show_error)  # fmt: skip

    def _printed(self, outcome: PrintOutcome) -> None:
        words, self._saved_words = self._saved_words, ""
        self.say(" ".join(w for w in (words, outcome.message(self.lang)) if w))
        self.printed.emit(outcome)

    # New intake, leaving, drafts

    def new_intake(self) -> None:
        """Esc: a fresh form; with unsaved input, the first Esc asks and a second one clears."""
        if self.has_unsaved_input() and not self._esc_armed:
            self._esc_armed = True
            self.say(self._esc_words())
            self._esc_timer.start(ESC_CONFIRM_MS)
            return
        self._esc_armed = False
        self.clear_form()
        self.say("")

    def _disarm_esc(self) -> None:
        """Time is up: the second Esc would now ask again, so its words go too."""
        if self._esc_armed and self.message.text() == self._esc_words():
            self.say("")
        self._esc_armed = False

    def _esc_words(self) -> str:
        return self.tr("There is unsaved input. Press Esc again to discard it.")

    def clear_form(self) -> None:
        """Empty every field, forget the draft, and wait for the next scan."""
        self.drafts.pause()
        self.applicant.clear()
        self.chip.clear()
        self.procedure.clear()
        self.history.clear()
        self.drafts.discard()
        self.drafts.resume()
        self.focus_scan_box()

    def has_unsaved_input(self) -> bool:
        return self.applicant.has_input() or self.procedure.current is not None

    def can_leave(self) -> bool:
        """Closing or locking with a half-filled form asks (the draft is kept either way)."""
        if not self.has_unsaved_input():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved input"),
            self.tr("The intake form is not saved. Leave it? It stays as a draft for later."),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _edited(self) -> None:
        self._esc_armed = False
        self.banner.drop()  # the next citizen's form: the last code leaves the screen
        self.drafts.touch()

    def draft_content(self) -> dict[str, Any]:
        payload = self.applicant.scanned_payload
        return {"applicant": self.applicant.values(), "payload": payload, **self.procedure.values()}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.drafts.pause()
        route = route_scan(str(draft.get("payload", "")), today=today_vn())
        if route.kind is ScanKind.CARD and route.reading is not None:
            self.applicant.show_reading(route.reading)  # its findings and checkboxes again
        self.applicant.set_values(draft.get("applicant", {}))
        self.procedure.restore(draft)
        self.drafts.resume()
        if self.has_unsaved_input():
            self.say(self.tr("The unsaved intake was restored."))

    # Messages

    def say(self, text: str) -> None:
        self.message.setText(text)

    def _show_error(self, error: BaseException) -> None:
        text = error_with_code(error, self.lang)
        self.say(text)
        self.failed.emit(text)


def _scrolling(panel: QWidget) -> QScrollArea:
    """The applicant's fields keep their height at any text size; on a short screen at 150 %
    the column scrolls (Tab brings the focused field into view) rather than squeezing them."""
    area = QScrollArea()
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
