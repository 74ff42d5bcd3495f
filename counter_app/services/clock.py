"""The one place that reads the wall clock, so tests and the sync engine can pass ``now``."""

from __future__ import annotations

import time
from datetime import date, datetime

from counter_app.domain.vn_time import VN_TZ


def now_vn() -> datetime:
    return datetime.now(VN_TZ)


def today_vn() -> date:
    return now_vn().date()


def wall_seconds() -> float:
    """Seconds since the epoch, to compare with file times (which the system clock sets)."""
    return time.time()
