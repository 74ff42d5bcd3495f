"""A calendar import never rewrites a printed appointment; it lists the ones it would move."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from tests.dossier_helpers import CLERK, configure, intake, vn

SHIPPED = Path(__file__).resolve().parents[4] / "resources" / "calendar" / "holidays.json"


def notice_with_extra_day_off(tmp_path: Path) -> Path:
    """2027 as shipped, plus Monday 19 April off (as if the year's notice added a swap)."""
    year = json.loads(SHIPPED.read_text(encoding="utf-8"))["years"]["2027"]
    year["days"].append({"date": "2027-04-19", "kind": "off", "name": "Nghỉ bù"})
    year.update(status="official", source="Thông báo (thử nghiệm)")
    path = tmp_path / "notice-2027.json"
    path.write_text(json.dumps({"weekend": ["SAT", "SUN"], "years": {"2027": year}}), "utf-8")
    return path


def test_import_lists_moved_appointments_and_changes_none(
    new_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(new_store)
    moved = receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2027, 4, 14, 10))
    extended = receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2027, 4, 14, 10, 5))
    dossiers.set_due_date(new_store, extended.code, vn(2027, 4, 30, 16), reason="Xác minh",
                          actor=CLERK, now=vn(2027, 4, 15))  # fmt: skip
    untouched = receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2027, 6, 1, 9))
    new_store.close()
    capsys.readouterr()

    assert main(["calendar", "import", str(notice_with_extra_day_off(tmp_path)), "--json"]) == 0
    review = json.loads(capsys.readouterr().out)["appointments_to_review"]
    assert [r["code"] for r in review] == [moved.code]  # not the extended, not the June one
    assert review[0]["printed_due_at"] == moved.due_at
    assert review[0]["recomputed_due_at"] > moved.due_at

    store = open_store()
    try:
        for before in (moved, extended, untouched):
            assert dossiers.get_dossier(store, before.code).due_at == (
                before.due_at if before is not extended else vn(2027, 4, 30, 16).isoformat()
            )
    finally:
        store.close()
