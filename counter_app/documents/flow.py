"""Paper sizes, and the cursor that lays a copy out from top to bottom onto its regions.

``Flow`` keeps the current region and the y of the next line; anything that does not fit
the room left starts a new region (page), on which a continuation line is drawn first.
Blocks that must stay whole (the header, a signature row, a table row) ask for their
height with ``ensure`` before drawing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from reportlab.lib.units import mm

from counter_app.documents.region import LineOp, Op, Region, TextOp
from counter_app.documents.wrap import Line, Run, balanced_wrap, wrap_runs

Align = Literal["left", "center", "right"]

# Baseline below the top of a line box, as a share of the leading: leaves the descenders of
# the line (g, y, the dot below ạ) room above the next line's accents (Ấ, Ờ).
BASELINE_SHARE: Final = 0.75


@dataclass(frozen=True)
class PageSpec:
    """A region's size and margins in points, and the type scale for it (A5 = 1)."""

    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float
    scale: float

    @property
    def content_width(self) -> float:
        return self.width - self.left - self.right


# A5 portrait: forms.md §4 says margins of about 15–20 mm; the receipt with four papers must
# fit one A5 page, so the left (binding) margin is 15 mm, the right 12 mm, top and bottom 10.
A5_SPEC: Final = PageSpec(148 * mm, 210 * mm, 15 * mm, 10 * mm, 12 * mm, 10 * mm, 1.0)
# Each half of an A4 landscape sheet (297 × 210 mm) is a 148.5 × 210 mm A5 page.
HALF_A4_SPEC: Final = PageSpec(148.5 * mm, 210 * mm, 15 * mm, 10 * mm, 12 * mm, 10 * mm, 1.0)
# A4 portrait: NĐ 30/2020 sizes (13 pt body) and a 20 mm binding margin.
A4_SPEC: Final = PageSpec(210 * mm, 297 * mm, 20 * mm, 15 * mm, 15 * mm, 15 * mm, 1.3)


def baseline(top: float, leading: float) -> float:
    return top + leading * BASELINE_SHARE


def line_ops(
    line: Line, *, x: float, width: float, y: float, size: float, align: Align
) -> list[Op]:
    """Text ops for one wrapped line whose baseline is ``y``, aligned inside ``width``."""
    if align == "center":
        x += (width - line.width) / 2
    elif align == "right":
        x += width - line.width
    return [TextOp(x + s.x, y, s.text, s.font, size) for s in line.segments]


class Flow:
    """Lays one copy out; ``regions`` holds its pages when done."""

    def __init__(self, spec: PageSpec, continuation: Callable[[Flow], None] | None = None) -> None:
        self.spec = spec
        self.continuation = continuation
        self.regions: list[Region] = []
        self.y = 0.0
        self.new_page()

    @property
    def region(self) -> Region:
        return self.regions[-1]

    @property
    def left(self) -> float:
        return self.spec.left

    @property
    def width(self) -> float:
        return self.spec.content_width

    @property
    def bottom(self) -> float:
        return self.spec.height - self.spec.bottom

    def pt(self, size: float) -> float:
        """A type size or distance given for A5, scaled to this paper."""
        return size * self.spec.scale

    def new_page(self) -> None:
        self.regions.append(Region(self.spec.width, self.spec.height))
        self.y = self.spec.top
        if self.continuation is not None and len(self.regions) > 1:
            self.continuation(self)

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` fits below the cursor (or the page is fresh)."""
        if self.y + height > self.bottom and self.y > self.spec.top + 1:
            self.new_page()

    def add(self, ops: Sequence[Op]) -> None:
        self.region.ops.extend(ops)

    def rule(self, x1: float, x2: float, y: float, width: float = 0.6) -> None:
        self.region.ops.append(LineOp(x1, y, x2, y, width))

    def paragraph(
        self,
        runs: Sequence[Run],
        *,
        size: float,
        leading: float,
        align: Align = "left",
        hang: float = 0.0,
        x: float | None = None,
        width: float | None = None,
    ) -> None:
        """Wrapped lines, breaking the page between lines; ``hang`` indents all but the first."""
        x = self.left if x is None else x
        width = self.width if width is None else width
        lines = wrap_runs(runs, width - hang, size)
        for index, line in enumerate(lines):
            self.ensure(leading)
            indent = hang if index else 0.0
            at = baseline(self.y, leading)
            self.add(
                line_ops(line, x=x + indent, width=width - indent, y=at, size=size, align=align)
            )
            self.y += leading


def block(
    ops: list[Op],
    runs: Sequence[Run],
    *,
    x: float,
    y: float,
    width: float,
    size: float,
    leading: float,
    align: Align = "center",
    balanced: bool = False,
) -> float:
    """Wrapped lines that stay together (a header block, a table cell); returns the new y."""
    lines = balanced_wrap(runs, width, size) if balanced else wrap_runs(runs, width, size)
    for line in lines:
        ops.extend(line_ops(line, x=x, width=width, y=baseline(y, leading), size=size, align=align))
        y += leading
    return y
