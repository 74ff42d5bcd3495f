"""Ruled tables whose cells wrap: the receipt's documents table and the control slip's blocks.

A row never splits across pages; when it does not fit, the table goes on on the next page
under a repeated header row. Cells are drawn into a scratch list at y = 0 first, so a row
knows its height before it is placed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from counter_app.documents.flow import Align, Flow, block
from counter_app.documents.fonts import BOLD
from counter_app.documents.region import LineOp, Op, shifted
from counter_app.documents.wrap import Run

# A cell draws itself into ``ops`` inside (x, width) from ``y`` down and returns its bottom.
Cell = Callable[[list[Op], float, float, float], float]


@dataclass(frozen=True)
class TableStyle:
    size: float
    leading: float
    pad: float  # inside each cell, all four sides
    header_size: float


def table_style(flow: Flow) -> TableStyle:
    return TableStyle(flow.pt(9), flow.pt(10.5), flow.pt(2), flow.pt(8.5))


def text_cell(runs: Sequence[Run], style: TableStyle, align: Align = "left") -> Cell:
    def draw(ops: list[Op], x: float, y: float, width: float) -> float:
        return block(
            ops, runs, x=x, y=y, width=width, size=style.size, leading=style.leading, align=align
        )

    return draw


def column_edges(left: float, width: float, shares: Sequence[float]) -> list[float]:
    """x of every vertical rule: shares are normalised so the table spans ``width`` exactly."""
    total = sum(shares)
    edges = [left]
    for share in shares:
        edges.append(edges[-1] + width * share / total)
    edges[-1] = left + width
    return edges


class Table:
    """Draws rows one by one onto a flow, repeating the header row after a page break."""

    def __init__(self, flow: Flow, style: TableStyle, shares: Sequence[float]) -> None:
        self.flow = flow
        self.style = style
        self.edges = column_edges(flow.left, flow.width, shares)
        self.header: list[Cell] = []

    def set_header(self, labels: Sequence[str]) -> None:
        style = dataclasses.replace(self.style, size=self.style.header_size)
        self.header = [text_cell([(label, BOLD)], style, "center") for label in labels]
        self._row(self.header, repeat_header=False)

    def row(self, cells: Sequence[Cell], *, min_height: float = 0.0) -> None:
        self._row(cells, repeat_header=True, min_height=min_height)

    def _row(self, cells: Sequence[Cell], *, repeat_header: bool, min_height: float = 0.0) -> None:
        scratch: list[Op] = []
        pad = self.style.pad
        bottom = 0.0
        for cell, x1, x2 in zip(cells, self.edges[:-1], self.edges[1:], strict=True):
            bottom = max(bottom, cell(scratch, x1 + pad, pad, x2 - x1 - 2 * pad))
        height = max(bottom + pad, min_height)
        flow = self.flow
        pages = len(flow.regions)
        flow.ensure(height)
        if repeat_header and len(flow.regions) > pages and self.header:
            self._row(self.header, repeat_header=False)
        top = flow.y
        flow.add([shifted(op, top) for op in scratch])
        flow.add(self._rules(top, top + height))
        flow.y = top + height

    def _rules(self, top: float, bottom: float) -> list[Op]:
        left, right = self.edges[0], self.edges[-1]
        rules: list[Op] = [LineOp(left, top, right, top), LineOp(left, bottom, right, bottom)]
        rules.extend(LineOp(x, top, x, bottom) for x in self.edges)
        return rules
