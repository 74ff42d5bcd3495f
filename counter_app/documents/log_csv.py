"""The tracking log as CSV: UTF-8 with a BOM, one row per dossier, the form set's columns.

The BOM is what makes Excel on a Vietnamese Windows read the file as UTF-8 rather than the
ANSI code page (which mangles every diacritic). Days are ISO (``2026-11-02``): unambiguous for
a script, and Excel reads them as dates. A grouped column's header carries its group, since a
CSV has one header row. Text a spreadsheet would run as a formula is quoted
(``spreadsheet_text``).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from counter_app.documents.log_model import CellValue, LogColumn, TrackingLog, cell_value
from counter_app.documents.spreadsheet_text import formula_safe


def column_header(column: LogColumn) -> str:
    """``Nhận hồ sơ (Ngày, tháng, năm)`` for a grouped column; the label alone otherwise."""
    return f"{column.label} ({column.group})" if column.group else column.label


def log_csv(log: TrackingLog) -> bytes:
    columns = log.layout.columns
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column_header(column) for column in columns])
    for row in log.rows:
        writer.writerow([_text(cell_value(row, column)) for column in columns])
    return out.getvalue().encode("utf-8-sig")


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(formula_safe(value))
