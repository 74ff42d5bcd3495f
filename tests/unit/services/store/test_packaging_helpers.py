"""The build's helpers (packaging/): which ICU data items the bundle leaves out, and which
libraries still need stripping. The bundle's tests check the result; these check the rules."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[4] / "packaging"


def load(name: str) -> ModuleType:
    """packaging/ is no package (PyPI's ``packaging`` owns that name): load by path."""
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


icu_data = load("icu_data")
strip_binaries = load("strip_binaries")


@pytest.mark.parametrize(
    ("item", "dropped"),
    [
        ("coll/vi.res", False),
        ("coll/root.res", False),
        ("coll/ucadata.icu", False),
        ("vi_VN.res", False),
        ("en_US_POSIX.res", False),
        ("lang/res_index.res", False),  # every tree's index stays
        ("unit/pool.res", False),
        ("supplementalData.res", False),
        ("metaZones.res", False),
        ("zoneinfo64.res", False),
        ("ibm-943_P15A-2003.cnv", True),  # legacy character sets go
        ("cnvalias.icu", False),  # their alias table is core data
        ("brkitr/word.brk", False),
        ("coll/ja.res", True),
        ("zh_Hant_TW.res", True),
        ("unit/fr_CA.res", True),
        ("curr/es_419.res", True),
        ("brkitr/cjdict.dict", True),
        ("translit/root.res", True),
    ],
)
def test_the_icu_items_kept_are_the_core_and_root_english_vietnamese(
    item: str, dropped: bool
) -> None:
    assert icu_data.dropped(item) is dropped


def test_only_a_library_with_a_symbol_table_is_replaced_by_a_stripped_copy(
    tmp_path: Path,
) -> None:
    if shutil.which("as") is None or shutil.which("strip") is None:
        pytest.skip("binutils is not installed (scripts/setup.sh installs it)")
    source = tmp_path / "lib.s"
    source.write_text("\t.text\n\t.globl answer\nanswer:\n\tmovl $42, %eax\n\tret\n")
    subprocess.run(["as", "-o", str(tmp_path / "lib.o"), str(source)], check=True)
    library = tmp_path / "libanswer.so"
    subprocess.run(["ld", "-shared", "-o", str(library), str(tmp_path / "lib.o")], check=True)
    text = tmp_path / "notes.txt"
    text.write_text("not an ELF file", encoding="utf-8")
    assert strip_binaries.has_symbol_table(library)
    assert not strip_binaries.has_symbol_table(text)
    entries = [("lib/libanswer.so", str(library), "BINARY"), ("notes.txt", str(text), "DATA")]
    result = strip_binaries.stripped(entries, tmp_path / "work")
    assert result[1] == entries[1]
    dest, copy, kind = result[0]
    assert (dest, kind) == ("lib/libanswer.so", "BINARY")
    assert Path(copy) == tmp_path / "work" / "lib" / "libanswer.so"
    assert not strip_binaries.has_symbol_table(Path(copy))
    assert strip_binaries.has_symbol_table(library)  # the original is left as it was


unneeded_libraries = load("unneeded_libraries")


def test_the_pcs_libcups_goes_with_what_only_it_linked_and_a_shared_library_stays() -> None:
    links = {
        "libQt6PrintSupport.so.6": {"libcups.so.2"},
        "libcups.so.2": {"libgnutls.so.30", "libz.so.1"},
        "libgnutls.so.30": {"libnettle.so.8"},
        "libnettle.so.8": set(),
        "libz.so.1": set(),
        "PIL/_imaging.so": {"libz.so.1"},
        "libzbar.so.0": set(),  # pyzbar loads it by name
        "libpython3.11.so.1.0": set(),  # the bootloader loads it by name
        "sqlcipher3/_sqlite3.so": set(),  # an extension module: Python imports it
    }
    entries = [
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6"
         if name.startswith("libQt6") else name, name, "BINARY")
        for name in links
    ]  # fmt: skip
    kept, dropped = unneeded_libraries.without_unneeded(entries, needs=lambda src: links[src])
    assert dropped == ["libcups.so.2", "libgnutls.so.30", "libnettle.so.8"]
    assert {entry[1] for entry in kept} == set(links) - set(dropped)


def test_a_library_at_the_top_of_the_bundle_is_a_candidate_one_inside_a_package_is_not() -> None:
    assert unneeded_libraries.is_candidate("libgnutls.so.30")
    assert not unneeded_libraries.is_candidate("PySide6/Qt/lib/libQt6Core.so.6")
    assert not unneeded_libraries.is_candidate("pillow.libs/libjpeg-6dc8d115.so.62.4.0")
    assert not unneeded_libraries.is_candidate("libzbar.so.0")
    assert not unneeded_libraries.is_candidate("_cffi_backend.cpython-311-x86_64-linux-gnu.so")
