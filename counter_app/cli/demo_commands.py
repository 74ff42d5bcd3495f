"""``counter-app demo seed``: fill a training store with synthetic dossiers (docs/DEMO.md)."""

from __future__ import annotations

import argparse
import random
import sys
import time
from typing import TextIO

from counter_app.cli.output import Subparsers, add_json_flag, emit, print_group_help
from counter_app.errors import EXIT_OK
from counter_app.messages import message_for
from counter_app.services.actor import cli_actor
from counter_app.services.clock import now_vn
from counter_app.services.demo.seed import SeedReport, seed_demo
from counter_app.services.store.opening import open_store

BAR_WIDTH = 40  # characters of the progress bar
BAR_INTERVAL_S = 0.25  # redraw at most four times a second: a terminal is slow to scroll


def register(commands: Subparsers) -> None:
    group = commands.add_parser(
        "demo",
        help="demonstration data for training",
        description="Make synthetic data for training and benchmarks (never real people).",
    )
    group.set_defaults(handler=lambda args: print_group_help(group))
    sub = group.add_subparsers(title="commands", metavar="COMMAND")
    p = sub.add_parser(
        "seed",
        help="fill the store with synthetic dossiers",
        description=(
            "Add COUNT synthetic dossiers (random Vietnamese names, ID numbers and Hà Nội "
            "addresses; never real people) received on working days before now, with "
            "statuses by age. The same --seed on the same store gives the same dossiers."
        ),
    )
    p.add_argument("--count", type=int, required=True, help="how many dossiers to add")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: a new one)")
    p.add_argument(
        "--days",
        type=int,
        default=None,
        help="spread over the last D days (default: enough days for at most 999 a day)",
    )
    add_json_flag(p)
    p.set_defaults(handler=run_seed)


def run_seed(args: argparse.Namespace) -> int:
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    bar = ProgressBar(sys.stderr) if not args.json and sys.stderr.isatty() else None
    try:
        with open_store() as store:
            report = seed_demo(
                store,
                count=args.count,
                seed=seed,
                days=args.days,
                actor=cli_actor(),
                now=now_vn(),
                progress=bar.update if bar else None,
            )
    finally:
        if bar:
            bar.finish()
    _print(report, args)
    return EXIT_OK


def _print(report: SeedReport, args: argparse.Namespace) -> None:
    if args.json:
        emit({"ok": True, **vars(report)})
        return
    params = {key: str(value) for key, value in vars(report).items()}
    print(message_for("DEMO_SEEDED", args.lang, params))


class ProgressBar:
    """A one-line text bar on a terminal, redrawn at most every ``BAR_INTERVAL_S``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.last, self.drawn = stream, 0.0, False

    def update(self, done: int, total: int) -> None:
        moment = time.monotonic()
        if done < total and moment - self.last < BAR_INTERVAL_S:
            return
        self.last = moment
        filled = BAR_WIDTH * done // max(total, 1)
        line = f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:,}/{total:,}"
        self.stream.write(line)
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
