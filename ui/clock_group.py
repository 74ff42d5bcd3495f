"""The clock part of Settings: whether the PC clock blocks intake, and a supervisor's confirmation.

Intake stops (``CLOCK_BEHIND``) while a dossier not voided was received later than the PC clock
(``counter_app/services/clock_check.py``). When the clock is right (that dossier was saved by a
clock that was ahead), a supervisor confirms it here; the service audits it as
``clock.confirm``. The dossiers ahead of the clock are listed by code so they can be voided.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.domain.roles import allows
from counter_app.services.clock import now_vn
from counter_app.services.clock_check import ClockState, clock_state, confirm_clock
from counter_app.services.store.opening import Store
from ui.messages import error_with_code
from ui.session import Session

CONFIRM_ACTION = "clock.confirm"
_LISTED = 5  # codes shown in the group; `counter-app clock status` lists up to 50


class ClockGroup(QGroupBox):
    """Loads the clock's state on open; the button is a supervisor's, and only while blocked."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Clock"))
        self.setObjectName("settingsClock")
        self._session = session
        layout = QVBoxLayout(self)
        self.state_label = QLabel()
        self.state_label.setObjectName("clockState")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        self.confirm_button = QPushButton(self.tr("Confirm the clock is right"))
        self.confirm_button.setObjectName("clockConfirm")
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)
        layout.addWidget(self.confirm_button)
        self.refresh()

    def refresh(self) -> None:
        self._session.store.run(self._read, on_done=self._show, on_error=self._show_error)

    def confirm(self) -> None:
        actor, role = self._session.user or "app", self._session.role
        self.confirm_button.setEnabled(False)
        self._session.store.run(
            lambda store: confirm_clock(store, actor=actor, role=role, now=now_vn()),
            on_done=lambda _confirmation: self.refresh(),
            on_error=self._show_error,
        )

    @staticmethod
    def _read(store: Store) -> ClockState:
        return clock_state(store, now=now_vn())

    def _show(self, state: ClockState) -> None:
        lines = [self._headline(state)]
        if state.ahead_count:
            lines.append(
                self.tr("Received later than the clock (void or keep each): %1").replace(
                    "%1", ", ".join(d.code for d in state.ahead[:_LISTED])
                )
            )
        self.state_label.setText("\n".join(lines))
        may = allows(self._session.role or "", CONFIRM_ACTION)
        self.confirm_button.setEnabled(state.blocked and may)

    def _headline(self, state: ClockState) -> str:
        if state.blocked:
            return (
                self.tr(
                    "Intake is stopped: the computer clock (%1) is earlier than a receipt at %2. "
                    "Check the clock; if it is right, confirm it."
                )
                .replace("%1", state.now)
                .replace("%2", state.blocking_received_at or "")
            )
        return self.tr("Intake is open. Newest receipt: %1.").replace(
            "%1", state.newest_received_at or "—"
        )

    def _show_error(self, error: BaseException) -> None:
        self.state_label.setText(error_with_code(error, self._session.lang))
