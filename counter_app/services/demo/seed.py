"""Demonstration data: a store filled with realistic, synthetic dossiers for training and benches.

Every person is a random combination of common Vietnamese family, middle and given names, a
random ID number of the right shape (province, sex and century digit, birth year, then six
random digits: never looked up anywhere) and a made-up Hà Nội address, so no real person is
described. Dossiers are spread over working days and office hours, with statuses that follow
their age (old ones mostly returned, recent ones received, in process or ready).

Rows are built in memory and written in batches (storage/seed.py), one transaction and one
``demo.seed`` audit row per batch, into the same tables a real intake writes; a real intake's
per-dossier fsync would make a million dossiers take hours. Deterministic for a given seed,
store and ``now``.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
import uuid as uuid_module
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from counter_app.domain.calendar import WorkCalendar
from counter_app.domain.dossier import Channel, IdType, Status
from counter_app.domain.dossier_code import format_code, log_book_name
from counter_app.domain.due_date import compute_due
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.calendar.work_days import load_calendar
from counter_app.services.catalogue import list_procedures
from counter_app.services.demo import people
from counter_app.services.demo.days import (
    MAX_DAYS,
    SESSION_SECONDS,
    PlannedDay,
    plan_days,
)
from counter_app.services.intake.receive import snapshot
from counter_app.services.settings.counter import CounterConfig, load_config
from counter_app.services.store.opening import Store
from counter_app.storage import seed as bulk
from counter_app.storage.audit import append_sealed_audit
from counter_app.storage.dossier_digest import iter_dossier_digests
from counter_app.storage.marks import DossierMark

MAX_COUNT = 5_000_000  # far above any bench; a bound so a typo cannot fill the disk
# Rows per transaction: large enough that the commit's fsync is noise, small enough that a
# batch (and the marks written before it) stays a few megabytes and the progress bar moves.
BATCH_ROWS = 10_000
# Without --days, days are added (back from today) until they hold the count at this share
# of the counter's daily range, so the random spread per day rarely meets the range's end.
# Outcomes at intake and later moves (ward practice, rough): most dossiers are received.
REFUSED_SHARE = 0.01
SUPPLEMENT_SHARE = 0.03
WITHDRAWN_SHARE = 0.005
UNCOLLECTED_SHARE = 0.03  # results ready that nobody came back for
PROXY_SHARE = 0.05
TWO_SETS_SHARE = 0.1
SYNC_DELAY_MINUTES = (1, 30)  # the city acknowledges a dossier within minutes
# Procedures by field: certifications and civil status make most of a ward counter's day.
FIELD_WEIGHTS = {"Chứng thực": 4.0, "Hộ tịch": 2.5}
OTHER_FIELD_WEIGHT = 0.3
CODE_WEIGHTS = {"2.000815": 5.0, "2.000884": 2.0, "1.001193": 2.0, "1.004873": 2.0}
CLERKS = ("clerk:demo-lan", "clerk:demo-minh", "clerk:demo-hoa")
REFUSAL_REASONS = ("Thủ tục không thuộc thẩm quyền giải quyết của phường.",)
SUPPLEMENT_REASONS = (
    "Thiếu giấy tờ chứng minh nơi cư trú.",
    "Bản sao chưa kèm bản chính để đối chiếu.",
    "Tờ khai chưa ghi đủ thông tin.",
)
WITHDRAWN_REASON = "Công dân xin rút hồ sơ."
CREATED_DETAILS = {
    outcome: json.dumps({"outcome": outcome, "acknowledged": []})
    for outcome in ("received", "supplement", "refused")
}


class DemoCountInvalidError(BadInputError):
    code = "DEMO_COUNT_INVALID"


class DemoDaysInvalidError(BadInputError):
    code = "DEMO_DAYS_INVALID"


class DemoNoProceduresError(EnvironmentProblem):
    code = "DEMO_NO_PROCEDURES"


@dataclass(frozen=True)
class SeedReport:
    count: int
    seed: int
    first_code: str
    last_code: str
    first_day: str
    last_day: str
    days: int  # working days that received dossiers


Progress = Callable[[int, int], None]


def seed_demo(
    store: Store,
    *,
    count: int,
    seed: int,
    actor: str,
    now: datetime,
    days: int | None = None,
    progress: Progress | None = None,
) -> SeedReport:
    """Fill the set-up store with ``count`` synthetic dossiers received before ``now``."""
    if not 1 <= count <= MAX_COUNT:
        raise DemoCountInvalidError(str(count))
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise DemoDaysInvalidError(str(days))
    now = now.astimezone(VN_TZ)
    config = load_config(store)
    calendar = load_calendar(store.folder)
    rng = random.Random(seed)
    plan = plan_days(store, config, calendar, count=count, days=days, now=now, rng=rng)
    seeder = _Seeder(store, config, calendar, _procedures(store), rng=rng, now=now)
    with bulk.bulk_cache(store):
        for planned in plan:
            seeder.add_day(planned)
            if len(seeder.batch.dossiers) >= BATCH_ROWS:
                seeder.flush(actor)
                if progress:
                    progress(seeder.written, count)
        seeder.flush(actor)
    if progress:
        progress(seeder.written, count)
    used = [p for p in plan if p.quota]
    return SeedReport(
        count=seeder.written,
        seed=seed,
        first_code=seeder.first_code,
        last_code=seeder.last_code,
        first_day=used[0].day.isoformat(),
        last_day=used[-1].day.isoformat(),
        days=len(used),
    )


def _procedures(store: Store) -> tuple[list[Procedure], list[float]]:
    """Active procedures and their cumulative weights (for ``bisect`` on a random number)."""
    procedures = list_procedures(store)
    if not procedures:
        raise DemoNoProceduresError("")
    weights = [
        FIELD_WEIGHTS.get(p.field, OTHER_FIELD_WEIGHT) * CODE_WEIGHTS.get(p.code, 1.0)
        for p in procedures
    ]
    return procedures, list(itertools.accumulate(weights))


class _Seeder:
    """Builds the rows of each planned day into the current batch and writes batches."""

    def __init__(
        self,
        store: Store,
        config: CounterConfig,
        calendar: WorkCalendar,
        procedures: tuple[list[Procedure], list[float]],
        *,
        rng: random.Random,
        now: datetime,
    ) -> None:
        self.store, self.config, self.calendar, self.rng, self.now = (
            store, config, calendar, rng, now,
        )  # fmt: skip
        self.procedures, self.cumulative = procedures
        last_dossier, last_applicant = bulk.last_ids(store)
        self.dossier_ids = itertools.count(last_dossier + 1)
        self.people = people.PeopleMaker(
            rng,
            taken=bulk.known_id_numbers(store, IdType.PERSONAL_ID.value),
            first_id=last_applicant + 1,
        )
        self.log_lines = bulk.log_book_lines(store)
        self.batch, self.marks = bulk.SeedRows(), list[DossierMark]()
        self.written, self.first_code, self.last_code = 0, "", ""
        self.day_numbers: dict[str, int] = {}
        self.number = 0  # the code number of the dossier being built

    def add_day(self, planned: PlannedDay) -> None:
        draws = (self.rng.randrange(planned.open_seconds) for _ in range(planned.quota))
        clocks = sorted(_clock(offset) for offset in draws)
        for offset, seconds in enumerate(clocks, start=1):
            received = datetime(
                planned.day.year, planned.day.month, planned.day.day, tzinfo=VN_TZ
            ) + timedelta(seconds=seconds)
            self._add(planned.floor + offset, received, offset)

    def _add(self, number: int, received: datetime, ticket: int) -> None:
        rng, config = self.rng, self.config
        day = received.date()
        code = format_code(config.agency_code, day, number, config.code_pattern)
        self.number = number
        procedure = self.procedures[
            bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        ]
        dossier_id, stamp = next(self.dossier_ids), iso_vn(received)
        person = self._applicant(day, stamp)
        book = log_book_name(received.year, config.counter)
        line = self.log_lines.get(book, 0) + 1
        self.log_lines[book] = line
        outcome, reason = _outcome(rng)
        due_at = (
            iso_vn(compute_due(procedure, received, self.calendar).due_at)
            if outcome == "received"
            else None
        )
        dossier_uuid = str(uuid_module.UUID(int=rng.getrandbits(128), version=4))
        clerk = CLERKS[rng.randrange(len(CLERKS))]
        row = {
            "code": code, "version": 1, "status": _OUTCOME_STATUS[outcome],
            "channel": int(Channel.COUNTER), "receiving_agency": config.agency_code,
            "competent_agency": config.competent_agency or config.agency_code,
            "counter": config.counter, "procedure_code": procedure.code,
            "catalogue_version": procedure.catalogue_version, "applicant_kind": "citizen",
            "id_type": IdType.PERSONAL_ID.value, "id_number": person.id_number,
            "full_name": person.full_name, "applicant": person.details,
            "proxy": self.people.proxy_json(day) if rng.random() < PROXY_SHARE else None,
            "phone": "", "email": "", "documents": people.documents_json(procedure, rng),
            "sets": 2 if rng.random() < TWO_SETS_SHARE else 1, "fee_vnd": procedure.fee_vnd,
            "fee_exemption": "", "received_at": stamp, "received_day": day.isoformat(),
            "notes": "", "clerk": clerk, "queue_ticket": f"{ticket:03d}",
            "form_set": config.form_set, "outcome_reason": reason, "updated_at": stamp,
            "folded_name": person.folded_name, "folded_address": person.folded_address,
            "uuid": dossier_uuid, "due_at": due_at, "log_book": book, "log_line": line,
            "applicant_id": person.applicant_id,
        }  # fmt: skip
        self._record(dossier_id, row, outcome, received)

    def _applicant(self, day: date, stamp: str) -> people.Person:
        """A new person is inserted; a returning one has their row's visit time raised."""
        person, new = self.people.visitor(day)
        if new:
            self.batch.applicants.append(
                (person.applicant_id, IdType.PERSONAL_ID.value, person.id_number,
                 person.full_name, person.details, stamp)
            )  # fmt: skip
        else:
            self.batch.applicant_visits.append((stamp, person.applicant_id))
        return person

    def _record(
        self, dossier_id: int, row: dict[str, object], outcome: str, received: datetime
    ) -> None:
        """The rows a real intake writes, then the later statuses as the city sends them."""
        batch, stamp, clerk = self.batch, str(row["received_at"]), str(row["clerk"])
        batch.versions.append((dossier_id, 1, stamp, clerk, snapshot(row)))
        if row["due_at"] is not None:
            batch.due_dates.append((dossier_id, row["due_at"], "original", stamp, clerk))
        batch.events.append(
            (dossier_id, stamp, clerk, "created", None, row["status"], row["outcome_reason"],
             CREATED_DETAILS[outcome], "local")
        )  # fmt: skip
        synced = received + timedelta(minutes=self.rng.uniform(*SYNC_DELAY_MINUTES))
        key = f"{row['uuid']}:1"
        if synced <= self.now:
            done = iso_vn(synced)
            batch.outbox.append((dossier_id, 1, key, stamp, "acked", 1, done))
            row.update(first_synced_at=done, synced_version=1, returned_at=None)
            self._city_statuses(dossier_id, row, received)
        else:
            batch.outbox.append((dossier_id, 1, key, stamp, "pending", 0, None))
            row.update(first_synced_at=None, synced_version=0, returned_at=None)
        row["id"] = dossier_id
        batch.dossiers.append(tuple(row[name] for name in bulk.DOSSIER_COLUMNS))
        self._note_code(str(row["code"]), str(row["uuid"]), received)

    def _city_statuses(self, dossier_id: int, row: dict[str, object], received: datetime) -> None:
        if row["due_at"] is None:
            return
        due = datetime.fromisoformat(str(row["due_at"]))
        for at, before, after, reason in _later_moves(self.rng, received, due, self.now):
            stamp = iso_vn(at)
            self.batch.events.append(
                (dossier_id, stamp, "city", "city_status", before, after, reason, "{}", "city")
            )
            row.update(status=after, updated_at=stamp)
            if after == Status.RETURNED:
                row["returned_at"] = stamp

    def _note_code(self, code: str, dossier_uuid: str, received: datetime) -> None:
        day, number = received.date().isoformat(), self.number
        self.marks.append(DossierMark(dossier_uuid, code, 1, day))
        self.day_numbers[day] = max(self.day_numbers.get(day, 0), number)
        self.first_code = self.first_code or code
        self.last_code = code

    def flush(self, actor: str) -> None:
        """Write the batch: marks first (a failed batch leaves gaps), then one transaction."""
        batch = self.batch
        if not batch.dossiers:
            return
        counter = self.config.counter
        batch.code_numbers = [(day, counter, n) for day, n in self.day_numbers.items()]
        batch.log_lines = list(self.log_lines.items())
        codes = [str(row[2]) for row in (batch.dossiers[0], batch.dossiers[-1])]
        details = {"count": len(batch.dossiers), "first_code": codes[0], "last_code": codes[1]}
        ids = (int(batch.dossiers[0][0]), int(batch.dossiers[-1][0]))
        with self.store.action() as db:
            self.store.reserve_many(code_numbers=batch.code_numbers, marks=self.marks)
            bulk.insert_batch(db, batch)
            append_sealed_audit(
                db, at=iso_vn(self.now), actor=actor, action="demo.seed", subject="demo",
                details=details, sealed=iter_dossier_digests(db, first_id=ids[0], last_id=ids[1]),
            )  # fmt: skip
        self.written += len(batch.dossiers)
        self.batch, self.marks, self.day_numbers = bulk.SeedRows(), [], {}


_OUTCOME_STATUS = {
    "received": int(Status.RECEIVED),
    "supplement": int(Status.SUPPLEMENT_REQUESTED),
    "refused": int(Status.REFUSED),
}


def _outcome(rng: random.Random) -> tuple[str, str]:
    draw = rng.random()
    if draw < REFUSED_SHARE:
        return "refused", rng.choice(REFUSAL_REASONS)
    if draw < REFUSED_SHARE + SUPPLEMENT_SHARE:
        return "supplement", rng.choice(SUPPLEMENT_REASONS)
    return "received", ""


def _clock(offset: int) -> int:
    """Seconds since midnight of the ``offset``-th office second of the day."""
    for start, end in SESSION_SECONDS:
        if offset < end - start:
            return start + offset
        offset -= end - start
    return SESSION_SECONDS[-1][1]


def _later_moves(
    rng: random.Random, received: datetime, due: datetime, now: datetime
) -> Sequence[tuple[datetime, int, int, str]]:
    """In process, result ready, returned (or withdrawn): the moves already past at ``now``."""
    span = max(due - received, timedelta(minutes=30))
    in_process = received + span * rng.uniform(0.02, 0.2)
    ready = received + span * rng.uniform(0.5, 0.98)
    moves = [(in_process, 2, 4, "")]
    if rng.random() < WITHDRAWN_SHARE:
        moves.append((in_process + (ready - in_process) / 2, 4, 7, WITHDRAWN_REASON))
    else:
        moves.append((ready, 4, 9, ""))
        if rng.random() >= UNCOLLECTED_SHARE:
            late = timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 5)), minutes=rng.uniform(0, 90))
            moves.append((max(due, ready) + late, 9, 10, ""))
    return [move for move in moves if move[0] <= now]
