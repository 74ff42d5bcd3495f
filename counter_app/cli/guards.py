"""Which commands need a signed-in role: one table, checked before the command runs.

The actions are those of ``domain/roles.py``, which the window asks too. Until the counter has
an active administrator no session is needed (a fresh install, IT's first steps); after, a
guarded command without a live session is refused with the sentence saying how to sign in.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping

from counter_app.domain.roles import setting_action, strictest
from counter_app.errors import CounterAppError
from counter_app.services.actor import act_as
from counter_app.services.cli_session import SESSION_FILE_NAME, authorize, current_user
from counter_app.services.clock import now_vn
from counter_app.services.paths import DataFolderUnusableError, data_dir
from counter_app.services.store.opening import open_store, store_exists

GUARDED: Mapping[tuple[str, ...], str] = {
    # Managing users.
    **{("user", verb): "users.manage" for verb in ("add", "disable", "enable", "reset", "list")},
    # Changing settings.
    ("setup",): "counter.settings",
    ("provision",): "counter.settings",
    ("sync", "configure"): "sync.configure",
    ("sync", "set-token"): "sync.configure",
    ("form", "settings"): "form.settings",
    ("clock", "confirm"): "clock.confirm",
    # Restoring and importing.
    ("restore",): "store.restore",
    ("calendar", "import"): "calendar.import",
    ("catalogue", "import"): "catalogue.import",
    # Personal data read out of the store.
    ("search",): "dossier.export",
    ("dossier", "list"): "dossier.export",
    ("dossier", "show"): "dossier.export",
    ("audit", "verify"): "audit.view",
    ("audit", "acknowledge"): "audit.view",
    ("audit", "list"): "audit.view",
    ("audit", "export"): "audit.export",
    # The supervisor's books: the tracking log and the end of the day.
    ("export", "daily-log"): "log.export",
    ("report", "eod"): "report.eod",
    # The supervisor's send-back and the clerk's fix.
    ("dossier", "send-back"): "dossier.send_back",
    ("dossier", "check-fix"): "dossier.send_back",
    ("dossier", "fixed"): "dossier.fix",
    # A supervisor's changes to a dossier.
    ("dossier", "void"): "dossier.void",
}


# Commands guarded only with one of their options: (command, option dest) → action. The key
# export hands over what decrypts every backup: an administrator's; a correction: a supervisor's.
GUARDED_OPTIONS: Mapping[tuple[tuple[str, ...], str], str] = {
    (("backup",), "export_key"): "store.key_export",
    (("dossier", "transition"), "correction"): "dossier.correct",
}


def _settings_action(args: argparse.Namespace) -> str | None:
    """``settings --set``: the strictest action among the settings named (reading: none)."""
    return strictest(setting_action(item.partition("=")[0].strip()) for item in args.set)


# Commands whose action depends on what they are asked to do: command → action from args.
GUARDED_BY: Mapping[tuple[str, ...], Callable[[argparse.Namespace], str | None]] = {
    ("settings",): _settings_action,
}


def mark_guarded(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> None:
    """Set ``guard`` on every parser of the table (a command missing from the tree fails)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                path = (*prefix, name)
                if path in GUARDED:
                    sub.set_defaults(guard=GUARDED[path])
                if path in GUARDED_BY:
                    sub.set_defaults(guard_from=GUARDED_BY[path])
                options = {o: a for (p, o), a in GUARDED_OPTIONS.items() if p == path}
                if options:
                    sub.set_defaults(guard_options=options)
                mark_guarded(sub, path)


# Commands that repair a store which may not open: when it does not, nobody can be asked
# for a session, and the OS account decides as before (docs/USERS.md, the threat model).
REPAIRS = frozenset({"store.restore", "counter.settings"})


def check_guard(args: argparse.Namespace) -> None:
    """Refuse a guarded command without the right session; record who acts for the others."""
    act_as(None)
    action = getattr(args, "guard", None)
    for option, guarded in getattr(args, "guard_options", {}).items():
        if getattr(args, option, None) not in (None, False):  # given (a flag: set)
            action = guarded
    guard_from = getattr(args, "guard_from", None)
    if guard_from is not None:
        action = guard_from(args)
    try:
        exists = store_exists()
    except DataFolderUnusableError:  # the command itself says so (the self-test in its lines)
        return
    if not exists:
        return
    if action is None:
        _act_as_signed_in()
        return
    try:
        store = open_store()
    except CounterAppError:
        if action in REPAIRS:
            return
        raise
    try:
        act_as(*authorize(store, action, now=now_vn()))
    finally:
        store.close()


def _act_as_signed_in() -> None:
    """An unguarded command under a live session is recorded as that user (a clerk's intake
    from a script names the clerk); without a session file the store is not even opened."""
    if not (data_dir() / SESSION_FILE_NAME).exists():
        return
    try:
        store = open_store()
    except CounterAppError:  # the command itself will say what is wrong with the store
        return
    try:
        user = current_user(store, now=now_vn())
    finally:
        store.close()
    if user is not None:
        act_as(user.actor, user.role)
