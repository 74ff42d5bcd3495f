"""A tracking log built in memory, for the writers' tests (no store)."""

from __future__ import annotations

from datetime import date, timedelta

from counter_app.documents.log_model import LogRow, SignOff, TrackingLog, load_log_layout
from tests.dossier_helpers import vn

NAMES = ("Nguyễn Thị Thuỷ", "Đặng Văn Ước", "Trần Quốc Bảo", "Lê Thị Hồng Nhung", "Bùi Đức Ưng")
PROCEDURES = (
    "Đăng ký khai sinh kết hợp đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
)
CHAIN_HASH = "9f2c" * 16


def sample_log(count: int, *, form_set: str = "2025", signed: bool = False) -> TrackingLog:
    start = vn(2026, 11, 2, 7, 30)
    rows = tuple(
        LogRow(
            line=n + 1,
            code=f"000.31.27.H26-261102-{1001 + n:04d}",
            procedure=PROCEDURES[n % 2],
            sets=1 + n % 2,
            applicant=f"{NAMES[n % len(NAMES)]} {n}",
            address="Số 7 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
            phone="0912345678",
            agency="UBND phường Hoàn Kiếm",
            received=start + timedelta(minutes=7 * n),
            due=start + timedelta(days=3),
            transferred=start + timedelta(days=1) if n % 2 else None,
            result_received=None,
            returned=None,
            note="Đã hủy" if n % 11 == 10 else "",
        )
        for n in range(count)
    )
    sign_offs = (SignOff(date(2026, 11, 2), "Trần Văn Bình", vn(2026, 11, 2, 17, 5)),)
    return TrackingLog(
        layout=load_log_layout(form_set),
        unit="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HOÀN KIẾM",
        authority="UBND PHƯỜNG HOÀN KIẾM",
        first_day=date(2026, 11, 2),
        last_day=date(2026, 11, 2),
        book="Quầy 1 năm 2026",
        counter=1,
        rows=rows,
        chain_seq=4217,
        chain_hash=CHAIN_HASH,
        exported_at=vn(2026, 11, 2, 17, 30),
        sign_offs=sign_offs if signed else (),
    )
