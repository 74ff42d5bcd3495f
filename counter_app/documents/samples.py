"""Realistic sample documents: for previewing a form set, the benchmarks and the tests.

Invented people at a real-looking ward; the procedure and its papers are from the shipped
catalogue (1.004884, Đăng ký lại khai sinh). ``long_text`` stretches every field to the
lengths the layouts must survive (a 60-character name, a 150-character address).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Final

from counter_app.documents.model import DocumentLine, FormData, FormKind, Header, Party
from counter_app.documents.qr import DEFAULT_QR_TEMPLATE, qr_payload, receipt_qr_fields
from counter_app.domain.vn_time import VN_TZ

SAMPLE_CODE: Final = "000.20.15.H26-261126-1001"
SAMPLE_RECEIVED: Final = datetime(2026, 11, 26, 9, 5, tzinfo=VN_TZ)
SAMPLE_DUE: Final = datetime(2026, 12, 3, 15, 30, tzinfo=VN_TZ)
LONG_NAME: Final = "Nguyễn Thị Ngọc Ánh Hoàng Phương Thảo Tôn Nữ Diệu Huyền Trâm"  # 60
LONG_ADDRESS: Final = (
    "Số nhà 128, ngách 45/17, ngõ 381 đường Nguyễn Khoái, tổ dân phố số 12, khu tập thể "
    "Bộ Tài chính cũ, phường Hoàn Kiếm, thành phố Hà Nội, nước Việt Nam"
)  # 150

_HEADER: Final = Header(
    parent_authority="UBND PHƯỜNG HOÀN KIẾM",
    unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HOÀN KIẾM",
    place="Hà Nội",
    dated=SAMPLE_RECEIVED,
    unit_in_text="Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
)
_DOCUMENTS: Final = (
    DocumentLine("Tờ khai đăng ký lại khai sinh", "Bản chính", 1),
    DocumentLine(
        "Bản sao giấy khai sinh cũ hoặc giấy tờ, tài liệu có thông tin khai sinh",
        "Bản sao có chứng thực",
        1,
    ),
    DocumentLine(
        "Văn bản cam đoan đã đăng ký khai sinh nhưng không còn lưu giữ được bản chính",
        "Bản chính",
        1,
    ),
    DocumentLine("Giấy tờ tùy thân của người yêu cầu (xuất trình)", "Bản chụp", 1),
)


def sample_form(
    kind: FormKind = FormKind.RECEIPT,
    *,
    form_set: str = "2025",
    long_text: bool = False,
    reprint: bool = False,
) -> FormData:
    """A filled-in ``kind`` as the services would build it for a real dossier."""
    applicant = Party(
        full_name=LONG_NAME if long_text else "Nguyễn Thị Ngọc Ánh",
        id_number="001190012345",
        address=LONG_ADDRESS if long_text else "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        phone="0912 345 678",
        email="ngocanh.nguyen@example.vn",
    )
    data = FormData(
        kind=kind,
        form_set=form_set,
        header=_HEADER,
        code=SAMPLE_CODE,
        applicant=applicant,
        procedure_name="Đăng ký lại khai sinh",
        procedure_code="1.004884",
        received_at=SAMPLE_RECEIVED,
        due_at=SAMPLE_DUE,
        processing_days=5,
        documents=_DOCUMENTS,
        fee_vnd=5000,
        clerk="Đặng Hữu Ước",
        return_place="Bộ phận Một cửa, Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
        log_book="01/2026",
        log_line=1001,
        counter_phone="024 3825 1234",
        items=_items(kind),
        reason=_reason(kind),
        processing_unit="Công chức Tư pháp - Hộ tịch, UBND phường Hoàn Kiếm",
        new_due_at=datetime(2026, 12, 10, 15, 30, tzinfo=VN_TZ),
        handed_over_at=datetime(2026, 11, 26, 10, 0, tzinfo=VN_TZ),
        reprint=reprint,
    )
    if kind is FormKind.RECEIPT:
        fields = receipt_qr_fields(
            data,
            title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            system="MOTCUA",
            issued_at=data.header.dated,
        )
        return replace(data, qr_payload=qr_payload(DEFAULT_QR_TEMPLATE, fields))
    return data


def _items(kind: FormKind) -> tuple[str, ...]:
    if kind is FormKind.SUPPLEMENT:
        return (
            "Bản sao giấy khai sinh cũ hoặc giấy tờ, tài liệu có thông tin khai sinh (bản sao "
            "có chứng thực).",
            "Văn bản cam đoan đã đăng ký khai sinh nhưng không còn lưu giữ được bản chính.",
        )
    if kind in (FormKind.REFUSAL, FormKind.STOP):
        return ("Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.",)
    return ()


def _reason(kind: FormKind) -> str:
    if kind is FormKind.SUPPLEMENT:
        return "Hồ sơ còn thiếu giấy tờ theo quy định."
    if kind is FormKind.APOLOGY:
        return "Cần xác minh thêm thông tin khai sinh tại nơi đăng ký trước đây."
    return ""
