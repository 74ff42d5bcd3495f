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
        ("ibm-943_P15A-2003.cnv", False),  # converters stay
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
