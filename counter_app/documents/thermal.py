"""The optional 80 mm thermal slip: a short appointment reminder, not the official Mẫu 01.

About 72 mm of the paper is printable (4 mm margins, forms.md §4), too narrow for the
national header, so the slip has its own small layout: agency, title, code, QR code,
applicant, procedure, times and the counter's phone, in the order the form set lists.
The page is exactly as tall as its content.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from reportlab.lib.units import mm

from counter_app.documents.flow import Flow, PageSpec, block
from counter_app.documents.fonts import BOLD, ITALIC, REGULAR, fitted_size
from counter_app.documents.form_sets import FormItem, FormSet
from counter_app.documents.items import DOTS, VALUES, label_fields, value_runs
from counter_app.documents.model import FormData, FormKind
from counter_app.documents.qr import QR_SIDE, qr_op
from counter_app.documents.region import BoxOp, Region

SLIP_WIDTH: Final = 80 * mm
SLIP_MARGIN: Final = 4 * mm
# Long enough for any slip; the page is cut to the content afterwards.
_UNBOUNDED: Final = 2000 * mm
SLIP_QR_SIDE: Final = max(QR_SIDE, 28 * mm)  # larger than on paper: read from a phone too
REPRINT_MARK: Final = "BẢN IN LẠI"

_SPEC: Final = PageSpec(
    SLIP_WIDTH, _UNBOUNDED, SLIP_MARGIN, SLIP_MARGIN, SLIP_MARGIN, SLIP_MARGIN, 1
)
_SIZE: Final = 8.5
_LEADING: Final = 10.5


def layout_slip(data: FormData, form_set: FormSet) -> Region:
    """The slip's one region, cut to its content's height."""
    flow = Flow(_SPEC)
    context = _SlipContext(flow, data, form_set, label_fields(data))
    if data.reprint:
        _reprint_mark(flow)
    for item in form_set.slip:
        _DRAWERS[item.key](context, item)
    region = flow.region
    region.height = flow.y + SLIP_MARGIN
    return region


@dataclass
class _SlipContext:
    flow: Flow
    data: FormData
    form_set: FormSet
    fields: Mapping[str, str]


def _reprint_mark(flow: Flow) -> None:
    size = 9.0
    ops = flow.region.ops
    y = block(
        ops,
        [(REPRINT_MARK, BOLD)],
        x=flow.left,
        y=flow.y + 2,
        width=flow.width,
        size=size,
        leading=size * 1.3,
    )
    ops.append(BoxOp(flow.left, flow.y, flow.width, y - flow.y + 2))
    flow.y = y + 6


def _agency(ctx: _SlipContext, item: FormItem) -> None:
    flow, header = ctx.flow, ctx.data.header
    for text in (header.parent_authority, header.unit_name):
        flow.y = block(
            flow.region.ops,
            [(text, BOLD)],
            x=flow.left,
            y=flow.y,
            width=flow.width,
            size=8,
            leading=9.5,
            balanced=True,
        )
    middle = flow.left + flow.width / 2
    flow.y += 2
    flow.rule(middle - 15 * mm, middle + 15 * mm, flow.y)
    flow.y += 4


def _title(ctx: _SlipContext, item: FormItem) -> None:
    title = item.label or ctx.form_set.template(FormKind.RECEIPT).title
    ctx.flow.paragraph([(title, BOLD)], size=10, leading=12, align="center")
    ctx.flow.y += 3


def _code(ctx: _SlipContext, item: FormItem) -> None:
    flow = ctx.flow
    if item.label:
        flow.paragraph([(item.label, REGULAR)], size=_SIZE, leading=_LEADING, align="center")
    code = ctx.data.code or DOTS
    size = fitted_size(code, BOLD, 12, flow.width, smallest=7)
    flow.paragraph([(code, BOLD)], size=size, leading=size * 1.25, align="center")
    flow.y += 2


def _qr(ctx: _SlipContext, item: FormItem) -> None:
    flow, payload = ctx.flow, ctx.data.qr_payload
    if not payload:
        return
    op, full = qr_op(0.0, flow.y, payload, SLIP_QR_SIDE)
    flow.add([dataclasses.replace(op, x=op.x + flow.left + (flow.width - full) / 2)])
    flow.y += full
    flow.paragraph([(ctx.data.code, REGULAR)], size=7, leading=8.5, align="center")
    flow.y += 4


def _labelled(ctx: _SlipContext, item: FormItem) -> None:
    value = VALUES[item.key](ctx.data)
    if not value and item.option("optional", False):
        return
    strong = item.key in ("due_at", "procedure")
    runs = value_runs(item.label or "{value}", value or DOTS, ctx.fields, REGULAR, strong)
    ctx.flow.paragraph(runs, size=_SIZE, leading=_LEADING)
    ctx.flow.y += 1.5


def _text(ctx: _SlipContext, item: FormItem) -> None:
    font = ITALIC if item.option("style") == "italic" else REGULAR
    ctx.flow.y += 3
    ctx.flow.paragraph(
        [(item.label.format_map({**ctx.fields, "value": ""}), font)],
        size=7.5,
        leading=9,
        align="center",
    )


_DRAWERS: Final[Mapping[str, Callable[[_SlipContext, FormItem], None]]] = {
    "agency": _agency,
    "title": _title,
    "code": _code,
    "qr": _qr,
    "applicant": _labelled,
    "procedure": _labelled,
    "received_at": _labelled,
    "due_at": _labelled,
    "return_place": _labelled,
    "counter_phone": _labelled,
    "text": _text,
}
