"""`audit verify` checks the data, not only the chain: rows edited, deleted or added outside the
app are named by their dossier code, and a cut tail stays reported until acknowledged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.dossier import Status
from counter_app.services.audit_check import (
    NoBreakToAcknowledgeError,
    acknowledge_breaks,
    verify_audit,
)
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store, open_store
from counter_app.storage.marks import MARKS_FILE_NAME
from tests.dossier_helpers import CLERK, configure, intake, vn


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    for minute in (1, 2, 3):
        receive_dossier(new_store, intake(), clerk=CLERK, now=vn(2026, 11, 25, 9, minute))
    return new_store


def codes(store: Store) -> list[str]:
    return [r[0] for r in store.db.conn.execute("SELECT code FROM dossiers ORDER BY id")]


def found(store: Store) -> set[tuple[str, str]]:
    return {(f.code, f.subject) for f in verify_audit(store).findings}


def sql(store: Store, *statements: str) -> None:
    """What someone holding the key and a SQL shell could do to the store file."""
    for statement in statements:
        store.db.conn.execute(statement)


def test_an_intact_store_verifies_ok_with_its_data(store: Store) -> None:
    first = codes(store)[0]
    dossiers.transition_dossier(
        store, first, Status.IN_PROCESS, actor=CLERK, now=vn(2026, 11, 25, 10)
    )
    report = verify_audit(store)
    assert report.ok, report.findings


def test_a_name_edited_in_the_file_is_named(store: Store) -> None:
    second = codes(store)[1]
    sql(store, f"UPDATE dossiers SET full_name = 'Nguyễn Văn Giả' WHERE code = '{second}'")
    assert found(store) == {("DOSSIER_CHANGED", second)}
    assert not verify_audit(store).ok


def test_an_event_deleted_is_named(store: Store) -> None:
    first = codes(store)[0]
    sql(
        store,
        "DELETE FROM dossier_events WHERE dossier_id = "
        f"(SELECT id FROM dossiers WHERE code = '{first}')",
    )
    assert found(store) == {("DOSSIER_CHANGED", first)}


def test_a_version_snapshot_edited_is_named(store: Store) -> None:
    third = codes(store)[2]
    sql(
        store,
        "UPDATE dossier_versions SET snapshot = '{}' WHERE dossier_id = "
        f"(SELECT id FROM dossiers WHERE code = '{third}')",
    )
    assert found(store) == {("DOSSIER_CHANGED", third)}


def test_a_dossier_deleted_with_all_its_rows_is_named(store: Store) -> None:
    """Its versions, events, due dates and outbox rows go too: the chain and marks remember it."""
    second = codes(store)[1]
    where = f"dossier_id = (SELECT id FROM dossiers WHERE code = '{second}')"
    sql(
        store,
        *(f"DELETE FROM {t} WHERE {where}" for t in
          ("dossier_versions", "dossier_events", "due_dates", "outbox")),
        f"DELETE FROM dossiers WHERE code = '{second}'",
    )  # fmt: skip
    assert found(store) == {("DOSSIER_DELETED", second)}


def test_a_dossier_deleted_with_its_audit_rows_is_still_named_from_the_marks(store: Store) -> None:
    third = codes(store)[2]
    where = f"dossier_id = (SELECT id FROM dossiers WHERE code = '{third}')"
    sql(
        store,
        "DROP TRIGGER audit_log_no_delete",
        f"DELETE FROM audit_log WHERE subject = '{third}'",
        *(f"DELETE FROM {t} WHERE {where}" for t in
          ("dossier_versions", "dossier_events", "due_dates", "outbox")),
        f"DELETE FROM dossiers WHERE code = '{third}'",
    )  # fmt: skip
    report = verify_audit(store)
    assert ("DOSSIER_DELETED", third) in {(f.code, f.subject) for f in report.findings}
    assert report.problem_code  # the chain itself is broken too


def test_a_dossier_added_outside_the_app_is_named(store: Store) -> None:
    columns = [r[1] for r in store.db.conn.execute("PRAGMA table_info(dossiers)")]
    copied = ", ".join(
        {"id": "NULL", "uuid": "'forged-uuid'", "code": "'FORGED-1'", "log_line": "999"}.get(c, c)
        for c in columns
    )
    sql(store, f"INSERT INTO dossiers SELECT {copied} FROM dossiers LIMIT 1")
    assert found(store) == {("DOSSIER_UNAUDITED", "FORGED-1")}


def test_a_lowered_mark_is_seen_by_its_mac(store: Store, private_data_dir: Path) -> None:
    conn = sqlite3.connect(private_data_dir / MARKS_FILE_NAME)
    with conn:
        conn.execute("UPDATE code_marks SET last_number = 1")
    conn.close()
    assert {code for code, _ in found(store)} == {"MARKS_TAMPERED"}


def test_a_deleted_mark_is_seen_by_the_count(store: Store, private_data_dir: Path) -> None:
    conn = sqlite3.connect(private_data_dir / MARKS_FILE_NAME)
    with conn:
        conn.execute("DELETE FROM dossier_marks WHERE rowid = 1")
    conn.close()
    assert ("MARKS_TAMPERED", "meta:dossier_marks") in found(store)


def test_a_cut_tail_stays_reported_until_a_supervisor_acknowledges_it(
    store: Store, private_data_dir: Path
) -> None:
    head = store.db.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    sql(store, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE seq > {head - 2}")
    store.close()
    # Ordinary work goes on: more rows than were cut, which once "healed" the report.
    reopened = open_store(private_data_dir)
    try:
        for minute in (10, 11, 12, 13):
            receive_dossier(reopened, intake(), clerk=CLERK, now=vn(2026, 11, 25, 9, minute))
        report = verify_audit(reopened)
        assert report.problem_code == "AUDIT_TAIL_MISSING"
        assert report.findings[0].subject == f"{head - 1}-{head}"
        assert acknowledge_breaks(reopened, actor="supervisor:ha", now=vn(2026, 11, 25, 10)) == 1
        after = verify_audit(reopened)
        assert not after.problem_code and [b.kind for b in after.acknowledged] == ["tail_missing"]
        with pytest.raises(NoBreakToAcknowledgeError):
            acknowledge_breaks(reopened, actor="supervisor:ha", now=vn(2026, 11, 25, 10))
        actions = [r[0] for r in reopened.db.conn.execute("SELECT action FROM audit_log")]
        assert "audit.break" in actions and "audit.acknowledge" in actions
    finally:
        reopened.close()


def test_cli_names_the_changed_dossier_and_acknowledges(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    second = codes(store)[1]
    sql(store, f"UPDATE dossiers SET notes = 'sửa lén' WHERE code = '{second}'")
    store.close()
    assert main(["audit", "verify"]) == 1
    assert second in capsys.readouterr().out
    assert main(["audit", "acknowledge"]) == 2  # nothing to acknowledge: a data change is no break


def test_dossiers_saved_before_digests_are_sealed_once_at_the_upgrade(
    store: Store, private_data_dir: Path
) -> None:
    """A store of the previous release: its dossiers' audit rows carry no digest."""
    first, second, _ = codes(store)
    sql(
        store,
        "DROP TABLE dossier_seals",
        "DROP TABLE cancellations",  # migration 8 comes after too
        "ALTER TABLE outbox DROP COLUMN sent_at",
        "DROP TABLE city_recovery",  # and migration 9
        "DROP TABLE send_backs",  # and migration 10
        "DROP TABLE cli_sessions",
        "DROP TABLE dossier_portraits",  # and migration 11
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET details = json_remove(details, '$.digest')",
        "PRAGMA user_version = 6",
    )
    rehash_chain(store)
    store.close()
    upgraded = open_store(private_data_dir)
    try:
        actions = [r[0] for r in upgraded.db.conn.execute("SELECT action FROM audit_log")]
        assert actions.count("audit.baseline") == 1
        assert verify_audit(upgraded).ok, verify_audit(upgraded).findings
        sql(upgraded, f"UPDATE dossiers SET full_name = 'Giả' WHERE code = '{second}'")
        assert found(upgraded) == {("DOSSIER_CHANGED", second)}
        dossiers.transition_dossier(
            upgraded, first, Status.IN_PROCESS, actor=CLERK, now=vn(2026, 11, 25, 11)
        )
        assert found(upgraded) == {("DOSSIER_CHANGED", second)}  # a later change seals anew
    finally:
        upgraded.close()
    again = open_store(private_data_dir)  # sealed once: no second baseline
    try:
        actions = [r[0] for r in again.db.conn.execute("SELECT action FROM audit_log")]
        assert actions.count("audit.baseline") == 1
    finally:
        again.close()


def rehash_chain(store: Store) -> None:
    """Recompute the chain after the rows lost their digests, as the old release wrote it."""
    from counter_app.storage.audit import GENESIS_HASH, row_hash

    columns = "seq, at, actor, action, subject, details"
    rows = store.db.conn.execute(f"SELECT {columns} FROM audit_log ORDER BY seq").fetchall()
    prev = GENESIS_HASH
    for row in rows:
        digest = row_hash(*row, prev)
        store.db.conn.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row[0])
        )
        prev = digest
    head = store.db.conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC").fetchone()
    store.marks.follow_head(int(head[0]), str(head[1]))
