"""The returns screen (Trả kết quả): find the dossier, say whether its result is ready, record
the hand-over (9 → 10) with who collected it.

One box takes everything the clerk has in hand: a scanned receipt QR (its first field is the
dossier code), a typed code, an ID number or a name (``search_dossiers``), or the citizen's ID
card QR (their dossiers). When someone collects on the applicant's behalf, their card scanned
into the ID box fills their name and number. Nothing is printed here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.dossier import Dossier, Status
from counter_app.domain.handover import (
    ProxyIdRequiredError,
    Recipient,
    RecipientNameRequiredError,
)
from counter_app.domain.id_card import IdCardRejected, parse_or_reject
from counter_app.domain.reading import IdCardReading
from counter_app.domain.receipt_qr import parse_receipt_qr
from counter_app.domain.text import nfc
from counter_app.services.clock import now_vn
from counter_app.services.dossiers.handover import hand_over
from counter_app.services.dossiers.queries import (
    DossierOverview,
    ListedDossier,
    ListFilters,
    dossier_overview,
    search_page,
)
from ui.dossiers.texts import moment_text, status_text
from ui.keys import screen_key
from ui.messages import error_with_code
from ui.naming import named
from ui.returns.readiness import ready_line
from ui.session import Session

CARD_SEPARATOR = "|"
RESULTS_SHOWN = 20  # matches listed for the clerk to pick from; a longer list: type more
READY_STYLE = "color: #1b5e20; font-weight: bold"
WAITING_STYLE = "color: #8a4b00; font-weight: bold"
ERROR_STYLE = "color: #b00020"


class ReturnsScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsScreen")
        self.session = session
        self._overview: DossierOverview | None = None
        self.scan = named(QLineEdit(), "returnsScan")
        self.scan.setPlaceholderText(
            self.tr("Scan the receipt, or type a dossier code, an ID number or a name (Ctrl+F)")
        )
        self.results = named(QListWidget(), "returnsResults")
        self.results.setVisible(False)
        self.code = named(QLabel(), "returnsCode")
        self.facts = named(QLabel(), "returnsFacts")
        self.readiness = named(QLabel(), "returnsReadiness")
        for label in (self.facts, self.readiness):
            label.setWordWrap(True)
        self.proxy = named(QCheckBox(self.tr("Collected by someone else  Ctrl+U")), "returnsProxy")
        self.name = named(QLineEdit(), "returnsRecipientName")
        self.id_number = named(QLineEdit(), "returnsRecipientId")
        self.id_number.setPlaceholderText(self.tr("Scan their ID card or type the number"))
        self.relation = named(QLineEdit(), "returnsRelation")
        self.confirm = named(
            QPushButton(self.tr("Record the hand-over  Ctrl+Enter")), "returnsConfirm"
        )
        self.confirm.setAutoDefault(False)  # a scanner's Enter never presses it (ux.md)
        self.message = named(QLabel(), "returnsMessage")
        self.message.setWordWrap(True)
        self._layout()
        self._connect()
        self._show(None)

    def _layout(self) -> None:
        big = self.code.font()
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.code.setFont(big)
        self.readiness.setFont(big)
        dossier = QGroupBox(self.tr("Dossier"))
        facts = QVBoxLayout(dossier)
        for widget in (self.code, self.facts, self.readiness):
            facts.addWidget(widget)
        self.handover = named(QGroupBox(self.tr("Hand-over")), "returnsHandover")
        form = QFormLayout(self.handover)
        form.addRow(self.proxy)
        form.addRow(self.tr("Recipient's name"), self.name)
        form.addRow(self.tr("Recipient's ID number"), self.id_number)
        form.addRow(self.tr("Relation to the applicant"), self.relation)
        form.addRow(self.confirm)
        column = QVBoxLayout(self)
        column.addWidget(self.scan)
        column.addWidget(self.results)
        column.addWidget(dossier)
        column.addWidget(self.handover)
        column.addWidget(self.message)
        column.addStretch(1)
        for first, second in (
            (self.scan, self.results),
            (self.results, self.proxy),
            (self.proxy, self.name),
            (self.name, self.id_number),
            (self.id_number, self.relation),
            (self.relation, self.confirm),
        ):
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        self.scan.returnPressed.connect(lambda: self.open_code(self.scan.text()))
        self.results.itemActivated.connect(self._picked)
        self.proxy.toggled.connect(self._proxy_toggled)
        self.id_number.returnPressed.connect(self._id_entered)
        self.confirm.clicked.connect(self.record_handover)
        shortcuts = (
            ("Ctrl+Enter", self.record_handover, self.tr("Record the hand-over")),
            ("Ctrl+Return", self.record_handover, ""),  # the same, on the main Enter key
            ("Ctrl+F", self.focus_scan, self.tr("Go to the scan and search box")),
            ("Ctrl+U", self.proxy.toggle, self.tr("Someone else collects (a proxy)")),
            ("Escape", self.clear, self.tr("Clear, for the next citizen")),
        )
        for keys, slot, words in shortcuts:
            screen_key(self, keys, slot, words)
        for field in (self.scan, self.name, self.id_number, self.relation):
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+U is the screen's "someone else collects", also in a text box: with the X11
        key bindings a line edit would take it to delete the whole line."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_U
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            return True  # not accepted by the box: the shortcut runs
        return super().eventFilter(watched, event)

    # --- public -------------------------------------------------------------------------------

    @Slot(str)
    def open_code(self, text: str) -> None:
        """A scan or typed text: a receipt QR or code, an ID card QR, an ID number or a name."""
        text = nfc(text.strip())
        self.scan.clear()
        if not text:
            return
        receipt = parse_receipt_qr(text)
        if receipt is not None:  # any layout: v0 (the code alone), v1, a city's own
            self._search(receipt.code)
            return
        if CARD_SEPARATOR in text:
            self._card_scanned(text)
            return
        self._search(text)

    def focus_scan(self) -> None:
        self.scan.setFocus()

    def clear(self) -> None:
        self._show(None)
        self.results.clear()
        self.results.setVisible(False)
        self._report("", False)
        self.focus_scan()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to this tab puts the keys in the scan box, ready for the receipt."""
        super().showEvent(event)
        QTimer.singleShot(0, self._take_focus)

    def _take_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.focus_scan()

    def can_leave(self) -> bool:
        return True  # a hand-over half typed is retyped in seconds; nothing is saved as draft

    # --- finding ------------------------------------------------------------------------------

    def _card_scanned(self, payload: str) -> None:
        reading = parse_or_reject(payload, today=now_vn().date())
        if isinstance(reading, IdCardRejected):
            self._report(error_with_code(reading, self.session.lang), True)
            return
        if self._overview is not None and self.proxy.isChecked():
            self._fill_recipient(reading)
        elif reading.id_number:
            self._search(reading.id_number)

    def _search(self, query: str) -> None:
        today = now_vn().date()
        self._report(self.tr("Looking…"), False)
        self.session.store.run(
            lambda store: search_page(store, query, ListFilters(), today=today,
                                      limit=RESULTS_SHOWN)[0],
            on_done=self._found,
            on_error=lambda error: self._report(self._error(error), True),
        )  # fmt: skip

    def _found(self, rows: list[ListedDossier]) -> None:
        self.results.clear()
        self._report("", False)
        if not rows:
            self._show(None)
            self.results.setVisible(False)
            self._report(self.tr("No dossier found. Check the code or search by ID number."), True)
            return
        if len(rows) == 1:
            self.results.setVisible(False)
            self._load(rows[0].code)
            return
        for row in rows:
            self.results.addItem(self._result_item(row))
        self.results.setVisible(True)
        self.results.setCurrentRow(0)
        self.results.setFocus()

    def _result_item(self, row: ListedDossier) -> QListWidgetItem:
        lang = self.session.lang
        text = " · ".join(
            (row.code, row.full_name, status_text(row.status, lang), moment_text(row.received_at))
        )
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, row.code)
        return item

    def _picked(self, item: QListWidgetItem) -> None:
        self._load(str(item.data(Qt.ItemDataRole.UserRole)))

    def _load(self, code: str) -> None:
        self.session.store.run(
            lambda store: dossier_overview(store, code),
            on_done=self._loaded,
            on_error=lambda error: self._report(self._error(error), True),
        )

    def _loaded(self, overview: DossierOverview) -> None:
        self._show(overview)
        if self._ready():
            self.confirm.setFocus()

    # --- showing ------------------------------------------------------------------------------

    def _show(self, overview: DossierOverview | None) -> None:
        self._overview = overview
        self.proxy.setChecked(False)
        for field in (self.name, self.id_number, self.relation):
            field.clear()
        if overview is None:
            self.code.setText(self.tr("Scan a receipt to begin"))
            self.facts.setText("")
            self.readiness.setText("")
        else:
            self._show_dossier(overview)
        self._enable_handover()

    def _show_dossier(self, overview: DossierOverview) -> None:
        dossier, lang = overview.detail.dossier, self.session.lang
        self.code.setText(dossier.code)
        self.facts.setText(
            "\n".join(
                (
                    f"{dossier.applicant.full_name} · {dossier.applicant.id_number}",
                    f"{dossier.procedure_code} · {overview.procedure_name}",
                    f"{status_text(dossier.status, lang)} · "
                    + self.tr("appointment %1").replace("%1", moment_text(dossier.due_at)),
                )
            )
        )
        line, ready = ready_line(overview, now_vn().date())
        self.readiness.setText(line)
        self.readiness.setStyleSheet(READY_STYLE if ready else WAITING_STYLE)
        self.name.setText(dossier.applicant.full_name)

    def _ready(self) -> bool:
        overview = self._overview
        return (
            overview is not None
            and overview.detail.dossier.status == Status.RESULT_READY
            and not overview.detail.dossier.is_voided
        )

    def _enable_handover(self) -> None:
        ready = self._ready()
        self.handover.setEnabled(ready)
        self.confirm.setEnabled(ready)  # disabled while one hand-over is being recorded
        self.id_number.setEnabled(ready and self.proxy.isChecked())
        self.relation.setEnabled(ready and self.proxy.isChecked())

    def _proxy_toggled(self, proxy: bool) -> None:
        if self._overview is None:
            return
        self.name.setText("" if proxy else self._overview.detail.dossier.applicant.full_name)
        if not proxy:
            self.id_number.clear()
            self.relation.clear()
        self._enable_handover()
        if proxy:
            self.name.setFocus()

    def _id_entered(self) -> None:
        text = self.id_number.text()
        if CARD_SEPARATOR in text:
            reading = parse_or_reject(text, today=now_vn().date())
            if isinstance(reading, IdCardRejected):
                self.id_number.clear()
                self._report(error_with_code(reading, self.session.lang), True)
                return
            self._fill_recipient(reading)
        self.relation.setFocus()

    def _fill_recipient(self, reading: IdCardReading) -> None:
        self.name.setText(reading.full_name or self.name.text())
        self.id_number.setText(reading.id_number or reading.old_id_number or "")

    # --- the hand-over ------------------------------------------------------------------------

    def record_handover(self) -> None:
        if not self._ready() or self._overview is None:
            return
        recipient = Recipient(
            name=self.name.text(),
            is_proxy=self.proxy.isChecked(),
            id_number=self.id_number.text(),
            relation=self.relation.text(),
        )
        try:
            recipient.details()  # the core's rule, told at once: no trip to the store
        except (RecipientNameRequiredError, ProxyIdRequiredError) as error:
            self._report(self._error(error), True)
            return
        code, actor = self._overview.detail.dossier.code, self.session.user or "window"
        self.confirm.setEnabled(False)  # one hand-over, however many times Ctrl+Enter
        self.session.store.run(
            lambda store: hand_over(store, code, recipient, actor=actor, now=now_vn()),
            on_done=self._handed_over,
            on_error=self._handover_failed,
        )

    def _handed_over(self, dossier: Dossier) -> None:
        when = moment_text(dossier.returned_at)
        self._report(self.tr("Hand-over recorded at %1.").replace("%1", when), False)
        self._load(dossier.code)
        self.focus_scan()

    def _handover_failed(self, error: BaseException) -> None:
        self._enable_handover()
        self.confirm.setEnabled(True)
        self._report(self._error(error), True)

    def _report(self, text: str, is_error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if is_error else "")

    def _error(self, error: BaseException) -> str:
        return error_with_code(error, self.session.lang)
