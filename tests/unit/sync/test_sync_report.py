"""``SyncReport.then``: several passes as one report, as the ``sync`` command shows them."""

from __future__ import annotations

from dataclasses import fields

from counter_app.storage.engine import DiskFullError
from sync.engine import SyncReport

# The integer fields that describe the state after a pass rather than count work done in it.
STATE_COUNTS = ("pending", "needs_attention")


def test_counts_add_up_and_the_state_is_the_later_pass() -> None:
    """Every integer field but the state adds up: a new count cannot be forgotten in ``then``."""
    counts = [
        f.name for f in fields(SyncReport) if type(f.default) is int and f.name not in STATE_COUNTS
    ]
    first = SyncReport(**dict.fromkeys(counts, 2), pending=9, catalogue_updated=True)
    first.error = DiskFullError("")
    later = SyncReport(**dict.fromkeys(counts, 3), pending=4, needs_attention=1, retry_in_s=30.0)
    both = first.then(later)
    assert all(getattr(both, name) == 5 for name in counts)
    assert (both.pending, both.needs_attention, both.retry_in_s) == (4, 1, 30.0)
    assert both.error is None and both.catalogue_updated  # the later pass succeeded


def test_an_empty_report_then_a_pass_is_that_pass() -> None:
    one = SyncReport(sent=3, acknowledged=2, rejected=1, pending=5, error=DiskFullError(""))
    assert SyncReport().then(one) == one
