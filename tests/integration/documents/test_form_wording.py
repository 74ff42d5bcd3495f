"""What the forms say, from the catalogue and the ward's settings, read back with pdftotext."""

from __future__ import annotations

import getpass
import subprocess
from pathlib import Path

import pytest

from counter_app.documents.model import FormKind
from counter_app.domain.dossier import Outcome, Status
from counter_app.services.documents.form_data import FormParams
from counter_app.services.documents.issuing import IssueRequest, issue_document
from counter_app.services.dossiers.changes import get_dossier, transition_dossier
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.settings.forms import (
    FormSettingInvalidError,
    change_form_settings,
    load_form_settings,
    ward_place,
)
from counter_app.services.store.opening import Store
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

NOW = vn(2026, 11, 23, 10, 5)  # a Monday
ADOPTION = "2.001263"  # 30 calendar days (Luật Nuôi con nuôi)


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def text_of(pdf: bytes, folder: Path) -> str:
    path = folder / "form.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def issue(store: Store, kind: FormKind, code: str, **request: object) -> bytes:
    return issue_document(
        store,
        IssueRequest(kind=kind, code=code, **request),  # type: ignore[arg-type]
        actor=CLERK,
        now=NOW.replace(minute=30),
        deliver=lambda _pdf: None,
    ).pdf


def receive(store: Store, procedure: str = "1.004873", **kwargs: object) -> str:
    data = intake(citizen(), procedure=procedure, **kwargs)  # type: ignore[arg-type]
    return receive_dossier(store, data, clerk=CLERK, now=NOW).code


def in_process(store: Store) -> str:
    code = receive(store)
    transition_dossier(store, code, Status.IN_PROCESS, actor=CLERK, now=NOW.replace(minute=20))
    return code


def test_a_period_in_calendar_days_is_not_printed_as_working_days(
    store: Store, tmp_path: Path
) -> None:
    code = receive(store, ADOPTION)
    text = text_of(issue(store, FormKind.RECEIPT, code), tmp_path)
    assert "theo quy định là: 30 ngày" in text and "30 ngày (làm việc)" not in text
    assert "ngày 23 tháng 12 năm 2026" in text  # 30 calendar days after 23/11
    working = text_of(issue(store, FormKind.RECEIPT, receive(store)), tmp_path)
    assert "3 ngày (làm việc)" in working


def test_the_date_line_names_the_ward_not_the_city(store: Store, tmp_path: Path) -> None:
    text = text_of(issue(store, FormKind.RECEIPT, receive(store)), tmp_path)
    assert "Hoàn Kiếm, ngày 23 tháng 11 năm 2026" in text and "Hà Nội, ngày" not in text


@pytest.mark.parametrize(
    ("locality", "place"),
    [("phường Hoàn Kiếm", "Hoàn Kiếm"), ("phường 15", "Phường 15"), ("xã Sóc Sơn", "Sóc Sơn"),
     ("quận Ba Đình", "")],
)  # fmt: skip
def test_the_place_of_a_ward_numbered_by_a_number_keeps_its_kind(locality: str, place: str) -> None:
    assert ward_place(locality) == place


def test_the_apology_is_headed_and_signed_by_the_authority_with_its_head(
    store: Store, tmp_path: Path
) -> None:
    change_form_settings(
        store,
        {"apology_signer_title": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
         "apology_signer_name": "Trần Văn Hùng"},
        actor=CLERK, now=NOW,
    )  # fmt: skip
    code = in_process(store)
    pdf = issue(
        store,
        FormKind.APOLOGY,
        code,
        new_due_at=vn(2026, 12, 10, 15, 0),
        params=FormParams(reason="Cần xác minh thêm"),
    )
    text = text_of(pdf, tmp_path)
    head = text.split("VĂN BẢN XIN LỖI")[0]
    assert "ỦY BAN NHÂN DÂN" in head and "TRUNG TÂM" not in head
    for words in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Hùng", "Nơi nhận:", "- Lưu: VT."):
        assert words in text
    assert "THỦ TRƯỞNG" not in text
    for page in text.split("\f")[:-1]:  # each copy's signature block
        assert "……" not in page.split("Mong Ông/Bà thông cảm.")[1]


def test_the_stop_notice_is_signed_by_its_own_signer_and_lists_where_it_goes(
    store: Store, tmp_path: Path
) -> None:
    change_form_settings(store, {"stop_signer_name": "Lê Thị Mai"}, actor=CLERK, now=NOW)
    code = in_process(store)
    text = text_of(
        issue(store, FormKind.STOP, code, params=FormParams(reason="Người nộp đã mất")),
        tmp_path,
    )
    head = text.split("THÔNG BÁO DỪNG")[0]
    assert "ỦY BAN NHÂN DÂN" in head and "TRUNG TÂM" not in head
    assert "CHỦ TỊCH" in text and "Lê Thị Mai" in text and "Nơi nhận:" in text
    assert "THỦ TRƯỞNG" not in text


def test_the_refusal_gives_its_reasons_before_the_legal_basis(store: Store, tmp_path: Path) -> None:
    code = receive(store, outcome=Outcome.REFUSED, reason="Không thuộc thẩm quyền")
    params = FormParams(legal_basis="khoản 2 Điều 9 Nghị định 118/2025/NĐ-CP")
    text = " ".join(text_of(issue(store, FormKind.REFUSAL, code, params=params), tmp_path).split())
    assert text.index("Không thuộc thẩm quyền") < text.index("Căn cứ quy định tại")
    assert text.index("Căn cứ quy định tại") < text.index("Xin thông báo")


def test_help_lines_name_the_officer_the_unit_the_phone_and_the_web_and_no_dots(
    store: Store, tmp_path: Path
) -> None:
    change_form_settings(
        store,
        {"counter_phone": "024 3825 1234", "lookup_web": "dichvucong.hanoi.gov.vn"},
        actor=CLERK, now=NOW,
    )  # fmt: skip
    code = receive(store)
    text = " ".join(text_of(issue(store, FormKind.SUPPLEMENT, code), tmp_path).split())
    assert "Ông/Bà lan, Trung tâm Phục vụ hành chính công phường Hoàn Kiếm" in text
    assert "024 3825 1234" in text and "dichvucong.hanoi.gov.vn" in text
    assert "Bộ phận Một cửa" not in text


def test_a_head_title_cannot_be_emptied(store: Store) -> None:
    with pytest.raises(FormSettingInvalidError):
        change_form_settings(store, {"stop_signer_title": " "}, actor=CLERK, now=NOW)
    assert load_form_settings(store).stop_signer_title == "CHỦ TỊCH"


def test_the_command_line_never_signs_as_the_os_account(store: Store, tmp_path: Path) -> None:
    """A dossier taken from the command line (``cli:<account>``) prints no account name; with
    a user of that name, or ``--clerk``, the user's full name."""
    from counter_app.services.users import add_user

    account = getpass.getuser()
    data = intake(citizen())
    code = receive_dossier(store, data, clerk=f"cli:{account}", now=NOW).code
    text = text_of(issue(store, FormKind.RECEIPT, code), tmp_path)
    signature = text.split("NGƯỜI TIẾP NHẬN HỒ SƠ")[1]
    assert account not in signature
    add_user(store, username="lan", full_name="Nguyễn Thị Lan", role="clerk",
             password="mat-khau-dai-1", actor="cli:it",
             acting_role="administrator", now=NOW)  # fmt: skip
    second = receive_dossier(store, data, clerk=f"cli:{account}", now=NOW).code
    text = text_of(issue(store, FormKind.RECEIPT, second, signer="lan"), tmp_path)
    assert "Nguyễn Thị Lan" in text
    assert get_dossier(store, second).clerk == f"cli:{account}"  # the audit keeps the account


def test_the_log_book_cannot_be_read_as_a_quarter_and_an_old_book_goes_on(
    store: Store, tmp_path: Path
) -> None:
    from counter_app.storage import sequences

    with store.action() as db:  # a store from before: its 2026 book had seven lines
        for _ in range(7):
            sequences.next_log_line(db, "2026-Q1")
    code = receive(store)
    dossier = get_dossier(store, code)
    assert (dossier.log_book, dossier.log_line) == ("Quầy 1 năm 2026", 8)
    text = " ".join(text_of(issue(store, FormKind.RECEIPT, code), tmp_path).split())
    assert "Quyển số: Quầy 1 năm 2026 Số thứ tự: 8" in text and "Q1" not in text
