"""The sync's line in the status bar reads right in both languages, for every state."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services.clock import now_vn
from ui.i18n import install_translations
from ui.status_bar import SyncStatusWidget
from ui.sync_runner import CityLink, SyncStatus

SENT = now_vn().replace(hour=10, minute=42, second=0, microsecond=0).isoformat()
STATES = {
    "online": SyncStatus(state=CityLink.ONLINE, pending=0, last_success_at=SENT),
    "sending": SyncStatus(state=CityLink.ONLINE, running=True, pending=4),
    "offline": SyncStatus(state=CityLink.OFFLINE, pending=2, last_error="SYNC_UNREACHABLE"),
    "not_configured": SyncStatus(state=CityLink.NOT_CONFIGURED, pending=1),
    "rejected": SyncStatus(state=CityLink.ONLINE, pending=0, rejected=3),
}
EXPECTED = {
    "en": {
        "online": "● Online · pending 0 · sent at 10:42",
        "sending": "● Online · pending 4 · sending…",
        "offline": "No connection — dossiers are kept on this computer and will be sent "
        "automatically when the network is back. · pending 2",
        "not_configured": "Sync not set up — dossiers are kept on this computer. Call IT.",
        "rejected": "● Online · pending 0",
    },
    "vi": {
        "online": "● Trực tuyến · chờ gửi 0 · gửi lúc 10:42",
        "sending": "● Trực tuyến · chờ gửi 4 · đang gửi…",
        "offline": "Mất kết nối — hồ sơ vẫn được lưu trên máy và sẽ tự gửi khi có mạng. "
        "· chờ gửi 2",
        "not_configured": "Chưa cấu hình gửi hồ sơ — hồ sơ vẫn được lưu trên máy. "
        "Hãy báo bộ phận CNTT.",
        "rejected": "● Trực tuyến · chờ gửi 0",
    },
}
ATTENTION = {"en": "Needs attention: 3", "vi": "Cần xử lý: 3"}
ERROR_LINE = {"en": "Error code: SYNC_UNREACHABLE", "vi": "Mã lỗi: SYNC_UNREACHABLE"}


@pytest.fixture(params=["en", "vi"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, request.param)
    yield str(request.param)
    for translator in translators:
        app.removeTranslator(translator)


def test_each_state_reads_in_the_windows_language(qtbot: QtBot, lang: str) -> None:
    widget = SyncStatusWidget(lang)
    qtbot.addWidget(widget)
    widget.show()
    for name, status in STATES.items():
        widget.show_status(status)
        assert widget.state_label.text() == EXPECTED[lang][name], name
        assert widget.attention_button.isVisible() == (status.rejected > 0), name
    assert widget.attention_button.text() == ATTENTION[lang]
    widget.show_status(STATES["offline"])
    assert widget.state_label.toolTip().endswith(ERROR_LINE[lang])
