"""Unsynced records: the warning after ``sync.warn_unsynced_after_h``, and the intake block that
only IT turns on (``sync.block_intake_after_h``)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from counter_app.cli import main
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.syncing.outbox import (
    ACCEPTED,
    REJECTED,
    RecordOutcome,
    next_pending,
    settle_outcomes,
)
from counter_app.services.syncing.overdue import (
    DEFAULT_WARN_AFTER_H,
    SyncLimitInvalidError,
    SyncOverdueIntakeBlockedError,
    load_limits,
    save_limits,
    unsynced_state,
)
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

T0 = vn(2026, 11, 2, 8, 0)


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def receive(store: Store, at: datetime, n: int = 0) -> None:
    person = citizen(name=f"Lê Thị Hồng {n}", id_number=f"00118{n:07d}")
    receive_dossier(store, intake(person), clerk=CLERK, now=at)


def settle_all(store: Store, outcome: str) -> None:
    items = next_pending(store, after_id=0, limit=100)
    results = [RecordOutcome(item, outcome) for item in items]
    settle_outcomes(store, results, batch_id="b", now=T0 + timedelta(days=9))


def limit(store: Store, *, warn: object = None, block: object = None) -> None:
    save_limits(store, warn_after_h=warn, block_intake_after_h=block, actor="it", now=T0)


def test_defaults_warn_after_a_day_and_never_block(store: Store) -> None:
    limits = load_limits(store.db)
    assert limits.warn_after_h == DEFAULT_WARN_AFTER_H == 24 and limits.block_intake_after_h is None
    state = unsynced_state(store, now=T0)
    assert state.oldest_pending_at is None and not state.warning and not state.intake_blocked


def test_the_warning_follows_the_oldest_pending_record(store: Store) -> None:
    receive(store, T0)
    receive(store, T0 + timedelta(hours=20), 1)
    early = unsynced_state(store, now=T0 + timedelta(hours=23))
    assert early.oldest_pending_at == "2026-11-02T08:00:00+07:00" and not early.warning
    late = unsynced_state(store, now=T0 + timedelta(hours=25))
    assert late.warning and late.age_h == 25 and not late.intake_blocked
    limit(store, warn=48)
    assert not unsynced_state(store, now=T0 + timedelta(hours=25)).warning


def test_without_a_block_intake_goes_on_however_old_the_outbox(store: Store) -> None:
    receive(store, T0)
    receive(store, T0 + timedelta(days=30), 1)
    assert unsynced_state(store, now=T0 + timedelta(days=30)).warning


def test_a_configured_block_refuses_intake_until_the_city_has_the_records(store: Store) -> None:
    limit(store, block=48)
    receive(store, T0)
    receive(store, T0 + timedelta(hours=47), 1)
    with pytest.raises(SyncOverdueIntakeBlockedError) as refused:
        receive(store, T0 + timedelta(hours=49), 2)
    assert refused.value.exit_status == 3 and str(refused.value) == refused.value.code
    assert len(next_pending(store, after_id=0, limit=100)) == 2  # nothing was written
    settle_all(store, ACCEPTED)
    receive(store, T0 + timedelta(hours=50), 2)


def test_rejected_records_wait_in_attention_and_do_not_block(store: Store) -> None:
    limit(store, block=1)
    receive(store, T0)
    settle_all(store, REJECTED)
    receive(store, T0 + timedelta(hours=5), 1)


def test_zero_turns_the_block_off(store: Store) -> None:
    limit(store, block=1)
    receive(store, T0)
    limit(store, block=0)
    assert load_limits(store.db).block_intake_after_h is None
    receive(store, T0 + timedelta(hours=5), 1)


@pytest.mark.parametrize(
    ("warn", "block"),
    [("0", None), ("-1", None), ("abc", None), ("nan", None), (None, "-2"), (None, "9000")],
)
def test_limits_out_of_range_are_refused(store: Store, warn: object, block: object) -> None:
    with pytest.raises(SyncLimitInvalidError):
        limit(store, warn=warn, block=block)
    assert load_limits(store.db) == load_limits(store.db).__class__()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_commands_set_limits_and_status_shows_the_warning_and_the_block(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    receive(store, T0)  # long before the real clock of any run of this test
    status, out, _ = run(capsys, "sync", "limits", "--warn-after", "12", "--json")
    assert status == 0 and json.loads(out) == {
        "ok": True, "warn_unsynced_after_h": 12.0, "block_intake_after_h": None}  # fmt: skip
    shown = json.loads(run(capsys, "sync", "status", "--json")[1])
    assert shown["oldest_pending_at"] == "2026-11-02T08:00:00+07:00" and shown["unsynced_warning"]
    assert not shown["intake_blocked"] and shown["warn_unsynced_after_h"] == 12
    assert "Warning: dossiers unsent since 2026-11-02" in run(capsys, "sync", "status")[1]

    assert run(capsys, "sync", "limits", "--block-intake-after", "24")[0] == 0
    assert json.loads(run(capsys, "sync", "status", "--json")[1])["intake_blocked"]
    assert "intake is paused. Call IT" in run(capsys, "sync", "status")[1]
    status, _, err = run(capsys, "sync", "limits", "--block-intake-after", "soon")
    assert status == 2 and "SYNC_LIMIT_INVALID" in err
