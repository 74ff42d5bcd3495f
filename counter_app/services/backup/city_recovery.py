"""After a restore: rebuild from the city's copies the dossiers the backup lacked, and keep
clerks from typing them again.

The city holds the record of the last version of each dossier it received, with the
counter's own copy of every field (``sync/counter_copy.py``); ``sync/recovery.py`` asks for it.
Here, in one audited transaction, each copy becomes a dossier again under its code, uuid,
version and dates, acknowledged (the city holds that very version: nothing is sent again).
What a copy cannot carry is said, never invented: the earlier versions, the events before
the recovery and the register of printed forms stay with the lost data.

Re-entry rule (docs/STORE.md): a new intake with the ID number and procedure of a recovered,
not voided dossier is refused with its code; while the city is configured and has not yet
answered about some loss, a new intake must be confirmed (``RECOVERY_PENDING``) or waits for
the next sync, which asks first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from counter_app.domain.dossier import Dossier, Intake
from counter_app.domain.text import fold
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.backup.restore_marks import lost_dossiers
from counter_app.services.store.opening import Store
from counter_app.services.syncing.settings import load_sync_settings
from counter_app.storage import city_recovery as answers
from counter_app.storage import dossiers as rows
from counter_app.storage import sequences
from counter_app.storage.applicants import upsert_applicant
from counter_app.storage.audit import append_audit
from counter_app.storage.marks import DossierMark

PENDING_ACK = "RECOVERY_PENDING"  # what a clerk confirms to save while the city has not answered
RECOVERED_EVENT = "recovered_from_city"
# What a rebuilt dossier lacks: said in its event and audit row, and by ``sync recover``.
NOT_RECOVERED = ("earlier_versions", "events", "printed_forms")
NOTICE_FOR = timedelta(days=1)  # the window tells the city's answer for a working day


class RecoveredDossierReenteredError(BadInputError):
    """This person's dossier for this procedure was recovered from the city: open it instead
    (detail: its code, which is no personal data)."""

    code = "REENTRY_OF_RECOVERED_DOSSIER"


class RecoveryPendingError(BadInputError):
    """A restore took dossiers back and the city has not yet said which it holds."""

    code = "RECOVERY_PENDING"


@dataclass(frozen=True)
class CityCopy:
    """A lost dossier as the city gave it back."""

    dossier: Dossier  # from the counter's copy in the city's record (id 0)
    city_code: str  # MaHoSo at the city
    first_received_at: str | None  # ISO; when the city first had it (None: not said)
    cancelled_at: str | None  # ISO; the void the city holds (None: not cancelled)


@dataclass(frozen=True)
class Rebuilt:
    code: str
    uuid: str
    version: int
    log_line_moved: bool  # its tracking-log line was taken since the restore: a new one


@dataclass(frozen=True)
class RecoveryNotice:
    """What the window says after a restore (codes only): shown while some loss awaits the
    city, and for a day after the city answered."""

    awaiting: int  # losses the city has not answered about (0 when no city is set up)
    recovered: tuple[str, ...]  # codes taken back from the city in the last day
    to_reenter: tuple[str, ...]  # codes the city does not hold: re-enter from the papers
    held: tuple[str, ...] = ()  # at the city without a readable copy: never to be typed again


def recovery_notice(store: Store, *, now: datetime) -> RecoveryNotice:
    """One read of the marks' losses when no restore took anything (the usual case)."""
    if not store.marks.losses():
        return RecoveryNotice(0, (), ())
    recent = answers.answered_since(store, iso_vn(now - NOTICE_FOR))
    lost = {code for _, code in lost_dossiers(store)}
    awaiting = len(awaiting_city(store)) if load_sync_settings(store).url else 0

    def codes(kind: str) -> tuple[str, ...]:
        return tuple(code for code, outcome in recent if outcome == kind and code in lost)

    recovered = tuple(code for code, outcome in recent if outcome == answers.RECOVERED)
    return RecoveryNotice(awaiting, recovered, codes(answers.MISSING), codes(answers.HELD))


def awaiting_city(store: Store) -> list[tuple[str, str]]:
    """(uuid, code) of the losses the city has not answered about yet."""
    lost = lost_dossiers(store)
    known = answers.answered(store, [uuid for uuid, _ in lost])
    return [(uuid, code) for uuid, code in lost if uuid not in known]


def refuse_reentry(store: Store, intake: Intake) -> None:
    """The re-entry rule (module docstring); called before a new dossier is saved.

    A counter no restore took anything from pays one read of the marks' losses table.
    """
    if not store.marks.losses():
        return
    applicant = intake.applicant
    code = answers.recovered_code_for(
        store, id_number=applicant.id_number, procedure_code=intake.procedure_code
    )
    if code is not None:
        raise RecoveredDossierReenteredError(code)
    if PENDING_ACK in intake.acknowledged:
        return
    if load_sync_settings(store).url and awaiting_city(store):
        raise RecoveryPendingError("")


def rebuild_from_city(
    store: Store,
    copies: Sequence[CityCopy],
    *,
    asked: Sequence[tuple[str, str]],
    unreadable: Sequence[str],
    now: datetime,
) -> list[Rebuilt]:
    """Rebuild ``copies`` and note the city's answer for every (uuid, code) ``asked``."""
    stamp, done = iso_vn(now), []
    with store.action() as db:
        for copy in copies:
            if rows.get_dossier_by_uuid(db, copy.dossier.uuid) is None:
                done.append(_rebuild(store, copy, stamp))
        held = {c.dossier.uuid for c in copies}
        answers.note_answers(
            db, [(uuid, code, _outcome(uuid, held, unreadable)) for uuid, code in asked], at=stamp
        )
    return done


def _outcome(uuid: str, held: set[str], unreadable: Sequence[str]) -> str:
    if uuid in held:
        return answers.RECOVERED
    return answers.HELD if uuid in unreadable else answers.MISSING


def _rebuild(store: Store, copy: CityCopy, stamp: str) -> Rebuilt:
    dossier, db = copy.dossier, store
    row = _row(dossier, copy, stamp)
    moved = answers.log_line_taken(db, dossier.log_book, dossier.log_line)
    if moved:
        row["log_line"] = sequences.next_log_line(db, dossier.log_book)
    else:
        answers.raise_log_book(db, dossier.log_book, dossier.log_line)
    row["applicant_id"] = upsert_applicant(db, dossier.applicant, at=stamp)
    day = dossier.received_at[:10]
    store.reserve(day=day, counter=dossier.counter, number=None,
                  mark=DossierMark(dossier.uuid, dossier.code, dossier.version, day))  # fmt: skip
    dossier_id = rows.insert_dossier(db, row)
    _history(db, dossier_id, row, copy, stamp, moved=moved)
    return Rebuilt(dossier.code, dossier.uuid, dossier.version, moved)


def _row(dossier: Dossier, copy: CityCopy, stamp: str) -> dict[str, Any]:
    """The dossier's row as the store keeps it, acknowledged at its version."""
    applicant = dossier.applicant
    row = snapshot_row(dossier)
    row.update(
        official_code=copy.city_code if copy.city_code != dossier.code else dossier.official_code,
        voided_at=dossier.voided_at or copy.cancelled_at,
        first_synced_at=copy.first_received_at or stamp,
        synced_version=dossier.version,
        updated_at=stamp,
        received_day=dossier.received_at[:10],
        folded_name=fold(applicant.full_name),
        folded_address=fold(applicant.address),
    )
    return row


def snapshot_row(dossier: Dossier) -> dict[str, Any]:
    """The columns a dossier's values fill (the applicant and lists as the store's JSON)."""
    applicant = dossier.applicant
    names = [n for n in Dossier.__dataclass_fields__ if n not in ("id", "applicant", "proxy")]
    row: dict[str, Any] = {name: getattr(dossier, name) for name in names}
    row.update(
        applicant_kind=applicant.kind.value, id_type=applicant.id_type.value,
        id_number=applicant.id_number, full_name=applicant.full_name,
        applicant=json.dumps(applicant.to_json(), ensure_ascii=False),
        proxy=json.dumps(dossier.proxy.to_json(), ensure_ascii=False) if dossier.proxy else None,
        phone=applicant.phone, email=applicant.email,
        documents=json.dumps([d.to_json() for d in dossier.documents], ensure_ascii=False),
    )  # fmt: skip
    return row


def _history(
    db: Any, dossier_id: int, row: dict[str, Any], copy: CityCopy, stamp: str, *, moved: bool
) -> None:
    """Its version, appointment, event and audit row: "recovered from the city"."""
    version = int(row["version"])
    rows.insert_version(
        db, dossier_id=dossier_id, version=version, at=stamp, actor="sync", snapshot=_snapshot(row)
    )
    if row["due_at"] is not None:
        rows.insert_due_date(
            db, dossier_id=dossier_id, due_at=row["due_at"], reason="city", at=stamp, actor="sync"
        )
    details: dict[str, Any] = {
        "version": version, "city_code": copy.city_code, "not_recovered": list(NOT_RECOVERED),
        "log_line_moved": moved, "cancelled": copy.cancelled_at is not None,
    }  # fmt: skip
    rows.insert_event(
        db, dossier_id=dossier_id, at=stamp, actor="sync", kind=RECOVERED_EVENT,
        to_status=row["status"], details=details, origin="city",
    )  # fmt: skip
    append_audit(
        db, at=stamp, actor="sync", action="dossier.recover", subject=row["code"],
        details=details, dossier_id=dossier_id,
    )  # fmt: skip


def _snapshot(row: dict[str, Any]) -> str:
    """The version's snapshot, as an intake writes it (personal data: stays in the store)."""
    keep = {k: v for k, v in row.items() if not k.startswith("folded_")}
    return json.dumps(keep, ensure_ascii=False, sort_keys=True)
