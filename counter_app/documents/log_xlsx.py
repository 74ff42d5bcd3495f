"""The tracking log as an Excel workbook, as a supervisor files and prints it.

Title rows (authority, unit, title, period, book), the two-row header with the grouped
"Ngày, tháng, năm" columns, the columns' numbers, then one row per dossier. Days are real
dates (``dd/mm/yyyy``), so Excel sorts and filters them; panes are frozen under the header;
the page is A4 landscape, fitted to the width, with the header rows repeated and page numbers.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from copy import copy
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from counter_app.documents.log_model import CellValue, LogColumn, TrackingLog, cell_value
from counter_app.documents.log_text import (
    book_line,
    chain_line,
    count_line,
    period_line,
    sign_off_line,
)

FONT_NAME: Final = "Times New Roman"  # what Vietnamese offices print forms in
FONT_SIZE: Final = 10
# Letters of 10-point Times per unit of column width (a width unit is one 11-point digit), a
# little under the true figure since lines break at spaces; and the height of one line, pt.
CHARS_PER_WIDTH: Final = 1.3
LINE_HEIGHT: Final = 12.0
HEADER_TOP: Final = 7  # first header row: six title rows above it (one blank)
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TEXT, _DATE, _NUMBER, _HEAD = "log_text", "log_date", "log_number", "log_head"
_CELL_TYPES: Final = {"date": "d", "number": "n"}  # openpyxl's data types; "s" for text


def log_xlsx(log: TrackingLog) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ theo dõi hồ sơ"
    _add_styles(book)
    columns = log.layout.columns
    _title_rows(sheet, log, len(columns))
    first_data = _header_rows(sheet, columns)
    last = _data_rows(sheet, log, columns, first_data)
    _closing_rows(sheet, log, last + 2)
    _page_setup(sheet, log, columns, first_data)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _add_styles(book: Workbook) -> None:
    """Named styles: one style record per kind of cell, not one per cell (and faster)."""
    top_wrap = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    font = Font(name=FONT_NAME, size=FONT_SIZE)
    for name, alignment, number_format in (
        (_TEXT, top_wrap, "General"),
        (_DATE, centred, "dd/mm/yyyy"),
        (_NUMBER, centred, "0"),
    ):
        book.add_named_style(
            NamedStyle(name, font=font, border=_BOX, alignment=alignment,
                       number_format=number_format)
        )  # fmt: skip
    head_alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    book.add_named_style(
        NamedStyle(_HEAD, font=Font(name=FONT_NAME, size=11, bold=True), border=_BOX,
                   alignment=head_alignment)
    )  # fmt: skip


def _title_rows(sheet: Worksheet, log: TrackingLog, width: int) -> None:
    lines = (
        (log.authority, False, "left"),
        (log.unit, True, "left"),
        (log.layout.title, True, "center"),
        (period_line(log), False, "center"),
        (book_line(log), False, "center"),
    )
    # The form's number sits at the right of the first row, in the last three columns.
    numbered = bool(log.layout.number) and width > 4
    for row, (text, bold, align) in enumerate(lines, start=1):
        end = width - 3 if numbered and row == 1 else width
        _title(sheet, row, 1, end, text, bold=bold, align=align, size=14 if row == 3 else 12)
    if numbered:
        _title(
            sheet, 1, width - 2, width, log.layout.number, bold=False, align="right", size=FONT_SIZE
        )


def _title(
    sheet: Worksheet, row: int, start: int, end: int, text: str, *, bold: bool, align: str,
    size: int,
) -> None:  # fmt: skip
    sheet.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
    cell = sheet.cell(row=row, column=start, value=text)
    cell.font = Font(name=FONT_NAME, size=size, bold=bold)
    cell.alignment = Alignment(horizontal=align, vertical="center")


def _header_rows(sheet: Worksheet, columns: Sequence[LogColumn]) -> int:
    """The grouped two-row header and the row of column numbers; returns the first data row."""
    top, below, numbers = HEADER_TOP, HEADER_TOP + 1, HEADER_TOP + 2
    index = 1
    while index <= len(columns):
        column = columns[index - 1]
        if column.group:
            span = _group_span(columns, index - 1)
            sheet.merge_cells(start_row=top, start_column=index, end_row=top,
                              end_column=index + span - 1)  # fmt: skip
            _head(sheet, top, index, column.group)
            for offset in range(span):
                _head(sheet, below, index + offset, columns[index - 1 + offset].label)
            index += span
        else:
            sheet.merge_cells(start_row=top, start_column=index, end_row=below, end_column=index)
            _head(sheet, top, index, column.label)
            index += 1
    for index in range(1, len(columns) + 1):
        _head(sheet, numbers, index, f"({index})")
        if sheet.cell(row=below, column=index).style != _HEAD:
            sheet.cell(row=below, column=index).style = _HEAD
    sheet.row_dimensions[below].height = 48
    return numbers + 1


def _group_span(columns: Sequence[LogColumn], start: int) -> int:
    group, span = columns[start].group, 0
    while start + span < len(columns) and columns[start + span].group == group:
        span += 1
    return span


def _head(sheet: Worksheet, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row=row, column=column, value=text)
    cell.style = _HEAD


def _data_rows(sheet: Worksheet, log: TrackingLog, columns: Sequence[LogColumn], first: int) -> int:
    """One row per dossier; returns the last row's number (``first - 1`` when none).

    Row heights are estimated from the text's length: the file format stores none, and
    LibreOffice does not measure rows on opening, so without them wrapped text hides under the
    next row.
    """
    styles = [_style_array(sheet, _style_of(column)) for column in columns]
    kinds = [_CELL_TYPES.get(column.kind, "s") for column in columns]
    per_line = [max(1.0, column.width * CHARS_PER_WIDTH) for column in columns]
    for number, row in enumerate(log.rows, start=first):
        lines, cells = 1, []
        for index, column in enumerate(columns):
            value = cell_value(row, column)
            # Made whole with the style record a named style gives and appended: a third of
            # the time of ``sheet.cell(…)`` then ``cell.style = name`` on 130,000 cells.
            cell = Cell(sheet, style_array=styles[index])
            if value is not None:
                _set_typed(cell, value, kinds[index])
                if isinstance(value, str):
                    lines = max(lines, math.ceil(len(value) / per_line[index]))
            cells.append(cell)
        sheet.append(cells)
        sheet.row_dimensions[number].height = lines * LINE_HEIGHT + 2
    return first - 1 + len(log.rows)


def _set_typed(cell: Cell, value: CellValue, kind: str) -> None:
    """The value with the type its column says, without openpyxl guessing it for each of
    130,000 cells (a quarter of the writing time). Text stays text, even one starting with
    "=" (typed, never a formula Excel would run); it is still checked for the control
    characters a workbook cannot hold."""
    cell._value = cell.check_string(value) if kind == "s" else value
    cell.data_type = kind


def _style_array(sheet: Worksheet, name: str) -> Any:
    """The style record a cell gets from the named style ``name``."""
    probe = sheet.cell(row=1, column=1)
    saved = probe._style
    probe.style = name
    style = copy(probe._style)
    probe._style = saved
    return style


def _style_of(column: LogColumn) -> str:
    return {"date": _DATE, "number": _NUMBER}.get(column.kind, _TEXT)


def _closing_rows(sheet: Worksheet, log: TrackingLog, row: int) -> None:
    lines = [count_line(log), *(sign_off_line(each) for each in log.sign_offs), chain_line(log)]
    for offset, text in enumerate(lines):
        cell = sheet.cell(row=row + offset, column=1, value=text)
        cell.font = Font(name=FONT_NAME, size=11, italic=offset == len(lines) - 1)


def _page_setup(
    sheet: Worksheet, log: TrackingLog, columns: Sequence[LogColumn], first_data: int
) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(row=first_data, column=3)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_TOP}:{first_data - 1}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.left.text = chain_line(log)
    sheet.oddFooter.left.size = 8
    sheet.oddFooter.right.text = "Trang &P / &N"
    sheet.oddFooter.right.size = 9
