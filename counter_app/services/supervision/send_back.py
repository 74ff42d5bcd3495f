"""Send back for fixing: a supervisor marks a dossier "needs fixing" with a reason.

The clerk who received it sees it at sign-in and on the dossier, fixes it (an edit through
the usual services) and says so; the supervisor checks the fix, which closes the request. The
three steps are audited; the audit rows carry the dossier code and the reason's length, never
its words (a reason may quote the applicant).
"""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.text import collapse_spaces, nfc
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.dossiers.changes import DossierNotFoundError
from counter_app.services.store.opening import Store
from counter_app.services.users import require
from counter_app.storage import send_backs as table
from counter_app.storage.audit import append_audit
from counter_app.storage.dossiers import get_dossier_by_code
from counter_app.storage.engine import Database
from counter_app.storage.send_backs import SendBackRow

MAX_REASON = 500  # a sentence or three: what to fix, not a letter

__all__ = [
    "SendBackAlreadyOpenError",
    "SendBackNotFixedError",
    "SendBackNotOpenError",
    "SendBackReasonInvalidError",
    "SendBackRow",
    "all_open",
    "check_fix",
    "open_request",
    "report_fixed",
    "send_back",
    "waiting_for",
]


class SendBackReasonInvalidError(BadInputError):
    code = "SEND_BACK_REASON_INVALID"


class SendBackAlreadyOpenError(BadInputError):
    code = "SEND_BACK_ALREADY_OPEN"


class SendBackNotOpenError(BadInputError):
    code = "SEND_BACK_NOT_OPEN"


class SendBackNotFixedError(BadInputError):
    """The supervisor checks a fix the clerk has not reported yet."""

    code = "SEND_BACK_NOT_FIXED"


def send_back(
    store: Store, code: str, *, reason: str, role: str, actor: str, now: datetime
) -> SendBackRow:
    require(role, "dossier.send_back")
    text = _checked_text(reason, required=True)
    with store.action() as db:
        dossier_id, clerk = _dossier(db, code)
        if table.open_send_back(db, dossier_id) is not None:
            raise SendBackAlreadyOpenError("")
        at = iso_vn(now)
        table.insert_send_back(db, dossier_id=dossier_id, clerk=clerk, reason=text,
                               sent_by=actor, sent_at=at)  # fmt: skip
        _audit(db, at, actor, "dossier.send_back", code, {"reason_chars": len(text)})
        return _open(db, dossier_id)


def report_fixed(
    store: Store, code: str, *, note: str = "", role: str, actor: str, now: datetime
) -> SendBackRow:
    """The clerk says the dossier is fixed (after editing it through the usual services)."""
    require(role, "dossier.fix")
    text = _checked_text(note, required=False)
    with store.action() as db:
        dossier_id, _ = _dossier(db, code)
        row = _open(db, dossier_id)
        at = iso_vn(now)
        table.mark_fixed(db, row.id, by=actor, at=at, note=text)
        _audit(db, at, actor, "dossier.fixed", code, {"note_chars": len(text)})
        return _open(db, dossier_id)


def check_fix(store: Store, code: str, *, role: str, actor: str, now: datetime) -> None:
    """The supervisor has checked the fix: the request closes (send back again if it is not)."""
    require(role, "dossier.send_back")
    with store.action() as db:
        dossier_id, _ = _dossier(db, code)
        row = _open(db, dossier_id)
        if row.fixed_at is None:
            raise SendBackNotFixedError("")
        at = iso_vn(now)
        table.mark_checked(db, row.id, by=actor, at=at)
        _audit(db, at, actor, "dossier.fix_checked", code, {"fixed_by": row.fixed_by or ""})


def open_request(store: Store, code: str) -> SendBackRow | None:
    """The dossier's open request, for its detail pane (None when there is none)."""
    found = get_dossier_by_code(store, code)
    return None if found is None else table.open_send_back(store, found.id)


def waiting_for(store: Store, clerk: str) -> list[SendBackRow]:
    """What a clerk is asked to fix (not yet reported fixed): shown at sign-in."""
    return [row for row in table.open_send_backs(store, clerk=clerk) if row.fixed_at is None]


def all_open(store: Store) -> list[SendBackRow]:
    return table.open_send_backs(store)


def _checked_text(text: str, *, required: bool) -> str:
    cleaned = collapse_spaces(nfc(text))
    if (required and not cleaned) or len(cleaned) > MAX_REASON:
        raise SendBackReasonInvalidError("")
    return cleaned


def _dossier(db: Database, code: str) -> tuple[int, str]:
    found = get_dossier_by_code(db, code.strip())
    if found is None:
        raise DossierNotFoundError("")
    return found.id, found.clerk


def _open(db: Database, dossier_id: int) -> SendBackRow:
    row = table.open_send_back(db, dossier_id)
    if row is None:
        raise SendBackNotOpenError("")
    return row


def _audit(
    db: Database, at: str, actor: str, action: str, code: str, details: dict[str, object]
) -> None:
    """Subject: the dossier code, as every dossier action's audit row has it."""
    append_audit(db, at=at, actor=actor, action=action, subject=code, details=details)
