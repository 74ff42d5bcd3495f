"""Strip only the libraries that still carry a symbol table (build.spec, Linux).

PyInstaller's ``strip=True`` runs ``strip`` over every collected library, and binutils' strip
rewrites the program headers of PySide6's FFmpeg libraries (already stripped when built) so
that the loader refuses them ("ELF load command address/offset not page-aligned"): the webcam's
backend then fails to load, silently. Most libraries arrive stripped; the few that do not
(sqlcipher3's SQLite, cryptography, PDFium, ICU) are most of what stripping saves, 20 MiB.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

_ELF_MAGIC = b"\x7fELF"
_SHT_SYMTAB = 2


def has_symbol_table(path: Path) -> bool:
    """True for a 64-bit little-endian ELF file with a ``.symtab`` section (not stripped)."""
    with path.open("rb") as elf:
        header = elf.read(64)
        if len(header) < 64 or header[:4] != _ELF_MAGIC or header[4:6] != b"\x02\x01":
            return False
        (section_headers,) = struct.unpack_from("<Q", header, 0x28)
        entry_size, count = struct.unpack_from("<HH", header, 0x3A)
        for index in range(count):
            elf.seek(section_headers + index * entry_size + 4)
            (kind,) = struct.unpack("<I", elf.read(4))
            if kind == _SHT_SYMTAB:
                return True
    return False


def stripped(binaries: list[tuple[str, str, str]], work: Path) -> list[tuple[str, str, str]]:
    """``binaries`` with each unstripped library replaced by a stripped copy made in ``work``."""
    result = []
    for dest, src, kind in binaries:
        if has_symbol_table(Path(src)):
            copy = work / dest
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, copy)
            subprocess.run(["strip", str(copy)], check=True)
            src = str(copy)
        result.append((dest, src, kind))
    return result
