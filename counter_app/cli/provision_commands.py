"""``counter-app provision FILE.toml``: apply IT's configuration file (docs/ADMIN.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from counter_app.cli.output import Subparsers, emit
from counter_app.errors import EXIT_OK
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import create_store, open_store, store_exists
from counter_app.services.store.provision import (
    ProvisionInvalidError,
    apply_plan,
    needs_counter,
    read_plan,
)
from sync.client import check_url
from sync.export import counter_keys


def register(commands: Subparsers) -> None:
    p = commands.add_parser(
        "provision",
        help="apply IT's configuration file (TOML) to this counter",
        description=(
            "Apply a TOML file of settings: [counter] agency_code, agency_name, counter, "
            "code_range, form_set; [sync] url, token_file, ca_bundle; [intake] scanner_port, "
            "scanner_baud, camera, printer; [ui] language; [forms] apology_signer_title, "
            "apology_signer_name, stop_signer_title, stop_signer_name "
            "(docs/provision-example.toml). Every key is "
            "checked first and every problem is listed by key; nothing is written unless all "
            "pass. Creates the store when there is none (as setup does). Running the same file "
            "again changes nothing. Exit 2 for a bad file."
        ),
    )
    p.add_argument("file", metavar="FILE.toml")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=run_provision)


def run_provision(args: argparse.Namespace) -> int:
    try:
        plan = read_plan(Path(args.file), check_url=check_url)
        created = not store_exists()
        if created and needs_counter(plan):
            raise ProvisionInvalidError(needs_counter(plan))
    except ProvisionInvalidError as error:
        _print_problems(error, args)
        raise
    now, actor = now_vn(), cli_actor()
    with create_store() if created else open_store() as store:
        changed = apply_plan(store, plan, actor=actor, now=now)
        if created:
            counter_keys(store, now=now)  # the offline file's signing key, as setup makes it
        location = store.key_location or None
    result = {"ok": True, "created": created, "changed": changed, "key_location": location}
    if args.json:
        emit(result)
    else:
        print(", ".join(changed) if changed else _nothing(args.lang))
    return EXIT_OK


def _print_problems(error: ProvisionInvalidError, args: argparse.Namespace) -> None:
    """One line per key on stderr, before the error's own sentence."""
    for key, code in error.problems:
        print(f"{key}: {message_for(code, args.lang)} ({code})", file=sys.stderr)


def _nothing(lang: str) -> str:
    return "Không có gì thay đổi." if lang == "vi" else "Nothing changed."
