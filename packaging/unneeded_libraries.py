"""Leave out of the Linux bundle the system libraries the PC provides, and what only they need.

PyInstaller copies every shared library a collected binary links, system ones included. Some
belong to the PC rather than to the app:

- ``libcups.so.2``: Qt's CUPS print plugin links it. A PC that prints on Linux has CUPS, and
  with it the libcups that matches its own ``cupsd``; a PC without it lists no printer and the
  app saves the receipt as a PDF, as it does with no printer. Bundled, Debian's libcups came
  with its TLS stack (GnuTLS, p11-kit, libunistring, Nettle, GMP): 7 MiB.
- ``readline``: the interactive prompt's line editor; the app reads no terminal lines with it.

A library is then dropped only once no remaining binary names it as NEEDED (``readelf -d``),
repeated until nothing changes: what another library still links stays. Python extension
modules, Qt's own libraries and plugins, and the libraries loaded by name at run time
(libpython by the bootloader, libzbar by pyzbar through ctypes) are never candidates.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

Entry = tuple[str, str, str]  # PyInstaller's (name in the bundle, source path, kind)

LEFT_TO_THE_PC = frozenset({"libcups.so.2"})
LOADED_BY_NAME = ("libpython", "libzbar")
_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(?P<name>[^\]]+)\]")


def is_candidate(dest: str) -> bool:
    """A system library PyInstaller placed at the bundle's top level for another's sake."""
    path = PurePosixPath(dest.replace("\\", "/"))
    return (
        len(path.parts) == 1
        and path.name.startswith("lib")
        and ".so" in path.name
        and not path.name.startswith(LOADED_BY_NAME)
    )


def needed_names(path: str) -> set[str]:
    """The libraries ``path`` links (its NEEDED entries); none for a file that is no ELF."""
    done = subprocess.run(["readelf", "-d", path], capture_output=True, text=True)
    return set(_NEEDED.findall(done.stdout))


def without_unneeded(
    entries: Iterable[Entry],
    *,
    left_out: frozenset[str] = LEFT_TO_THE_PC,
    needs: Callable[[str], set[str]] = needed_names,
) -> tuple[list[Entry], list[str]]:
    """``entries`` without ``left_out`` and the candidates nothing kept needs any more;
    also the names dropped, for the build's log."""
    entries = list(entries)
    kept = [entry for entry in entries if PurePosixPath(entry[0]).name not in left_out]
    dropped = sorted({PurePosixPath(entry[0]).name for entry in entries} & left_out)
    links = {entry[0]: needs(entry[1]) for entry in kept}
    while True:
        wanted = set().union(*links.values()) if links else set()
        unneeded = [
            entry for entry in kept
            if is_candidate(entry[0]) and PurePosixPath(entry[0]).name not in wanted
        ]  # fmt: skip
        if not unneeded:
            return kept, dropped
        for entry in unneeded:
            kept.remove(entry)
            links.pop(entry[0], None)
            dropped.append(PurePosixPath(entry[0]).name)
