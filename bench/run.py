"""Run the benchmarks and write docs/BENCHMARKS.md (``make bench``).

``python -m bench.run`` runs every section and rewrites the file; ``--only receipt`` (or any
other section name, repeatable) runs just those and replaces their sections in the existing
file, keeping the others as they are: the store benchmark alone takes a long time.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import (
    bench_bundle,
    bench_chip,
    bench_dashboard,
    bench_decode,
    bench_dossiers_view,
    bench_intake,
    bench_keys,
    bench_page_hmac,
    bench_parse,
    bench_print,
    bench_receipt,
    bench_store,
    bench_sync,
    bench_tracking_log,
    bench_ui_start,
    machine,
)

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"
SECTIONS: dict[str, Callable[[], str]] = {
    "parse": bench_parse.run,
    "decode": bench_decode.run,
    "store": bench_store.run,
    "page_hmac": bench_page_hmac.run,
    "receipt": bench_receipt.run,
    "print": bench_print.run,
    "sync": bench_sync.run,
    "ui_start": bench_ui_start.run,
    "intake": bench_intake.run,
    "keys": bench_keys.run,
    "dossiers_view": bench_dossiers_view.run,
    "bundle": bench_bundle.run,
    "tracking_log": bench_tracking_log.run,
    "dashboard": bench_dashboard.run,
    "chip": bench_chip.run,
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(SECTIONS),
        default=[],
        help="run only this section and replace it in the existing file",
    )
    args = parser.parse_args(argv)
    if "chip" in (args.only or SECTIONS):
        bench_chip.pcscd_folder()  # before any section's window makes the first PC/SC call
    if args.only and OUTPUT.exists():
        text = replace_sections(OUTPUT.read_text(encoding="utf-8"), args.only)
    else:
        text = whole_file([SECTIONS[name]() for name in SECTIONS])
    OUTPUT.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    print(text)


def whole_file(sections: list[str]) -> str:
    return "\n\n".join(
        [
            "# Benchmarks",
            "Written by `make bench` (`python -m bench.run`); every figure below comes from "
            "that run. Single runs on the machine below: compare orders of magnitude across "
            "machines, exact figures only on the same one.",
            "## Machine\n\n" + machine.describe(),
            *sections,
        ]
    )


def replace_sections(document: str, names: Sequence[str]) -> str:
    """``document`` with the named sections run again; each notes its own machine and time."""
    for name in names:
        section = SECTIONS[name]()
        section += (
            f"\n\nThis section was measured on its own (`python -m bench.run --only {name}`) on:"
            f"\n\n{machine.describe()}"
        )
        document = _replace_section(document, section)
    return document


def _replace_section(document: str, section: str) -> str:
    """Swap the ``## `` section with the same heading, or append the section at the end."""
    heading = section.splitlines()[0]
    parts = re.split(r"(?m)^(?=## )", document)
    for index, part in enumerate(parts):
        if part.splitlines()[:1] == [heading]:
            parts[index] = section + "\n\n"
            return "".join(parts).rstrip("\n") + "\n"
    return document.rstrip("\n") + "\n\n" + section + "\n"


if __name__ == "__main__":
    main()
