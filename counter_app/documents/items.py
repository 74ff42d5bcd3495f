"""How each item key of a form set is drawn, and the values its label can name.

Most items are a label with the item's value in it (``"Địa chỉ: {value}"``); a few draw
structures (the documents table, the signature row, a numbered list). Labels may also name
any of ``LABEL_FIELDS`` in braces. An empty value prints dots to be filled in by hand,
unless the item is ``optional`` (then it is left out) or has a ``default`` sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from counter_app.documents.flow import Align, Flow, baseline, block
from counter_app.documents.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR
from counter_app.documents.form_sets import FormItem
from counter_app.documents.model import FormData
from counter_app.documents.region import LineOp, Op, shifted
from counter_app.documents.vn_dates import date_in_words, moment_in_words, short_date
from counter_app.documents.wrap import Run, keep_together

DOTS: Final = "……………"
# Values printed in bold inside their label: what the citizen and the clerk look for first.
BOLD_VALUES: Final = frozenset(
    {"code", "applicant", "recipient", "procedure", "due_at", "new_due_at"}
)
# A bold value up to this long (a name, a code, an appointment) moves whole to the next line
# rather than leaving "Ánh" alone on it; longer ones wrap like any text.
KEEP_TOGETHER_CHARS: Final = 45
# Room to sign between the "(Ký và ghi rõ họ tên)" line and the printed name, in A5 points.
SIGNING_SPACE: Final = 24.0
STYLE_FONTS: Final = {
    "regular": REGULAR,
    "bold": BOLD,
    "italic": ITALIC,
    "bold-italic": BOLD_ITALIC,
}
STRONGER: Final = {REGULAR: BOLD, ITALIC: BOLD_ITALIC, BOLD: BOLD, BOLD_ITALIC: BOLD_ITALIC}


@dataclass
class Context:
    """What every item drawer needs: the flow, the data, the copy and the label fields."""

    flow: Flow
    data: FormData
    copy_label: str
    fields: Mapping[str, str]

    @property
    def size(self) -> float:
        return self.flow.pt(9.5)

    @property
    def leading(self) -> float:
        return self.flow.pt(11.2)


def processing_text(days: int | None, *, calendar_days: bool = False) -> str:
    """``5 ngày (làm việc)``, or ``30 ngày`` for a period the law counts in calendar days."""
    if days is None or days <= 0:
        return "trong ngày"
    return f"{days} ngày" if calendar_days else f"{days} ngày (làm việc)"


def fee_text(fee_vnd: int) -> str:
    """``50.000 đồng``: Vietnamese groups thousands with dots."""
    return "không" if fee_vnd <= 0 else f"{fee_vnd:,} đồng".replace(",", ".")


def contact_text(data: FormData) -> str:
    """Whom to ask, only with what is known: ``Ông/Bà Nguyễn Thị Lan, Trung tâm …, số điện
    thoại 024 …; tra cứu tại https://…`` (no dots where the phone or the web is missing)."""
    unit = data.header.unit_in_text or data.header.unit_name
    parts = [f"Ông/Bà {data.clerk}" if data.clerk else "", unit]
    if data.counter_phone:
        parts.append(f"số điện thoại {data.counter_phone}")
    text = ", ".join(part for part in parts if part)
    return f"{text}; tra cứu hồ sơ, thủ tục tại {data.lookup_web}" if data.lookup_web else text


def _when(moment: datetime | None) -> str:
    return moment_in_words(moment) if moment is not None else ""


VALUES: Final[Mapping[str, Callable[[FormData], str]]] = {
    "code": lambda d: d.code,
    "applicant": lambda d: d.applicant.full_name,
    "recipient": lambda d: d.applicant.full_name,
    "id_number": lambda d: d.applicant.id_number,
    "address": lambda d: d.applicant.address,
    "phone": lambda d: d.applicant.phone,
    "email": lambda d: d.applicant.email,
    "procedure": lambda d: d.procedure_name,
    "sets": lambda d: str(d.sets),
    "processing_time": lambda d: processing_text(d.processing_days, calendar_days=d.calendar_days),
    "received_at": lambda d: _when(d.received_at),
    "due_at": lambda d: _when(d.due_at),
    "new_due_at": lambda d: _when(d.new_due_at),
    "return_place": lambda d: d.return_place,
    "fee": lambda d: fee_text(d.fee_vnd),
    "reason": lambda d: d.reason,
    "legal_basis": lambda d: d.legal_basis,
    "help_line": lambda d: d.help_line,
    "processing_unit": lambda d: d.processing_unit,
    "coordinating_unit": lambda d: d.coordinating_unit,
    "counter_phone": lambda d: d.counter_phone,
}


def label_fields(data: FormData) -> dict[str, str]:
    """Every name a label may use; empty values print as dots."""
    unit = data.header.unit_in_text or data.header.unit_name
    person = data.applicant
    fields = {
        "unit": unit,
        "processor": data.processing_unit or unit,
        "name": person.full_name,
        "procedure_code": data.procedure_code,
        "days": processing_text(data.processing_days, calendar_days=data.calendar_days),
        "received": _when(data.received_at),
        "received_date": date_in_words(data.received_at),
        "received_short": short_date(data.received_at),
        "due": _when(data.due_at),
        "due_date": date_in_words(data.due_at) if data.due_at else "",
        "new_due": _when(data.new_due_at),
        "book": data.log_book,
        "line": "" if data.log_line is None else str(data.log_line),
        "clerk": data.clerk,
        "place": data.header.place,
        "contact": contact_text(data),
        "web": data.lookup_web,
    }
    fields.update({key: VALUES[key](data) for key in VALUES if key not in ("applicant",)})
    return {key: value or DOTS for key, value in fields.items()}


def value_runs(
    label: str, value: str, fields: Mapping[str, str], font: str, strong: bool
) -> list[Run]:
    """The label's text around ``{value}``; the value in bold when ``strong``."""
    before, marker, after = label.partition("{value}")
    values = {**fields, "value": value}
    runs: list[Run] = [(before.format_map(values), font)]
    if not marker:
        return runs
    if strong and len(value) <= KEEP_TOGETHER_CHARS:
        value = keep_together(value)
    runs.append((value, STRONGER[font] if strong else font))
    if after:
        runs.append((after.format_map(values), font))
    return runs


def draw_labelled(ctx: Context, item: FormItem) -> None:
    value = VALUES[item.key](ctx.data)
    if not value:
        if item.option("optional", False):
            return
        value = str(item.option("default", "")).format_map(ctx.fields) or DOTS
    font = STYLE_FONTS[item.option("style", "regular")]
    strong = bool(item.option("bold", item.key in BOLD_VALUES))
    runs = value_runs(item.label or "{value}", value, ctx.fields, font, strong)
    _paragraph(ctx, item, runs)


def draw_text(ctx: Context, item: FormItem) -> None:
    font = STYLE_FONTS[item.option("style", "regular")]
    _paragraph(ctx, item, [(item.label.format_map({**ctx.fields, "value": ""}), font)])


def draw_copy_label(ctx: Context, item: FormItem) -> None:
    if ctx.copy_label:
        _paragraph(ctx, item, [(ctx.copy_label, ITALIC)], align="center")


def _paragraph(ctx: Context, item: FormItem, runs: list[Run], align: Align | None = None) -> None:
    chosen: Align = align or item.option("align", "left")
    ctx.flow.paragraph(runs, size=ctx.size, leading=ctx.leading, align=chosen)
    ctx.flow.y += ctx.flow.pt(0.5)


def draw_items_list(ctx: Context, item: FormItem) -> None:
    """The label, then the numbered entries, or ruled blank lines for handwriting."""
    flow = ctx.flow
    if item.label:
        flow.paragraph(
            [(item.label.format_map(ctx.fields), REGULAR)], size=ctx.size, leading=ctx.leading
        )
    entries = ctx.data.items
    hang = flow.pt(14)
    for number, entry in enumerate(entries, start=1):
        runs: list[Run] = [(f"{number}. {entry}", REGULAR)]
        flow.paragraph(runs, size=ctx.size, leading=ctx.leading, hang=hang, x=flow.left + hang / 2)
    if not entries:
        for _ in range(int(item.option("blank_lines", 2))):
            flow.ensure(ctx.leading)
            y = baseline(flow.y, ctx.leading) + flow.pt(1)
            flow.add([LineOp(flow.left, y, flow.left + flow.width, y, 0.5, (0.6, 2.4))])
            flow.y += ctx.leading
    flow.y += flow.pt(1.5)


def draw_signatures(ctx: Context, item: FormItem) -> None:
    """One column per signer (a lone signer takes the right half); the row stays whole."""
    flow = ctx.flow
    signers = list(item.option("signers", []))
    columns = max(len(signers), 2)
    width = flow.width / columns
    first = columns - len(signers)
    names = {
        "applicant": ctx.data.applicant.full_name,
        "clerk": ctx.data.clerk,
        "head": ctx.data.head_name,
    }
    scratch: list[Op] = []
    bottom = 0.0
    for index, signer in enumerate(signers):
        x = flow.left + width * (first + index)
        name = names.get(str(signer.get("name", "")), "")
        if signer.get("name") == "head" and ctx.data.head_title:
            signer = {**signer, "title": "\n".join(ctx.data.head_title)}
        bottom = max(bottom, _signature_column(ctx, scratch, x, width, signer, name))
    if first > 0 and item.option("recipients"):
        bottom = max(bottom, _recipients(ctx, scratch, width, item.option("recipients")))
    gap = flow.pt(4)
    flow.ensure(bottom + gap)
    flow.add([shifted(op, flow.y + gap) for op in scratch])
    flow.y += bottom + gap


def _recipients(ctx: Context, ops: list[Op], width: float, lines: list[str]) -> float:
    """The "Nơi nhận" block left of a lone signer (NĐ 30/2020): its label in bold italic,
    then the lines in small type; returns its bottom."""
    size, leading = ctx.flow.pt(8), ctx.flow.pt(9.5)
    x = ctx.flow.left
    y = block(ops, [("Nơi nhận:", BOLD_ITALIC)], x=x, y=0.0, width=width - 4, size=ctx.size,
              leading=ctx.leading, align="left")  # fmt: skip
    for line in lines:
        text = str(line).format_map(ctx.fields)
        y = block(ops, [(text, REGULAR)], x=x, y=y, width=width - 4, size=size,
                  leading=leading, align="left")  # fmt: skip
    return y


def _signature_column(
    ctx: Context, ops: list[Op], x: float, width: float, signer: Mapping[str, str], name: str
) -> float:
    """Title lines, hint, room to sign, then the printed name; returns the column's bottom."""
    y = 0.0
    title_lines = [(line, BOLD) for line in signer.get("title", "").split("\n")]
    for text, font in [*title_lines, (signer.get("hint", ""), ITALIC)]:
        if not text:
            continue
        y = block(
            ops, [(text, font)], x=x + 2, y=y, width=width - 4, size=ctx.size, leading=ctx.leading
        )
    y += ctx.flow.pt(SIGNING_SPACE)
    if name:
        y = block(
            ops,
            [(name, BOLD)],
            x=x + 2,
            y=y,
            width=width - 4,
            size=ctx.size,
            leading=ctx.leading,
            balanced=True,
        )
    return y


def draw_footnote(ctx: Context, item: FormItem) -> None:
    flow = ctx.flow
    size, leading = flow.pt(8), flow.pt(9.2)
    flow.y += flow.pt(2)
    # Bold, not bold italic: a fourth face would add its subset to every PDF (3 ms a receipt).
    runs: list[Run] = [(item.label, BOLD)] if item.label else []
    flow.paragraph(runs, size=size, leading=leading)
    for line in item.option("lines", []):
        flow.paragraph([(str(line).format_map(ctx.fields), ITALIC)], size=size, leading=leading)
