"""Receiving a dossier at the counter: one transaction for the row, its code, its log line,
its first version, its due date, its event, its outbox entry and its audit row.

The code number is taken inside that transaction and raised first in the marks file kept
outside the store, so neither a crash nor a restore can hand the same number out twice
(dossier.md §2; a number lost to a failed save is a gap, and gaps are normal).
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from counter_app.domain.dossier import Dossier, Intake, Outcome
from counter_app.domain.dossier_code import (
    format_code,
    log_book_name,
    next_number,
    old_log_book_name,
)
from counter_app.domain.due_date import DueDate
from counter_app.domain.field_text import NumberOutOfRangeError as InvalidIntakeError
from counter_app.domain.findings import Finding, Severity
from counter_app.domain.intake_values import clean_intake
from counter_app.domain.procedure import Procedure
from counter_app.domain.text import fold
from counter_app.domain.vn_time import VN_TZ, iso_vn
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.backup.city_recovery import refuse_reentry
from counter_app.services.calendar.notice import warnings_to_show
from counter_app.services.calendar.work_days import due_date_for
from counter_app.services.catalogue import lookup_procedure
from counter_app.services.clock_check import receipt_blocking_intake
from counter_app.services.settings.counter import CounterConfig, load_config
from counter_app.services.store.opening import Store
from counter_app.services.syncing.overdue import refuse_intake_if_overdue
from counter_app.services.syncing.settings import load_sync_settings
from counter_app.storage import dossiers as rows
from counter_app.storage import sequences
from counter_app.storage.applicants import upsert_applicant
from counter_app.storage.audit import append_audit
from counter_app.storage.marks import DossierMark
from counter_app.storage.outbox import enqueue
from counter_app.storage.portraits import StoredPortrait, insert_portrait


class ClockBehindError(EnvironmentProblem):
    """The PC clock is earlier than the newest stored receipt: codes and dates would be wrong."""

    code = "CLOCK_BEHIND"


class BlockingFindingsError(BadInputError):
    """Findings that stop a save; ``codes`` names each (codes only, never the values)."""

    def __init__(self, detail: str = "", codes: Iterable[str] = ()) -> None:
        self.codes = tuple(codes) or tuple(c for c in detail.split(",") if c)
        super().__init__(detail or ",".join(self.codes))


class FindingNotAcknowledgedError(BlockingFindingsError):
    """A CONFIRM finding on the applicant's identity was not acknowledged by the clerk."""

    code = "FINDING_NOT_ACKNOWLEDGED"


class IdentityIncompleteError(BlockingFindingsError):
    """An identity field is unusable (an ERROR finding): it must be typed before saving."""

    code = "IDENTITY_INCOMPLETE"


class OutcomeReasonRequiredError(BadInputError):
    """A supplement request or a refusal must say why (the printed form carries it)."""

    code = "OUTCOME_REASON_REQUIRED"


def blocking_findings(
    findings: Iterable[Finding], acknowledged: Iterable[str]
) -> tuple[list[Finding], list[Finding]]:
    """(ERROR findings, CONFIRM findings not acknowledged): what stops a dossier's save.

    The one statement of the rule; the intake screen asks it to know which field to focus.
    """
    ack = set(acknowledged)
    listed = list(findings)
    errors = [f for f in listed if f.severity is Severity.ERROR]
    unticked = [f for f in listed if f.severity is Severity.CONFIRM and f.code.value not in ack]
    return errors, unticked


def check_findings(findings: Iterable[Finding], acknowledged: Iterable[str]) -> list[Finding]:
    """Refuse ERROR findings, then unacknowledged CONFIRM ones, naming every one of them;
    return the findings kept (CONFIRM acknowledged, WARN, INFO)."""
    listed = list(findings)
    errors, unticked = blocking_findings(listed, acknowledged)
    if errors:
        raise IdentityIncompleteError(codes=[f.code.value for f in errors])
    if unticked:
        raise FindingNotAcknowledgedError(codes=[f.code.value for f in unticked])
    return listed


def receive_dossier(
    store: Store,
    intake: Intake,
    *,
    clerk: str,
    now: datetime,
    portrait: StoredPortrait | None = None,
) -> Dossier:
    """Save a new dossier with its code and due date; return it as stored.

    ``portrait``: the chip's portrait, given only where the ward keeps them (intake settings);
    saved in the same transaction as the dossier.
    """
    intake = clean_intake(intake)  # every way in meets the same cleaning and limits
    check_findings(intake.findings, intake.acknowledged)  # the window and the CLI alike
    _check_intake(intake)
    refuse_reentry(store, intake)  # after a restore: never a second copy of a recovered dossier
    refuse_intake_if_overdue(store, now=now)  # only when IT configured a block (docs/SYNC.md)
    procedure = lookup_procedure(intake.procedure_code, store)
    now = now.astimezone(VN_TZ)
    due_at = _first_due_at(store, procedure, intake, now)
    dossier_uuid = str(uuid_module.uuid4())
    with store.action() as db:
        config = load_config(store)
        _refuse_clock_behind(store, now)
        code, number = _take_code(store, config, now.date(), dossier_uuid)
        row = _dossier_row(intake, procedure, config, now=now, clerk=clerk, code=code)
        row.update(uuid=dossier_uuid, due_at=due_at, log_book=_log_book(config, now))
        sequences.continue_log_book(
            db, old=old_log_book_name(now.year, config.counter), new=row["log_book"]
        )
        row["log_line"] = sequences.next_log_line(db, row["log_book"])
        row["applicant_id"] = upsert_applicant(db, intake.applicant, at=iso_vn(now))
        dossier_id = rows.insert_dossier(db, row)
        if portrait is not None:
            insert_portrait(db, dossier_id, portrait, at=iso_vn(now))
        _record_creation(store, dossier_id, row, intake, now=now, clerk=clerk, number=number)
    stored = rows.get_dossier_by_uuid(store, dossier_uuid)
    assert stored is not None  # just committed
    return stored


def preview_due_date(store: Store, procedure_code: str, received_at: datetime) -> DueDate:
    """The appointment a dossier received at ``received_at`` would get, with its warnings
    (e.g. CALENDAR_UNCONFIRMED): shown live while the clerk fills the form, and after saving.

    An unconfirmed year is told on the day this counter first meets it, not on every intake
    (``calendar_notice``)."""
    procedure = lookup_procedure(procedure_code, store)
    due = due_date_for(procedure, received_at.astimezone(VN_TZ), folder=store.folder)
    return warnings_to_show(store, due, now=received_at)


def _check_intake(intake: Intake) -> None:
    if intake.outcome is not Outcome.RECEIVED and not intake.outcome_reason.strip():
        raise OutcomeReasonRequiredError("")
    if not 1 <= intake.sets <= 99 or (intake.fee_vnd is not None and intake.fee_vnd < 0):
        raise InvalidIntakeError("")
    if any(d.originals < 0 or d.copies < 0 for d in intake.documents):
        raise InvalidIntakeError("")


def _first_due_at(store: Store, procedure: Procedure, intake: Intake, now: datetime) -> str | None:
    """Only a received dossier has an appointment; a supplement or refusal starts no clock."""
    if intake.outcome is not Outcome.RECEIVED:
        return None
    return iso_vn(due_date_for(procedure, now, folder=store.folder).due_at)


def _refuse_clock_behind(store: Store, now: datetime) -> None:
    """No code while a receipt not voided is later than the clock (services/clock_check.py
    has the rule and the supervisor's confirmation that lifts it)."""
    if receipt_blocking_intake(store, now) is not None:
        raise ClockBehindError("")


def _take_code(
    store: Store, config: CounterConfig, day: date, dossier_uuid: str
) -> tuple[str, int]:
    day_key = day.isoformat()
    floor = sequences.next_code_floor(store, store.marks, day_key, config.counter)
    number = next_number(config.code_range, floor)
    code = format_code(config.agency_code, day, number, config.code_pattern)
    # Raise the mark before the store commits: a failed save leaves a gap, never a reuse.
    mark = DossierMark(dossier_uuid, code, 1, day_key)
    store.reserve(day=day_key, counter=config.counter, number=number, mark=mark)
    sequences.save_code_number(store, day_key, config.counter, number)
    return code, number


def _log_book(config: CounterConfig, now: datetime) -> str:
    """One tracking-log book per counter and year (quyển số): a separate sequence from codes."""
    return log_book_name(now.year, config.counter)


def _dossier_row(
    intake: Intake,
    procedure: Procedure,
    config: CounterConfig,
    *,
    now: datetime,
    clerk: str,
    code: str,
) -> dict[str, Any]:
    applicant = intake.applicant
    stamp = iso_vn(now)
    return {
        "code": code,
        "version": 1,
        "status": int(intake.outcome.status),
        "channel": int(intake.channel),
        "receiving_agency": config.agency_code,
        "competent_agency": intake.competent_agency
        or config.competent_agency
        or config.agency_code,
        "counter": config.counter,
        "procedure_code": procedure.code,
        "catalogue_version": procedure.catalogue_version,
        "applicant_kind": applicant.kind.value,
        "id_type": applicant.id_type.value,
        "id_number": applicant.id_number,
        "full_name": applicant.full_name,
        "applicant": json.dumps(applicant.to_json(), ensure_ascii=False),
        "proxy": json.dumps(intake.proxy.to_json(), ensure_ascii=False) if intake.proxy else None,
        "phone": applicant.phone,
        "email": applicant.email,
        "documents": json.dumps([d.to_json() for d in intake.documents], ensure_ascii=False),
        "sets": intake.sets,
        "fee_vnd": procedure.fee_vnd if intake.fee_vnd is None else intake.fee_vnd,
        "fee_exemption": intake.fee_exemption,
        "received_at": stamp,
        "received_day": now.date().isoformat(),
        "notes": intake.notes,
        "clerk": clerk,
        "queue_ticket": intake.queue_ticket,
        "form_set": config.form_set,
        "outcome_reason": intake.outcome_reason,
        "updated_at": stamp,
        "folded_name": fold(applicant.full_name),
        "folded_address": fold(applicant.address),
    }


def _record_creation(
    store: Store,
    dossier_id: int,
    row: dict[str, Any],
    intake: Intake,
    *,
    now: datetime,
    clerk: str,
    number: int,
) -> None:
    db, stamp = store, iso_vn(now)
    rows.insert_version(
        db, dossier_id=dossier_id, version=1, at=stamp, actor=clerk, snapshot=snapshot(row)
    )
    if row["due_at"] is not None:
        rows.insert_due_date(
            db,
            dossier_id=dossier_id,
            due_at=row["due_at"],
            reason="original",
            at=stamp,
            actor=clerk,
        )
    rows.insert_event(
        db,
        dossier_id=dossier_id,
        at=stamp,
        actor=clerk,
        kind="created",
        to_status=row["status"],
        reason=intake.outcome_reason,
        details={"outcome": intake.outcome.value, "acknowledged": sorted(intake.acknowledged)},
    )
    if _goes_to_the_city(store, intake):
        enqueue(db, dossier_id=dossier_id, uuid=row["uuid"], version=1, at=stamp)
    details = {
        "status": row["status"],
        "procedure": row["procedure_code"],
        "version": 1,
        "number": number,
        "acknowledged": sorted(intake.acknowledged),
    }
    append_audit(
        db, at=stamp, actor=clerk, action="dossier.create", subject=row["code"], details=details,
        dossier_id=dossier_id,
    )  # fmt: skip


def snapshot(row: dict[str, Any]) -> str:
    """The saved version as JSON (personal data: stays in the encrypted store)."""
    keep = {k: v for k, v in row.items() if not k.startswith("folded_")}
    return json.dumps(keep, ensure_ascii=False, sort_keys=True)


def _goes_to_the_city(store: Store, intake: Intake) -> bool:
    """Every dossier is sent, but a refusal at intake when the ward chose to keep those here
    (``sync.send_refused_at_intake``, dossier.md §4)."""
    if intake.outcome is not Outcome.REFUSED:
        return True
    return load_sync_settings(store).send_refused_at_intake
