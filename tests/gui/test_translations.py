"""Every string the window's code marks for translation has its Vietnamese in some area's .ts."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"
SOURCES = sorted((REPO / "ui").rglob("*.py"))


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (str(c.findtext("name")), str(m.findtext("source"))): m
        for c in root.iter("context")
        for m in c.iter("message")
    }


def test_every_string_of_the_window_has_its_vietnamese(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    extracted = tmp_path / "extracted.ts"
    subprocess.run(
        [str(lupdate), *map(str, SOURCES), "-ts", str(extracted), "-no-obsolete", "-silent"],
        check=True,
    )
    kept: dict[tuple[str, str], ET.Element] = {}
    for path in sorted(TRANSLATIONS.glob("*_vi.ts")):
        kept.update(_messages(path))
    wanted = _messages(extracted)
    assert len(wanted) > 200
    assert sorted(set(wanted) - set(kept)) == []
    for key, message in kept.items():
        translation = message.find("translation")
        assert translation is not None and translation.text, key
        assert translation.get("type") is None, key  # neither unfinished nor obsolete
