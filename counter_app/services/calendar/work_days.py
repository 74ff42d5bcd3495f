"""The calendar in use: the shipped file plus the ward's own ``calendar.json``, and imports.

Merge rule (docs/CALENDAR.md): a year present in the ward's file replaces the shipped year
entirely, so an imported notice is the whole truth for its year and never mixes with the
statutory guess; years absent from the ward's file come from the shipped one. The ward file's
weekend (Saturday and Sunday unless it says otherwise) wins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.calendar import (
    CalendarInvalidError,
    DayKind,
    WorkCalendar,
    calendar_to_dict,
    dumps_calendar,
    parse_calendar,
)
from counter_app.domain.due_date import DueDate, DuePolicy, compute_due
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import EnvironmentProblem
from counter_app.resources import resource_path
from counter_app.services.paths import data_dir, write_private_file
from counter_app.services.store.opening import open_store, store_exists
from counter_app.storage.audit import append_audit

OVERRIDE_FILE_NAME = "calendar.json"
AUDIT_ACTION = "calendar.import"
# Loaded calendars kept in memory (one per data folder and file version); a handful covers
# the app and a test run, and a new file version simply replaces the old entries.
_CACHE_SIZE = 8
_cache: dict[tuple[object, ...], WorkCalendar] = {}


class CalendarFileBrokenError(EnvironmentProblem):
    """The shipped calendar or the ward's file cannot be read or fails validation."""

    code = "CALENDAR_FILE_BROKEN"


@dataclass(frozen=True)
class ImportReport:
    years: tuple[int, ...]
    off_days: int
    work_days: int
    audited: bool  # False when no store is set up yet: the file was written without audit
    path: Path


def shipped_calendar_path() -> Path:
    return resource_path("calendar", "holidays.json")


def override_path(folder: Path | None = None) -> Path:
    """The ward's calendar file in the data folder (it may not exist)."""
    return data_dir(folder) / OVERRIDE_FILE_NAME


def load_calendar(folder: Path | None = None) -> WorkCalendar:
    """The calendar in use; re-read only when either file changed on disk."""
    shipped, override = shipped_calendar_path(), override_path(folder)
    key = (*_version(shipped), *_version(override))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    calendar = _read_installed(shipped)
    if override.exists():
        calendar = calendar.merged(_read_installed(override))
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    _cache[key] = calendar
    return calendar


def due_date_for(
    procedure: Procedure,
    received_at: datetime,
    *,
    folder: Path | None = None,
    policy: DuePolicy | None = None,
) -> DueDate:
    """The due date with the calendar in use (office hours: the defaults until ward settings
    exist)."""
    return compute_due(procedure, received_at, load_calendar(folder), policy)


def read_calendar_file(path: Path) -> WorkCalendar:
    """Parse a calendar file; anything wrong is a CalendarInvalidError naming what."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CalendarInvalidError("no such file") from None
    except UnicodeDecodeError:
        raise CalendarInvalidError("not UTF-8 text") from None
    except OSError as error:
        raise CalendarInvalidError(f"cannot be read ({error.strerror})") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_repeated_keys)
    except json.JSONDecodeError as error:
        raise CalendarInvalidError(f"not JSON (line {error.lineno})") from None
    return parse_calendar(data)


def import_calendar_year(
    file: Path, *, actor: str, now: datetime, folder: Path | None = None
) -> ImportReport:
    """Validate ``file`` (one or more years, e.g. the year's official notice) and make its
    years part of the ward's calendar, replacing those years entirely.

    Nothing is written unless the whole file is valid. The ward file is replaced atomically
    (owner-only) inside the store transaction that appends the ``calendar.import`` audit row,
    so both land or neither. When no store is set up yet (a fresh install preparing the
    calendar before setup), the file is still written, without an audit row.
    """
    imported = read_calendar_file(file)
    if not imported.years:
        raise CalendarInvalidError("no year in 'years'")
    target = override_path(folder)
    existing = _read_installed(target) if target.exists() else None
    combined = existing.merged(imported) if existing else imported
    data = dumps_calendar(calendar_to_dict(combined)).encode("utf-8")
    audited = _write_with_audit(target, data, _audit_details(imported), actor, now)
    years = tuple(sorted(imported.years))
    off, work = (sum(y.count(kind) for y in imported.years.values()) for kind in DayKind)
    return ImportReport(years=years, off_days=off, work_days=work, audited=audited, path=target)


def _write_with_audit(
    target: Path, data: bytes, details: dict[str, Any], actor: str, now: datetime
) -> bool:
    folder = target.parent
    if not store_exists(folder):
        write_private_file(target, data)
        return False
    with open_store(folder) as store, store.action() as db:
        subject = "calendar:" + ",".join(str(y) for y in details["years"])
        append_audit(
            db, at=iso_vn(now), actor=actor, action=AUDIT_ACTION, subject=subject,
            details=details,
        )  # fmt: skip
        write_private_file(target, data)
    return True


def _audit_details(imported: WorkCalendar) -> dict[str, Any]:
    """Counts and statuses only: what a supervisor needs to see what changed."""
    years = sorted(imported.years)
    return {
        "years": years,
        "off_days": sum(imported.years[y].count(DayKind.OFF) for y in years),
        "work_days": sum(imported.years[y].count(DayKind.WORK) for y in years),
        "statuses": {str(y): imported.years[y].status.value for y in years},
    }


def _read_installed(path: Path) -> WorkCalendar:
    """A file the app relies on: a problem with it is the environment's, not the user's input."""
    try:
        return read_calendar_file(path)
    except CalendarInvalidError as error:
        raise CalendarFileBrokenError(f"{path.name}: {error.detail}") from None


def _version(path: Path) -> tuple[object, ...]:
    try:
        info = path.stat()
    except FileNotFoundError:
        return (str(path), None, None)
    return (str(path), info.st_mtime_ns, info.st_size)


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON objects keep the last of repeated keys; a calendar with a year twice is an error."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise CalendarInvalidError(f"key {key!r} appears twice in one object")
        result[key] = value
    return result
