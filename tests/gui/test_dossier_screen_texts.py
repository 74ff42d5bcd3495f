"""The dossiers and returns screens speak Vietnamese: every string of the code is translated."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.services.store import Store
from tests.gui.dossier_screens import make_window, vietnamese
from ui import dossiers, returns

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "dossiers_vi.ts"
SOURCES = sorted((REPO / "ui" / "dossiers").glob("*.py")) + sorted(
    (REPO / "ui" / "returns").glob("*.py")
)


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (str(c.findtext("name")), str(m.findtext("source"))): m
        for c in root.iter("context")
        for m in c.iter("message")
    }


def test_every_string_of_the_screens_has_its_vietnamese(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    extracted = tmp_path / "extracted.ts"
    subprocess.run(
        [str(lupdate), *map(str, SOURCES), "-ts", str(extracted), "-no-obsolete", "-silent"],
        check=True,
    )
    wanted, kept = _messages(extracted), _messages(TS)
    assert len(wanted) > 100
    assert sorted(set(wanted) - set(kept)) == []
    for key, message in kept.items():
        translation = message.find("translation")
        assert translation is not None and translation.text, key
        assert translation.get("type") is None, key  # neither unfinished nor obsolete


@pytest.mark.usefixtures(vietnamese.__name__)
def test_the_tabs_read_in_vietnamese(qtbot: QtBot, new_store: Store, tmp_path: Path) -> None:
    window = make_window(qtbot, new_store, tmp_path)
    dossiers.install(window)
    returns.install(window)
    assert [window.tabs.tabText(i) for i in range(2)] == ["Hồ sơ", "Trả kết quả"]
    header = window.screen_widget("dossiers").model.headerData  # type: ignore[attr-defined]
    assert header(0, Qt.Orientation.Horizontal) == "Mã hồ sơ"
