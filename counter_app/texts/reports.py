"""Words for the tracking log export and the end-of-day report (`export`, `report eod`)."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    # Errors (exceptions)
    "LOG_PERIOD_INVALID": {
        "vi": "Khoảng thời gian không hợp lệ: ngày kết thúc phải từ ngày bắt đầu trở đi và "
        "không quá một năm.",
        "en": "The period is not valid: it must end on or after its first day and span at "
        "most a year.",
    },
    # Lines of the commands
    "LOG_EXPORTED": {
        "vi": "Đã xuất sổ theo dõi hồ sơ: {rows} hồ sơ, tệp {file}.",
        "en": "Tracking log exported: {rows} dossier(s), file {file}.",
    },
    "EOD_FIGURES": {
        "vi": "Ngày {date}: tiếp nhận {received}, đã in phiếu {printed}, đã gửi {sent}, "
        "thành phố đã xác nhận {acknowledged}, đã trả kết quả {returned}.",
        "en": "{date}: received {received}, printed {printed}, sent {sent}, acknowledged by "
        "the city {acknowledged}, results returned {returned}.",
    },
    "EOD_GAP_NOT_PRINTED": {
        "vi": "chưa in phiếu tiếp nhận",
        "en": "no receipt printed",
    },
    "EOD_GAP_NOT_SENT": {
        "vi": "chưa gửi lên hệ thống của thành phố",
        "en": "not sent to the city",
    },
    "EOD_GAP_NOT_ACKNOWLEDGED": {
        "vi": "đã gửi nhưng thành phố chưa xác nhận",
        "en": "sent, not acknowledged by the city",
    },
    "EOD_GAP_REJECTED": {
        "vi": "thành phố từ chối, cần xử lý",
        "en": "rejected by the city: needs attention",
    },
    "EOD_GAP_VOIDED": {
        "vi": "đã hủy trong ngày",
        "en": "voided",
    },
    "EOD_SIGNED_OFF": {
        "vi": "Đã ký xác nhận cuối ngày: {name}, lúc {at}.",
        "en": "Signed off by {name} at {at}.",
    },
    "EOD_BALANCED": {
        "vi": "Số liệu khớp: không có hồ sơ nào cần kiểm tra.",
        "en": "Everything matches: no dossier to check.",
    },
}
