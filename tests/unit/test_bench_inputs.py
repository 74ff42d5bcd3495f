"""The benches time what a counter does: no warm-up fills a cache the timed work then hits."""

from __future__ import annotations

import ast
from pathlib import Path

from bench import bench_parse, bench_receipt
from tests import payloads

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_the_receipt_warm_up_encodes_none_of_the_timed_codes() -> None:
    timed, warm_up = bench_receipt.timed_and_warm_up()
    assert len(timed) == bench_receipt.RUNS * len(bench_receipt.LAYOUTS)
    assert len(warm_up) == bench_receipt.WARM_UP * len(bench_receipt.LAYOUTS)
    every = timed + warm_up
    # The QR matrix and the barcode are cached by payload and code; names and addresses by line.
    assert len({r.qr_payload for r in every}) == len(every)
    assert len({r.code for r in every}) == len(every)
    assert len({r.applicant.full_name for r in every}) == len(every)
    assert len({r.applicant.address for r in every}) == len(every)


def test_the_parse_and_intake_benches_read_the_shared_payloads() -> None:
    assert set(bench_parse.CASES.values()) <= set(payloads.ALL)
    # The intake bench drives Qt widgets: read its source rather than import Qt in a unit test.
    tree = ast.parse((BENCH / "bench_intake.py").read_text(encoding="utf-8"))
    imported = {
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert ("tests.payloads", "T1") in imported
    assigned = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in n.targets
                if isinstance(t, ast.Name)}  # fmt: skip
    assert "T1" not in assigned
