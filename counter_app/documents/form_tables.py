"""The two tables of the forms: the receipt's documents (Mẫu 01) and the control slip's blocks.

Column labels and widths come from the form set; the order of the values is fixed here
(documents: number, name, form, quantity; control slip: unit, time, result, note).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from counter_app.documents.errors import FormSetBrokenError
from counter_app.documents.flow import block
from counter_app.documents.fonts import ITALIC, REGULAR
from counter_app.documents.form_sets import FormItem
from counter_app.documents.items import DOTS, Context
from counter_app.documents.region import Op
from counter_app.documents.tables import Cell, Table, TableStyle, table_style, text_cell
from counter_app.documents.vn_dates import moment_in_words

BLANK_TIME: Final = "…… giờ …… phút, ngày …… tháng …… năm ……"
# Rows of the documents table left blank for handwriting when no document was ticked.
BLANK_DOCUMENT_ROWS: Final = 3
SIGNING_SPACE: Final = 30.0  # points (A5) under "Người giao" / "Người nhận"


def _columns(item: FormItem, count: int) -> list[dict[str, Any]]:
    columns = list(item.option("columns", []))
    if len(columns) != count:
        raise FormSetBrokenError(f"{item.key} needs {count} columns")
    return columns


def draw_documents(ctx: Context, item: FormItem) -> None:
    flow = ctx.flow
    columns = _columns(item, 4)
    style = table_style(flow)
    flow.ensure(flow.pt(70))  # the label, the header row and a first row stay together
    if item.label:
        flow.paragraph(
            [(item.label.format_map(ctx.fields), REGULAR)], size=ctx.size, leading=ctx.leading
        )
    table = Table(flow, style, [float(c["width"]) for c in columns])
    table.set_header([str(c["label"]) for c in columns])
    aligns = [c.get("align", "left") for c in columns]
    for number, line in enumerate(ctx.data.documents, start=1):
        values = (str(number), line.name, line.form, str(line.quantity))
        table.row(
            [text_cell([(v, REGULAR)], style, a) for v, a in zip(values, aligns, strict=True)]
        )
    for _ in range(0 if ctx.data.documents else BLANK_DOCUMENT_ROWS):
        table.row([_empty] * 4, min_height=style.leading + 2 * style.pad)
    flow.y += flow.pt(4)


def _empty(ops: list[Op], x: float, y: float, width: float) -> float:
    return y


def draw_control_table(ctx: Context, item: FormItem) -> None:
    """The first hand-over filled in, then blank blocks; the last returns the result."""
    flow = ctx.flow
    columns = _columns(item, 4)
    style = table_style(flow)
    flow.y += flow.pt(3)
    table = Table(flow, style, [float(c["width"]) for c in columns])
    table.set_header([str(c["label"]) for c in columns])
    data = ctx.data
    handed = data.handed_over_at or data.received_at
    blocks = [(ctx.fields["unit"], data.processing_unit or DOTS, moment_in_words(handed))]
    blank = max(1, int(item.option("blank_blocks", 4)))
    blocks += [(DOTS, DOTS, BLANK_TIME)] * (blank - 1)
    last = item.option("last_block", {})
    blocks.append(
        (_fill(last.get("giver", ""), ctx), _fill(last.get("receiver", ""), ctx), BLANK_TIME)
    )
    signers = [str(s) for s in item.option("signers", [])]
    for giver, receiver, when in blocks:
        parties = [
            [
                (
                    str(item.option("giver", "{value}")).format_map({**ctx.fields, "value": giver}),
                    REGULAR,
                )
            ],
            [
                (
                    str(item.option("receiver", "{value}")).format_map(
                        {**ctx.fields, "value": receiver}
                    ),
                    REGULAR,
                )
            ],
        ]
        table.row([_stack(parties, style), _time_cell(when, signers, style), _empty, _empty])
    flow.y += flow.pt(4)


def _fill(text: str, ctx: Context) -> str:
    return text.format_map({**ctx.fields, "value": ""}) if text else DOTS


def _stack(paragraphs: Sequence[Sequence[tuple[str, str]]], style: TableStyle) -> Cell:
    def draw(ops: list[Op], x: float, y: float, width: float) -> float:
        for runs in paragraphs:
            y = block(
                ops,
                runs,
                x=x,
                y=y,
                width=width,
                size=style.size,
                leading=style.leading,
                align="left",
            )
        return y

    return draw


def _time_cell(when: str, signers: Sequence[str], style: TableStyle) -> Cell:
    """The hand-over time, then a signing box for each of the giver and the receiver."""

    def draw(ops: list[Op], x: float, y: float, width: float) -> float:
        y = block(
            ops,
            [(when, REGULAR)],
            x=x,
            y=y,
            width=width,
            size=style.size,
            leading=style.leading,
            align="left",
        )
        if not signers:
            return y
        half = width / len(signers)
        bottom = y
        for index, signer in enumerate(signers):
            bottom = max(
                bottom,
                block(
                    ops,
                    [(signer, ITALIC)],
                    x=x + index * half,
                    y=y,
                    width=half,
                    size=style.size,
                    leading=style.leading,
                ),
            )
        return bottom + SIGNING_SPACE * style.size / 9.5

    return draw
