"""The hash-chained audit log: append-only through SQL, and every kind of tampering detected."""

from __future__ import annotations

import pytest

from counter_app.cli import main
from counter_app.services.audit_check import verify_audit
from counter_app.services.store.opening import Store
from counter_app.storage.audit import append_audit
from counter_app.storage.engine import StoreIntegrityError, write_transaction


@pytest.fixture
def store(new_store: Store) -> Store:
    for n in range(1, 6):
        with new_store.action() as db:
            append_audit(
                db,
                at=f"2026-11-25T09:0{n}:00+07:00",
                actor="clerk:lan",
                action="dossier.create",
                subject=f"code-{n}",
                details={"n": n},
            )
    return new_store


def tamper(store: Store, *statements: str) -> None:
    """What someone with the key and a SQL shell could do: drop the guards, then edit."""
    conn = store.db.conn
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    for statement in statements:
        conn.execute(statement)


def test_intact_chain(store: Store) -> None:
    report = verify_audit(store)
    assert report.ok and report.rows == 5 and report.head_seq == 5


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET actor = 'x' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 2"],
)
def test_sql_cannot_update_or_delete(store: Store, statement: str) -> None:
    with pytest.raises(StoreIntegrityError), write_transaction(store.db):
        store.db.conn.execute(statement)
    assert verify_audit(store).ok


def test_edited_row(store: Store) -> None:
    tamper(store, "UPDATE audit_log SET subject = 'code-9' WHERE seq = 3")
    report = verify_audit(store)
    assert (report.problem_code, report.first_bad_seq) == ("AUDIT_ROW_EDITED", 3)


def test_deleted_row(store: Store) -> None:
    tamper(store, "DELETE FROM audit_log WHERE seq = 2")
    report = verify_audit(store)
    assert (report.problem_code, report.first_bad_seq) == ("AUDIT_ROW_MISSING", 2)


def test_reordered_rows(store: Store) -> None:
    """Rows 2 and 3 swapped, each renumbered and rehashed so that each row alone looks valid."""
    from counter_app.storage.audit import row_hash

    columns = "seq, at, actor, action, subject, details, prev_hash"
    rows = store.db.conn.execute(
        f"SELECT {columns} FROM audit_log WHERE seq IN (2, 3) ORDER BY seq"
    ).fetchall()
    (_, *r2, p2), (_, *r3, _) = rows
    statements = ["DELETE FROM audit_log WHERE seq IN (2, 3)"]
    for seq, fields, prev in ((2, r3, p2), (3, r2, "f" * 64)):
        digest = row_hash(seq, *fields, prev)
        values = ", ".join(repr(v) for v in (seq, *fields, prev, digest))
        statements.append(f"INSERT INTO audit_log VALUES ({values})")
    tamper(store, *statements)
    report = verify_audit(store)
    assert (report.problem_code, report.first_bad_seq) == ("AUDIT_ROW_REORDERED", 3)


def test_cut_off_tail_shows_against_the_recorded_head(store: Store) -> None:
    tamper(store, "DELETE FROM audit_log WHERE seq >= 4")
    report = verify_audit(store)
    assert (report.problem_code, report.first_bad_seq) == ("AUDIT_TAIL_MISSING", 4)


def test_cli_exit_status_and_first_bad_row(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    assert main(["audit", "verify"]) == 0
    assert "5" in capsys.readouterr().out
    reopened = __import__(
        "counter_app.services.store.opening", fromlist=["open_store"]
    ).open_store()
    tamper(reopened, "UPDATE audit_log SET details = '{}' WHERE seq = 4")
    reopened.close()
    assert main(["audit", "verify", "--json"]) == 1
    out = capsys.readouterr().out
    assert '"first_bad_seq": 4' in out and '"problem": "AUDIT_ROW_EDITED"' in out


def test_a_rewritten_chain_shows_against_the_recorded_head(store: Store) -> None:
    """Every row rehashed from row 2 on: the chain holds, but the head kept outside differs."""
    from counter_app.storage.audit import GENESIS_HASH, row_hash

    columns = "seq, at, actor, action, subject, details"
    rows = store.db.conn.execute(f"SELECT {columns} FROM audit_log ORDER BY seq").fetchall()
    rows[1] = (2, rows[1][1], "clerk:other", *rows[1][3:])
    statements, prev = ["DELETE FROM audit_log"], GENESIS_HASH
    for row in rows:
        digest = row_hash(*row, prev)
        values = ", ".join(repr(v) for v in (*row, prev, digest))
        statements.append(f"INSERT INTO audit_log VALUES ({values})")
        prev = digest
    tamper(store, *statements)
    report = verify_audit(store)
    assert (report.problem_code, report.first_bad_seq) == ("AUDIT_CHAIN_REWRITTEN", 5)
