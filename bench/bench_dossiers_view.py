"""Opening the dossiers view (Hồ sơ) on a store of a million dossiers: time to the first rows.

Building a million-dossier store takes minutes (``demo seed``'s service at about 1,500 rows a
second), so the store is built once under ``bench/out/`` and reused while it exists: delete
the folder to build it again. The view is opened as the clerk opens it: a new window and
store connection, the screen installed and shown, until its table holds rows and has painted
them. Target: ≤ 1 s to the first rows shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Never touch the real keyring of the machine running the bench: keys go to a key file.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from counter_app.services.clock import now_vn
from counter_app.services.demo.seed import seed_demo
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import create_store, open_store, store_exists
from counter_app.services.store.setup import set_up_counter

DEFAULT_ROWS = 1_000_000
SEED = 20261126
OUT = Path(__file__).resolve().parent / "out"
OPENS = 5  # openings to take the median of (each a new window and store connection)
TARGET_FIRST_ROWS_S = 1.0
WAIT_S = 60.0  # give up on a measurement after this long (a broken build, not a figure)


def store_folder(rows: int) -> Path:
    return OUT / f"dossiers-view-{rows}"


def cached_store(rows: int, *, progress: Callable[[int, int], None] | None = None) -> Path:
    """The folder of an encrypted store with ``rows`` demo dossiers, built if missing.

    Dossiers are received up to now, so the newest ones are today's (when today is a working
    day and the store was built today); a store built earlier is reused as it is.
    """
    folder = store_folder(rows)
    if store_exists(folder) and (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store = create_store(folder, encrypted=True, prefer_keyring=False)
    try:
        config, _ = build_config(
            agency_code="000.31.27.H26", agency_name="UBND phường Bench", counter=1
        )
        now = now_vn()
        set_up_counter(store, config, actor="bench", now=now)
        seed_demo(store, count=rows, seed=SEED, actor="bench", now=now, progress=progress)
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    (folder / "ready").write_text("built\n", encoding="utf-8")
    return folder


def _print_progress(done: int, total: int) -> None:
    if done % 100_000 == 0 or done == total:
        print(f"seeded {done:,} / {total:,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark opening the dossiers view.")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="dossiers in the store")
    parser.add_argument("--build-only", action="store_true", help="only build the store")
    args = parser.parse_args()
    folder = cached_store(args.rows, progress=_print_progress)
    if args.build_only:
        print(folder)
        return
    print(run(args.rows))


@dataclass
class _Opened:
    """A window with the dossiers screen on the bench store, and the times it took."""

    window: Any
    screen: Any
    seconds: float


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _wait(predicate: Callable[[], bool]) -> None:
    """Run the event loop until ``predicate`` holds (the screen's replies arrive through it)."""
    app, limit = _app(), time.perf_counter() + WAIT_S
    while not predicate():
        if time.perf_counter() > limit:
            raise TimeoutError("the dossiers view did not answer")
        app.processEvents()
        time.sleep(0.0005)


def _painted(screen: Any) -> None:
    """Paint the table now, so the time includes drawing the rows, not only reading them."""
    screen.table.viewport().repaint()
    _app().processEvents()


def _open(folder: Path) -> _Opened:
    """A new window and store connection, the screen installed and shown: until rows show."""
    from ui import dossiers
    from ui.main_window import MainWindow
    from ui.printing import PrintDesk
    from ui.session import Session
    from ui.tasks import Background, StoreRunner

    _app()
    start = time.perf_counter()
    session = Session(
        store=StoreRunner(lambda: open_store(folder)),
        background=Background(),
        print_desk=PrintDesk(save_folder=folder / "pdf"),
        data_dir=folder,
    )
    window = MainWindow(session)
    screen = dossiers.install(window)
    window.resize(1366, 768)
    window.show()
    _wait(lambda: (not screen.model.loading and not screen.model.canFetchMore(_root())) or
          screen.model.rowCount() > 0)  # fmt: skip
    _painted(screen)
    return _Opened(window, screen, time.perf_counter() - start)


def _root() -> Any:
    from PySide6.QtCore import QModelIndex

    return QModelIndex()


def _close(opened: _Opened) -> None:
    opened.window.close()
    opened.window.deleteLater()
    _app().processEvents()


def _until_rows(screen: Any, change: Callable[[], None]) -> tuple[float, int]:
    """Seconds from ``change`` (a filter, a search) to its first rows painted; rows shown."""
    start = time.perf_counter()
    change()
    _wait(lambda: screen.model.rowCount() > 0 or
          (not screen.model.loading and not screen.model.canFetchMore(_root())))  # fmt: skip
    _painted(screen)
    return time.perf_counter() - start, screen.model.rowCount()


class _Stalls:
    """The longest the GUI thread went without serving a 10 ms timer: what "smooth" means."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.worst = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last - 0.010)
        self._last = now

    def stop(self) -> float:
        self._timer.stop()
        return self.worst


def _scroll(screen: Any, pages: int) -> tuple[list[float], float]:
    """Scroll to the bottom ``pages`` times: each next page's time, and the worst stall."""
    stalls, times = _Stalls(), []
    for _ in range(pages):
        before = screen.model.rowCount()
        start = time.perf_counter()
        screen.table.scrollToBottom()
        _wait(lambda: screen.model.rowCount() > before)  # noqa: B023 (waited on at once)
        _painted(screen)
        times.append(time.perf_counter() - start)
    return times, stalls.stop()


def _set_combo(combo: Any, value: object) -> Callable[[], None]:
    return lambda: combo.setCurrentIndex(combo.findData(value))


SCROLL_PAGES = 20
SEARCH = "nguyen thi h"
RARE_PROCEDURE = "1.001193"  # birth registration: a few per cent of the dossiers


def _measure(folder: Path) -> dict[str, Any]:
    opens = []
    for _ in range(OPENS):
        opened = _open(folder)
        opens.append((opened.seconds, opened.screen.model.rowCount()))
        _close(opened)
    opened = _open(folder)
    screen, bar = opened.screen, opened.screen.filters
    figures: dict[str, Any] = {"open": opens}
    figures["all"] = _until_rows(screen, _set_combo(bar.scope, "all"))
    figures["scroll"] = _scroll(screen, SCROLL_PAGES)
    figures["rows_after_scroll"] = screen.model.rowCount()
    figures["overdue"] = _until_rows(screen, lambda: bar.overdue.setChecked(True))
    bar.overdue.setChecked(False)
    figures["ready"] = _until_rows(screen, _set_combo(bar.status, 9))
    figures["returned"] = _until_rows(screen, _set_combo(bar.status, 10))
    bar.status.setCurrentIndex(0)
    _wait(lambda: bar.procedure.count() > 1)
    figures["procedure"] = _until_rows(screen, _set_combo(bar.procedure, RARE_PROCEDURE))
    bar.procedure.setCurrentIndex(0)
    figures["search"] = _until_rows(screen, lambda: (bar.search.setText(SEARCH), bar.apply_now()))
    _close(opened)
    return figures


def run(rows: int = DEFAULT_ROWS) -> str:
    folder = cached_store(rows, progress=_print_progress)
    figures = _measure(folder)
    open_s = statistics.median(s for s, _ in figures["open"])
    today_rows = figures["open"][0][1]
    pages, stall = figures["scroll"]
    verdict = "met" if max(open_s, figures["all"][0]) <= TARGET_FIRST_ROWS_S else "NOT met"

    def line(label: str, key: str) -> str:
        seconds, shown = figures[key]
        return f"| {label} | {seconds:.3f} | {shown:,} |"

    return "\n".join(
        [
            "## The dossiers view on a million dossiers",
            "",
            f"`python -m bench.bench_dossiers_view --rows {rows}`: an encrypted store of "
            f"{rows:,} demo dossiers (built once under `bench/out/`, reused while it exists). "
            "Each figure is a new request to the screen until its first rows are painted (the "
            "table holds one page of 200); opening is a new window and store connection, the "
            f"screen installed and shown, median of {OPENS}. Target ≤ {TARGET_FIRST_ROWS_S:.0f} s "
            f"to the first rows shown: {verdict}.",
            "",
            "| request | seconds to first rows | rows shown |",
            "|---|---:|---:|",
            f"| open the screen (today's dossiers) | {open_s:.3f} | {today_rows:,} |",
            line("all dates, newest first", "all"),
            line("overdue only (all dates)", "overdue"),
            line("status 9, result ready (all dates)", "ready"),
            line("status 10, returned (all dates)", "returned"),
            line(f"one procedure ({RARE_PROCEDURE}, all dates)", "procedure"),
            line(f"search `{SEARCH}` (all dates)", "search"),
            "",
            f"Scrolling: {SCROLL_PAGES} pages fetched by scrolling to the bottom, next page p50 "
            f"{statistics.median(pages) * 1000:.0f} ms, worst {max(pages) * 1000:.0f} ms; "
            f"{figures['rows_after_scroll']:,} rows held; the GUI thread's longest stall "
            f"meanwhile {stall * 1000:.0f} ms (a 10 ms timer's lateness).",
        ]
    )


if __name__ == "__main__":
    main()
