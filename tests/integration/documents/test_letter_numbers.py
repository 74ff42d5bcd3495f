"""Letter numbers (Số: …/<symbol>) that never repeat in a ward: two counters' own databases,
working offline on the same day, and the văn thư's blank scheme; read back with pdftotext."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.documents.model import FormKind
from counter_app.domain.dossier import Outcome
from counter_app.services.documents.form_data import FormParams
from counter_app.services.documents.issuing import IssueRequest, issue_document, issued_documents
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.settings.forms import change_form_settings
from counter_app.services.store.opening import Store, create_store
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

DAY = vn(2026, 11, 23, 9, 0)  # a Monday
LETTERS = 5  # per counter and kind


@pytest.fixture
def counters(tmp_path: Path) -> Iterator[list[Store]]:
    """Two counters of one ward, each with its own database in its own folder."""
    stores = [create_store(tmp_path / f"counter-{n}") for n in (1, 2)]
    for number, store in enumerate(stores, start=1):
        configure(store, counter=number)
    yield stores
    for store in stores:
        store.close()


def _letters(store: Store, kind: FormKind, count: int) -> list[str]:
    numbers = []
    for n in range(count):
        now = DAY.replace(minute=n)
        outcome = Outcome.REFUSED if kind == FormKind.REFUSAL else Outcome.RECEIVED
        data = intake(citizen(), outcome=outcome, reason="Không thuộc thẩm quyền")
        code = receive_dossier(store, data, clerk=CLERK, now=now).code
        issued = issue_document(
            store,
            IssueRequest(kind=kind, code=code, params=FormParams(reason="Thiếu giấy tờ")),
            actor=CLERK,
            now=now.replace(second=30),
            deliver=lambda _pdf: None,
        )
        numbers.append(issued.number)
    return numbers


def _text(pdf: bytes, folder: Path) -> str:
    path = folder / "letter.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@pytest.mark.parametrize("kind", [FormKind.SUPPLEMENT, FormKind.REFUSAL])
def test_two_counters_offline_on_the_same_day_share_no_number(
    counters: list[Store], kind: FormKind
) -> None:
    first, second = (_letters(store, kind, LETTERS) for store in counters)
    assert len(set(first) | set(second)) == 2 * LETTERS
    symbol = "PYCBS-TTPVHCC" if kind == FormKind.SUPPLEMENT else "PTC-TTPVHCC"
    assert first[:2] == [f"10001/{symbol}", f"10002/{symbol}"]
    assert second[:2] == [f"20001/{symbol}", f"20002/{symbol}"]


def test_the_number_and_symbol_are_printed_and_a_reprint_keeps_them(
    counters: list[Store], tmp_path: Path
) -> None:
    store = counters[1]
    [number] = _letters(store, FormKind.SUPPLEMENT, 1)
    code = issued_documents_code(store)
    again = issue_document(
        store,
        IssueRequest(kind=FormKind.SUPPLEMENT, code=code),
        actor=CLERK,
        now=DAY.replace(hour=15),
        deliver=lambda _pdf: None,
    )
    assert again.reprint and again.number == number == "20001/PYCBS-TTPVHCC"
    assert "Số: 20001/PYCBS-TTPVHCC" in _text(again.pdf, tmp_path)


def test_the_blank_scheme_leaves_the_number_to_the_van_thu_with_the_symbol(
    counters: list[Store], tmp_path: Path
) -> None:
    store = counters[0]
    change_form_settings(
        store,
        {"letter_numbers": "blank", "unit_abbreviation": "BPMC"},
        actor=CLERK,
        now=DAY,
    )
    [number] = _letters(store, FormKind.SUPPLEMENT, 1)
    assert number == "……/PYCBS-BPMC"
    code = issued_documents_code(store)
    assert issued_documents(store, code)[0]["number"] == number


def issued_documents_code(store: Store) -> str:
    row = store.db.conn.execute(
        "SELECT d.code FROM issued_documents i JOIN dossiers d ON d.id = i.dossier_id "
        "ORDER BY i.id DESC LIMIT 1"
    ).fetchone()
    return str(row[0])


def test_a_restore_of_an_older_backup_never_numbers_a_printed_letter_again(
    counters: list[Store],
) -> None:
    from counter_app.services.backup.copies import make_backup
    from counter_app.services.backup.restore import restore_backup
    from counter_app.services.store.opening import open_store

    store = counters[0]
    [before] = _letters(store, FormKind.SUPPLEMENT, 1)
    backup = make_backup(store, actor=CLERK, now=DAY.replace(hour=10)).path
    [after] = _letters(store, FormKind.SUPPLEMENT, 1)  # printed, then the backup is restored
    folder = store.folder
    store.close()
    restore_backup(folder, backup, key_file=None, actor=CLERK, now=DAY.replace(hour=11))
    counters[0] = open_store(folder)
    [again] = _letters(counters[0], FormKind.SUPPLEMENT, 1)
    assert len({before, after, again}) == 3
    assert again == "10003/PYCBS-TTPVHCC"
