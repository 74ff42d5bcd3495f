"""Time to render the receipt PDF (target: A5, two copies, QR code, median at most 25 ms)."""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from importlib import metadata
from importlib.util import find_spec

from counter_app.documents import (
    DEFAULT_QR_TEMPLATE,
    FormData,
    Layout,
    qr_payload,
    receipt_qr_fields,
    render_document,
)
from counter_app.documents.fonts import register_fonts
from counter_app.documents.samples import sample_form

TARGET_MS = 25.0
TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
RUNS = 200
ROUNDS = 10  # RUNS / ROUNDS renders of one layout, then the next, and around again
# Untimed renders first: imports, the form-set files, reportlab's per-font caches.
WARM_UP = 20
# Fresh processes timing the one-off font registration (parsing four TrueType files).
FONT_PROCESSES = 5
LAYOUTS = (
    (Layout.A5, "A5, two copies (two pages)"),
    (Layout.A4_TWO_UP, "A4 two-up, both copies on one sheet"),
    (Layout.THERMAL80, "80 mm thermal slip"),
)


# Fictional applicants: 11 × 9 × 7 names, none repeated within a run (660 receipts), because at
# the counter each receipt is someone else's and their lines are wrapped afresh.
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Khúc", "Quách")
MIDDLE = ("Văn", "Thị", "Minh", "Quốc", "Thanh", "Ngọc", "Đức", "Thu", "Hải")
GIVEN = ("Ánh", "Đức", "Khang", "Hà", "Bảo", "Tâm", "Đăng")
STREET = ("Hàng Bạc", "Hàng Mã", "Lạch Tray", "Tô Hiến Thành", "Thái Hà", "Nguyễn Trãi")


def applicant_name(number: int) -> str:
    middle = MIDDLE[number // len(FAMILY) % len(MIDDLE)]
    given = GIVEN[number // (len(FAMILY) * len(MIDDLE)) % len(GIVEN)]
    return f"{FAMILY[number % len(FAMILY)]} {middle} {given}"


def receipts(count: int, *, first: int = 0) -> list[FormData]:
    """Receipts ``first`` to ``first + count - 1``, each with its own code, printing time and
    applicant, so that every QR code (the default v1 layout, every field of TT 01/2023) and
    barcode is encoded afresh as at the counter: no cache a warm-up filled is hit."""
    base = sample_form()
    found = []
    for number in range(first, first + count):
        code = f"000.20.15.H26-261126-{1001 + number % 8999:04d}"
        printed = base.header.dated + timedelta(seconds=number)
        applicant = dataclasses.replace(
            base.applicant,
            full_name=applicant_name(number),
            id_number=f"001190{number:06d}",
            address=f"Số {number + 1} phố {STREET[number % len(STREET)]}, Hoàn Kiếm, Hà Nội",
        )
        data = dataclasses.replace(base, code=code, applicant=applicant)
        fields = receipt_qr_fields(data, title=TITLE, system="MOTCUA", issued_at=printed)
        found.append(dataclasses.replace(data, qr_payload=qr_payload(DEFAULT_QR_TEMPLATE, fields)))
    return found


def timed_and_warm_up() -> tuple[list[FormData], list[FormData]]:
    """The timed receipts (every layout's) and the warm-up's, numbered after them: a warm-up
    on the very codes it then times would make the first round a cache hit."""
    timed = receipts(RUNS * len(LAYOUTS))
    return timed, receipts(WARM_UP * len(LAYOUTS), first=len(timed))


def measure() -> dict[Layout, tuple[list[float], int]]:
    """Milliseconds per render of each layout and the size of its last PDF.

    The layouts take turns in rounds, so that a slow phase of a shared machine (seconds long)
    hits them all alike instead of one of them.
    """
    every, warm_up = timed_and_warm_up()  # no layout meets a QR code another encoded
    data = {layout: every[i * RUNS : (i + 1) * RUNS] for i, (layout, _) in enumerate(LAYOUTS)}
    for i, (layout, _) in enumerate(LAYOUTS):
        for warm in warm_up[i * WARM_UP : (i + 1) * WARM_UP]:
            render_document(warm, layout=layout)
    found: dict[Layout, tuple[list[float], int]] = {layout: ([], 0) for layout, _ in LAYOUTS}
    per_round = RUNS // ROUNDS
    for start in range(0, RUNS, per_round):
        for layout, _ in LAYOUTS:
            samples, size = found[layout]
            for receipt in data[layout][start : start + per_round]:
                began = time.perf_counter()
                size = len(render_document(receipt, layout=layout))
                samples.append((time.perf_counter() - began) * 1000)
            found[layout] = (samples, size)
    return found


def font_registration_ms() -> float:
    """Median of fresh processes: in the app this is paid once, at the first print."""
    code = (
        "import time; from counter_app.documents.fonts import register_fonts as r; "
        "t = time.perf_counter(); r(); print((time.perf_counter() - t) * 1000)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(FONT_PROCESSES)
    ]
    return statistics.median(runs)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def run() -> str:
    register_fonts()
    rows = []
    a5_median = 0.0
    measured = measure()
    for layout, label in LAYOUTS:
        samples, size = measured[layout]
        median = statistics.median(samples)
        a5_median = median if layout is Layout.A5 else a5_median
        quickest_round = min(
            statistics.median(samples[i : i + RUNS // ROUNDS])
            for i in range(0, RUNS, RUNS // ROUNDS)
        )
        figures = f"{median:.1f} | {p95(samples):.1f} | {quickest_round:.1f} | {min(samples):.1f}"
        rows.append(f"| {label} | {figures} | {size / 1024:.0f} |")
    verdict = "met" if a5_median <= TARGET_MS else "NOT met"
    accelerated = "present" if find_spec("_rl_accel") else "not installed"
    versions = f"reportlab {metadata.version('reportlab')}, segno {metadata.version('segno')}"
    return "\n".join(
        [
            "## Printing the receipt (PDF)",
            "",
            f"`python -m bench.bench_receipt`: `render_document` on the sample receipt "
            f"(`counter_app/documents/samples.py`: four papers, the default v1 QR code with "
            f"every field of TT 01/2023, about 130 bytes, version 8, and a Code 128 barcode), "
            f"{WARM_UP} untimed renders, then {RUNS} timed ones per layout in {ROUNDS} rounds "
            "taking turns, each with a new dossier code, printing time and applicant so that "
            "every QR code is encoded afresh (the warm-up renders other receipts: no cache warm "
            "that a counter would not have). The quickest round's median is the figure "
            "to compare when the shared machine was busy (see the reference loop below). "
            "Fonts are registered before timing; that one-off cost is the last line.",
            "",
            "| layout | median ms | p95 ms | quickest round's median ms | best ms | PDF KiB |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            f"A5 receipt median: **{a5_median:.1f} ms**; target ≤ {TARGET_MS:.0f} ms: {verdict}. "
            f"Font registration (four faces, once per process, median of {FONT_PROCESSES} fresh "
            f"processes): {font_registration_ms():.0f} ms. {versions}; reportlab's C accelerator "
            f"(`rl-accel`): {accelerated}.",
        ]
    )


if __name__ == "__main__":
    print(run())
