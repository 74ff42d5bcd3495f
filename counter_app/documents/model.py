"""What a printed document says, independent of how it is laid out (forms.md §2–§3).

The services fill these values from a stored dossier and the counter's settings; the
renderers only draw them. Every string is NFC already; dates are Vietnam local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class FormKind(StrEnum):
    """The documents the counter prints; the form set gives each its number and title."""

    RECEIPT = "receipt"  # Mẫu 01
    SUPPLEMENT = "supplement"  # Mẫu 02
    REFUSAL = "refusal"  # Mẫu 03
    APOLOGY = "apology"  # Mẫu 04
    STOP = "stop"  # Mẫu 05 (2025 only; printed as a generic letter with the 2018 set)
    CONTROL = "control"  # Mẫu 05 (2018) / 06 (2025)


class Layout(StrEnum):
    A5 = "a5"  # one copy per A5 portrait page (default)
    A4_TWO_UP = "a4-two-up"  # both copies side by side on one A4 landscape sheet, cut line
    A4 = "a4"  # one copy per A4 portrait page
    THERMAL80 = "thermal80"  # the optional 80 mm slip (receipt only), about 72 mm printable


class Copy(StrEnum):
    """Which liên a page is; the label printed under the title."""

    OFFICE = "office"  # "Liên 1: Lưu"
    CITIZEN = "citizen"  # "Liên 2: Giao người nộp hồ sơ"


@dataclass(frozen=True)
class Header:
    """The two header blocks: the issuing agency (left) and the national motto with the date."""

    parent_authority: str  # "UBND PHƯỜNG HOÀN KIẾM"
    unit_name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HOÀN KIẾM"
    place: str  # Địa danh on the date line: "Hà Nội"
    dated: datetime  # the date line's date
    number: str = ""  # the "Số: …" line of numbered letters (02–05); empty prints "Số: …/…"
    # The unit as written inside a sentence ("Trung tâm Phục vụ hành chính công phường Hoàn
    # Kiếm tiếp nhận hồ sơ của:"); empty: ``unit_name`` as printed in the header.
    unit_in_text: str = ""


@dataclass(frozen=True)
class Party:
    """The applicant as printed (or the person a letter is addressed to)."""

    full_name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class DocumentLine:
    """One row of the documents table: TT | Tên giấy tờ | Hình thức | Số lượng."""

    name: str
    form: str  # "Bản chính", "Bản sao", "Bản chính, bản sao", ...
    quantity: int


@dataclass(frozen=True)
class FormData:
    """Everything any counter form prints; each form uses the fields its template lists."""

    kind: FormKind
    form_set: str  # "2025" or "2018": the numbering and titles printed (forms.md §1)
    header: Header
    code: str  # the dossier code, printed and first field of the QR
    applicant: Party
    procedure_name: str
    procedure_code: str
    received_at: datetime
    due_at: datetime | None  # the appointment; None when there is none (refusal)
    processing_days: int | None  # None: same-day procedure
    documents: tuple[DocumentLine, ...] = ()
    sets: int = 1
    fee_vnd: int = 0
    clerk: str = ""  # who received (signature block name)
    return_place: str = ""  # item 6 "Đăng ký nhận kết quả tại"
    log_book: str = ""  # "Quyển số"; empty: the ward keeps no book scheme
    log_line: int | None = None  # "Số thứ tự"
    counter_phone: str = ""
    qr_payload: str = ""  # empty: no QR
    items: tuple[str, ...] = ()  # supplement: what to add; refusal/stop: the reasons
    reason: str = ""  # "Lý do"
    legal_basis: str = ""  # "Căn cứ quy định tại …"
    help_line: str = ""  # where to read the rules, the officer and phone
    new_due_at: datetime | None = None  # apology: the new appointment
    processing_unit: str = ""  # control slip: the unit that processes the dossier
    coordinating_unit: str = ""  # control slip: "Cơ quan phối hợp"
    handed_over_at: datetime | None = None  # control slip: first row's hand-over time
    reprint: bool = False  # a reprint is marked "Bản in lại" on every page
    # The period runs in calendar days (adoption: Luật Nuôi con nuôi), not working days: the
    # receipt then says "30 ngày", not "30 ngày (làm việc)" (catalogue ``calendar_days``).
    calendar_days: bool = False
    # The head who signs letters 04 and 05: title lines ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and
    # name (empty: room to write it by hand); a signer ``"name": "head"`` in the form set.
    head_title: tuple[str, ...] = ()
    head_name: str = ""
    lookup_web: str = ""  # where the citizen looks the dossier up (help lines)
