"""The top of every form: the two header blocks (forms.md §2), then the title block.

Left: the parent authority, the receiving unit in bold, a short rule and, on numbered
letters, ``Số: …/…``. Right: the national name and motto in bold, a rule as long as the motto,
the italic date line. The title block under them holds the title, the dossier code, the copy
label and the barcode, with the receipt's QR code at its left (top-left of the body, as
receipts under TT 01/2023 are reported to place it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from reportlab.lib.units import mm

from counter_app.documents.flow import Flow, baseline, block
from counter_app.documents.fonts import BOLD, ITALIC, REGULAR, fitted_size, text_width
from counter_app.documents.form_sets import FormItem, FormTemplate
from counter_app.documents.model import Header
from counter_app.documents.qr import QR_SIDE, barcode_op, qr_op
from counter_app.documents.region import Op, TextOp
from counter_app.documents.vn_dates import dated_line
from counter_app.documents.wrap import Run, balanced_wrap, wrap_runs

NATIONAL_NAME: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
EMPTY_NUMBER: Final = "……/……"
LEFT_SHARE: Final = 0.45  # of the content width, for the agency block
RULE_SHARE: Final = 0.4  # NĐ 30/2020: the rule under the unit is 1/3 to 1/2 of its line
TITLE_KEYS: Final = frozenset({"code", "copy_label", "barcode"})


def draw_header(flow: Flow, header: Header, template: FormTemplate) -> None:
    """Both blocks side by side from the cursor; the cursor ends below the taller one."""
    left_width = flow.width * LEFT_SHARE
    ops = flow.region.ops
    left_bottom = _agency_block(flow, ops, header, template.numbered, left_width)
    right_bottom = _national_block(flow, ops, header, flow.left + left_width)
    flow.y = max(left_bottom, right_bottom) + flow.pt(4)


def _agency_block(flow: Flow, ops: list[Op], header: Header, numbered: bool, width: float) -> float:
    size, leading = flow.pt(9.5), flow.pt(11.5)
    x, y = flow.left, flow.y
    for text, font in ((header.parent_authority, REGULAR), (header.unit_name, BOLD)):
        if not text:  # the authority heading its own letter has no parent line
            continue
        y = block(
            ops, [(text, font)], x=x, y=y, width=width, size=size, leading=leading, balanced=True
        )
    unit_lines = balanced_wrap([(header.unit_name, BOLD)], width, size)
    widest = max((line.width for line in unit_lines), default=width / 2)
    rule = max(widest * RULE_SHARE, flow.pt(30))
    y += flow.pt(2)
    flow.rule(x + (width - rule) / 2, x + (width + rule) / 2, y)
    if numbered:
        number = f"Số: {header.number or EMPTY_NUMBER}"
        y = block(
            ops, [(number, REGULAR)], x=x, y=y + flow.pt(5), width=width, size=size, leading=leading
        )
    return y


def _national_block(flow: Flow, ops: list[Op], header: Header, x: float) -> float:
    width = flow.left + flow.width - x
    y = flow.y
    for text, nominal in ((NATIONAL_NAME, 10.5), (MOTTO, 11)):
        size = fitted_size(text, BOLD, flow.pt(nominal), width, smallest=flow.pt(7))
        y = block(ops, [(text, BOLD)], x=x, y=y, width=width, size=size, leading=flow.pt(12))
    motto = text_width(MOTTO, BOLD, fitted_size(MOTTO, BOLD, flow.pt(11), width, smallest=1))
    motto = min(motto, width)
    y += flow.pt(2)
    flow.rule(x + (width - motto) / 2, x + (width + motto) / 2, y)
    line = dated_line(header.place, header.dated)
    return block(
        ops,
        [(line, ITALIC)],
        x=x,
        y=y + flow.pt(6),
        width=width,
        size=flow.pt(10),
        leading=flow.pt(12),
        balanced=True,
    )


def split_title_items(items: Sequence[FormItem]) -> tuple[list[FormItem], list[FormItem]]:
    """The leading code, copy-label and barcode items go in the title block."""
    count = 0
    while count < len(items) and items[count].key in TITLE_KEYS:
        count += 1
    return list(items[:count]), list(items[count:])


def draw_title_block(
    flow: Flow,
    title: str,
    lines: Sequence[Sequence[Run]],
    *,
    code: str,
    barcode: bool,
    qr_payload: str,
) -> None:
    """The title, its centred lines and the barcode; the receipt's QR code to their left."""
    x, width, top = flow.left, flow.width, flow.y
    qr_bottom = top
    if qr_payload:
        qr_width, qr_bottom = _qr_column(flow, qr_payload, code)
        x, width = x + qr_width + flow.pt(4), width - qr_width - flow.pt(4)
    ops = flow.region.ops
    size = fitted_size(title, BOLD, flow.pt(12.5), width, smallest=flow.pt(10.5))
    y = block(
        ops, [(title, BOLD)], x=x, y=top, width=width, size=size, leading=size * 1.2, balanced=True
    )
    for runs in lines:
        y = block(ops, runs, x=x, y=y, width=width, size=flow.pt(10), leading=flow.pt(12))
    if barcode and code:
        op = barcode_op(code, x=x, y=y + flow.pt(3), width=width, height=flow.pt(6 * mm))
        if op is not None:
            ops.append(op)
            y += op.height + flow.pt(3)
    flow.y = max(y, qr_bottom) + flow.pt(4)


def _qr_column(flow: Flow, payload: str, code: str) -> tuple[float, float]:
    """The QR code (quiet zone included) at the top-left, the code printed under it."""
    side = QR_SIDE * (1 + (flow.spec.scale - 1) / 2)
    op, full = qr_op(flow.left, flow.y, payload, side)
    flow.region.ops.append(op)
    size = fitted_size(code, REGULAR, flow.pt(7.5), full, smallest=flow.pt(5.5))
    y = flow.y + full  # below the quiet zone, which must stay blank
    for line in wrap_runs([(code, REGULAR)], full, size):
        start = flow.left + (full - line.width) / 2
        flow.region.ops.append(
            TextOp(start, baseline(y, size * 1.2), line.segments[0].text, REGULAR, size)
        )
        y += size * 1.2
    return full, y
