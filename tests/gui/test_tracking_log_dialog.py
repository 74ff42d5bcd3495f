"""The Reports menu's tracking log export in a real window: a supervisor exports the month's
log to a workbook; a clerk finds the entry disabled."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from counter_app.services.clock import now_vn
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.storage.audit import iter_audit
from tests.dossier_helpers import CLERK, citizen, configure, intake
from tests.gui.counter_window import counter_window, prepare_counter
from ui.reports import install as install_reports

NAMES = ("Nguyễn Thị Thuỷ", "Đặng Văn Ước")


def _folder(store: Store) -> Path:
    configure(store)
    for n, name in enumerate(NAMES):
        person = citizen(name=name, id_number=f"00118900420{n}")
        receive_dossier(store, intake(person), clerk=CLERK, now=now_vn())
    return prepare_counter(store, configured=True)


def test_a_supervisor_exports_the_log_to_a_workbook(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = _folder(new_store)
    out = tmp_path / "so-theo-doi.xlsx"
    with counter_window(qtbot, folder, tmp_path, username="minh") as counter:
        menu = install_reports(counter.window)
        assert menu.export_action.isEnabled()
        dialog = menu.open_export()
        assert dialog is not None
        dialog.choose_path = lambda _parent, suggested, _filter: str(out.with_name(suggested))
        today = now_vn().date()
        dialog.first.setDate(QDate(today.year, today.month, today.day))
        assert dialog.format.currentData() == "xlsx"
        with qtbot.waitSignal(dialog.exported, timeout=20_000) as done:
            dialog.export_button.click()
        rows, name = done.args
        assert rows == 2 and name.startswith("so-theo-doi-") and name.endswith(".xlsx")
        assert "2" in dialog.outcome.text() and name in dialog.outcome.text()
    written = tmp_path / name
    sheet = openpyxl.load_workbook(io.BytesIO(written.read_bytes())).active
    assert [sheet.cell(10 + n, 5).value for n in range(2)] == list(NAMES)
    store = open_store(folder)
    try:
        row = [r for r in iter_audit(store.db) if r.action == "log.export"][-1]
    finally:
        store.close()
    assert row.actor == "user:minh" and '"rows": 2' in row.details


def test_a_clerk_finds_the_export_disabled(qtbot: QtBot, new_store: Store, tmp_path: Path) -> None:
    folder = _folder(new_store)
    with counter_window(qtbot, folder, tmp_path, username="lan") as counter:
        menu = install_reports(counter.window)
        assert not menu.export_action.isEnabled()
        assert menu.export_action.toolTip()
        assert menu.open_export() is None


def test_a_supervisor_sees_the_days_gaps_and_signs_the_day_off(
    qtbot: QtBot, new_store: Store, tmp_path: Path
) -> None:
    folder = _folder(new_store)
    with counter_window(qtbot, folder, tmp_path, username="minh") as counter:
        menu = install_reports(counter.window)
        dialog = menu.open_end_of_day()
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.gaps.count() > 0, timeout=20_000)
        assert "tiếp nhận 2, đã in phiếu 0, đã gửi 0" in dialog.figures.text()
        lines = [dialog.gaps.item(i).text() for i in range(dialog.gaps.count())]
        assert len(lines) == 4  # two dossiers, each never printed and never sent
        with qtbot.waitSignal(dialog.shown, timeout=20_000) as signed:
            dialog.sign_button.click()
        assert len(signed.args[0].sign_offs) == 1
        assert "Trần Văn Minh" in dialog.signed.text()
