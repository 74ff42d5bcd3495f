"""``counter-app --self-test``: one line per check, exit 3 with what to do when one fails.

The Qt-free checks are in ``services/store/self_test.py``; the window (Qt) and the city (the sync
client) are checked here, the only layer that may import ``ui`` (lazily) and ``sync``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from counter_app import __version__
from counter_app.errors import EXIT_OK, EnvironmentProblem
from counter_app.services.settings.counter import load_config
from counter_app.services.store.opening import open_store, store_exists
from counter_app.services.store.self_test import (
    FAILED,
    NOT_APPLICABLE,
    PASSED,
    CheckResult,
    core_checks,
    run_check,
)
from counter_app.services.syncing.settings import load_sync_settings, read_token
from counter_app.texts.self_test import ADVICE, LABELS, STATUS_WORDS
from sync.client import ClientConfig, SyncClient
from sync.engine import counter_id

SKIPPED_WHY = {"store": "store_skipped", "city": "city_skipped", "camera": "camera_skipped"}


class SelfTestFailedError(EnvironmentProblem):
    """At least one check of ``--self-test`` failed; each failed line says what to do."""

    code = "SELF_TEST_FAILED"


def add_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this computer for the counter (window, QR decoders, receipt PDF, encrypted "
        "store, data folder, disk space, the city when configured); exit 3 if a check fails",
    )


def run_self_test(args: argparse.Namespace) -> int:
    """Every check, printed as it ends (a slow one never hides the others' results)."""
    folder = Path(args.data_dir) if args.data_dir else None
    print(f"counter-app {__version__}, {sys.platform}", flush=True)
    results = []
    for result in all_checks(folder):
        print(format_line(result, args.lang), flush=True)
        results.append(result)
    if any(result.failed for result in results):
        raise SelfTestFailedError(",".join(r.name for r in results if r.failed))
    return EXIT_OK


def all_checks(folder: Path | None) -> list[CheckResult]:
    from ui.self_check import check_camera, check_window  # Qt only for these checks

    qt_checks = [run_check("window", check_window), run_check("camera", check_camera)]
    return [*qt_checks, *core_checks(folder), check_city(folder)]


def check_city(folder: Path | None) -> CheckResult:
    """One catalogue request: any answer of the city's (even "not modified") is reachable."""
    return run_check("city", lambda: _ask_city(folder))


def _ask_city(folder: Path | None) -> CheckResult:
    if not store_exists(folder):
        return CheckResult("city", NOT_APPLICABLE)
    with open_store(folder) as store:
        settings = load_sync_settings(store)
        if not settings.url:
            return CheckResult("city", NOT_APPLICABLE)
        config = ClientConfig(
            url=settings.url,
            counter_id=counter_id(load_config(store)),
            app_version=__version__,
            token=read_token(store, settings),
            ca_bundle=settings.ca_bundle or None,
            connect_timeout_s=settings.connect_timeout_s,
            read_timeout_s=settings.read_timeout_s,
        )
    client = SyncClient(config)
    try:
        client.get_catalogue(None)
    finally:
        client.close()
    return CheckResult("city", PASSED, settings.url)


def format_line(result: CheckResult, lang: str) -> str:
    """``OK      Label: detail`` or, failed, ``FAILED  Label: detail. What to do.``"""
    label = LABELS[result.name][lang]
    detail = result.detail
    if result.status == NOT_APPLICABLE and result.name in SKIPPED_WHY:
        detail = ADVICE[SKIPPED_WHY[result.name]][lang]
    line = f"{STATUS_WORDS[result.status][lang]}{label}" + (f": {detail}" if detail else "")
    if result.status == FAILED:
        line += f" — {ADVICE[result.name][lang]}"
    return line
