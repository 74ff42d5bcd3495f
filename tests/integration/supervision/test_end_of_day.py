"""The end-of-day reconciliation against the shipped city simulator on loopback.

Four dossiers received today: three with their receipts printed, one never printed; a sync
with a healthy city acknowledges the first three and the unprinted one; the last one leaves
while the city answers 500 (it stores the record, the counter never hears back). The report
must name exactly those two dossiers, and the sign-off must reach the audit and the day's log.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from counter_app.documents.model import FormKind
from counter_app.domain.dossier import Dossier
from counter_app.services.clock import now_vn
from counter_app.services.documents.issuing import IssueRequest, issue_document
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.supervision.end_of_day import Gap, end_of_day_report, sign_off_day
from counter_app.services.supervision.tracking_log import LogFormat, LogRequest, export_tracking_log
from counter_app.services.users import RoleNotAllowedError
from counter_app.storage.audit import iter_audit, verify_chain
from tests.dossier_helpers import CLERK, citizen, configure, intake
from tests.integration.sync_helpers import FAST, city_sim, sync_once

STILL = ("--advance-after-s", "0")  # the simulated city moves no statuses by itself
NEVER_ANSWERS = ("--fail-rate", "1", "--faults", "500", "--seed", "1")


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def _receive(store: Store, n: int, *, printed: bool) -> Dossier:
    person = citizen(name=f"Phạm Thị Ngọc Ánh {n}", id_number=f"00118900{n:04d}")
    dossier = receive_dossier(store, intake(person), clerk=CLERK, now=now_vn())
    if printed:
        request = IssueRequest(kind=FormKind.RECEIPT, code=dossier.code)
        issue_document(store, request, actor=CLERK, now=now_vn(), deliver=lambda _pdf: None)
    return dossier


def test_the_report_finds_the_unacknowledged_and_the_unprinted_dossier(
    store: Store, tmp_path: Path
) -> None:
    city_db = tmp_path / "city.db"
    printed = [_receive(store, n, printed=True) for n in range(2)]
    unprinted = _receive(store, 2, printed=False)
    with city_sim(city_db, *STILL) as url:
        assert sync_once(store, url, FAST).acknowledged == 3
    unanswered = _receive(store, 3, printed=True)
    with city_sim(city_db, *STILL, *NEVER_ANSWERS) as url:
        report = sync_once(store, url, FAST)
        assert report.acknowledged == 0 and report.pending == 1
    day = now_vn().date()
    found = end_of_day_report(store, day, role="supervisor")
    assert (found.received, found.printed, found.sent, found.acknowledged) == (4, 3, 4, 3)
    assert found.returned == 0 and not found.balanced
    assert {(d.code, d.gap) for d in found.discrepancies} == {
        (unprinted.code, Gap.NOT_PRINTED),
        (unanswered.code, Gap.NOT_ACKNOWLEDGED),
    }
    assert all(d.code != p.code for d in found.discrepancies for p in printed)


def test_a_clerk_may_not_run_the_report_nor_sign_off(store: Store) -> None:
    with pytest.raises(RoleNotAllowedError):
        end_of_day_report(store, now_vn().date(), role="clerk")
    with pytest.raises(RoleNotAllowedError):
        sign_off_day(store, now_vn().date(), actor="user:lan", role="clerk", now=now_vn())


def test_the_sign_off_is_audited_and_printed_on_the_days_log(store: Store, tmp_path: Path) -> None:
    _receive(store, 7, printed=True)
    day, now = now_vn().date(), now_vn()
    signed = sign_off_day(store, day, actor="supervisor:binh", role="supervisor", now=now)
    (sign_off,) = signed.sign_offs
    assert sign_off.name == "binh" and sign_off.day == day
    row = [r for r in iter_audit(store.db) if r.action == "report.eod.sign_off"][-1]
    assert row.subject == day.isoformat() and '"received": 1' in row.details
    assert "Phạm" not in row.details  # figures only, never a citizen's data
    request = LogRequest(day, day, LogFormat.PDF)
    exported = export_tracking_log(store, request, actor="user:binh", role="supervisor", now=now)
    pdf = tmp_path / "log.pdf"
    pdf.write_bytes(exported.data)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "ký xác nhận: binh" in text
    assert verify_chain(store.db)[1] is None
