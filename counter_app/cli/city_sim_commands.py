"""``counter-app city-sim``: the shipped city simulator, and its tools for tests and trainers.

``city-sim --port P --db FILE`` serves ``counter-sync/1`` on loopback until interrupted and
prints one ready line with its URL first (flushed: tests read it from a pipe). The other
commands work on the simulator's SQLite file: ``dump``, ``advance``, ``keygen``, ``trust``,
``import``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections import Counter
from pathlib import Path
from types import FrameType

from counter_app.cli.numbers import bounded_float, bounded_int
from counter_app.cli.output import Subparsers, add_force_flag, emit
from counter_app.errors import EXIT_ITEMS_FAILED, EXIT_OK, BadInputError
from counter_app.services.clock import now_vn
from counter_app.services.documents.files import refuse_existing, write_document
from sync.protocol import Outcome
from sync.simulator import admin
from sync.simulator.faults import (
    DEFAULT_ADVANCE_AFTER_S,
    DEFAULT_RETRY_AFTER_S,
    DEFAULT_SLOW_MS,
    CodePolicy,
    Fault,
    SimConfig,
    parse_faults,
)
from sync.simulator.server import CityServer

TOKEN_ENV = "CITY_SIM_TOKEN"  # the token without putting it on a command line
_FAILED = (Outcome.REJECTED, Outcome.RETRY_LATER)


class SimFileUnreadableError(BadInputError):
    """A file given to the simulator (offline batch, key) cannot be read."""

    code = "CITY_SIM_FILE_UNREADABLE"


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "city-sim",
        help="run the city simulator on loopback (tests, demos, training)",
        description=(
            "Serve the sync protocol counter-sync/1 (docs/SYNC-PROTOCOL.md) on a loopback "
            "address with the simulator's own SQLite file, until interrupted. Prints one ready "
            "line with the URL first. Faults are injected at random with --fail-rate."
        ),
    )
    _serve_options(parser)
    parser.set_defaults(handler=run_serve)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _register_dump(sub)
    _register_advance(sub)
    _register_keygen(sub)
    _register_trust(sub)
    _register_revoke(sub)
    _register_import(sub)


def _serve_options(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add(
        "--port",
        type=bounded_int("--port", 0, 65535),
        help="TCP port; 0 picks a free one (required to serve)",
    )
    add("--db", type=Path, metavar="FILE", help="the simulator's SQLite file (created if absent)")
    add("--host", default="127.0.0.1", help="loopback address to bind (127.0.0.1)")
    add("--token", default=os.environ.get(TOKEN_ENV), help=f"require this bearer ({TOKEN_ENV})")
    add(
        "--fail-rate",
        type=float,  # range and nan: FaultPlan (CITY_SIM_OPTION_INVALID)
        default=0.0,
        metavar="F",
        help="fault probability, 0-1",
    )
    add("--faults", default="all", metavar="LIST",
        help="faults to draw from: " + ",".join(f.value for f in Fault) + " (all)")  # fmt: skip
    add("--seed", type=int, help="seed of the fault draws, for repeatable runs")
    add(
        "--latency-ms",
        type=bounded_int("--latency-ms", 0, 600_000),
        default=0,
        metavar="N",
        help="delay before every reply",
    )
    add(
        "--slow-ms",
        type=bounded_int("--slow-ms", 0, 600_000),
        default=DEFAULT_SLOW_MS,
        metavar="N",
        help="length of a slow reply",
    )
    add("--retry-after", type=int, default=DEFAULT_RETRY_AFTER_S, metavar="S",
        help="Retry-After seconds of a 429")  # fmt: skip
    add("--clock-skew-s", type=int, default=0, metavar="S", help="shift the server's clock")
    add("--advance-after-s", type=bounded_float("--advance-after-s", 0, 86400),
        default=DEFAULT_ADVANCE_AFTER_S, metavar="S",
        help="seconds between status steps 2 → 4 → 9 (0: only `advance`)")  # fmt: skip
    add("--codes", choices=[c.value for c in CodePolicy], default=CodePolicy.KEEP.value,
        help="keep fitting local codes (keep) or assign official ones (always)")  # fmt: skip
    add("--catalogue", type=Path, metavar="CSV", help="catalogue to serve (the shipped one)")
    add("--json", action="store_true", help="print the ready line as JSON")


def _register_dump(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "dump",
        help="print one JSON line per stored dossier",
        description=(
            "Print one JSON object per dossier the simulated city stores: codes, version, "
            "status, times received and the record as last accepted (with personal data: "
            "for tests and training only)."
        ),
    )
    parser.add_argument("--db", type=Path, metavar="FILE", required=True)
    parser.set_defaults(handler=run_dump)


def _register_advance(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "advance",
        help="move every open dossier one status step now (2 → 4 → 9)",
        description=(
            "Move every open dossier of the simulated city one step (2 → 4, 4 → 9) now, so "
            "the next status pull brings the changes. --postpone-days N also moves their "
            "due dates N days later."
        ),
    )
    parser.add_argument("--db", type=Path, metavar="FILE", required=True)
    parser.add_argument("--postpone-days", type=int, default=0, metavar="N")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(handler=run_advance)


def _register_keygen(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "keygen",
        help="print (making it on first use) the city's public key for offline files",
        description=(
            "Make the simulated city's X25519 key on first use, keep it in the simulator's "
            "file and print its public key (PEM), or write it to --out FILE: counters encrypt "
            "offline batch files to it."
        ),
    )
    parser.add_argument("--db", type=Path, metavar="FILE", required=True)
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the public key here")
    add_force_flag(parser)
    parser.set_defaults(handler=run_keygen)


def _register_trust(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "trust",
        help="register a counter's public signing key for offline files",
        description=(
            "Register the Ed25519 public key (PEM file) a counter signs its offline batch "
            "files with; an import refuses files signed by any other key."
        ),
    )
    parser.add_argument("--db", type=Path, metavar="FILE", required=True)
    parser.add_argument("--agency", required=True, metavar="CODE", help="the ward's agency code")
    parser.add_argument("--counter-id", required=True, metavar="ID")
    parser.add_argument("key", type=Path, metavar="PUBLIC_KEY", help="the counter's key file")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(handler=run_trust)


def _register_revoke(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "revoke",
        help="forget a ward counter's offline signing key (a lost or stolen PC)",
        description="Forget the key registered for one ward's counter: its offline files are "
        "refused from now on, until a new key is trusted.",
    )
    parser.add_argument("--db", type=Path, metavar="FILE", required=True)
    parser.add_argument("--agency", required=True, metavar="CODE", help="the ward's agency code")
    parser.add_argument("--counter-id", required=True, metavar="ID")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(handler=run_revoke)


def _register_import(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "import",
        help="import an offline batch file, exactly as if it came over the network",
        description=(
            "Decrypt an offline batch file with the city's key, check its signature against "
            "the key registered for its counter, and receive its records as one batch. "
            "Importing a file twice, or after the same records synced, stores nothing new."
        ),
    )
    parser.add_argument("--db", type=Path, metavar="FILE", required=True)
    parser.add_argument("file", type=Path, metavar="FILE", help="the offline batch file")
    parser.add_argument("--catalogue", type=Path, metavar="CSV", help="as for serving")
    parser.add_argument("--codes", choices=[c.value for c in CodePolicy], default="keep")
    parser.add_argument("--json", action="store_true", help="one JSON object per record")
    parser.set_defaults(handler=run_import)


def run_serve(args: argparse.Namespace) -> int:
    if args.port is None or args.db is None:
        raise BadInputError("city-sim needs --port and --db")
    config = SimConfig(
        host=args.host, port=args.port, token=args.token, fail_rate=args.fail_rate,
        faults=parse_faults(args.faults), seed=args.seed, latency_ms=args.latency_ms,
        slow_ms=args.slow_ms, retry_after_s=args.retry_after, clock_skew_s=args.clock_skew_s,
        advance_after_s=args.advance_after_s, codes=CodePolicy(args.codes),
        catalogue=args.catalogue,
    )  # fmt: skip
    server = CityServer(config, args.db)
    if args.json:
        emit({"ok": True, "event": "ready", "url": server.url})
    else:
        print(f"city-sim ready: {server.url}", flush=True)
    _stop_on_sigterm()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


def _stop_on_sigterm() -> None:
    """SIGTERM ends the server like Ctrl+C: the current transaction finishes or rolls back."""
    if threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def run_dump(args: argparse.Namespace) -> int:
    for obj in admin.dump_dossiers(args.db):
        emit(obj)
    return EXIT_OK


def run_advance(args: argparse.Namespace) -> int:
    moved = admin.advance_now(args.db, now_vn(), postpone_days=args.postpone_days)
    if args.json:
        emit({"ok": True, "moved": moved})
    else:
        print(f"{moved} dossier(s) moved one step.")
    return EXIT_OK


def run_keygen(args: argparse.Namespace) -> int:
    public = admin.city_public_key(args.db)
    if args.out is None:
        sys.stdout.write(public.decode("ascii"))
    else:
        refuse_existing(args.out, force=args.force)
        write_document(args.out, public, overwrite=args.force)
    return EXIT_OK


def run_trust(args: argparse.Namespace) -> int:
    fingerprint = admin.trust_counter(
        args.db, agency=args.agency, counter_id=args.counter_id, public_pem=_read(args.key)
    )
    if args.json:
        emit({"ok": True, "agency": args.agency, "counter_id": args.counter_id,
              "fingerprint": fingerprint})  # fmt: skip
    else:
        print(f"{args.agency} counter {args.counter_id}: key {fingerprint[:16]}… registered.")
    return EXIT_OK


def run_revoke(args: argparse.Namespace) -> int:
    revoked = admin.revoke_counter(args.db, agency=args.agency, counter_id=args.counter_id)
    if args.json:
        emit({"ok": True, "agency": args.agency, "counter_id": args.counter_id,
              "revoked": revoked})  # fmt: skip
    else:
        print(f"{args.agency} counter {args.counter_id}: " + ("key revoked." if revoked else
              "no key was registered."))  # fmt: skip
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    results = admin.import_offline(
        args.db, _read(args.file), catalogue=args.catalogue, codes=CodePolicy(args.codes),
        now=now_vn(),
    )  # fmt: skip
    if args.json:
        for result in results:
            emit(result.to_json())
    else:
        counts = Counter(result.outcome.value for result in results)
        print(", ".join(f"{name} {counts[name]}" for name in Outcome) + ".")
    failed = any(result.outcome in _FAILED for result in results)
    return EXIT_ITEMS_FAILED if failed else EXIT_OK


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise SimFileUnreadableError(path.name) from None
