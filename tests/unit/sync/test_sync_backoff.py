"""The one retry policy: full jitter under an exponential ceiling, Retry-After as a floor."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.backoff import RETRY_AFTER_CAP_S, Backoff, parse_retry_after

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("attempt", "ceiling"),
    [(0, 2.0), (1, 4.0), (2, 8.0), (7, 256.0), (8, 300.0), (40, 300.0), (-3, 2.0)],
)
def test_ceiling_doubles_up_to_the_cap(attempt: int, ceiling: float) -> None:
    assert Backoff(2.0, 300.0).ceiling(attempt) == ceiling


@given(attempt=st.integers(0, 100), seed=st.integers(0, 2**32))
def test_delay_is_within_zero_and_the_ceiling(attempt: int, seed: int) -> None:
    policy = Backoff(0.5, 30.0)
    delay = policy.delay(attempt, rng=random.Random(seed))
    assert 0.0 <= delay <= policy.ceiling(attempt)


def test_delays_are_jittered_not_all_alike() -> None:
    rng = random.Random(7)
    delays = {round(Backoff().delay(5, rng=rng), 6) for _ in range(50)}
    assert len(delays) > 40
    assert max(delays) > 32.0  # the upper half of the 64 s window is used too


@given(retry_after=st.floats(0, 10_000), seed=st.integers(0, 2**32))
def test_retry_after_is_a_floor_capped_at_an_hour(retry_after: float, seed: int) -> None:
    delay = Backoff(0.01, 0.02).delay(0, retry_after_s=retry_after, rng=random.Random(seed))
    assert delay >= min(retry_after, RETRY_AFTER_CAP_S)
    assert delay <= max(min(retry_after, RETRY_AFTER_CAP_S), 0.02)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("999999", RETRY_AFTER_CAP_S),
        ((NOW + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT"), 90.0),
        ((NOW - timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT"), 0.0),
        ((NOW + timedelta(days=2)).strftime("%a, %d %b %Y %H:%M:%S GMT"), RETRY_AFTER_CAP_S),
        ("", None),
        (None, None),
        ("soon", None),
        ("-5", None),
    ],
)
def test_retry_after_seconds_or_http_date(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == seconds
