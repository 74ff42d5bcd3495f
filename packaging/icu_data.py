"""A smaller ICU data library for the Linux bundle (build.spec).

QtCore links ICU, and the PySide6 wheel's ``libicudata.so.NN`` carries the data of every
locale CLDR has (30 MiB): names of languages, regions, currencies and units, time zone names,
collation and break rules for some 800 locales. The app speaks Vietnamese and English, and Qt
reads its own locale data (QLocale) from QtCore, not from ICU. This keeps ICU's core data
(Unicode properties, normalisation, collation's root table) and the locale data of
root, English and Vietnamese; ICU falls back to root for any other locale it is asked for.

The data is taken out of the wheel's library, filtered with ICU's own ``icupkg``
(icu-devtools), and linked into a library of the same name and symbol with binutils' ``as`` and
``ld``: the same file the wheel ships, with fewer items in it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

KEPT_LOCALES = frozenset({"root", "en", "en_001", "en_US", "en_US_POSIX", "vi", "vi_VN"})
# Items named after a locale ("coll/ja.res", "unit/fr_CA.res", "zh_Hant.res"). Index and
# shared-string files look alike but are kept: every tree needs its res_index and pool.
_LOCALE_ITEM = re.compile(r"^(?:[a-z]+/)?(?P<locale>[a-z]{2,3}(?:_[A-Za-z0-9]+)*)\.res$")
_NOT_LOCALES = frozenset({"res_index", "pool"})
# Whole kinds of data no part of Qt uses: word dictionaries for Chinese, Japanese, Thai, Lao,
# Khmer and Burmese line breaking (Qt breaks text itself), transliteration rules, and the
# tables of legacy character sets (5 MiB: Shift-JIS, Big5, EBCDIC …; Qt on Linux reads and
# writes UTF-8 itself, and only a QStringConverter asked for such a set by name would miss them).
_UNUSED = (
    re.compile(r"^brkitr/.*\.dict$"),
    re.compile(r"^translit/"),
    re.compile(r"^[^/]+\.cnv$"),
)
_MISSING = re.compile(r"depends on missing item (\S+)")
_SYMBOL = re.compile(r"\s(?P<value>[0-9a-f]+)\s+(?P<size>0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+"
                     r"DEFAULT\s+\d+\s+(?P<name>icudt\d+_dat)$")  # fmt: skip


def dropped(item: str) -> bool:
    """True for a data item the bundle leaves out (``item`` as ``icupkg -l`` lists it)."""
    if any(pattern.search(item) for pattern in _UNUSED):
        return True
    named = _LOCALE_ITEM.match(item)
    if named is None or named["locale"] in _NOT_LOCALES:
        return False
    return named["locale"] not in KEPT_LOCALES


def trimmed_icu_data(library: Path, work: Path) -> Path:
    """A filtered copy of ``library`` (``libicudata.so.NN``), built in ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    symbol, offset, size = _data_symbol(library)
    package = work / f"{symbol.removesuffix('_dat')}l.dat"  # icudt73l.dat: icupkg's name
    with library.open("rb") as source:
        source.seek(offset)
        package.write_bytes(source.read(size))
    items = _run("icupkg", "--list", str(package)).split()
    smaller = _without(package, {item for item in items if dropped(item)}, work)
    return _link(smaller, symbol, library.name, work)


def _without(package: Path, unwanted: set[str], work: Path) -> Path:
    """The package without ``unwanted``, except items a kept item depends on (icupkg checks
    every dependency and names those missing: the root break rules need the dictionaries,
    an alias its target)."""
    smaller = work / "filtered" / package.name  # the package's name is its items' prefix
    smaller.parent.mkdir(exist_ok=True)
    removed = work / "removed.txt"
    for _attempt in range(5):
        removed.write_text("\n".join(sorted(unwanted)) + "\n")
        smaller.unlink(missing_ok=True)
        done = subprocess.run(["icupkg", "--remove", str(removed), str(package), str(smaller)],
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode == 0:
            return smaller
        needed = set(_MISSING.findall(done.stdout + done.stderr))
        if not needed & unwanted:
            break
        unwanted -= needed
    raise SystemExit(f"build.spec: icupkg failed: {(done.stdout + done.stderr)[-500:]}")


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size (its segment maps the file 1:1)."""
    for line in _run("readelf", "--dyn-syms", "--wide", str(library)).splitlines():
        found = _SYMBOL.search(line)
        if found:
            address, size = int(found["value"], 16), int(found["size"], 0)
            return found["name"], _file_offset(library, address), size
    raise SystemExit(f"build.spec: no ICU data symbol in {library.name}")


def _file_offset(library: Path, address: int) -> int:
    for line in _run("readelf", "--program-headers", "--wide", str(library)).splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            offset, start, size = int(fields[1], 16), int(fields[2], 16), int(fields[4], 16)
            if start <= address < start + size:
                return offset + address - start
    raise SystemExit(f"build.spec: the ICU data of {library.name} is in no loaded segment")


def _link(package: Path, symbol: str, soname: str, work: Path) -> Path:
    """A shared library exporting ``symbol`` as the package's bytes (16-byte aligned, as
    ICU's own data libraries)."""
    source = work / "icudata.s"
    source.write_text(
        f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f'{symbol}:\n\t.incbin "{package}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    obj, library = work / "icudata.o", work / soname
    _run("as", "-o", str(obj), str(source))
    _run("ld", "-shared", "-s", "-soname", soname, "-o", str(library), str(obj))
    return library


def _run(*command: str) -> str:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build.spec: {command[0]} failed: {done.stderr.strip()[-500:]}")
    return done.stdout
