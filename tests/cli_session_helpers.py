"""Signing in on the command line from a test: once a counter has an administrator, the
guarded commands (users, settings, restore, imports, personal-data reads) need a session."""

from __future__ import annotations

from pathlib import Path

from counter_app.services.cli_session import sign_in, sign_out
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import Store, open_store
from counter_app.services.users import add_user

ADMIN = "quantri"
PASSWORD = "mật-khẩu-dài"


def add_signed_in_user(
    store: Store, username: str = ADMIN, *, role: str = "administrator", password: str = PASSWORD
) -> None:
    """Add a user (as IT would) and open this data folder's CLI session for them."""
    add_user(store, username=username, full_name=f"Người dùng {username}", role=role,
             password=password, actor="it", acting_role="administrator", now=now_vn())  # fmt: skip
    sign_in(store, username, password, now=now_vn())


def cli_login(folder: Path, username: str, password: str = PASSWORD) -> None:
    """``counter-app login`` through the service, on the store in ``folder``."""
    store = open_store(folder)
    try:
        sign_in(store, username, password, now=now_vn())
    finally:
        store.close()


def cli_logout(folder: Path) -> None:
    store = open_store(folder)
    try:
        sign_out(store, now=now_vn())
    finally:
        store.close()
