"""One sync pass (STYLE rule 8): push the outbox, pull the city's changes, check the catalogue.

``run_sync_once`` holds no clock and never sleeps: it takes ``now`` and returns a report that
says when to try next (``retry_in_s``; None when nothing is left to do), and a UI timer or the
CLI loop does the waiting. It starts no thread. Every record carries its idempotency key
``<uuid>:<version>``, so re-sending after a timeout or a kill is harmless (sync.md B2); the
one retry policy is ``sync/backoff.py``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from counter_app.domain.catalogue import CatalogueInvalidError
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import CounterAppError
from counter_app.services.settings.counter import CounterConfig, load_config
from counter_app.services.store.opening import Store
from counter_app.services.syncing.cancellations import mark_sending
from counter_app.services.syncing.catalogue import (
    catalogue_checked_at,
    catalogue_etag,
    install_city_catalogue,
    note_catalogue_unchanged,
)
from counter_app.services.syncing.journal import (
    SKEW_WARNING_S,
    Journal,
    read_journal,
    record_failure,
    record_success,
)
from counter_app.services.syncing.outbox import (
    RETRY_LATER,
    PendingItem,
    RecordOutcome,
    next_pending,
    note_retry,
    park_items,
    pending_count,
    rejected_count,
    settle_outcomes,
)
from counter_app.services.syncing.pull import apply_changes_page, pull_cursor
from counter_app.services.syncing.settings import SyncSettings
from sync import protocol
from sync.backoff import Backoff
from sync.cancellations import push_cancellations
from sync.client import (
    SyncBatchTooLargeError,
    SyncClient,
    SyncEnvelopeRejectedError,
    SyncReplyInvalidError,
    SyncServerBusyError,
    SyncTransientError,
)
from sync.records import build_record, parse_change
from sync.recovery import recover_if_awaiting

ENVELOPE_ALLOWANCE = 512  # bytes kept for the envelope around the records (ids, times)
TOO_LARGE_CODE = "RECORD_TOO_LARGE"  # one record alone above the server's size limit


# The fields of SyncReport that count work done in a pass, so they add up over passes.
_REPORT_COUNTS = (
    "sent", "acknowledged", "rejected", "retry_later", "stale", "batches", "requests",
    "statuses_updated", "due_dates_later", "cancellations_acknowledged", "recovered",
)  # fmt: skip


@dataclass
class SyncReport:
    """What one pass did, and when to try again."""

    sent: int = 0  # records sent, re-sends included
    acknowledged: int = 0
    rejected: int = 0
    retry_later: int = 0
    stale: int = 0
    batches: int = 0
    requests: int = 0
    statuses_updated: int = 0
    due_dates_later: int = 0
    cancellations_acknowledged: int = 0  # voids the city now holds (sync/cancellations.py)
    recovered: int = 0  # dossiers a restore took back, rebuilt from the city (sync/recovery.py)
    catalogue_updated: bool = False
    catalogue_error: str | None = None
    pending: int = 0
    needs_attention: int = 0
    error: CounterAppError | None = None
    paused: bool = False  # 401/403 or a refused address: no retry until IT acts
    retry_in_s: float | None = None  # None: nothing to do until a local change
    next_attempt_at: datetime | None = None  # ``now`` + retry_in_s, for display

    @property
    def error_code(self) -> str | None:
        return self.error.code if self.error else None

    def then(self, later: SyncReport) -> SyncReport:
        """This pass and the ``later`` one as one report, for a caller that runs several.

        The counts add up and the catalogue is updated if either pass updated it; everything
        else (what is pending, the error, when to retry) is the state after ``later``.
        """
        counts = {name: getattr(self, name) + getattr(later, name) for name in _REPORT_COUNTS}
        updated = self.catalogue_updated or later.catalogue_updated
        return replace(later, **counts, catalogue_updated=updated)


Progress = Callable[[SyncReport], None]


@dataclass
class _Pass:
    store: Store
    client: SyncClient
    now: datetime
    settings: SyncSettings
    config: CounterConfig
    journal: Journal
    report: SyncReport
    progress: Progress | None


def run_sync_once(
    store: Store,
    client: SyncClient,
    *,
    now: datetime,
    settings: SyncSettings,
    progress: Progress | None = None,
    rng: random.Random | None = None,
) -> SyncReport:
    """One pass; never raises for network trouble, which the report carries with its delay."""
    run = _Pass(
        store, client, now, settings, load_config(store), read_journal(store), SyncReport(),
        progress,
    )  # fmt: skip
    backoff = Backoff(settings.backoff_base_s, settings.backoff_cap_s)
    try:
        # First, so that the city's statuses pulled below also reach the rebuilt dossiers.
        run.report.recovered = recover_if_awaiting(store, client, now=now)
        budget_left = _push(run)
        run.report.cancellations_acknowledged = push_cancellations(
            store, client, config=run.config, now=now
        )
        _pull(run)
        _catalogue(run)
    except SyncTransientError as error:
        delay = backoff.delay(_attempt(run), retry_after_s=error.retry_after_s, rng=rng)
        return _failed(run, error, delay)
    except CounterAppError as error:  # 401, 403, another 4xx, a parked envelope
        if isinstance(error, SyncEnvelopeRejectedError):
            return _failed(run, error, backoff.delay(_attempt(run), rng=rng))
        run.report.paused = True
        return _failed(run, error, None)
    return _succeeded(run, backoff, budget_left=budget_left, rng=rng)


def _succeeded(
    run: _Pass, backoff: Backoff, *, budget_left: bool, rng: random.Random | None
) -> SyncReport:
    report = _finish_counts(run)
    if report.pending == 0:
        report.retry_in_s = None
    elif not budget_left:
        report.retry_in_s = 0.0  # the pass stopped at its budget: go on at once
    else:  # only records the city asked to send later are left
        report.retry_in_s = backoff.delay(0, rng=rng)
    if report.retry_later and not report.acknowledged and not report.rejected:
        # Every record came back "later": the city is busy, so back off as for a 503.
        return _failed(run, None, backoff.delay(_attempt(run), rng=rng))
    report.next_attempt_at = _after(run.now, report.retry_in_s)
    record_success(
        run.store, now=run.now, skew_s=run.client.last_skew_s, next_at=report.next_attempt_at
    )
    return report


def _attempt(run: _Pass) -> int:
    """Failures in a row before this one; a pass that got batches through resets the count.

    A success resets the backoff (sync.md B3): with a flaky line, a pass that failed at its
    tenth request still moved nine batches, and must not wait as if the city were down.
    """
    return 0 if _made_progress(run.report) else run.journal.failures


def _made_progress(report: SyncReport) -> bool:
    return bool(report.acknowledged or report.rejected or report.statuses_updated)


def _failed(run: _Pass, error: CounterAppError | None, delay: float | None) -> SyncReport:
    report = _finish_counts(run)
    report.error = error
    report.retry_in_s = delay
    report.next_attempt_at = _after(run.now, delay)
    record_failure(
        run.store, error_code=error.code if error else SyncServerBusyError.code,
        failures=_attempt(run) + 1, now=run.now, skew_s=run.client.last_skew_s,
        next_at=report.next_attempt_at,
    )  # fmt: skip
    return report


def _finish_counts(run: _Pass) -> SyncReport:
    run.report.pending = pending_count(run.store)
    run.report.needs_attention = rejected_count(run.store)
    return run.report


def _after(now: datetime, delay: float | None) -> datetime | None:
    return None if delay is None else now + timedelta(seconds=delay)


# --- push ---------------------------------------------------------------------------------


def _push(run: _Pass) -> bool:
    """Send batches until the outbox has nothing new for this pass; False at the budget."""
    after_id, limit = 0, run.settings.batch_size
    for _ in range(run.settings.batches_per_pass):
        items = next_pending(run.store, after_id=after_id, limit=limit)
        if not items:
            return True
        batch, body = _fit(run, items)
        try:
            _send(run, batch, body)
        except SyncBatchTooLargeError:
            if len(batch) > 1:
                limit = max(1, len(batch) // 2)
                continue
            park_items(run.store, batch, code=TOO_LARGE_CODE, reason=TOO_LARGE_CODE, now=run.now)
            run.report.rejected += 1
        except SyncEnvelopeRejectedError as error:
            park_items(run.store, batch, code=error.code, reason=error.reason, now=run.now)
            run.report.rejected += len(batch)
            raise
        after_id = batch[-1].outbox_id
        if run.progress:
            run.progress(_finish_counts(run))
    return not next_pending(run.store, after_id=after_id, limit=1)


def _fit(run: _Pass, items: Sequence[PendingItem]) -> tuple[list[PendingItem], _Body]:
    """As many items as fit the byte limit (at least one), and the request body.

    Each record is encoded once: its bytes are both measured and sent.
    """
    limit = run.settings.max_batch_bytes - ENVELOPE_ALLOWANCE
    encoded: list[bytes] = []
    size = 0
    for item in items:
        record = build_record(item.dossier, item.procedure, agency_name=run.config.agency_name)
        raw = protocol.dumps(record)
        if encoded and size + len(raw) + 1 > limit:
            break
        encoded.append(raw)
        size += len(raw) + 1
    return list(items[: len(encoded)]), _body(run, encoded)


@dataclass(frozen=True)
class _Body:
    batch_id: str
    raw: bytes


def _body(run: _Pass, records: list[bytes]) -> _Body:
    """The envelope (sync.md B2) with the already encoded records spliced in."""
    skew = run.client.last_skew_s or 0.0
    envelope = {
        "protocol": protocol.PROTOCOL,
        "batch_id": str(uuid.uuid4()),
        "counter_id": counter_id(run.config),
        "MaDonVi": run.config.agency_code,
        "sent_at": iso_vn(run.now),
        # sync.md B6: the server learns of a doubtful counter clock (0 while within limits).
        "clock_skew_s": round(skew) if abs(skew) > SKEW_WARNING_S else 0,
    }
    head = protocol.dumps(envelope)[:-1]  # without the closing brace
    raw = head + b',"records":[' + b",".join(records) + b"]}"
    return _Body(str(envelope["batch_id"]), raw)


def counter_id(config: CounterConfig) -> str:
    """The counter's name towards the city (``X-Counter-Id``): its number in the agency."""
    return str(config.counter)


def _send(run: _Pass, batch: list[PendingItem], body: _Body) -> None:
    run.report.requests += 1
    run.report.sent += len(batch)
    mark_sending(run.store, [item.outbox_id for item in batch], now=run.now)
    reply = run.client.post_batch_bytes(body.raw)
    outcomes = _outcomes(batch, reply.body)
    run.report.batches += 1
    counts = settle_outcomes(run.store, outcomes, batch_id=body.batch_id, now=run.now)
    run.report.acknowledged += counts.acknowledged
    run.report.rejected += counts.rejected
    run.report.retry_later += counts.retry_later
    run.report.stale += counts.stale
    note_retry(run.store, counts.retry_ids, error=RETRY_LATER, next_at=None)


def _outcomes(batch: list[PendingItem], body: Any) -> list[RecordOutcome]:
    """Each item's outcome; a record the reply does not mention is retried later."""
    results = _results_by_key(body)
    outcomes = []
    for item in batch:
        result = results.get(item.key)
        if result is None:
            outcomes.append(RecordOutcome(item, RETRY_LATER))
            continue
        errors = tuple(error.to_json() for error in result.errors)
        outcomes.append(RecordOutcome(item, result.outcome.value, result.ma_ho_so, errors))
    return outcomes


def _results_by_key(body: Any) -> dict[str, protocol.RecordResult]:
    raw = body.get("results") if isinstance(body, Mapping) else body
    if not isinstance(raw, list):
        raise SyncReplyInvalidError("results")
    found = {}
    for entry in raw:
        try:
            result = protocol.RecordResult.from_json(entry)
        except (KeyError, ValueError, TypeError):
            raise SyncReplyInvalidError("result") from None
        found[result.idempotency_key] = result
    return found


# --- pull ---------------------------------------------------------------------------------


def _pull(run: _Pass) -> None:
    """Status pages until the city has no more (or the pass's page budget is spent)."""
    cursor = pull_cursor(run.store)
    for _ in range(run.settings.pages_per_pass):
        run.report.requests += 1
        body = run.client.get_changes(cursor, run.settings.pull_limit).body
        if not isinstance(body, Mapping) or not isinstance(body.get("items"), list):
            raise SyncReplyInvalidError("changes")
        changes = [parse_change(item) for item in body["items"] if isinstance(item, Mapping)]
        cursor = str(body.get("next_cursor") or cursor)
        counts = apply_changes_page(run.store, changes, cursor=cursor, now=run.now)
        run.report.statuses_updated += counts.statuses_updated
        run.report.due_dates_later += counts.due_dates_later
        if not body.get("has_more"):
            return


# --- catalogue ----------------------------------------------------------------------------


def _catalogue(run: _Pass) -> None:
    """Ask for the city's catalogue when the last check is older than the interval."""
    if not _catalogue_due(run):
        return
    run.report.requests += 1
    reply = run.client.get_catalogue(catalogue_etag(run.store))
    if reply.status == 304 or not isinstance(reply.body, Mapping):
        note_catalogue_unchanged(run.store, now=run.now)
        return
    procedures = reply.body.get("procedures")
    if not isinstance(procedures, list) or not procedures:  # never install an empty catalogue
        run.report.catalogue_error = SyncReplyInvalidError.code
        note_catalogue_unchanged(run.store, now=run.now)
        return
    try:
        installed = install_city_catalogue(
            run.store, procedures,
            city_version=str(reply.body.get("version", "")),
            etag=reply.headers.get("ETag", ""), now=run.now,
        )  # fmt: skip
    except CatalogueInvalidError as error:
        run.report.catalogue_error = error.code
        note_catalogue_unchanged(run.store, now=run.now)
        return
    run.report.catalogue_updated = installed is not None


def _catalogue_due(run: _Pass) -> bool:
    checked = catalogue_checked_at(run.store)
    if checked is None:
        return True
    age = (run.now - datetime.fromisoformat(checked)).total_seconds()
    return age >= run.settings.catalogue_interval_s or age < 0
