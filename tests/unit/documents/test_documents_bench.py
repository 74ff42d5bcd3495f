"""``python -m bench.run --only receipt`` replaces its own section and keeps the others."""

from __future__ import annotations

from bench.run import _replace_section

DOCUMENT = """# Benchmarks

## Machine

- CPU: old

## The store with many dossiers

| a | b |

## Printing the receipt (PDF)

old figures
"""


def test_a_section_is_replaced_in_place() -> None:
    new = "## Printing the receipt (PDF)\n\nnew figures"
    text = _replace_section(DOCUMENT, new)
    assert "old figures" not in text and "new figures" in text
    assert text.startswith("# Benchmarks\n\n## Machine\n\n- CPU: old\n\n## The store")
    assert text.count("## ") == 3


def test_a_missing_section_is_appended_and_others_are_kept() -> None:
    without = DOCUMENT.split("## Printing")[0]
    text = _replace_section(without, "## Printing the receipt (PDF)\n\nfigures")
    assert text.endswith("| a | b |\n\n## Printing the receipt (PDF)\n\nfigures\n")
    assert "## Machine\n\n- CPU: old" in text
