"""Signing in on the command line: ``counter-app login`` opens a session, ``logout`` ends it.

Once the counter has an active administrator, the commands that manage users, change
settings, restore, import or read personal data out of the store need a session whose role
the action table (``domain/roles.py``) allows: the same table the window asks. The session is
a random token in an owner-only file of the data folder; the store keeps only its SHA-256,
with the user and an expiry of the idle-lock time, pushed on by every use. ``logout`` deletes
both. Neither the password nor its hash is ever written anywhere by this module.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from counter_app.domain.roles import Role
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from counter_app.services.actor import OS_ACCOUNT_ROLE, os_actor
from counter_app.services.paths import write_private_file
from counter_app.services.settings.ui import idle_lock_minutes
from counter_app.services.store.opening import Store
from counter_app.services.users import UserInfo, actor_name, authenticate, require
from counter_app.storage import cli_sessions as table
from counter_app.storage import users as users_table
from counter_app.storage.audit import append_audit

SESSION_FILE_NAME = "cli-session"
TOKEN_BYTES = 32  # 256 random bits: not guessable, whatever the number of tries


class SignInRequiredError(BadInputError):
    """The command needs a signed-in user and there is no live session (none, ended, expired)."""

    code = "SIGN_IN_REQUIRED"


def session_file(store: Store) -> Path:
    return store.folder / SESSION_FILE_NAME


def sessions_required(store: Store) -> bool:
    """True once the counter has an active administrator: from then on roles apply here too."""
    return users_table.count_users(store, role=Role.ADMINISTRATOR.value, active_only=True) > 0


def sign_in(store: Store, username: str, password: str, *, now: datetime) -> UserInfo:
    """Check the password (audited, throttled as in the window) and open a session for it."""
    user = authenticate(store, username, password, now=now)
    token = secrets.token_hex(TOKEN_BYTES)
    with store.action() as db:
        table.delete_expired(db, iso_vn(now))
        table.insert_session(db, token_hash=_hash(token), username=user.username,
                             created_at=iso_vn(now), expires_at=_expiry(store, now))  # fmt: skip
    write_private_file(session_file(store), token.encode("ascii"))
    return user


def sign_out(store: Store, *, now: datetime) -> bool:
    """End this data folder's session; False when there was none."""
    token = _read_token(store)
    if token is None:
        return False
    with store.action() as db:
        row = table.get_session(db, _hash(token))
        table.delete_session(db, _hash(token))
        if row is not None:
            append_audit(db, at=iso_vn(now), actor=actor_name(row.username),
                         action="user.sign_out", subject=f"user:{row.username}",
                         details={"where": "cli"})  # fmt: skip
    with contextlib.suppress(FileNotFoundError):
        session_file(store).unlink()
    return True


def current_user(store: Store, *, now: datetime) -> UserInfo | None:
    """The user of the live session, or None (no file, unknown token, expired, disabled)."""
    token = _read_token(store)
    row = table.get_session(store, _hash(token)) if token else None
    if row is None or row.expires_at <= iso_vn(now):
        return None
    user = users_table.get_user(store, row.username)
    if user is None or not user.active:
        return None
    return UserInfo(user.username, user.full_name, user.role, user.active, user.created_at,
                    user.updated_at)  # fmt: skip


def authorize(store: Store, action: str, *, now: datetime) -> tuple[str, str]:
    """The actor to record for ``action`` and its role, or a typed refusal.

    Before the first administrator exists the command line acts as the OS account, as it
    always has (``cli:NAME``). After: a live session whose role ``action`` allows, else
    ``SignInRequiredError`` / ``RoleNotAllowedError``; a use pushes the expiry on.
    """
    if not sessions_required(store):
        return os_actor(), OS_ACCOUNT_ROLE
    user = current_user(store, now=now)
    if user is None:
        raise SignInRequiredError(action)
    require(user.role, action)
    token = _read_token(store)
    if token is not None:
        with store.action() as db:
            table.set_expiry(db, _hash(token), _expiry(store, now))
    return user.actor, user.role


def _expiry(store: Store, now: datetime) -> str:
    return iso_vn(now + timedelta(minutes=idle_lock_minutes(store)))


def _read_token(store: Store) -> str | None:
    try:
        text = session_file(store).read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    return text or None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()
