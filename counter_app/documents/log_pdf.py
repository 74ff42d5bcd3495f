"""The tracking log as a PDF: A4 landscape, the header on every page, numbered pages.

Every page's footer prints the audit chain's head and the export time, so a printed log cut
short, or a log printed before later changes, shows it. Rows are laid out first (their
wrapped lines and heights), then painted: the page count is known before the first footer.
Drawn straight on the canvas rather than with platypus tables, which take tens of seconds
for a year's log.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.documents.fonts import (
    BOLD,
    ITALIC,
    REGULAR,
    fitted_size,
    register_fonts,
    text_width,
)
from counter_app.documents.log_model import CellValue, LogColumn, TrackingLog, cell_value
from counter_app.documents.log_text import (
    book_line,
    chain_line,
    count_line,
    period_line,
    sign_off_line,
)
from counter_app.documents.vn_dates import short_date
from counter_app.documents.wrap import wrap_text

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN: Final = 10 * mm
FOOTER: Final = 12 * mm  # room under the table for the footer line
SIZE: Final = 8.0  # body text, points: 13 columns across a landscape A4
LEADING: Final = 9.6
PAD: Final = 2.0  # inside each cell
DESCENT: Final = 1.5  # below the last line, so that "g", "y", "ọ" clear the cell's border
TITLE_SIZE: Final = 13.0
CLOSING_LEADING: Final = LEADING * 1.3
HEAD_FORM: Final = "log_head"
# Columns kept on one line, in a smaller size when needed: a dossier code cut in two is
# misread and no longer found by a search of the PDF's text.
ONE_LINE: Final = frozenset({"code"})
SMALLEST: Final = 5.5


@dataclass(frozen=True, slots=True)
class _Row:
    cells: tuple[tuple[str, ...], ...]  # each cell's wrapped lines
    height: float


@dataclass(frozen=True)
class _Grid:
    """Column edges and the header's height, shared by every page."""

    edges: tuple[float, ...]
    head: tuple[tuple[str, ...], ...]  # each column's wrapped label
    group_height: float
    label_height: float
    numbers_height: float

    @property
    def height(self) -> float:
        return self.group_height + self.label_height + self.numbers_height


def log_pdf(log: TrackingLog) -> bytes:
    register_fonts()
    columns = log.layout.columns
    grid = _grid(columns)
    rows = [_layout_row(log, index, grid, columns) for index in range(len(log.rows))]
    pages = _paginate(rows, grid, (len(_closing_lines(log)) + 2) * CLOSING_LEADING)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1,
                    initialFontName=REGULAR)  # fmt: skip
    canvas.setTitle(f"{log.layout.title} {period_line(log)}")
    canvas.setAuthor(log.unit)
    canvas.setCreator("counter-app")
    _head_form(canvas, grid, columns)
    for number, page in enumerate(pages, start=1):
        y = _title_block(canvas, log) if number == 1 else PAGE_HEIGHT - MARGIN
        if page or number == 1:  # a last page holding only the closing lines has no table
            y = _place_head(canvas, grid, y)
        for row in page:
            _paint_row(canvas, grid, row, y, columns)
            y -= row.height
        if number == len(pages):
            _closing(canvas, log, y - LEADING * 1.5)
        _footer(canvas, log, number, len(pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _grid(columns: Sequence[LogColumn]) -> _Grid:
    usable = PAGE_WIDTH - 2 * MARGIN
    total = sum(column.width for column in columns)
    edges = [MARGIN]
    for column in columns:
        edges.append(edges[-1] + usable * column.width / total)
    head = tuple(
        tuple(wrap_text(column.label, BOLD, edges[i + 1] - edges[i] - 2 * PAD, SIZE))
        for i, column in enumerate(columns)
    )
    grouped = any(column.group for column in columns)
    group_height = LEADING + 2 * PAD if grouped else 0.0
    label_height = max(len(lines) for lines in head) * LEADING + 2 * PAD
    return _Grid(tuple(edges), head, group_height, label_height, LEADING + 2 * PAD)


def _layout_row(log: TrackingLog, index: int, grid: _Grid, columns: Sequence[LogColumn]) -> _Row:
    row = log.rows[index]
    cells: list[tuple[str, ...]] = []
    for i, column in enumerate(columns):
        text = _text(cell_value(row, column))
        width = grid.edges[i + 1] - grid.edges[i] - 2 * PAD
        if column.key in ONE_LINE:
            cells.append((text,) if text else ())
        else:
            cells.append(tuple(wrap_text(text, REGULAR, width, SIZE)) if text else ())
    lines = max((len(cell) for cell in cells), default=1) or 1
    return _Row(tuple(cells), lines * LEADING + 2 * PAD + DESCENT)


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return short_date(value)
    return str(value)


def _title_height() -> float:
    return 2 * LEADING + TITLE_SIZE * 1.6 + 2 * LEADING + LEADING


def _paginate(rows: list[_Row], grid: _Grid, closing: float) -> list[list[_Row]]:
    """Rows per page; the last page keeps ``closing`` points free (else one more page)."""
    pages: list[list[_Row]] = [[]]
    room = PAGE_HEIGHT - 2 * MARGIN - _title_height() - grid.height - FOOTER
    for row in rows:
        if row.height > room and pages[-1]:
            pages.append([])
            room = PAGE_HEIGHT - MARGIN - grid.height - FOOTER - MARGIN
        pages[-1].append(row)
        room -= row.height
    if room < closing:
        pages.append([])
    return pages


def _title_block(canvas: Canvas, log: TrackingLog) -> float:
    y = PAGE_HEIGHT - MARGIN - LEADING
    canvas.setFont(REGULAR, 10)
    canvas.drawString(MARGIN, y, log.authority)
    if log.layout.number:
        canvas.setFont(ITALIC, 10)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, y, log.layout.number)
    y -= LEADING * 1.2
    canvas.setFont(BOLD, 10)
    canvas.drawString(MARGIN, y, log.unit)
    y -= TITLE_SIZE * 1.6
    canvas.setFont(BOLD, TITLE_SIZE)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, log.layout.title)
    canvas.setFont(REGULAR, 10)
    y -= LEADING * 1.3
    canvas.drawCentredString(PAGE_WIDTH / 2, y, period_line(log))
    y -= LEADING * 1.2
    canvas.drawCentredString(PAGE_WIDTH / 2, y, book_line(log))
    return float(y - LEADING)


def _head_form(canvas: Canvas, grid: _Grid, columns: Sequence[LogColumn]) -> None:
    """The table's header drawn once, as a form every page places: a fifth of a long log's
    drawing time, and of its file size."""
    canvas.beginForm(HEAD_FORM)
    _table_head(canvas, grid, columns, PAGE_HEIGHT - MARGIN)
    canvas.endForm()


def _place_head(canvas: Canvas, grid: _Grid, top: float) -> float:
    """Place the header form with its top at ``top``; return the rows' top."""
    canvas.saveState()
    canvas.translate(0, top - (PAGE_HEIGHT - MARGIN))
    canvas.doForm(HEAD_FORM)
    canvas.restoreState()
    return top - grid.height


def _table_head(canvas: Canvas, grid: _Grid, columns: Sequence[LogColumn], top: float) -> float:
    """Draw the grouped header and the column numbers from ``top``; return the rows' top."""
    edges, bottom = grid.edges, top - grid.height
    canvas.setLineWidth(0.5)
    canvas.setFont(BOLD, SIZE)
    i = 0
    while i < len(columns):
        group = columns[i].group
        j = i + 1
        while group and j < len(columns) and columns[j].group == group:
            j += 1
        if group:
            _box(canvas, edges[i], top, edges[j], top - grid.group_height)
            _centred(canvas, (group,), edges[i], edges[j], top - PAD)
        for k in range(i, j):
            label_top = top - grid.group_height if group else top
            _box(canvas, edges[k], label_top, edges[k + 1], bottom + grid.numbers_height)
            _centred(canvas, grid.head[k], edges[k], edges[k + 1], label_top - PAD)
        i = j
    canvas.setFont(REGULAR, SIZE)
    for k in range(len(columns)):
        _box(canvas, edges[k], bottom + grid.numbers_height, edges[k + 1], bottom)
        _centred(
            canvas, (f"({k + 1})",), edges[k], edges[k + 1], bottom + grid.numbers_height - PAD
        )
    return bottom


def _paint_row(
    canvas: Canvas, grid: _Grid, row: _Row, top: float, columns: Sequence[LogColumn]
) -> None:
    edges = grid.edges
    canvas.rect(edges[0], top - row.height, edges[-1] - edges[0], row.height)
    for k in range(1, len(edges) - 1):
        canvas.line(edges[k], top, edges[k], top - row.height)
    text = canvas.beginText()
    text.setFont(REGULAR, SIZE, LEADING)
    for k, lines in enumerate(row.cells):
        if not lines:
            continue
        if columns[k].key in ONE_LINE:
            size = fitted_size(lines[0], REGULAR, SIZE, edges[k + 1] - edges[k] - 2 * PAD,
                               smallest=SMALLEST)  # fmt: skip
            canvas.setFont(REGULAR, size)
            canvas.drawString(edges[k] + PAD, top - PAD - SIZE, lines[0])
            continue
        if columns[k].kind == "text":
            x = edges[k] + PAD
        else:  # numbers and days are centred, as on the printed form
            x = (edges[k] + edges[k + 1]) / 2 - _width(lines[0]) / 2
        text.setTextOrigin(x, top - PAD - SIZE)
        for line in lines:
            text.textLine(line)
    canvas.drawText(text)


def _width(text: str) -> float:
    return text_width(text, REGULAR, SIZE)


def _box(canvas: Canvas, x0: float, y0: float, x1: float, y1: float) -> None:
    canvas.rect(x0, y1, x1 - x0, y0 - y1)


def _centred(canvas: Canvas, lines: Sequence[str], x0: float, x1: float, top: float) -> None:
    y = top - SIZE
    for line in lines:
        canvas.drawCentredString((x0 + x1) / 2, y, line)
        y -= LEADING


def _closing_lines(log: TrackingLog) -> list[str]:
    return [count_line(log), *(sign_off_line(each) for each in log.sign_offs)]


def _closing(canvas: Canvas, log: TrackingLog, y: float) -> None:
    """The count and the days' sign-offs under the last row (``_paginate`` left the room)."""
    canvas.setFont(REGULAR, 9)
    for line in _closing_lines(log):
        canvas.drawString(MARGIN, y, line)
        y -= CLOSING_LEADING


def _footer(canvas: Canvas, log: TrackingLog, number: int, total: int) -> None:
    canvas.setFont(ITALIC, 7.5)
    canvas.drawString(MARGIN, MARGIN, chain_line(log))
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN, f"Trang {number}/{total}")
