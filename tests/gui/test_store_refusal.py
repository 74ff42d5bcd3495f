"""The window's first run never makes a new key beside an earlier store: it says why instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app.services.store import keys
from counter_app.services.store.opening import Store
from tests.gui.users_helpers import make_session, when_modal
from ui.users import ensure_ready


def test_an_empty_store_file_shows_the_refusal_instead_of_the_wizard(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = new_store.folder
    new_store.close()
    (folder / "counter.db").write_bytes(b"")  # what a cut power or a bad copy can leave
    key_before = (folder / keys.KEY_FILE_NAME).read_bytes()
    shown: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.accept()

    when_modal("store_refusal", read_and_close)
    session = make_session(folder, tmp_path)
    assert not ensure_ready(session)
    assert shown[0].endswith("Mã lỗi: STORE_SETUP_REFUSED")
    assert "counter-app restore" in shown[0]
    assert (folder / keys.KEY_FILE_NAME).read_bytes() == key_before
    assert session.store.close()
