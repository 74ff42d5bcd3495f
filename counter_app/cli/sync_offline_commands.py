"""``counter-app sync keys``, ``sync export`` and ``sync limits``: the sync without a network.

``keys`` shows the counter's public signing key (made on first use) for IT to register with
the city, and stores the city's public key; ``export`` writes every pending record to one
signed, encrypted file for a USB stick (the records stay pending until the city acknowledges
them); ``limits`` sets when unsynced records warn and, only if IT wants it, block intake.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from counter_app.cli.output import Subparsers, add_force_flag, add_json_flag, emit
from counter_app.errors import EXIT_OK
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor
from counter_app.services.clock import now_vn
from counter_app.services.documents.files import refuse_existing
from counter_app.services.store.opening import Store, open_store
from counter_app.services.syncing.export import last_export, write_export
from counter_app.services.syncing.keys import read_key_file
from counter_app.services.syncing.overdue import load_limits, save_limits, unsynced_state
from sync.export import counter_keys, export_offline, set_city_key


def register(sub: Subparsers) -> None:
    """Add ``keys``, ``export`` and ``limits`` under ``sync``."""
    _register_keys(sub)
    _register_export(sub)
    _register_limits(sub)


def _register_keys(sub: Subparsers) -> None:
    p = sub.add_parser(
        "keys",
        help="show the counter's public key for offline files; store the city's key",
        description=(
            "Print the counter's public signing key (PEM, made on first use; the private "
            "half stays owner-only in the data folder) and its fingerprint, for IT to "
            "register with the city. --city-key FILE stores the city's public key that "
            "offline batch files are encrypted to; --out FILE writes the counter's public key."
        ),
    )
    p.add_argument("--city-key", type=Path, metavar="FILE", help="the city's public key (PEM)")
    p.add_argument("--out", type=Path, metavar="FILE", help="write the counter's public key here")
    add_force_flag(p)
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_keys)


def _register_export(sub: Subparsers) -> None:
    p = sub.add_parser(
        "export",
        help="write every pending record to one signed, encrypted file (no network)",
        description=(
            "Write every pending dossier's newest version, exactly as the sync sends it, to "
            "one batch file signed with the counter's key and encrypted to the city's key, for "
            "IT to carry to the city. The records stay pending until the city acknowledges "
            "them (a later sync after the city's import answers 'duplicate')."
        ),
    )
    p.add_argument("--out", type=Path, metavar="FILE", required=True, help="the file to write")
    add_force_flag(p)
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_export)


def _register_limits(sub: Subparsers) -> None:
    p = sub.add_parser(
        "limits",
        help="when unsynced records warn, and (optionally) block intake",
        description=(
            "Set after how many hours unsynced records raise a warning (24), and, only if "
            "the ward wants it, after how many hours intake is refused until IT acts (0: "
            "never, the default). Without options, print the limits."
        ),
    )
    p.add_argument("--warn-after", metavar="H", help="hours before the warning (24)")
    p.add_argument("--block-intake-after", metavar="H", help="hours before intake stops (0: off)")
    add_json_flag(p, "print a JSON object")
    p.set_defaults(handler=run_limits)


def run_keys(args: argparse.Namespace) -> int:
    refuse_existing(args.out, force=args.force)
    with open_store() as store:
        now = now_vn()
        if args.city_key is not None:
            set_city_key(store, read_key_file(args.city_key), actor=cli_actor(), now=now)
        keys = counter_keys(store, now=now)
    if args.out is not None:
        write_export(args.out, keys.public_key.encode("ascii"))
    if args.json:
        emit(
            {
                "ok": True,
                "counter_id": keys.counter_id,
                "public_key": keys.public_key,
                "fingerprint": keys.fingerprint,
                "city_key_fingerprint": keys.city_fingerprint,
            }
        )
        return EXIT_OK
    sys.stdout.write(keys.public_key)
    print(message_for("sync.keys", args.lang, {
        "counter": keys.counter_id, "fingerprint": keys.fingerprint,
        "city": keys.city_fingerprint or "-"}))  # fmt: skip
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    refuse_existing(args.out, force=args.force)
    with open_store() as store:
        result = export_offline(store, out=args.out, actor=cli_actor(), now=now_vn())
    if args.json:
        emit(
            {
                "ok": True,
                "records": result.records,
                "batch_id": result.batch_id,
                "file": result.file_name,
                "city_key_fingerprint": result.city_fingerprint,
            }
        )
        return EXIT_OK
    print(message_for("sync.exported", args.lang,
                      {"count": str(result.records), "file": result.file_name}))  # fmt: skip
    return EXIT_OK


def run_limits(args: argparse.Namespace) -> int:
    with open_store() as store:
        if args.warn_after is None and args.block_intake_after is None:
            limits = load_limits(store)
        else:
            limits = save_limits(
                store, warn_after_h=args.warn_after, block_intake_after_h=args.block_intake_after,
                actor=cli_actor(), now=now_vn(),
            )  # fmt: skip
    shown = {"warn_unsynced_after_h": limits.warn_after_h,
             "block_intake_after_h": limits.block_intake_after_h}  # fmt: skip
    if args.json:
        emit({"ok": True, **shown})
        return EXIT_OK
    for name, value in shown.items():
        print(f"sync.{name}: {'-' if value is None else f'{value:g}'}")
    return EXIT_OK


def unsynced_fields(store: Store) -> dict[str, Any]:
    """What ``sync status`` adds: the oldest pending record's age and the last export."""
    state = unsynced_state(store, now=now_vn())
    export = last_export(store)
    return {
        "oldest_pending_at": state.oldest_pending_at,
        "unsynced_warning": state.warning,
        "intake_blocked": state.intake_blocked,
        "warn_unsynced_after_h": state.limits.warn_after_h,
        "last_export_at": export.at,
        "last_export_count": export.count,
    }


def print_unsynced_warning(fields: dict[str, Any], lang: str) -> None:
    """The plain-text status's extra lines: the unsynced warning, and a block if there is one."""
    if fields["intake_blocked"]:
        print(message_for("SYNC_OVERDUE_INTAKE_BLOCKED", lang))
    elif fields["unsynced_warning"]:
        hours = f"{fields['warn_unsynced_after_h']:g}"
        values = {"since": fields["oldest_pending_at"], "hours": hours}
        print(message_for("sync.unsynced_warning", lang, values))
