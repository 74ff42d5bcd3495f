"""The sync's line in the status bar: online or offline, pending, needs attention, last send.

ux.md: "● Trực tuyến · chờ gửi 0 · gửi lúc 10:42". Network trouble is said in plain words,
never as an alarm (the records are safe on this computer); only records the city rejected
need the clerk, and their count is a button that opens the needs-attention list.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.messages import message_for
from counter_app.services.backup.city_recovery import RecoveryNotice
from counter_app.services.backup.status import BackupStatus
from counter_app.services.clock import now_vn
from ui.sync_runner import CityLink, SyncStatus


def short_time(stamp: str | None) -> str:
    """An ISO time as the clerk reads it: "10:42" today, "10:42 25/11/2026" another day."""
    if not stamp:
        return ""
    moment = datetime.fromisoformat(stamp)
    if moment.date() == now_vn().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%H:%M %d/%m/%Y")


ATTENTION_STYLE = "color: #b00020; font-weight: bold; text-decoration: underline;"


class SyncStatusWidget(QWidget):
    """Shows a ``SyncStatus``; the attention button asks for the needs-attention list."""

    attention_requested = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.attention_button = QPushButton()
        self.attention_button.setObjectName("syncAttention")
        self.attention_button.setFlat(True)
        self.attention_button.clicked.connect(self.attention_requested)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("syncWarning")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.state_label, self.attention_button, self.warning_label):
            layout.addWidget(widget)
        self.show_status(SyncStatus())

    def show_status(self, status: SyncStatus) -> None:
        self.state_label.setText(self.state_text(status))
        self.state_label.setToolTip(self._error_tip(status))
        self.attention_button.setText(self.tr("Needs attention: {count}").format(
            count=status.rejected))  # fmt: skip
        self.attention_button.setVisible(status.rejected > 0)
        # Red and bold: the one thing in the status bar that waits for the clerk.
        self.attention_button.setStyleSheet(ATTENTION_STYLE if status.rejected else "")
        warning = self.warning_text(status)
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))

    def state_text(self, status: SyncStatus) -> str:
        if status.state is CityLink.NOT_CONFIGURED:
            return self.tr("Sync not set up — dossiers are kept on this computer. Call IT.")
        if status.state is CityLink.PAUSED:
            return self.tr("Sync paused — dossiers are kept on this computer. Call IT.")
        if status.state is CityLink.OFFLINE:
            return self.tr(
                "No connection — dossiers are kept on this computer and will be sent "
                "automatically when the network is back."
            ) + self.tr(" · pending {count}").format(count=status.pending)
        return self._online_text(status)

    def _online_text(self, status: SyncStatus) -> str:
        if status.state is CityLink.STARTING:
            head = self.tr("Connecting…")
        else:
            head = "● " + self.tr("Online")
        text = head + self.tr(" · pending {count}").format(count=status.pending)
        if status.running:
            return text + self.tr(" · sending…")
        if status.last_success_at:
            sent = short_time(status.last_success_at)
            text += self.tr(" · sent at {time}").format(time=sent)
        return text

    def warning_text(self, status: SyncStatus) -> str:
        parts = []
        if status.skew_warning and status.clock_skew_s is not None:
            parts.append(self.tr("⚠ This computer's clock is {seconds} s off: call IT").format(
                seconds=f"{status.clock_skew_s:.0f}"))  # fmt: skip
        if status.unsynced_warning:
            parts.append(self.tr("⚠ Dossiers unsent for over a day: call IT"))
        parts.extend(recovery_lines(status.recovery, self._lang))
        return " · ".join(parts)

    def _error_tip(self, status: SyncStatus) -> str:
        if not status.last_error:
            return ""
        label = "Mã lỗi" if self._lang == "vi" else "Error code"
        return f"{message_for(status.last_error, self._lang)}\n{label}: {status.last_error}"


def recovery_lines(notice: RecoveryNotice, lang: str) -> list[str]:
    """After a restore, in the core's words (codes only): waiting, taken back, to re-enter."""
    lines = []
    if notice.awaiting:
        lines.append(message_for("recovery.awaiting", lang, {"count": str(notice.awaiting)}))
    if notice.recovered:
        codes = _some(notice.recovered)
        lines.append(message_for("recovery.recovered", lang, {"codes": codes}))
    if notice.held:
        lines.append(message_for("recovery.held", lang, {"codes": _some(notice.held)}))
    if notice.to_reenter:
        codes = _some(notice.to_reenter)
        lines.append(message_for("recovery.reenter", lang, {"codes": codes}))
    return lines


SHOWN_CODES = 3  # a status line stays one line; `counter-app sync recover` lists every code


def _some(codes: tuple[str, ...]) -> str:
    shown = ", ".join(codes[:SHOWN_CODES])
    return shown if len(codes) <= SHOWN_CODES else f"{shown} (+{len(codes) - SHOWN_CODES})"


class BackupWarningLabel(QLabel):
    """The status bar's short warning when the automatic backup or the daily data check
    failed, or the data folder runs short of space; hidden while all is well. The tooltip
    says why and what to do, with the error code for IT (ux.md: codes in small print)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setObjectName("backupWarning")
        self.setVisible(False)

    def show_backup(self, status: BackupStatus, *, low_space: str | None) -> None:
        lines = self._warnings(status, low_space)
        self.setText(" · ".join(short for short, _ in lines))
        self.setToolTip("\n\n".join(tip for _, tip in lines))
        self.setVisible(bool(lines))

    def _warnings(self, status: BackupStatus, low_space: str | None) -> list[tuple[str, str]]:
        found = []
        if status.check_failed:
            found.append(self._check_warning(status))
        if status.backup_failed:
            found.append(self._backup_warning(status))
        if low_space is not None:
            free = {"free": low_space}
            found.append((message_for("window.low_space", self._lang, free),
                          message_for("window.low_space_tip", self._lang, free)))  # fmt: skip
        return found

    def _check_warning(self, status: BackupStatus) -> tuple[str, str]:
        found = {"at": short_time(status.check_at), "detail": status.check_result or ""}
        return (message_for("window.check_failed", self._lang),
                message_for("backup.check_failed", self._lang, found))  # fmt: skip

    def _backup_warning(self, status: BackupStatus) -> tuple[str, str]:
        code, lang = status.last_error or "", self._lang
        label = "Mã lỗi" if lang == "vi" else "Error code"
        tip = message_for("window.backup_failed_tip", lang, {
            "at": short_time(status.last_attempt_at), "reason": message_for(code, lang),
            "success": short_time(status.last_success_at) or "-"})  # fmt: skip
        return message_for("window.backup_failed", lang), f"{tip}\n{label}: {code}"
