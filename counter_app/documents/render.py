"""``render_document``: a FormData in, PDF bytes out, on the paper the counter chose.

Each copy (liên) is laid out on its own (the copy label differs), into one or more regions;
A5 and A4 print each region on its own page, A4 two-up pairs the copies' regions side by
side on landscape sheets with a cut line, and the thermal slip is a single page cut to its
content (``copies`` is ignored there: the slip is an extra for the citizen, not a liên).
"""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.documents.errors import LayoutNotAvailableError, NoCopiesError
from counter_app.documents.flow import A4_SPEC, A5_SPEC, HALF_A4_SPEC, Flow, PageSpec, block
from counter_app.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts, text_width
from counter_app.documents.form_sets import FormItem, FormTemplate, load_form_set
from counter_app.documents.form_tables import draw_control_table, draw_documents
from counter_app.documents.header import draw_header, draw_title_block, split_title_items
from counter_app.documents.items import (
    DOTS,
    VALUES,
    Context,
    draw_copy_label,
    draw_footnote,
    draw_items_list,
    draw_labelled,
    draw_signatures,
    draw_text,
    label_fields,
    value_runs,
)
from counter_app.documents.model import Copy, FormData, FormKind, Layout
from counter_app.documents.qr import barcode_op
from counter_app.documents.region import BoxOp, LineOp, Op, Region, TextOp, paint
from counter_app.documents.thermal import REPRINT_MARK, layout_slip
from counter_app.documents.wrap import Run

# Binary (Flate only) streams instead of ASCII85 on top: smaller files, and the pure-Python
# ASCII85 encoder of the font subsets took a sixth of a receipt's time.
rl_config.useA85 = 0

DEFAULT_COPIES: Final = (Copy.OFFICE, Copy.CITIZEN)
_LETTER_LAYOUTS: Final = (Layout.A5, Layout.A4_TWO_UP, Layout.A4)
LAYOUTS: Final[Mapping[FormKind, tuple[Layout, ...]]] = {
    FormKind.RECEIPT: (*_LETTER_LAYOUTS, Layout.THERMAL80),
    FormKind.SUPPLEMENT: _LETTER_LAYOUTS,
    FormKind.REFUSAL: _LETTER_LAYOUTS,
    FormKind.APOLOGY: _LETTER_LAYOUTS,
    FormKind.STOP: _LETTER_LAYOUTS,
    # One copy travels with the dossier (forms.md §4): nothing to put side by side.
    FormKind.CONTROL: (Layout.A5, Layout.A4),
}
_SPECS: Final = {Layout.A5: A5_SPEC, Layout.A4: A4_SPEC, Layout.A4_TWO_UP: HALF_A4_SPEC}
A4_LANDSCAPE: Final = (297 * mm, 210 * mm)

DRAWERS: Final[Mapping[str, Callable[[Context, FormItem], None]]] = {
    **{key: draw_labelled for key in VALUES},
    "copy_label": draw_copy_label,
    "barcode": lambda ctx, item: _draw_barcode(ctx),
    "text": draw_text,
    "items_list": draw_items_list,
    "documents": draw_documents,
    "control_table": draw_control_table,
    "signatures": draw_signatures,
    "footnote": draw_footnote,
}


def available_layouts(kind: FormKind) -> tuple[Layout, ...]:
    """The papers ``kind`` can be printed on, the usual one first."""
    return LAYOUTS[kind]


def render_document(
    data: FormData, *, layout: Layout = Layout.A5, copies: tuple[Copy, ...] = DEFAULT_COPIES
) -> bytes:
    """The PDF of ``data``: one page (or half sheet) per copy; the control slip prints once."""
    if layout not in LAYOUTS[data.kind]:
        raise LayoutNotAvailableError(f"{data.kind.value} on {layout.value}")
    if not copies:
        raise NoCopiesError()
    register_fonts()
    data = normalised(data)
    form_set = load_form_set(data.form_set)
    template = form_set.template(data.kind)
    if layout is Layout.THERMAL80:
        slip = layout_slip(data, form_set)
        return _pdf([((slip.width, slip.height), [(slip, 0.0)])], template, data)
    if data.kind is FormKind.CONTROL:
        copies = copies[:1]
    spec = _SPECS[layout]
    laid = [_layout_copy(data, template, spec, copy) for copy in copies]
    if layout is Layout.A4_TWO_UP:
        return _pdf(_two_up_sheets(laid), template, data)
    return _pdf(
        [((spec.width, spec.height), [(r, 0.0)]) for pages in laid for r in pages], template, data
    )


def normalised(data: FormData) -> FormData:
    """A copy of ``data`` with every string NFC: decomposed input would draw detached marks."""
    return _nfc_value(data)  # type: ignore[no-any-return]


def _nfc_value(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)  # a quick check first: NFC input is cheap
    if isinstance(value, tuple):
        return tuple(_nfc_value(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _nfc_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _layout_copy(
    data: FormData, template: FormTemplate, spec: PageSpec, copy: Copy
) -> list[Region]:
    copy_label = template.copy_label(copy)
    fields = label_fields(data)
    flow = Flow(spec, continuation=lambda f: _continued(f, data, template, copy_label))
    draw_header(flow, data.header, template)
    title_items, body = split_title_items(template.items)
    draw_title_block(
        flow,
        template.title,
        _title_lines(title_items, data, fields, copy_label),
        code=data.code,
        barcode=any(item.key == "barcode" for item in title_items),
        qr_payload=data.qr_payload,
    )
    context = Context(flow, data, copy_label, fields)
    for item in body:
        DRAWERS[item.key](context, item)
    _decorate(flow.regions, spec, template, data.reprint)
    return flow.regions


def _title_lines(
    items: Sequence[FormItem], data: FormData, fields: Mapping[str, str], copy_label: str
) -> list[list[Run]]:
    lines: list[list[Run]] = []
    for item in items:
        if item.key == "code" and (data.code or not item.option("optional", False)):
            lines.append(
                value_runs(item.label or "{value}", data.code or DOTS, fields, REGULAR, True)
            )
        elif item.key == "copy_label" and copy_label:
            lines.append([(copy_label, ITALIC)])
    return lines


def _draw_barcode(ctx: Context) -> None:
    """A barcode listed after the title block: on a line of its own (none without a code)."""
    flow = ctx.flow
    if not ctx.data.code:
        return
    height = flow.pt(6 * mm)
    flow.ensure(height + flow.pt(6))
    op = barcode_op(
        ctx.data.code, x=flow.left, y=flow.y + flow.pt(3), width=flow.width, height=height
    )
    if op is not None:
        flow.add([op])
        flow.y += height + flow.pt(6)


def _continued(flow: Flow, data: FormData, template: FormTemplate, copy_label: str) -> None:
    """The first line of a continuation page: which form, which dossier, which copy."""
    text = f"{template.title} – Mã hồ sơ: {data.code} (tiếp theo) {copy_label}".strip()
    flow.paragraph([(text, ITALIC)], size=flow.pt(8.5), leading=flow.pt(10.5))
    flow.y += flow.pt(6)


def _decorate(regions: list[Region], spec: PageSpec, template: FormTemplate, reprint: bool) -> None:
    """In the top margin: the form number (right) and the reprint mark (left); page numbers."""
    right = spec.width - spec.right
    size = 8.5 * spec.scale
    line = spec.top * 0.6
    for index, region in enumerate(regions, start=1):
        ops = region.ops
        if template.number:
            width = text_width(template.number, ITALIC, size)
            ops.append(TextOp(right - width, line, template.number, ITALIC, size))
        if reprint:
            _reprint_box(ops, spec.left, line, size * 1.1)
        if len(regions) > 1:
            page = f"Trang {index}/{len(regions)}"
            block(
                ops,
                [(page, ITALIC)],
                x=spec.left,
                y=spec.height - spec.bottom + 2,
                width=spec.content_width,
                size=size,
                leading=size * 1.2,
            )


def _reprint_box(ops: list[Op], x: float, baseline: float, size: float) -> None:
    width = text_width(REPRINT_MARK, BOLD, size)
    pad = size * 0.35
    ops.append(TextOp(x + pad, baseline, REPRINT_MARK, BOLD, size))
    ops.append(BoxOp(x, baseline - size - pad / 2, width + 2 * pad, size * 1.3 + pad, 0.9))


Sheet = tuple[tuple[float, float], Sequence[tuple[Region, float]]]  # page size, (region, left)


def _two_up_sheets(laid: Sequence[list[Region]]) -> list[Sheet]:
    """Copies in pairs, region by region: sheet n holds page n of two copies and a cut line."""
    sheets: list[Sheet] = []
    half = A4_LANDSCAPE[0] / 2
    for pair_start in range(0, len(laid), 2):
        pair = laid[pair_start : pair_start + 2]
        for page in range(max(len(pages) for pages in pair)):
            placed = [
                (pages[page], side * half) for side, pages in enumerate(pair) if page < len(pages)
            ]
            placed.append((_cut_line(), 0.0))
            sheets.append((A4_LANDSCAPE, placed))
    return sheets


def _cut_line() -> Region:
    width, height = A4_LANDSCAPE
    middle = width / 2
    return Region(width, height, [LineOp(middle, 5 * mm, middle, height - 5 * mm, 0.5, (4, 3))])


def _pdf(
    pages: Sequence[Sheet],
    template: FormTemplate,
    data: FormData,
) -> bytes:
    """Paint the pages; metadata names the form and the code, never the applicant."""
    buffer = io.BytesIO()
    # The shipped face as the initial font: else every page names an unused Helvetica.
    canvas = Canvas(buffer, pagesize=pages[0][0], pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle(f"{template.title} – {data.code}")
    canvas.setAuthor(data.header.unit_name)
    canvas.setCreator("counter-app")
    for size, placed in pages:
        canvas.setPageSize(size)
        for region, left in placed:
            paint(canvas, region, left=left, top=size[1])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
