"""Run every benchmark and write docs/BENCHMARKS.md (``make bench``)."""

from __future__ import annotations

from pathlib import Path

from bench import bench_decode, bench_parse, bench_store, machine

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"


def main() -> None:
    sections = [bench_parse.run(), bench_decode.run(), bench_store.run()]
    text = "\n\n".join(
        [
            "# Benchmarks",
            "Written by `make bench` (`python -m bench.run`); every figure below comes from "
            "that run. Single runs on the machine below: compare orders of magnitude across "
            "machines, exact figures only on the same one.",
            "## Machine\n\n" + machine.describe(),
            *sections,
        ]
    )
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
