"""The one retry policy of the sync (sync.md B3): exponential backoff with full jitter.

``delay = uniform(0, min(cap, base · 2^attempt))``, so counters that lost the network together
do not come back together. A server's ``Retry-After`` (seconds or an HTTP-date) is a floor,
capped at an hour so a wrong header cannot stop a counter for a day. The policy computes
delays only: it never sleeps and reads no clock; callers wait on a monotonic clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

DEFAULT_BASE_S = 2.0  # the first retry comes within 2 s: a blip is over by then
DEFAULT_CAP_S = 300.0  # never wait more than 5 min between tries of a long outage
RETRY_AFTER_CAP_S = 3600.0  # a server asking for more than an hour is believed for an hour
MAX_EXPONENT = 30  # 2^30 · base is far past any cap; keeps the float finite


@dataclass(frozen=True)
class Backoff:
    """Base and cap in seconds (settings ``sync.backoff_base_s`` / ``sync.backoff_cap_s``)."""

    base_s: float = DEFAULT_BASE_S
    cap_s: float = DEFAULT_CAP_S

    def ceiling(self, attempt: int) -> float:
        """The largest delay after ``attempt`` earlier failures (0 for the first retry)."""
        exponent = min(max(attempt, 0), MAX_EXPONENT)
        return min(self.cap_s, self.base_s * float(2**exponent))

    def delay(
        self, attempt: int, *, retry_after_s: float | None = None, rng: random.Random | None = None
    ) -> float:
        """Seconds to wait before the next try: full jitter, raised to ``Retry-After``."""
        chosen = (rng or _RNG).uniform(0.0, self.ceiling(attempt))
        if retry_after_s is not None:
            chosen = max(chosen, min(max(retry_after_s, 0.0), RETRY_AFTER_CAP_S))
        return chosen


_RNG = random.Random()


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """``Retry-After`` as seconds from ``now``: a number of seconds or an HTTP-date (RFC 9110).

    An unreadable value is ignored (None) rather than trusted; a date in the past means 0.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return min(float(text), RETRY_AFTER_CAP_S)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = (moment - now).total_seconds()
    return min(max(seconds, 0.0), RETRY_AFTER_CAP_S)
