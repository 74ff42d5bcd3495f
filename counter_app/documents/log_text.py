"""The tracking log's heading and footing lines, in the words every format shares."""

from __future__ import annotations

from counter_app.documents.log_model import SignOff, TrackingLog
from counter_app.documents.vn_dates import short_date
from counter_app.domain.vn_time import VN_TZ


def period_line(log: TrackingLog) -> str:
    """``Từ ngày 02/11/2026 đến ngày 30/11/2026``."""
    return f"Từ ngày {short_date(log.first_day)} đến ngày {short_date(log.last_day)}"


def book_line(log: TrackingLog) -> str:
    """``Quyển số: 2026-Q1 · Quầy số 1``; the counter only when the export is one counter's."""
    parts = [f"Quyển số: {log.book}" if log.book else "Quyển số: …"]
    parts.append(f"Quầy số {log.counter}" if log.counter is not None else "Tất cả các quầy")
    return " · ".join(parts)


def count_line(log: TrackingLog) -> str:
    return f"Tổng số: {len(log.rows)} hồ sơ"


def sign_off_line(sign_off: SignOff) -> str:
    """``Ngày 02/11/2026: đã kiểm tra cuối ngày, ký xác nhận: Trần Văn Bình, lúc 17 giờ 05``."""
    at = sign_off.at.astimezone(VN_TZ)
    who = sign_off.name or "…"
    return (
        f"Ngày {short_date(sign_off.day)}: đã đối chiếu cuối ngày, ký xác nhận: {who}, "
        f"lúc {at.hour:02d} giờ {at.minute:02d} ngày {short_date(at.date())}"
    )


def chain_line(log: TrackingLog) -> str:
    """The audit chain's head and the export time: a log cut short shows on paper."""
    at = log.exported_at.astimezone(VN_TZ)
    stamp = f"{at.hour:02d}:{at.minute:02d} {short_date(at.date())}"
    return f"Xuất lúc {stamp} · Nhật ký kiểm toán: #{log.chain_seq} {log.chain_hash[:16]}"
