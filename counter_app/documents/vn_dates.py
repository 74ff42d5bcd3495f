"""Dates and times as Vietnamese forms write them (forms.md §4, NĐ 30/2020 practice).

Days below 10 and the months January and February take a leading zero; other months do not:
``ngày 05 tháng 7 năm 2025``, ``ngày 14 tháng 02 năm 2026``. Times are 24-hour, zero-padded:
``09 giờ 05 phút``. Aware datetimes are shown in Vietnam time; naive ones are taken as such.
"""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.vn_time import VN_TZ

# Months written with a leading zero (NĐ 30/2020 Phụ lục I): only those that could otherwise
# be altered by adding a digit in front, January and February.
_PADDED_MONTHS = frozenset({1, 2})


def _local(moment: datetime) -> datetime:
    return moment.astimezone(VN_TZ) if moment.tzinfo is not None else moment


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    return f"{month:02d}" if month in _PADDED_MONTHS else str(month)


def date_in_words(day: date) -> str:
    """``ngày 14 tháng 02 năm 2026``."""
    if isinstance(day, datetime):
        day = _local(day)
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def time_in_words(moment: datetime) -> str:
    """``09 giờ 05 phút``."""
    local = _local(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút"


def moment_in_words(moment: datetime) -> str:
    """``09 giờ 05 phút, ngày 05 tháng 7 năm 2025``."""
    return f"{time_in_words(moment)}, {date_in_words(_local(moment))}"


def dated_line(place: str, day: date) -> str:
    """The header's date line: ``Hà Nội, ngày 14 tháng 02 năm 2026``."""
    return f"{place}, {date_in_words(day)}" if place else date_in_words(day).capitalize()


def short_date(day: date) -> str:
    """``05/07/2025``: the numeric form used inside a sentence (Mẫu 04)."""
    if isinstance(day, datetime):
        day = _local(day)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def compact_stamp(moment: datetime) -> str:
    """``20250705090500`` (yyyyMMddHHmmss, Vietnam time): the QR's ``issued_at`` field."""
    return _local(moment).strftime("%Y%m%d%H%M%S")
