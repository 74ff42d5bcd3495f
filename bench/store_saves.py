"""Saves on the encrypted and the plain store, interleaved: the comparison of one run.

A shared machine has slow phases seconds long; timing all the encrypted saves and then all the
plain ones would charge a phase to one kind only. Here both stores are open together and take
turns, ``ROUNDS`` rounds of ``SAVES / ROUNDS`` saves each, so a phase hits both alike.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta
from datetime import time as day_time
from pathlib import Path

from counter_app.domain.dossier import Applicant, ApplicantKind, IdType, Intake
from counter_app.services.clock import now_vn
from counter_app.services.clock_check import clock_state
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store

SEED = 20261125
SAVES = 300  # per store
ROUNDS = 6  # turns per store: 50 saves each, encrypted first, then plain, and again
MORNING = day_time(8, 0)  # a kept store's next run saves from this time of the next day


def _save_base(store: Store) -> datetime:
    """Now, or the morning after the newest dossier when a kept store holds an earlier run's
    saves: intake refuses a clock behind the newest receipt, and a day has only so many codes
    for the counter (a new day, a new range)."""
    now = now_vn()
    newest = clock_state(store, now=now).newest_received_at
    if newest is None or datetime.fromisoformat(newest) < now:
        return now
    next_day = datetime.fromisoformat(newest).date() + timedelta(days=1)
    return datetime.combine(next_day, MORNING, tzinfo=now.tzinfo)


class _Saver:
    """One store's ``receive_dossier`` calls, timed one by one (milliseconds)."""

    def __init__(self, store: Store) -> None:
        self.store, self.rng, self.base = store, random.Random(SEED), _save_base(store)
        self.samples: list[float] = []

    def save(self) -> None:
        applicant = Applicant(
            kind=ApplicantKind.CITIZEN,
            id_type=IdType.PERSONAL_ID,
            id_number=f"001180{self.rng.randrange(1_000_000):06d}",
            full_name="Phạm Thị Bench",
            date_of_birth="1980-01-01",
            sex="female",
            address="Số 1 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        )
        intake = Intake(procedure_code="2.000815", applicant=applicant)
        now = self.base + timedelta(seconds=len(self.samples))
        start = time.perf_counter()
        receive_dossier(self.store, intake, clerk="bench", now=now)
        self.samples.append((time.perf_counter() - start) * 1000)


def interleaved_saves(encrypted: Path, plain: Path) -> dict[bool, list[float]]:
    """Save times per kind (True: encrypted), each store opened once and saving in turns."""
    stores = {True: open_store(encrypted), False: open_store(plain)}
    try:
        savers = {kind: _Saver(store) for kind, store in stores.items()}
        for _ in range(ROUNDS):
            for saver in savers.values():
                for _ in range(SAVES // ROUNDS):
                    saver.save()
        return {kind: saver.samples for kind, saver in savers.items()}
    finally:
        for store in stores.values():
            store.close()


def percentile(samples: list[float], pct: int) -> float:
    return statistics.quantiles(samples, n=100)[pct - 1]


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "save50": statistics.median(samples),
        "save95": percentile(samples, 95),
        "save99": percentile(samples, 99),
        "savemax": max(samples),
    }
