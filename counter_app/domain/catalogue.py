"""The procedure catalogue as a file: read a CSV into procedures, refusing a doubtful file whole.

A catalogue decides which papers a clerk asks for and which due date a citizen is promised,
so a file with any bad row is refused entirely; every problem is reported at once (line,
column, reason) so that IT fixes the file in one pass rather than one error per attempt.
Columns are those of procedures.md §1, plus the optional ``active``, ``calendar_days`` and
``cutoff`` (docs/CATALOGUE.md).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum
from typing import Protocol

from counter_app.domain.procedure import MAX_PROCESSING_DAYS, Procedure
from counter_app.domain.text import collapse_spaces, control_characters, fold, nfc
from counter_app.errors import BadInputError

REQUIRED_COLUMNS = (
    "code",
    "name_vi",
    "name_en",
    "field",
    "processing_days",
    "same_day",
    "fee_vnd",
    "documents",
    "confidence",
)
OPTIONAL_COLUMNS = ("active", "calendar_days", "cutoff")
CONFIDENCE_LEVELS = ("high", "medium", "low")
DOCUMENT_SEPARATOR = ";"
# The national code d.dddddd (first digit 1, 2 or 3), then a local system's optional suffix of
# dot-separated letters and digits (".000.00.00.H26", ".H26").
_CODE = re.compile(r"([123]\.\d{6})((?:\.[0-9A-Za-z]+)*)")
# Whole numbers only: no sign, no decimals, no thousands separators. Nine digits at most keeps a
# typo (an extra zero row) from reaching SQLite's integer limit; no real fee or period is near it.
_INTEGER = re.compile(r"\d{1,9}")
_CUTOFF = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
# A query made only of digits and dots is a procedure code (or its beginning).
_CODE_QUERY = re.compile(r"[0-9.]+")
HEADER_LINE = 1


class _CsvReader(Protocol):
    """What this module uses of ``csv.reader``: records, and the physical line reached."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


class Reason(StrEnum):
    """Why a cell, a line or the header was refused; each has words in texts/catalogue.py."""

    NO_HEADER = "no_header"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"
    NO_ROWS = "no_rows"
    BAD_QUOTING = "bad_quoting"
    FIELD_COUNT = "field_count"
    EMPTY = "empty"
    BAD_CODE = "bad_code"
    DUPLICATE_CODE = "duplicate_code"
    NOT_INTEGER = "not_integer"
    NOT_FLAG = "not_flag"
    SAME_DAY_WITH_DAYS = "same_day_with_days"
    CALENDAR_SAME_DAY = "calendar_same_day"
    EMPTY_DOCUMENT = "empty_document"
    BAD_CONFIDENCE = "bad_confidence"
    BAD_CUTOFF = "bad_cutoff"
    PERIOD_TOO_LONG = "period_too_long"
    CONTROL_CHARACTER = "control_character"


@dataclass(frozen=True)
class RowError:
    """One problem: the CSV line it starts on, its column ("" for the whole line), and why."""

    line: int
    column: str
    reason: Reason
    params: Mapping[str, str] = field(default_factory=dict)


class CatalogueInvalidError(BadInputError):
    """The catalogue file has bad rows; nothing of it was used. ``errors`` lists every one."""

    code = "CATALOGUE_INVALID"

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = tuple(errors)


class CatalogueNotUtf8Error(BadInputError):
    """The file is not UTF-8 text (often a spreadsheet saved as a legacy code page)."""

    code = "CATALOGUE_NOT_UTF8"


class UnknownProcedureError(BadInputError):
    """No procedure with this code in the catalogue version asked for."""

    code = "UNKNOWN_PROCEDURE"


class ProcedureInactiveError(UnknownProcedureError):
    """The procedure exists but this counter does not receive it (e.g. residence, police)."""

    code = "PROCEDURE_INACTIVE"


@dataclass(frozen=True)
class CatalogueVersion:
    """One stored version of the catalogue; dossiers keep the version they were received under."""

    version: int
    imported_at: str
    source: str
    checked_on: str | None  # the day someone last checked the figures against their sources
    sha256: str
    is_current: bool
    procedure_count: int
    active_count: int


@dataclass(frozen=True)
class SearchQuery:
    """A clerk's search: folded words that must all appear in a name, or a code's beginning."""

    words: tuple[str, ...] = ()
    code_prefix: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.words and self.code_prefix is None


def decode_catalogue(raw: bytes) -> str:
    """The file's text; a UTF-8 BOM (Excel's "CSV UTF-8") is accepted and dropped."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CatalogueNotUtf8Error(f"line {line}") from None


def catalogue_sha256(raw: bytes) -> str:
    """The fingerprint of a catalogue file, kept with its version and written to the audit."""
    return hashlib.sha256(raw).hexdigest()


def split_code(raw: str) -> tuple[str, str] | None:
    """``1.001193.H26`` -> (``1.001193``, ``.H26``); None when it is no procedure code."""
    match = _CODE.fullmatch(raw.strip())
    return None if match is None else (match.group(1), match.group(2))


def search_folded(procedure: Procedure) -> str:
    """The search key of a procedure: both names folded (no marks, đ→d, lower case)."""
    return fold(f"{procedure.name_vi}\n{procedure.name_en}")


def parse_search(query: str | None) -> SearchQuery:
    """Turn what the clerk typed into a search: a code prefix, or accent-free words."""
    text = collapse_spaces(nfc(query or ""))
    if not text:
        return SearchQuery()
    parts = split_code(text)
    if parts is not None:  # a full code, perhaps with a local system's suffix
        return SearchQuery(code_prefix=parts[0])
    if _CODE_QUERY.fullmatch(text):
        return SearchQuery(code_prefix=text)
    return SearchQuery(words=tuple(fold(text).split()))


def split_documents(value: str) -> tuple[str, ...]:
    """The papers of a ``documents`` cell: split at ";" outside brackets only, so that
    "Giấy tờ tùy thân của hai bên (xuất trình; hai bên cùng có mặt)" stays one paper."""
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in value:
        if char == DOCUMENT_SEPARATOR and depth == 0:
            items.append("".join(current))
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        depth = max(depth, 0)
        current.append(char)
    items.append("".join(current))
    return tuple(items)


def parse_catalogue(text: str) -> tuple[Procedure, ...]:
    """Every procedure of a catalogue CSV, or CatalogueInvalidError listing every problem."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    errors: list[RowError] = []
    header = _read_header(reader, errors)
    if header is None:
        raise CatalogueInvalidError(errors)
    procedures = _read_rows(reader, header, errors)
    if not procedures and not errors:
        errors.append(RowError(HEADER_LINE + 1, "", Reason.NO_ROWS))
    if errors:
        raise CatalogueInvalidError(sorted(errors, key=lambda e: _error_order(e, header)))
    return procedures


def _error_order(error: RowError, header: list[str]) -> tuple[int, int]:
    """By line, then left to right as the columns stand in the file (whole-line ones first)."""
    return error.line, header.index(error.column) if error.column in header else -1


def _read_header(reader: _CsvReader, errors: list[RowError]) -> list[str] | None:
    """The column names, or None (with the reasons in ``errors``) when they cannot be used."""
    try:
        header = [nfc(name.strip()) for name in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    if not any(header):
        errors.append(RowError(HEADER_LINE, "", Reason.NO_HEADER))
        return None
    errors.extend(_header_problems(header))
    return None if errors else header


def _header_problems(header: list[str]) -> Iterator[RowError]:
    known = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    for name in REQUIRED_COLUMNS:
        if name not in header:
            yield RowError(HEADER_LINE, name, Reason.MISSING_COLUMN)
    for index, name in enumerate(header):
        if name not in known:
            yield RowError(HEADER_LINE, name, Reason.UNKNOWN_COLUMN)
        elif name in header[:index]:
            yield RowError(HEADER_LINE, name, Reason.DUPLICATE_COLUMN)


def _records(reader: _CsvReader, errors: list[RowError]) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on (a quoted cell may span lines)."""
    line_num = HEADER_LINE
    while True:
        start = line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # A quote left open swallows the rest of the file: nothing after it is reliable.
            errors.append(RowError(start, "", Reason.BAD_QUOTING))
            return
        line_num = reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells


def _read_rows(
    reader: _CsvReader, header: list[str], errors: list[RowError]
) -> tuple[Procedure, ...]:
    procedures: list[Procedure] = []
    first_line: dict[str, int] = {}
    for line, cells in _records(reader, errors):
        procedure = _RowReader(line, header, cells, errors).procedure()
        if procedure is None:
            continue
        if procedure.code in first_line:
            params = {"code": procedure.code, "first_line": str(first_line[procedure.code])}
            errors.append(RowError(line, "code", Reason.DUPLICATE_CODE, params))
            continue
        first_line[procedure.code] = line
        procedures.append(procedure)
    return tuple(procedures)


class _RowReader:
    """Reads one record's cells, noting each problem instead of stopping at the first."""

    def __init__(
        self, line: int, header: list[str], cells: list[str], errors: list[RowError]
    ) -> None:
        self.line = line
        self.header = header
        self.cells = cells
        self.errors = errors
        self.values = {name: nfc(cell.strip()) for name, cell in zip(header, cells, strict=False)}
        self._before = len(errors)

    def procedure(self) -> Procedure | None:
        """The row as a Procedure, or None when any of its cells was refused."""
        if not self._fields_line_up():
            return None
        self._no_control_characters()
        code = self._code()
        same_day = self._flag("same_day", default=None)
        days = self._period("processing_days", default=None)
        calendar_days = self._period("calendar_days", default=0)
        if same_day and days:
            self._fail("processing_days", Reason.SAME_DAY_WITH_DAYS)
        if same_day and calendar_days:
            self._fail("calendar_days", Reason.CALENDAR_SAME_DAY)
        built = Procedure(
            code=code[0] if code else "",
            agency_suffix=code[1] if code else "",
            name_vi=self._text("name_vi"),
            name_en=self._text("name_en"),
            field=self._text("field"),
            processing_days=days or 0,
            same_day=bool(same_day),
            fee_vnd=self._integer("fee_vnd", default=None) or 0,
            documents=self._documents(),
            confidence=self._confidence(),
            calendar_days=calendar_days or 0,
            cutoff=self._cutoff(),
            active=bool(self._flag("active", default=True)),
        )
        return built if len(self.errors) == self._before else None

    def _fields_line_up(self) -> bool:
        """Same number of cells as columns; trailing empty cells (a spreadsheet's) are fine."""
        extra = self.cells[len(self.header) :]
        if len(self.cells) >= len(self.header) and not any(c.strip() for c in extra):
            return True
        params = {"expected": str(len(self.header)), "found": str(len(self.cells))}
        self.errors.append(RowError(self.line, "", Reason.FIELD_COUNT, params))
        return False

    def _fail(self, column: str, reason: Reason) -> None:
        self.errors.append(RowError(self.line, column, reason))

    def _present(self, column: str) -> str | None:
        """The cell's text, or None (noted) when it is empty."""
        value = self.values.get(column, "")
        if not value:
            self._fail(column, Reason.EMPTY)
            return None
        return value

    def _text(self, column: str) -> str:
        value = self._present(column)
        return collapse_spaces(value) if value else ""

    def _code(self) -> tuple[str, str] | None:
        value = self._present("code")
        parts = split_code(value) if value else None
        if value and parts is None:
            self._fail("code", Reason.BAD_CODE)
        return parts

    def _integer(self, column: str, *, default: int | None) -> int | None:
        """A whole number >= 0; an absent optional column gives ``default``."""
        value = self.values.get(column, "")
        if not value and default is not None:
            return default
        if not _INTEGER.fullmatch(value):
            self._fail(column, Reason.EMPTY if not value else Reason.NOT_INTEGER)
            return None
        return int(value)

    def _period(self, column: str, *, default: int | None) -> int | None:
        """A number of days a due date can be computed from (MAX_PROCESSING_DAYS at most)."""
        days = self._integer(column, default=default)
        if days is not None and days > MAX_PROCESSING_DAYS:
            params = {"max": str(MAX_PROCESSING_DAYS)}
            self.errors.append(RowError(self.line, column, Reason.PERIOD_TOO_LONG, params))
            return None
        return days

    def _no_control_characters(self) -> None:
        """Text that acts rather than shows (a bidi override turns a name around on screen and
        paper) is refused in every cell, as read (before any trimming)."""
        for name, cell in zip(self.header, self.cells, strict=False):
            found = control_characters(cell)
            if found:
                params = {"char": f"U+{ord(found[0]):04X}"}
                self.errors.append(RowError(self.line, name, Reason.CONTROL_CHARACTER, params))

    def _flag(self, column: str, *, default: bool | None) -> bool | None:
        value = self.values.get(column, "")
        if not value and default is not None:
            return default
        if value not in ("0", "1"):
            self._fail(column, Reason.EMPTY if not value else Reason.NOT_FLAG)
            return None
        return value == "1"

    def _documents(self) -> tuple[str, ...]:
        value = self._present("documents")
        if not value:
            return ()
        items = tuple(collapse_spaces(item) for item in split_documents(value))
        if not all(items):
            self._fail("documents", Reason.EMPTY_DOCUMENT)
        return items

    def _confidence(self) -> str:
        value = (self._present("confidence") or "").lower()
        if value and value not in CONFIDENCE_LEVELS:
            self._fail("confidence", Reason.BAD_CONFIDENCE)
        return value or ""

    def _cutoff(self) -> time | None:
        value = self.values.get("cutoff", "")
        if not value:
            return None
        match = _CUTOFF.fullmatch(value)
        if match is None:
            self._fail("cutoff", Reason.BAD_CUTOFF)
            return None
        return time(int(match.group(1)), int(match.group(2)))
