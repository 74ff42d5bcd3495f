"""Drawing recorded first, painted later: one region is one page (or half sheet) of one copy.

Laying a copy out before painting it lets a long documents table run onto a second page
while both copies of an A4 two-up sheet stay side by side, and lets the thermal slip take
exactly the height its content needs. Coordinates are points from the region's top-left
corner, y growing downwards; ``paint`` turns them into PDF coordinates.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True, slots=True)
class TextOp:
    x: float
    y: float  # baseline
    text: str
    font: str
    size: float


@dataclass(frozen=True, slots=True)
class LineOp:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    dash: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class BoxOp:
    """A rectangle outline; ``y`` is its top edge."""

    x: float
    y: float
    width: float
    height: float
    line_width: float = 0.8


@dataclass(frozen=True, slots=True)
class ModulesOp:
    """Dark modules of a QR code or bars of a barcode as horizontal runs (row, first column,
    length), in module units: ``module`` wide and ``module_height`` tall."""

    x: float
    y: float  # top edge of the symbol (quiet zone excluded)
    module: float
    module_height: float
    runs: tuple[tuple[int, int, int], ...]

    @property
    def height(self) -> float:
        rows = max((row for row, _, _ in self.runs), default=-1) + 1
        return rows * self.module_height


Op = TextOp | LineOp | BoxOp | ModulesOp


def shifted(op: Op, dy: float) -> Op:
    """``op`` moved down by ``dy``: blocks are drawn at y = 0, then placed once they fit."""
    if isinstance(op, LineOp):
        return dataclasses.replace(op, y1=op.y1 + dy, y2=op.y2 + dy)
    return dataclasses.replace(op, y=op.y + dy)


@dataclass
class Region:
    """One copy's page: its size and what is drawn on it."""

    width: float
    height: float
    ops: list[Op] = field(default_factory=list)


def paint(canvas: Canvas, region: Region, *, left: float, top: float) -> None:
    """Draw ``region`` with its top-left corner at (left, top) in PDF coordinates.

    Rules, then codes and boxes, then all the text in one text object: nothing on a form
    overlaps, and batching beats one reportlab call per string or rule (it formats every
    number in Python).
    """
    texts: list[TextOp] = []
    lines: dict[tuple[float, tuple[float, ...]], list[LineOp]] = {}
    for op in region.ops:
        if isinstance(op, TextOp):
            texts.append(op)
        elif isinstance(op, LineOp):
            lines.setdefault((op.width, op.dash), []).append(op)
        elif isinstance(op, BoxOp):
            canvas.setLineWidth(op.line_width)
            canvas.rect(left + op.x, top - op.y - op.height, op.width, op.height, stroke=1, fill=0)
        else:
            _paint_modules(canvas, op, left, top)
    for (width, dash), group in lines.items():
        _paint_lines(canvas, group, width, dash, left, top)
    if texts:
        _paint_texts(canvas, texts, left, top)


def _paint_texts(canvas: Canvas, texts: list[TextOp], left: float, top: float) -> None:
    text = canvas.beginText()
    font: tuple[str, float] | None = None
    for op in texts:
        if font != (op.font, op.size):
            font = (op.font, op.size)
            text.setFont(op.font, op.size)
        text.setTextOrigin(left + op.x, top - op.y)
        text.textOut(op.text)
    canvas.drawText(text)


def _paint_lines(
    canvas: Canvas,
    group: list[LineOp],
    width: float,
    dash: tuple[float, ...],
    left: float,
    top: float,
) -> None:
    """Rules of one width and dash as one stroked path, in its own graphics state."""
    pattern = " ".join(f"{d:.2f}" for d in dash)
    segments = " ".join(
        f"{left + op.x1:.2f} {top - op.y1:.2f} m {left + op.x2:.2f} {top - op.y2:.2f} l"
        for op in group
    )
    canvas.addLiteral(f"q 0 G {width:.2f} w [{pattern}] 0 d {segments} S Q")


def _paint_modules(canvas: Canvas, op: ModulesOp, left: float, top: float) -> None:
    """One path for the whole symbol: a rectangle per run of dark modules, filled once.

    The rectangles are written in module units under one transformation (y pointing down),
    so the path is small integers: through ``beginPath``/``rect`` reportlab's pure-Python
    number formatting took a third of a receipt's time.
    """
    matrix = f"{op.module:.4f} 0 0 {-op.module_height:.4f} {left + op.x:.3f} {top - op.y:.3f} cm"
    rects = " ".join(f"{column} {row} {length} 1 re" for row, column, length in op.runs)
    canvas.addLiteral(f"q 0 g {matrix} {rects} f Q")
