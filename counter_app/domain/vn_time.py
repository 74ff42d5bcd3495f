"""Vietnam local time: UTC+7 all year (no daylight saving), so a fixed offset is exact.

A fixed offset also avoids needing tz data on Windows or inside a frozen bundle.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def iso_vn(moment: datetime) -> str:
    """ISO 8601 with the +07:00 offset, as every file and CLI output writes times."""
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")
