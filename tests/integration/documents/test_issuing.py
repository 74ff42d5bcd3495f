"""Issuing receipts and counter forms from a real store: state checks, moves, reprints, PDFs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from counter_app.documents.model import Copy, FormKind, Layout
from counter_app.domain.dossier import Outcome, Status
from counter_app.domain.lifecycle import ReasonRequiredError
from counter_app.services.documents.form_data import FormParams
from counter_app.services.documents.issuing import (
    FormNotAllowedError,
    IssuedDocument,
    IssueRequest,
    NewDateNotLaterError,
    NewDateRequiredError,
    ThermalSlipOffError,
    issue_document,
    issued_documents,
)
from counter_app.services.dossiers.changes import get_dossier
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.settings.forms import change_form_settings
from counter_app.services.store.opening import Store
from counter_app.services.users import add_user
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

NAME = "Nguyễn Thị Thuỷ"
ADDRESS = "Số 12 ngõ 34 phố Đặng Dung, phường Ba Đình, Hà Nội"
NOW = vn(2026, 11, 23, 10, 5)  # a Monday


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def receive(store: Store, outcome: Outcome = Outcome.RECEIVED, reason: str = "") -> str:
    applicant = citizen(name=NAME, address=ADDRESS)
    data = intake(applicant, outcome=outcome, reason=reason)
    return receive_dossier(store, data, clerk=CLERK, now=NOW).code


def issue(
    store: Store,
    kind: FormKind,
    code: str,
    *,
    minutes: int = 10,
    deliveries: list[bytes] | None = None,
    **request: object,
) -> IssuedDocument:
    sink = deliveries if deliveries is not None else []
    return issue_document(
        store,
        IssueRequest(kind=kind, code=code, **request),  # type: ignore[arg-type]
        actor=CLERK,
        now=NOW.replace(minute=NOW.minute + minutes),
        deliver=sink.append,
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def audit_actions(store: Store) -> list[str]:
    return [row[0] for row in store.db.conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_the_receipt_prints_the_dossier_and_a_second_print_is_a_marked_reprint(
    store: Store, tmp_path: Path
) -> None:
    code = receive(store)
    first = issue(store, FormKind.RECEIPT, code)
    assert not first.reprint and first.status == Status.RECEIVED
    text = pdf_text(first.pdf, tmp_path)
    for expected in (NAME, code, "Cấp Giấy xác nhận tình trạng hôn nhân", "phố Đặng Dung"):
        assert expected in text
    assert "ngày 27 tháng 11 năm 2026" in text  # 3 working days; 24/11 is a day off
    again = issue(store, FormKind.RECEIPT, code, minutes=40)
    assert again.reprint
    assert "IN LẠI" in pdf_text(again.pdf, tmp_path).upper()
    assert "IN LẠI" not in text.upper()
    listed = issued_documents(store, code)
    assert [d["reprint"] for d in listed] == [False, True]
    assert audit_actions(store)[-2:] == ["document.issue", "document.reprint"]


def test_a_receipt_is_refused_for_a_refused_dossier_and_nothing_is_recorded(
    store: Store,
) -> None:
    code = receive(store, Outcome.REFUSED, reason="Không thuộc thẩm quyền")
    before = audit_actions(store)
    with pytest.raises(FormNotAllowedError):
        issue(store, FormKind.RECEIPT, code)
    assert audit_actions(store) == before
    assert issued_documents(store, code) == []


def test_a_failed_delivery_records_nothing(store: Store) -> None:
    code = receive(store)

    def broken(_pdf: bytes) -> None:
        raise OSError("disk pulled out")

    with pytest.raises(OSError):
        issue_document(
            store,
            IssueRequest(kind=FormKind.SUPPLEMENT, code=code, params=FormParams(reason="Thiếu")),
            actor=CLERK,
            now=NOW,
            deliver=broken,
        )
    assert get_dossier(store, code).status == Status.RECEIVED
    assert issued_documents(store, code) == []


def test_a_supplement_request_moves_the_dossier_and_lists_the_papers_not_received(
    store: Store, tmp_path: Path
) -> None:
    code = receive(store)
    issued = issue(store, FormKind.SUPPLEMENT, code, params=FormParams(reason="Hồ sơ thiếu"))
    assert (issued.from_status, issued.status) == (Status.RECEIVED, Status.SUPPLEMENT_REQUESTED)
    assert issued.number == "10001/PYCBS-TTPVHCC"
    text = pdf_text(issued.pdf, tmp_path)
    assert "Giấy tờ tùy thân (xuất trình)" in text  # a catalogue paper that was not ticked
    assert "Hồ sơ thiếu" in text
    again = issue(store, FormKind.SUPPLEMENT, code, minutes=20)
    assert again.reprint and again.number == "10001/PYCBS-TTPVHCC"
    other = issue(store, FormKind.SUPPLEMENT, receive(store), params=FormParams(reason="Thiếu"))
    assert other.number == "10002/PYCBS-TTPVHCC"


def test_the_intake_time_supplement_and_refusal_print_without_a_move(
    store: Store, tmp_path: Path
) -> None:
    guided = receive(store, Outcome.SUPPLEMENT, reason="Thiếu giấy chứng sinh")
    issued = issue(store, FormKind.SUPPLEMENT, guided)
    assert not issued.reprint and issued.from_status == issued.status == Status.SUPPLEMENT_REQUESTED
    refused = receive(store, Outcome.REFUSED, reason="Không thuộc thẩm quyền")
    letter = issue(store, FormKind.REFUSAL, refused)
    assert not letter.reprint and letter.status == Status.REFUSED
    text = pdf_text(letter.pdf, tmp_path)
    assert text.count("Không thuộc thẩm quyền") == text.count("Mẫu số 03") == 2  # once a copy
    with pytest.raises(FormNotAllowedError):
        issue(store, FormKind.REFUSAL, receive(store))


def test_an_apology_sets_a_later_appointment_and_keeps_it_for_reprints(
    store: Store, tmp_path: Path
) -> None:
    code = receive(store)
    with pytest.raises(NewDateRequiredError):
        issue(store, FormKind.APOLOGY, code)
    with pytest.raises(NewDateNotLaterError):
        issue(store, FormKind.APOLOGY, code, new_due_at=vn(2026, 11, 25, 9, 0))
    issued = issue(
        store,
        FormKind.APOLOGY,
        code,
        new_due_at=vn(2026, 12, 2, 14, 30),
        params=FormParams(reason="Chờ xác minh"),
    )
    assert get_dossier(store, code).due_at == "2026-12-02T14:30:00+07:00"
    text = pdf_text(issued.pdf, tmp_path)
    missed, proposed = text.index("ngày 27 tháng 11 năm 2026"), text.index("ngày 02 tháng 12")
    assert missed < proposed  # the appointment missed, then the new one
    again = issue(store, FormKind.APOLOGY, code, minutes=30)
    assert again.reprint and "ngày 02 tháng 12 năm 2026" in pdf_text(again.pdf, tmp_path)


def test_control_slip_hands_over_and_a_stop_notice_needs_a_reason(store: Store) -> None:
    code = receive(store)
    control = issue(store, FormKind.CONTROL, code)
    assert (control.from_status, control.status) == (Status.RECEIVED, Status.IN_PROCESS)
    with pytest.raises(ReasonRequiredError):
        issue(store, FormKind.STOP, code)
    stop = issue(store, FormKind.STOP, code, params=FormParams(reason="Người nộp đề nghị dừng"))
    assert stop.status == Status.STOPPED and stop.number == "10001/TB-UBND"
    assert issue(store, FormKind.CONTROL, code).reprint  # the slip can still be reprinted


def test_the_thermal_slip_is_off_until_it_is_enabled(store: Store, tmp_path: Path) -> None:
    code = receive(store)
    with pytest.raises(ThermalSlipOffError):
        issue(store, FormKind.RECEIPT, code, layout=Layout.THERMAL80)
    change_form_settings(store, {"thermal_slip": True}, actor="it", now=NOW)
    slip = issue(store, FormKind.RECEIPT, code, layout=Layout.THERMAL80)
    receipt = issue(store, FormKind.RECEIPT, code, copies=(Copy.CITIZEN,))
    assert not slip.reprint and not receipt.reprint  # the slip is not the Mẫu 01
    assert code in pdf_text(slip.pdf, tmp_path)


def test_after_processing_stopped_a_receipt_is_only_reprinted_with_its_original_date(
    store: Store, tmp_path: Path
) -> None:
    code = receive(store)
    original = issue(store, FormKind.RECEIPT, code)
    issue(store, FormKind.CONTROL, code)
    issue(
        store,
        FormKind.APOLOGY,
        code,
        new_due_at=vn(2026, 12, 10, 15, 0),
        params=FormParams(reason="Cần xác minh"),
    )
    issue(store, FormKind.STOP, code, params=FormParams(reason="Người nộp đề nghị dừng"))
    again = issue(store, FormKind.RECEIPT, code, minutes=50)
    assert again.reprint and not original.reprint
    text = pdf_text(again.pdf, tmp_path)
    assert "ngày 27 tháng 11 năm 2026" in text and "ngày 10 tháng 12" not in text
    never_printed = receive(store)
    issue(store, FormKind.CONTROL, never_printed)
    issue(store, FormKind.STOP, never_printed, params=FormParams(reason="Dừng"))
    with pytest.raises(FormNotAllowedError):
        issue(store, FormKind.RECEIPT, never_printed)


def test_forms_are_signed_with_the_users_full_name(store: Store, tmp_path: Path) -> None:
    """The receipt carries the name of the clerk who took the dossier, a later form the name
    of whoever prints it; an actor that is no user account prints by its name alone."""
    for username, full_name in (("lan", "Nguyễn Thị Lan"), ("binh", "Trần Văn Bình")):
        add_user(store, username=username, full_name=full_name, role="clerk",
                 password="mat-khau-dai-1", actor="cli:it",
                 acting_role="administrator", now=NOW)  # fmt: skip
    applicant = citizen(name=NAME, address=ADDRESS)
    code = receive_dossier(store, intake(applicant), clerk="user:lan", now=NOW).code
    receipt = issue_document(store, IssueRequest(kind=FormKind.RECEIPT, code=code),
                             actor="user:binh", now=NOW, deliver=lambda _pdf: None)  # fmt: skip
    assert "Nguyễn Thị Lan" in pdf_text(receipt.pdf, tmp_path)
    assert "Trần Văn Bình" not in pdf_text(receipt.pdf, tmp_path)
    supplement = issue_document(
        store,
        IssueRequest(kind=FormKind.SUPPLEMENT, code=code, params=FormParams(reason="Thiếu")),
        actor="user:binh",
        now=NOW.replace(minute=30),
        deliver=lambda _pdf: None,
    )
    assert "Trần Văn Bình" in pdf_text(supplement.pdf, tmp_path)
    code = receive(store)  # taken by the tests' clerk, an actor with no account
    text = pdf_text(issue(store, FormKind.RECEIPT, code).pdf, tmp_path)
    assert CLERK.split(":", 1)[1] in text
