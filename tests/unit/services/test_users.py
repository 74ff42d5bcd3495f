"""Users, passwords and roles: hashing, sign-in, throttling, the role table, the audit."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from counter_app.domain import passwords
from counter_app.domain.roles import ACTIONS, Role, allows
from counter_app.services.settings.ui import (
    IdleMinutesInvalidError,
    idle_lock_minutes,
    set_idle_lock_minutes,
)
from counter_app.services.store.opening import Store
from counter_app.services.users import (
    MAX_FAILURES,
    LastAdministratorError,
    PasswordInvalidError,
    PasswordsDifferError,
    PasswordTooShortError,
    RoleNotAllowedError,
    SignInFailedError,
    UserDisabledError,
    UsernameInvalidError,
    UsernameTakenError,
    add_user,
    authenticate,
    check_new_password,
    disable_user,
    list_users,
    require,
    reset_password,
    users_exist,
    users_to_manage,
)
from counter_app.storage.audit import iter_audit, verify_chain
from tests.dossier_helpers import vn

NOW = vn(2026, 3, 2)
PASSWORD = "mật-khẩu-dài"


def add(store: Store, name: str = "lan", role: str = "clerk", password: str = PASSWORD) -> None:
    add_user(store, username=name, full_name="Nguyễn Thị Lan", role=role, password=password,
             actor="cli:it", acting_role="administrator", now=NOW)  # fmt: skip


def test_a_hash_carries_its_parameters_a_salt_and_verifies_only_its_password() -> None:
    first, second = passwords.hash_password(PASSWORD), passwords.hash_password(PASSWORD)
    assert first != second and first.startswith("scrypt$n=32768,r=8,p=1$")
    assert passwords.verify_password(PASSWORD, first)
    assert not passwords.verify_password(PASSWORD + "x", first)
    assert not passwords.verify_password(PASSWORD, "scrypt$n=oops$$")
    decomposed = "mật-khẩu-dài".encode().decode()  # same text, then NFD below
    import unicodedata

    assert passwords.verify_password(unicodedata.normalize("NFD", decomposed), first)
    assert not passwords.needs_rehash(first)
    assert passwords.needs_rehash(first, passwords.HashParams(n=2**16))


def test_users_are_added_listed_and_their_names_compared_without_case(new_store: Store) -> None:
    assert not users_exist(new_store)
    add(new_store, "Lan")
    assert users_exist(new_store)
    [user] = list_users(new_store)
    assert (user.username, user.role, user.active, user.actor) == ("lan", "clerk", True, "user:lan")
    with pytest.raises(UsernameTakenError):
        add(new_store, "LAN")
    with pytest.raises(UsernameInvalidError):
        add(new_store, "lan lan")


@pytest.mark.parametrize(
    ("password", "error"),
    [("short", PasswordTooShortError), ("lanlanlan", PasswordInvalidError)],
)
def test_weak_passwords_are_refused(new_store: Store, password: str, error: type) -> None:
    with pytest.raises(error):
        add(new_store, "lanlanlan", password=password)
    assert not users_exist(new_store)


def test_two_typings_must_match() -> None:
    with pytest.raises(PasswordsDifferError):
        check_new_password(PASSWORD, PASSWORD + "!")
    assert check_new_password(PASSWORD, PASSWORD) == PASSWORD


def test_sign_in_answers_one_failure_whatever_was_wrong(new_store: Store) -> None:
    add(new_store)
    assert authenticate(new_store, " LAN ", PASSWORD, now=NOW).actor == "user:lan"
    for name, password in (("lan", "wrong-password"), ("nobody", PASSWORD), ("?", "")):
        with pytest.raises(SignInFailedError):
            authenticate(new_store, name, password, now=NOW)


def test_a_disabled_user_hears_so_only_with_the_right_password(new_store: Store) -> None:
    add(new_store, "admin", role="administrator")
    add(new_store)
    disable_user(new_store, "lan", actor="user:admin", acting_role="administrator", now=NOW)
    with pytest.raises(SignInFailedError):
        authenticate(new_store, "lan", "wrong-password", now=NOW)
    with pytest.raises(UserDisabledError):
        authenticate(new_store, "lan", PASSWORD, now=NOW)


def test_the_last_administrator_cannot_be_disabled(new_store: Store) -> None:
    add(new_store, "admin", role="administrator")
    with pytest.raises(LastAdministratorError):
        disable_user(new_store, "admin", actor="cli:it", acting_role="administrator", now=NOW)
    assert list_users(new_store)[0].active


def test_repeated_failures_pause_the_account_until_the_pause_ends_or_a_reset(
    new_store: Store,
) -> None:
    add(new_store)
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInFailedError):
            authenticate(new_store, "lan", "wrong-password", now=NOW)
    with pytest.raises(SignInFailedError):  # the right password, but paused
        authenticate(new_store, "lan", PASSWORD, now=NOW + timedelta(minutes=4))
    assert authenticate(new_store, "lan", PASSWORD, now=NOW + timedelta(minutes=6))
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInFailedError):
            authenticate(new_store, "lan", "wrong-password", now=NOW)
    reset_password(
        new_store, "lan", "mật-khẩu-mới", actor="user:admin", acting_role="administrator", now=NOW
    )
    assert authenticate(new_store, "lan", "mật-khẩu-mới", now=NOW).username == "lan"
    with pytest.raises(SignInFailedError):
        authenticate(new_store, "lan", PASSWORD, now=NOW)


def test_every_change_is_audited_without_passwords_or_hashes(new_store: Store) -> None:
    add(new_store, "admin", role="administrator")
    add(new_store)
    reset_password(
        new_store, "lan", "mật-khẩu-mới", actor="user:admin", acting_role="administrator", now=NOW
    )
    authenticate(new_store, "lan", "mật-khẩu-mới", now=NOW)
    with pytest.raises(SignInFailedError):
        authenticate(new_store, "someone", PASSWORD, now=NOW)
    disable_user(new_store, "lan", actor="user:admin", acting_role="administrator", now=NOW)
    rows = list(iter_audit(new_store.db))
    actions = [(r.actor, r.action, r.subject) for r in rows]
    assert actions == [
        ("cli:it", "user.add", "user:admin"),
        ("cli:it", "user.add", "user:lan"),
        ("user:admin", "user.reset_password", "user:lan"),
        ("user:lan", "user.sign_in", "user:lan"),
        ("unknown", "user.sign_in_failed", "user:unknown"),
        ("user:admin", "user.disable", "user:lan"),
    ]
    dump = json.dumps([tuple(r) for r in rows], ensure_ascii=False)
    assert "mật-khẩu" not in dump and "scrypt" not in dump and "someone" not in dump
    assert verify_chain(new_store.db)[1] is None


def test_the_role_table_ranks_roles_and_require_refuses_with_a_code() -> None:
    assert allows("clerk", "dossier.intake") and not allows("clerk", "dossier.correct")
    assert allows("supervisor", "dossier.void") and not allows("supervisor", "users.manage")
    assert all(allows(Role.ADMINISTRATOR, action) for action in ACTIONS)
    assert not allows("guest", "dossier.intake") and not allows("administrator", "nothing")
    with pytest.raises(RoleNotAllowedError) as refused:
        require("clerk", "dossier.correct")
    assert refused.value.code == "ROLE_NOT_ALLOWED" and refused.value.detail == "dossier.correct"
    require("supervisor", "dossier.correct")
    with pytest.raises(ValueError, match="unknown action"):
        require("administrator", "dossier.typo")


def test_the_idle_lock_minutes_are_a_bounded_audited_setting(new_store: Store) -> None:
    assert idle_lock_minutes(new_store) == 5
    set_idle_lock_minutes(new_store, 10, actor="user:admin", role="administrator", now=NOW)
    assert idle_lock_minutes(new_store) == 10
    with pytest.raises(IdleMinutesInvalidError):
        set_idle_lock_minutes(new_store, 0, actor="user:admin", role="administrator", now=NOW)
    assert [r.action for r in iter_audit(new_store.db)] == ["settings.ui"]


def test_the_first_administrator_needs_no_role_and_then_managing_users_needs_one(
    new_store: Store,
) -> None:
    add_user(new_store, username="admin", full_name="Quản Trị", role="administrator",
             password=PASSWORD, actor="setup", acting_role="clerk", now=NOW)  # fmt: skip
    for acting in ("clerk", "supervisor"):
        with pytest.raises(RoleNotAllowedError):
            add_user(new_store, username="lan", full_name="Lan", role="clerk", password=PASSWORD,
                     actor="user:x", acting_role=acting, now=NOW)  # fmt: skip
        with pytest.raises(RoleNotAllowedError):
            reset_password(new_store, "admin", "mật-khẩu-khác-dài", actor="user:x",
                           acting_role=acting, now=NOW)  # fmt: skip
        with pytest.raises(RoleNotAllowedError):
            disable_user(new_store, "admin", actor="user:x", acting_role=acting, now=NOW)
        with pytest.raises(RoleNotAllowedError):
            users_to_manage(new_store, role=acting)
        with pytest.raises(RoleNotAllowedError):
            set_idle_lock_minutes(new_store, 30, actor="user:x", role=acting, now=NOW)
    assert [user.username for user in users_to_manage(new_store, role="administrator")] == ["admin"]
