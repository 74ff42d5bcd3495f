"""``counter-app calendar show | import`` and ``counter-app due-date``: the calendar for IT."""

from __future__ import annotations

import argparse
import re
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.cli import calendar_confirm_commands
from counter_app.cli.numbers import bounded_int
from counter_app.cli.output import Subparsers, add_json_flag, emit, print_group_help
from counter_app.domain.calendar import MAX_PERIOD_DAYS, WEEKDAY_NAMES, CalendarYear
from counter_app.domain.due_date import DueDate
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import EXIT_OK, BadInputError
from counter_app.messages import VI, message_for
from counter_app.services.actor import cli_actor
from counter_app.services.calendar.impact import MovedAppointment, appointments_to_review
from counter_app.services.calendar.work_days import (
    due_date_for,
    import_calendar_year,
    load_calendar,
)
from counter_app.services.catalogue import lookup_procedure
from counter_app.services.clock import now_vn, today_vn
from counter_app.services.store.opening import open_store, store_exists

# "2026-10-15 10:05", a "T" instead of the space, optional seconds and offset.
_RECEIVED = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?")
_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class BadReceivedTimeError(BadInputError):
    code = "BAD_RECEIVED_TIME"


def register(commands: Subparsers) -> None:
    group = commands.add_parser(
        "calendar",
        help="show the working-day calendar and import the year's holiday notice",
        description=(
            "The working-day calendar that due dates are counted on: the shipped file plus "
            "the ward's own years in the data folder (a ward year replaces the shipped one)."
        ),
    )
    group.set_defaults(handler=lambda args: print_group_help(group))
    sub = group.add_subparsers(title="commands", metavar="COMMAND")
    _register_show(sub)
    _register_import(sub)
    calendar_confirm_commands.register(sub)
    _register_due_date(commands)


def _register_show(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "show",
        help="list a year's days off and Saturdays worked, with the year's status",
        description=(
            "List the days off and the Saturdays worked of one year (this year by default) as "
            "the app counts them, with the year's status: official (checked against the "
            "notice), statutory (not checked) or missing (weekends only)."
        ),
    )
    parser.add_argument(
        "--year", type=bounded_int("--year", 1, 9999), help="the year to show (default: this year)"
    )
    add_json_flag(parser, "print one JSON object")
    parser.set_defaults(handler=run_show)


def _register_import(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "import",
        help="import one or more years (the year's official notice) from a calendar file",
        description=(
            "Validate a calendar file holding one or more years and make each of them the "
            "ward's calendar for that year, replacing the year entirely; audited. A file with "
            "any error is refused whole (exit 2) with the year and entry at fault."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    add_json_flag(parser, "print one JSON object")
    parser.set_defaults(handler=run_import)


def _register_due_date(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "due-date",
        help="compute the due date and appointment time of a dossier",
        description=(
            "Compute the due date and appointment for a dossier received now (or at "
            "--received), with the calendar in use: N working days from the day after "
            "receipt; same-day work after the cut-off (15:00) or on a day off is due the "
            "next working morning."
        ),
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--procedure", metavar="CODE", help="the procedure's national code")
    which.add_argument(
        "--procedure-days", type=_days, metavar="N", help="processing time in working days"
    )
    parser.add_argument("--same-day", action="store_true", help="a same-day procedure")
    parser.add_argument(
        "--calendar-days", type=_days, default=0, metavar="N", help="a period in calendar days"
    )
    parser.add_argument(
        "--received", metavar="'YYYY-MM-DD HH:MM'", help="time of receipt (default: now)"
    )
    add_json_flag(parser, "print one JSON object")
    parser.set_defaults(handler=run_due_date)


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > MAX_PERIOD_DAYS:
        raise argparse.ArgumentTypeError(f"a whole number of days from 0 to {MAX_PERIOD_DAYS}")
    return int(text)


# calendar show ---------------------------------------------------------------------------


def run_show(args: argparse.Namespace) -> int:
    year = args.year if args.year is not None else today_vn().year
    calendar = load_calendar()
    entry = calendar.years.get(year)
    weekend = [WEEKDAY_NAMES[d] for d in sorted(calendar.weekend)]
    if args.json:
        emit(_year_json(year, entry, weekend))
    else:
        _print_year(year, entry, weekend, args.lang)
    return EXIT_OK


def _year_json(year: int, entry: CalendarYear | None, weekend: list[str]) -> dict[str, Any]:
    days = sorted(entry.days, key=lambda e: e.day) if entry else []
    return {
        "year": year,
        "status": entry.status.value if entry else None,
        "source": entry.source if entry else None,
        "weekend": weekend,
        "days": [
            {"date": e.day.isoformat(), "weekday": WEEKDAY_NAMES[e.day.weekday()],
             "kind": e.kind.value, "name": e.name}
            for e in days
        ],
    }  # fmt: skip


def _print_year(year: int, entry: CalendarYear | None, weekend: list[str], lang: str) -> None:
    if entry is None:
        status = "không có dữ liệu" if lang == VI else "no data"
        print(f"{year}: {status} ({', '.join(weekend)})")
        return
    print(f"{year}: {entry.status.value} — {entry.source}")
    for item in sorted(entry.days, key=lambda e: e.day):
        weekday = _weekday(item.day, lang)
        print(f"{item.day.isoformat()}  {weekday:<9} {item.kind.value:<4}  {item.name}")


# calendar import -------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    report = import_calendar_year(args.file, actor=cli_actor(), now=now_vn())
    moved = _appointments_to_review()
    out = {
        "ok": True,
        "years": list(report.years),
        "off_days": report.off_days,
        "work_days": report.work_days,
        "audited": report.audited,
        "path": str(report.path),
        "appointments_to_review": [asdict(m) for m in moved],
    }
    if args.json:
        emit(out)
    else:
        years = ", ".join(str(y) for y in report.years)
        print(f"{years}: {report.off_days} off, {report.work_days} work → {report.path}")
        _print_moved(moved, args.lang)
    return EXIT_OK


def _appointments_to_review() -> list[MovedAppointment]:
    """Open dossiers whose printed appointment the new calendar would move (none if no store)."""
    if not store_exists():
        return []
    with open_store() as store:
        return appointments_to_review(store)


def _print_moved(moved: list[MovedAppointment], lang: str) -> None:
    if not moved:
        return
    print(message_for("APPOINTMENTS_TO_REVIEW", lang, {"count": str(len(moved))}))
    for m in moved:
        print(f"  {m.code}  {m.printed_due_at[:16]} → {m.recomputed_due_at[:16]}")


# due-date --------------------------------------------------------------------------------


def run_due_date(args: argparse.Namespace) -> int:
    received = parse_received(args.received) if args.received else now_vn()
    result = due_date_for(_procedure(args), received)
    if args.json:
        emit(due_json(result))
    else:
        _print_due(result, args.lang)
    return EXIT_OK


def parse_received(text: str) -> datetime:
    """A receipt time typed by IT; without an offset it is Vietnam time."""
    if not _RECEIVED.fullmatch(text.strip()):
        raise BadReceivedTimeError("expected YYYY-MM-DD HH:MM")
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadReceivedTimeError("not a real date or time") from None
    return moment.replace(tzinfo=VN_TZ) if moment.tzinfo is None else moment.astimezone(VN_TZ)


def _procedure(args: argparse.Namespace) -> Procedure:
    if args.procedure is not None:
        if args.same_day or args.calendar_days:
            raise BadInputError("--same-day and --calendar-days go with --procedure-days")
        return lookup_catalogue_procedure(args.procedure)
    return Procedure(
        code="",
        name_vi="",
        name_en="",
        field="",
        processing_days=args.procedure_days,
        same_day=args.same_day,
        fee_vnd=0,
        documents=(),
        confidence="high",
        calendar_days=args.calendar_days,
    )


def lookup_catalogue_procedure(code: str) -> Procedure:
    """The current catalogue's procedure (UNKNOWN_PROCEDURE or PROCEDURE_INACTIVE if not)."""
    return lookup_procedure(code)


def due_json(result: DueDate) -> dict[str, Any]:
    return {
        "due_date": result.due_date.isoformat(),
        "due_at": iso_vn(result.due_at),
        "received_at": iso_vn(result.received_at),
        "warnings": result.warning_codes,
        "unconfirmed_years": [w.year for w in result.warnings],
    }


def _print_due(result: DueDate, lang: str) -> None:
    received_label, due_label = ("Tiếp nhận", "Hẹn trả") if lang == VI else ("Received", "Due")
    print(f"{received_label}: {_moment(result.received_at, lang)}")
    print(f"{due_label}: {_moment(result.due_at, lang)}")
    for warning in result.warnings:
        print(message_for(warning.code, lang, warning.params))


def _moment(moment: datetime, lang: str) -> str:
    return f"{moment.strftime('%Y-%m-%d %H:%M')} ({_weekday(moment.date(), lang)})"


def _weekday(day: date, lang: str) -> str:
    return (_WEEKDAYS_VI if lang == VI else _WEEKDAYS_EN)[day.weekday()]
