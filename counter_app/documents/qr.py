"""The receipt's QR code and Code 128 barcode: payload, and the ops that draw them.

The QR payload is a ``|``-separated template whose first field is always the dossier code
(forms.md §4), so scanning any receipt back finds its dossier by that field. The default is
the versioned layout of ``counter_app.domain.receipt_qr`` (every field TT 01/2023 names); a
city that prescribes its own sets another template. The symbol is
drawn from segno's module matrix as rectangles in one PDF path: reportlab's own QR widget
is pure Python and about three times slower per receipt.
"""

from __future__ import annotations

import functools
import string
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import Final

import segno
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm

from counter_app.documents.errors import QrTemplateInvalidError
from counter_app.documents.model import FormData
from counter_app.documents.region import ModulesOp
from counter_app.documents.vn_dates import compact_stamp
from counter_app.domain.receipt_qr import V1_TEMPLATE, paper_name

DEFAULT_QR_TEMPLATE: Final = V1_TEMPLATE
QR_FIELDS: Final = (
    "code",
    "procedure_code",
    "id_number",
    "title",
    "system",
    "issued_at",
    "due_at",
)
QR_SEPARATOR: Final = "|"
# Level M (15 % of the symbol may be lost): the v1 payload (about 130 bytes) is version 8,
# 49 modules, 0.43 mm each in 21 mm: 3.4 dots at 203 dpi, which tests decode. Level Q would
# need version 10 (57 modules, under 3 dots at 203 dpi).
QR_ERROR_LEVEL: Final = "m"
# The symbol (quiet zone excluded) is at least 20 mm square (forms.md §4); 21 mm leaves room
# for a printer that shrinks to fit. A larger payload gets smaller modules, not a larger box.
QR_SIDE: Final = 21 * mm
QR_QUIET_MODULES: Final = 4  # ISO/IEC 18004 quiet zone
# Code 128: narrowest bar 0.25 mm (about 2 dots at 203 dpi, 3 at 300 dpi) reads on any
# counter scanner; narrower only when the column is too small, never below 0.19 mm.
BAR_WIDTH: Final = 0.25 * mm
MIN_BAR_WIDTH: Final = 0.19 * mm
CODE128_QUIET_MODULES: Final = 10  # ISO/IEC 15417: at least ten narrow bars each side


def check_qr_template(template: str) -> tuple[str, ...]:
    """The template's field names; raises unless the first field is exactly ``{code}``."""
    parts = template.split(QR_SEPARATOR)
    if parts[0] != "{code}":
        raise QrTemplateInvalidError("the first field must be {code}")
    names: list[str] = []
    try:
        parsed = [item for part in parts for item in string.Formatter().parse(part)]
    except ValueError as exc:
        raise QrTemplateInvalidError("unbalanced braces") from exc
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in QR_FIELDS or spec or conversion:
            raise QrTemplateInvalidError(f"unknown field {name!r}")
        names.append(name)
    return tuple(names)


def qr_payload(template: str, fields: Mapping[str, str]) -> str:
    """Fill ``template`` (default: the v1 layout); a missing field prints empty.

    A ``|`` or line break inside a value would shift the fields after it, so it becomes a
    space. Text is NFC. Only a code-only template (the old ``v0``) keeps QR alphanumeric mode:
    ``|`` and lower-case letters push segno to byte mode and a larger symbol.
    """
    check_qr_template(template)
    values = {name: _clean(fields.get(name, "")) for name in QR_FIELDS}
    return template.format_map(values)


def _clean(value: str) -> str:
    flat = value.replace(QR_SEPARATOR, " ").replace("\r", " ").replace("\n", " ")
    return unicodedata.normalize("NFC", flat.strip())


def receipt_qr_fields(
    data: FormData, *, title: str, system: str, issued_at: datetime
) -> dict[str, str]:
    """The documented fields for a receipt; ``issued_at`` is when the paper is printed.

    The title goes in as its accent-free capitals (``receipt_qr.paper_name``); the
    appointment is the receipt's due time, empty when there is none.
    """
    return {
        "code": data.code,
        "procedure_code": data.procedure_code,
        "id_number": data.applicant.id_number,
        "title": paper_name(title),
        "system": system,
        "issued_at": compact_stamp(issued_at),
        "due_at": compact_stamp(data.due_at) if data.due_at else "",
    }


@functools.lru_cache(maxsize=32)
def qr_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The symbol's width in modules and its dark modules as (row, column, length) runs.

    Cached: both copies of a receipt, and its reprints, carry the same payload, and segno
    spends most of its time choosing the best of the eight masks in Python.
    """
    symbol = segno.make(payload, error=QR_ERROR_LEVEL, micro=False)
    runs: list[tuple[int, int, int]] = []
    for row, modules in enumerate(symbol.matrix):
        start = -1
        for column, dark in enumerate(modules):
            if dark and start < 0:
                start = column
            elif not dark and start >= 0:
                runs.append((row, start, column - start))
                start = -1
        if start >= 0:
            runs.append((row, start, len(modules) - start))
    return len(symbol.matrix), tuple(runs)


def qr_box(modules: int, side: float = QR_SIDE) -> tuple[float, float]:
    """(module size, side including the quiet zone) for a symbol ``side`` points wide."""
    module = side / modules
    return module, side + 2 * QR_QUIET_MODULES * module


def qr_op(x: float, y: float, payload: str, side: float = QR_SIDE) -> tuple[ModulesOp, float]:
    """The symbol with its quiet zone's top-left at (x, y); returns the op and the full side."""
    modules, runs = qr_runs(payload)
    module, full = qr_box(modules, side)
    quiet = QR_QUIET_MODULES * module
    return ModulesOp(x + quiet, y + quiet, module, module, runs), full


@functools.lru_cache(maxsize=32)
def code128_bars(value: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The symbol's width in modules (quiet zones excluded) and its bars as runs of row 0.

    reportlab encodes (choosing code sets B and C); the bars are drawn like the QR code, in
    one path, rather than through its widget's one-rectangle-per-call drawing.
    """
    widget = Code128(value, quiet=0, humanReadable=0)
    widget.validate()
    widget.encode()
    pattern = widget.decompose()
    runs: list[tuple[int, int, int]] = []
    column = 0
    for element in pattern:
        if element.isupper():  # a bar this many modules wide; lower case: a space
            width = ord(element) - ord("A") + 1
            runs.append((0, column, width))
        else:
            width = ord(element) - ord("a") + 1
        column += width
    return column, tuple(runs)


def barcode_op(value: str, *, x: float, y: float, width: float, height: float) -> ModulesOp | None:
    """A Code 128 of ``value`` centred in ``width`` with its quiet zones, with narrower bars
    if it must; None when even the narrowest readable bars would not fit (the QR code and
    the printed code remain)."""
    modules, runs = code128_bars(value)
    total = modules + 2 * CODE128_QUIET_MODULES
    bar = min(BAR_WIDTH, width / total)
    if bar < MIN_BAR_WIDTH:
        return None
    left = x + (width - modules * bar) / 2
    return ModulesOp(left, y, bar, height, runs)
