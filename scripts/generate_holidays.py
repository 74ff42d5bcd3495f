"""Generate ``resources/calendar/holidays.json``, the shipped working-day calendar.

Run with the project's virtual environment (``holidays`` is a dev dependency, pinned so the
output is reproducible; the app never imports it)::

    .venv/bin/python scripts/generate_holidays.py

The ``holidays`` package lists days off only. A weekday off given in exchange for a Saturday
worked shows up as "Ngày nghỉ (thay cho ngày 26/04/2025)": the Saturday that becomes a
working day exists only inside that name, so it is parsed out here and written as a ``work``
day. Every year is ``statutory``: the package's data was not checked against the year's
notice, and upgrading the package never changes an already shipped file unless this script
is run again on purpose.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import holidays

from counter_app.domain.calendar import dumps_calendar, parse_calendar

FIRST_YEAR, LAST_YEAR = 2025, 2030  # the years shipped; the notice for later years is unknown
OUTPUT = Path(__file__).resolve().parent.parent / "resources" / "calendar" / "holidays.json"
SOURCE = (
    f"Bộ luật Lao động 2019, Điều 112; thư viện holidays {holidays.__version__} "
    "(chưa đối chiếu với thông báo nghỉ lễ của năm)"
)
# "thay cho ngày 26/04/2025": the Saturday worked in exchange for the day off.
SWAP_PATTERN = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")
# The swaps the platform probe found in the package (spec platform.md, "holidays VN"):
# day off -> Saturday worked. A package upgrade that changes them must be looked at by a person.
EXPECTED_SWAPS = {
    date(2025, 5, 2): date(2025, 4, 26),
    date(2026, 8, 31): date(2026, 8, 22),
}


# Days the year's notice sets that the package does not know, with the notice. New Year 2026:
# văn bản 12729/VPCP-KGVX of 25/12/2025 (as reported by Bảo hiểm xã hội Việt Nam and the
# press; the dispatch itself not seen): off Thursday 1/1 to Sunday 4/1/2026, Friday 2/1
# swapped with Saturday 10/1/2026, worked. The rest of 2026 stays statutory (unconfirmed).
NOTICE_2026_NEW_YEAR = "văn bản 12729/VPCP-KGVX ngày 25/12/2025 (theo BHXH Việt Nam, báo chí)"
NOTICE_DAYS: dict[int, list[dict[str, str]]] = {
    2026: [
        {"date": "2026-01-02", "kind": "off",
         "name": "Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)"},
        {"date": "2026-01-10", "kind": "work",
         "name": "Làm việc bù cho ngày nghỉ 02/01/2026"},
    ],
}  # fmt: skip
NOTICE_SOURCES = {2026: NOTICE_2026_NEW_YEAR}


def swapped_saturday(name: str) -> date | None:
    """The working Saturday named in a swapped day off, or None for an ordinary holiday."""
    found = SWAP_PATTERN.search(name)
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    return date(year, month, day)


def year_entry(year: int) -> tuple[dict[str, Any], dict[date, date]]:
    """One year of the file, and the swaps found in it (day off -> Saturday worked)."""
    table = holidays.country_holidays("VN", years=year, language="vi")
    days: list[dict[str, str]] = []
    swaps: dict[date, date] = {}
    for day, name in sorted(table.items()):
        days.append({"date": day.isoformat(), "kind": "off", "name": name})
        saturday = swapped_saturday(name)
        if saturday is not None:
            swaps[day] = saturday
            days.append(
                {
                    "date": saturday.isoformat(),
                    "kind": "work",
                    "name": f"Làm việc bù cho ngày nghỉ {day.strftime('%d/%m/%Y')}",
                }
            )
    days.extend(NOTICE_DAYS.get(year, []))
    days.sort(key=lambda entry: (entry["date"], entry["kind"]))
    source = SOURCE
    if year in NOTICE_SOURCES:
        source = f"{SOURCE}; Tết Dương lịch: {NOTICE_SOURCES[year]}"
    return {"status": "statutory", "source": source, "days": days}, swaps


def build() -> dict[str, Any]:
    years: dict[str, Any] = {}
    all_swaps: dict[date, date] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        years[str(year)], swaps = year_entry(year)
        all_swaps.update(swaps)
    _check_swaps(all_swaps)
    return {"weekend": ["SAT", "SUN"], "years": years}


def _check_swaps(found: dict[date, date]) -> None:
    if found != EXPECTED_SWAPS:
        raise SystemExit(f"swapped days differ from the documented ones: {found!r}")
    for saturday in found.values():
        if saturday.weekday() != 5:
            raise SystemExit(f"{saturday} is no Saturday")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the file")
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    data = build()
    parse_calendar(data)  # the app's own validation: never ship a file it would refuse
    text = dumps_calendar(data)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        return 0 if current == text else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
