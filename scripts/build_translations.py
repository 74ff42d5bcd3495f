"""Compile every Qt translation source (resources/translations/*.ts) into its .qm.

Run by scripts/setup.sh (so `make run` and `make test` see current translations) and by the
bundle build; the .qm files are build output and not kept in git. A .qm newer than its .ts is
left alone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SOURCES = Path(__file__).resolve().parent.parent / "resources" / "translations"


def lrelease() -> str:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: install PySide6-Essentials")
    return found


def main() -> int:
    tool = lrelease()
    for source in sorted(SOURCES.glob("*.ts")):
        target = source.with_suffix(".qm")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        subprocess.run([tool, "-silent", str(source), "-qm", str(target)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
