"""``counter-app sync recover``: after a restore, which lost dossiers the city holds.

A dossier the city holds must not be typed again (a second dossier at the city); one it does
not hold is listed for re-entry. Also the client settings shared by the sync commands.
"""

from __future__ import annotations

import argparse

from counter_app import __version__
from counter_app.cli.output import Subparsers, add_json_flag, emit
from counter_app.errors import EXIT_OK
from counter_app.messages import message_for
from counter_app.services.counter_config import load_config
from counter_app.services.store import Store, open_store
from counter_app.services.sync_settings import (
    SyncNotConfiguredError,
    SyncSettings,
    load_sync_settings,
    read_token,
)
from sync.client import ClientConfig, SyncClient
from sync.engine import counter_id
from sync.recovery import Recovery, ask_city_for_losses


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
        help="after a restore: which dossiers the backup lacked the city holds",
        description="Ask the city which of the dossiers the last restore took back it holds: "
        "those must not be typed again; the others are listed for re-entry.",
    )
    add_json_flag(p, "one JSON object per lost dossier")
    p.set_defaults(handler=run_recover)


def run_recover(args: argparse.Namespace) -> int:
    with open_store() as store:
        settings = load_sync_settings(store)
        if not settings.url:
            raise SyncNotConfiguredError("")
        client = SyncClient(client_config(store, settings))
        try:
            recovery = ask_city_for_losses(store, client)
        finally:
            client.close()
    _print(recovery, args)
    return EXIT_OK


def _print(recovery: Recovery, args: argparse.Namespace) -> None:
    for held in recovery.held:
        if args.json:
            emit({"code": held.code, "uuid": held.uuid, "at_city": True,
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
