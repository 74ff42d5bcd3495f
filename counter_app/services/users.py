"""The people who use the window: adding, disabling, resetting passwords, signing in.

Every change is one audited action; neither a password nor its hash ever reaches the audit,
a log or an exception. Sign-in answers one generic failure (``SIGN_IN_FAILED``) whatever was
wrong, so nobody learns from the window which names exist; only the right password of a
disabled account hears ``USER_DISABLED``. After ``MAX_FAILURES`` wrong passwords in a row the
account refuses every password for ``LOCKOUT`` (answered with the same generic failure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from counter_app.domain.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from counter_app.domain.roles import ACTIONS, Role, allows, parse_role
from counter_app.domain.text import collapse_spaces, nfc
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError, CounterAppError
from counter_app.services.store.opening import Store
from counter_app.storage import users as table
from counter_app.storage.audit import append_audit
from counter_app.storage.engine import Database

MAX_FAILURES = 5  # wrong passwords in a row before the pause: a typo never locks anyone out
LOCKOUT = timedelta(minutes=5)  # long enough to make guessing slow, short enough for a clerk
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")  # ASCII: typed on any keyboard
MAX_FULL_NAME = 100
ACTOR_PREFIX = "user:"
# Verified against when the name is unknown, so a wrong name costs the same time as a
# wrong password (timing would otherwise tell which names exist).
_DUMMY_HASH = hash_password("not-a-password-of-anyone")


class UsernameInvalidError(BadInputError):
    code = "USERNAME_INVALID"


class UsernameTakenError(BadInputError):
    code = "USERNAME_TAKEN"


class UserNotFoundError(BadInputError):
    """An administrator named a user who does not exist (sign-in never raises this)."""

    code = "USER_NOT_FOUND"


class FullNameInvalidError(BadInputError):
    code = "FULL_NAME_INVALID"


class RoleInvalidError(BadInputError):
    code = "ROLE_INVALID"


class PasswordTooShortError(BadInputError):
    code = "PASSWORD_TOO_SHORT"


class PasswordInvalidError(BadInputError):
    """Too long, or the same as the user name."""

    code = "PASSWORD_INVALID"


class PasswordsDifferError(BadInputError):
    """The two typings of a new password differ (the wizard and the users dialog)."""

    code = "PASSWORDS_DIFFER"


class SignInFailedError(BadInputError):
    code = "SIGN_IN_FAILED"


class UserDisabledError(BadInputError):
    code = "USER_DISABLED"


class RoleNotAllowedError(CounterAppError):
    """The signed-in role may not do this action; nothing was done."""

    code = "ROLE_NOT_ALLOWED"


class LastAdministratorError(BadInputError):
    """Disabling the last active administrator would leave nobody to manage users."""

    code = "LAST_ADMINISTRATOR"


@dataclass(frozen=True)
class UserInfo:
    """A user as the window and the CLI show them: never the hash."""

    username: str
    full_name: str
    role: str
    active: bool
    created_at: str
    updated_at: str

    @property
    def actor(self) -> str:
        return actor_name(self.username)


def actor_name(username: str) -> str:
    """The name audit rows carry for this user ("user:lan")."""
    return ACTOR_PREFIX + username


def full_name_of(store: Store, actor: str) -> str | None:
    """The full name of a user actor ("user:lan" → "Nguyễn Thị Lan"); None for other actors."""
    if not actor.startswith(ACTOR_PREFIX):
        return None
    row = table.get_user(store, actor.removeprefix(ACTOR_PREFIX))
    return row.full_name if row is not None else None


CLI_PREFIX = "cli:"


def printed_name(store: Store, actor: str) -> str:
    """An actor as printed under a signature: a user's full name.

    The command line acts as the OS account (``cli:root``): it prints as the user of that
    name when there is one, else not at all (room to sign and write the name by hand), never
    as the account. Other actors print by their name alone ("clerk:lan" → "lan").
    """
    found = full_name_of(store, actor)
    if found:
        return found
    if actor.startswith(CLI_PREFIX):
        return full_name_of(store, ACTOR_PREFIX + actor.removeprefix(CLI_PREFIX)) or ""
    return actor.split(":", 1)[1] if ":" in actor else actor


def check_username(text: str) -> str:
    name = nfc(text).strip().lower()
    if not USERNAME_PATTERN.fullmatch(name):
        raise UsernameInvalidError("")
    return name


def check_password(password: str, *, username: str = "") -> str:
    if len(nfc(password)) < MIN_LENGTH:
        raise PasswordTooShortError("")
    if len(password) > MAX_LENGTH or password.strip().lower() == username:
        raise PasswordInvalidError("")
    return password


def check_new_password(password: str, again: str, *, username: str = "") -> str:
    """Both typings of a new password, as the window asks for them."""
    check_password(password, username=username)
    if nfc(password) != nfc(again):
        raise PasswordsDifferError("")
    return password


def check_role(text: str) -> Role:
    role = parse_role(text)
    if role is None:
        raise RoleInvalidError("")
    return role


def check_full_name(text: str) -> str:
    name = collapse_spaces(nfc(text))
    if not name or len(name) > MAX_FULL_NAME:
        raise FullNameInvalidError("")
    return name


def require(role: str, action: str) -> None:
    """Raise ``RoleNotAllowedError`` unless ``role`` may do ``action`` (the detail: the action)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action}")
    if not allows(role, action):
        raise RoleNotAllowedError(action)


def users_exist(store: Store) -> bool:
    return table.count_users(store) > 0


def list_users(store: Store) -> list[UserInfo]:
    return [_info(row) for row in table.list_users(store)]


def users_to_manage(store: Store, *, role: str) -> list[UserInfo]:
    """The users, for whoever manages them (the window's Users dialog): a read, no write
    transaction."""
    _require_manage(store, role)
    return list_users(store)


def add_user(
    store: Store,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    actor: str,
    acting_role: str,
    now: datetime,
) -> UserInfo:
    """A new user; ``acting_role``: the role of whoever adds it (``users.manage``, except for
    the counter's first administrator, see ``_require_manage``)."""
    name = check_username(username)
    checked_role = check_role(role)
    full = check_full_name(full_name)
    check_password(password, username=name)
    digest = hash_password(password)  # slow: outside the write transaction
    with store.action() as db:
        _require_manage(db, acting_role)
        if table.get_user(db, name) is not None:
            raise UsernameTakenError("")
        at = iso_vn(now)
        table.insert_user(
            db, username=name, full_name=full, role=checked_role, password_hash=digest, now=at
        )
        _audit(db, at, actor, "user.add", name, {"role": checked_role.value})
    return _get(store, name)


def disable_user(
    store: Store, username: str, *, actor: str, acting_role: str, now: datetime
) -> UserInfo:
    name = check_username(username)
    with store.action() as db:
        _require_manage(db, acting_role)
        row = _require_row(db, name)
        if row.role == Role.ADMINISTRATOR and row.active and _active_admins(db) <= 1:
            raise LastAdministratorError("")
        if row.active:
            at = iso_vn(now)
            table.set_active(db, name, active=False, now=at)
            _audit(db, at, actor, "user.disable", name, {})
    return _get(store, name)


def enable_user(
    store: Store, username: str, *, actor: str, acting_role: str, now: datetime
) -> UserInfo:
    name = check_username(username)
    with store.action() as db:
        _require_manage(db, acting_role)
        if not _require_row(db, name).active:
            at = iso_vn(now)
            table.set_active(db, name, active=True, now=at)
            _audit(db, at, actor, "user.enable", name, {})
    return _get(store, name)


def reset_password(
    store: Store, username: str, password: str, *, actor: str, acting_role: str, now: datetime
) -> UserInfo:
    """An administrator (or IT from the CLI) sets a new password; the throttle is cleared."""
    name = check_username(username)
    check_password(password, username=name)
    digest = hash_password(password)
    with store.action() as db:
        _require_manage(db, acting_role)
        _require_row(db, name)
        at = iso_vn(now)
        table.set_password_hash(db, name, digest, now=at)
        _audit(db, at, actor, "user.reset_password", name, {})
    return _get(store, name)


def authenticate(store: Store, username: str, password: str, *, now: datetime) -> UserInfo:
    """The user whose password this is, or ``SignInFailedError`` / ``UserDisabledError``.

    Every attempt is audited (a failure under the name typed only when that user exists).
    """
    name = nfc(username).strip().lower()
    row = table.get_user(store, name) if USERNAME_PATTERN.fullmatch(name) else None
    if row is None:
        verify_password(password, _DUMMY_HASH)
        _record_unknown(store, now)
        raise SignInFailedError("")
    if _throttled(row, now):
        verify_password(password, _DUMMY_HASH)
        _record_failure(store, row, now, counted=False)
        raise SignInFailedError("")
    if not verify_password(password, row.password_hash):
        _record_failure(store, row, now, counted=True)
        raise SignInFailedError("")
    if not row.active:
        _record_outcome(store, now, name, "user.sign_in_refused", {"reason": "disabled"})
        raise UserDisabledError("")
    if not _record_success(store, row, password, now):
        _record_failure(store, row, now, counted=False)
        raise SignInFailedError("")
    return _get(store, name)


def _throttled(row: table.UserRow, now: datetime) -> bool:
    return bool(row.locked_until) and iso_vn(now) < row.locked_until


def _record_unknown(store: Store, now: datetime) -> None:
    # The typed name is not kept: it may be a password typed into the wrong box.
    _record_outcome(store, now, "", "user.sign_in_failed", {"reason": "credentials"})


def _record_failure(store: Store, row: table.UserRow, now: datetime, *, counted: bool) -> None:
    """Count a wrong password; the count is read inside the write transaction, so concurrent
    attempts (two windows, a script) each add one and none is lost."""
    with store.action() as db:
        at = iso_vn(now)
        row = table.get_user(db, row.username) or row
        counted = counted and not _throttled(row, now)
        attempts = row.failed_attempts + 1 if counted else row.failed_attempts
        pause = iso_vn(now + LOCKOUT) if counted and attempts >= MAX_FAILURES else row.locked_until
        if counted:
            table.record_failure(db, row.username, attempts=attempts, locked_until=pause)
        details = {"reason": "credentials", "attempts": attempts, "paused": bool(pause)}
        _audit(db, at, actor_name(row.username), "user.sign_in_failed", row.username, details)


def _record_success(store: Store, row: table.UserRow, password: str, now: datetime) -> bool:
    """Clear the failures; False (nothing written) when a concurrent attempt paused the account
    after this one read it: the pause holds for the right password too."""
    fresh = hash_password(password) if needs_rehash(row.password_hash) else ""
    with store.action() as db:
        at = iso_vn(now)
        current = table.get_user(db, row.username) or row
        if _throttled(current, now):
            return False
        table.clear_failures(db, row.username)
        if fresh:  # parameters were raised since this password was set
            table.set_password_hash(db, row.username, fresh, now=at)
        _audit(db, at, actor_name(row.username), "user.sign_in", row.username, {})
    return True


def _record_outcome(
    store: Store, now: datetime, name: str, action: str, details: dict[str, object]
) -> None:
    with store.action() as db:
        actor = actor_name(name) if name else "unknown"
        _audit(db, iso_vn(now), actor, action, name or "unknown", details)


def _audit(
    db: Database, at: str, actor: str, action: str, username: str, details: dict[str, object]
) -> None:
    append_audit(db, at=at, actor=actor, action=action, subject=f"user:{username}",
                 details=details)  # fmt: skip


def _require_manage(db: Database, acting_role: str) -> None:
    """``users.manage``, once the counter has an active administrator: before, whoever sets
    the PC up (the first-run wizard, IT at the command line) makes the first one. Checked in
    the user's own transaction, so two set-ups cannot both pass it."""
    if _active_admins(db) > 0:
        require(acting_role, "users.manage")


def _active_admins(db: Database) -> int:
    return table.count_users(db, role=Role.ADMINISTRATOR.value, active_only=True)


def _require_row(db: Database, name: str) -> table.UserRow:
    row = table.get_user(db, name)
    if row is None:
        raise UserNotFoundError("")
    return row


def _get(db: Database, name: str) -> UserInfo:
    return _info(_require_row(db, name))


def _info(row: table.UserRow) -> UserInfo:
    return UserInfo(row.username, row.full_name, row.role, row.active, row.created_at,
                    row.updated_at)  # fmt: skip
