"""``counter-app sync recover``: after a restore, take back from the city the lost dossiers.

A dossier the city holds is rebuilt from its record, never typed again (a second dossier at
the city); one it does not hold is listed for re-entry. ``restore`` asks the same right after
restoring. Also the client settings shared by the sync commands.
"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app import __version__
from counter_app.cli.output import Subparsers, add_json_flag, emit
from counter_app.errors import EXIT_OK, CounterAppError
from counter_app.messages import message_for
from counter_app.services.backup.city_recovery import NOT_RECOVERED
from counter_app.services.backup.restore_marks import lost_dossiers
from counter_app.services.clock import now_vn
from counter_app.services.settings.counter import load_config
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.settings import (
    SyncNotConfiguredError,
    SyncSettings,
    load_sync_settings,
    read_token,
)
from sync.client import ClientConfig, SyncClient
from sync.engine import counter_id
from sync.recovery import Recovery, recover_from_city


def client_config(store: Store, settings: SyncSettings) -> ClientConfig:
    return ClientConfig(
        url=settings.url,
        counter_id=counter_id(load_config(store)),
        app_version=__version__,
        token=read_token(store, settings),
        ca_bundle=settings.ca_bundle or None,
        connect_timeout_s=settings.connect_timeout_s,
        read_timeout_s=settings.read_timeout_s,
    )


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "recover",
        help="after a restore: take back from the city the dossiers the backup lacked",
        description="Ask the city for the dossiers the last restore took back: those it holds "
        "are rebuilt from its records (not typed again); the others are listed for re-entry.",
    )
    add_json_flag(p, "one JSON object per lost dossier")
    p.set_defaults(handler=run_recover)


def run_recover(args: argparse.Namespace) -> int:
    with open_store() as store:
        settings = load_sync_settings(store)
        if not settings.url:
            raise SyncNotConfiguredError("")
        recovery = _ask(store, settings)
    print_recovery(recovery, args)
    return EXIT_OK


def recover_after_restore(args: argparse.Namespace) -> dict[str, Any]:
    """Right after a restore: ask the city when it is configured; a failure is reported, not
    raised (the restore is done; the next sync pass asks again)."""
    with open_store() as store:
        settings = load_sync_settings(store)
        if not lost_dossiers(store):
            return {"asked": False, "error": None}
        if not settings.url:
            return {"asked": False, "error": SyncNotConfiguredError.code}
        try:
            recovery = _ask(store, settings)
        except CounterAppError as error:
            if not args.json:
                print(message_for("restore.city_later", args.lang, {"code": error.code}))
            return {"asked": False, "error": error.code}
    if not args.json:
        print_recovery(recovery, args)
    return {"asked": True, **recovery_json(recovery)}


def _ask(store: Store, settings: SyncSettings) -> Recovery:
    client = SyncClient(client_config(store, settings))
    try:
        return recover_from_city(store, client, now=now_vn())
    finally:
        client.close()


def recovery_json(recovery: Recovery) -> dict[str, Any]:
    return {
        "recovered": [r.code for r in recovery.recovered],
        "held": [h.code for h in recovery.held],
        "missing": [code for code, _ in recovery.missing],
    }


def print_recovery(recovery: Recovery, args: argparse.Namespace) -> None:
    for rebuilt in recovery.recovered:
        if args.json:
            emit({"code": rebuilt.code, "uuid": rebuilt.uuid, "at_city": True,
                  "recovered": True, "version": rebuilt.version,
                  "log_line_moved": rebuilt.log_line_moved,
                  "not_recovered": list(NOT_RECOVERED)})  # fmt: skip
        else:
            print(message_for("sync.recovered", args.lang, {"code": rebuilt.code}))
    for held in recovery.held:
        if args.json:
            emit({"code": held.code, "uuid": held.uuid, "at_city": True, "recovered": False,
                  "city_code": held.city_code, "version": held.version,
                  "city_status": held.status, "cancelled": held.cancelled})  # fmt: skip
        else:
            print(message_for("sync.recover_held", args.lang,
                              {"code": held.code, "city_code": held.city_code,
                               "status": held.status}))  # fmt: skip
    for code, uuid in recovery.missing:
        if args.json:
            emit({"code": code, "uuid": uuid, "at_city": False})
        else:
            print(message_for("sync.recover_missing", args.lang, {"code": code}))
