"""The audit viewer's services: filters, the first bad row, the CSV export (UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest

from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.supervision import audit_view
from counter_app.services.users import RoleNotAllowedError
from counter_app.storage.audit import iter_audit
from counter_app.storage.audit_query import AuditFilter
from tests.dossier_helpers import configure, intake, vn


@pytest.fixture
def codes(new_store: Store) -> list[str]:
    configure(new_store)  # actor "it", 2026-11-02
    return [
        receive_dossier(new_store, intake(), clerk=clerk, now=vn(2026, 11, day)).code
        for clerk, day in (("user:lan", 3), ("user:binh", 4), ("user:lan", 5))
    ]


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (AuditFilter(actor="lan"), [("user:lan", 5), ("user:lan", 3)]),
        (AuditFilter(actor="user:binh"), [("user:binh", 4)]),
        (AuditFilter(action="dossier.", since="2026-11-04"), [("user:lan", 5), ("user:binh", 4)]),
        (AuditFilter(action="dossier.create", until="2026-11-04"), [("user:lan", 3)]),
    ],
)
def test_filters_by_user_action_and_time_newest_first(
    new_store: Store, codes: list[str], found: AuditFilter, expected: list[tuple[str, int]]
) -> None:
    rows = audit_view.find_rows(new_store, found, role="supervisor")
    assert [(r.actor, int(r.at[8:10])) for r in rows] == expected


def test_filters_by_dossier(new_store: Store, codes: list[str]) -> None:
    rows = audit_view.find_rows(new_store, AuditFilter(subject=codes[1]), role="administrator")
    assert [r.subject for r in rows] == [codes[1]] and rows[0].action == "dossier.create"
    assert "dossier.create" in audit_view.known_actions(new_store, role="supervisor")


def test_a_clerk_may_neither_read_verify_nor_export(new_store: Store, codes: list[str]) -> None:
    for call in (
        lambda: audit_view.find_rows(new_store, AuditFilter(), role="clerk"),
        lambda: audit_view.verify(new_store, role="clerk"),
        lambda: audit_view.export_csv(
            new_store,
            AuditFilter(),
            Path("x.csv"),
            role="clerk",
            actor="user:canbo",
            now=vn(2026, 11, 6),
        ),
    ):
        with pytest.raises(RoleNotAllowedError):
            call()


def test_verify_names_the_first_bad_row(new_store: Store, codes: list[str]) -> None:
    assert audit_view.verify(new_store, role="supervisor").ok
    second = list(iter_audit(new_store.db))[1].seq
    new_store.db.conn.execute("DROP TRIGGER audit_log_no_update")
    new_store.db.conn.execute(f"UPDATE audit_log SET actor = 'user:x' WHERE seq = {second}")
    report = audit_view.verify(new_store, role="supervisor")
    assert not report.ok and report.first_bad_seq == second
    assert report.problem_code == "AUDIT_ROW_EDITED"


def test_the_export_is_csv_with_bom_owner_only_and_audited_with_its_count(
    new_store: Store, codes: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "nhật-ký.csv"
    found = AuditFilter(action="dossier.")
    count = audit_view.export_csv(
        new_store, found, out, role="supervisor", actor="user:giamsat", now=vn(2026, 11, 6)
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(audit_view.CSV_HEADER) and count == 3 == len(rows) - 1
    assert [r[4] for r in rows[1:]] == codes  # oldest first
    last = list(iter_audit(new_store.db))[-1]
    assert (last.actor, last.action, last.details) == ("user:giamsat", "audit.export",
                                                       '{"rows": 3}')  # fmt: skip


def test_a_cell_a_spreadsheet_would_run_is_quoted(new_store: Store, codes: list[str]) -> None:
    from counter_app.storage.audit import append_audit

    with new_store.action() as db:
        append_audit(db, at="2026-11-06T09:00:00+07:00", actor="=cmd|' /C calc'!A0",
                     action="test", subject="x")  # fmt: skip
    text, _ = audit_view.audit_csv(new_store, AuditFilter(action="test"))
    assert "'=cmd" in text
