"""Words for the PC clock check: `counter-app clock status | confirm` and its refusal."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    # Errors (exceptions)
    "CLOCK_NOTHING_TO_CONFIRM": {
        "vi": "Đồng hồ máy tính không chặn việc tiếp nhận: không có gì cần xác nhận.",
        "en": "The computer clock is not blocking intake: there is nothing to confirm.",
    },
    # Lines of `counter-app clock status` and `clock confirm`
    "CLOCK_STATUS_OPEN": {
        "vi": "Đang tiếp nhận bình thường. Giờ máy tính: {now}; lần tiếp nhận gần nhất: {newest}.",
        "en": "Intake is open. Computer clock: {now}; newest receipt: {newest}.",
    },
    "CLOCK_STATUS_BLOCKED": {
        "vi": "Đang dừng tiếp nhận: giờ máy tính ({now}) sớm hơn lần tiếp nhận lúc {blocking}. "
        "Hãy kiểm tra đồng hồ; nếu đồng hồ đúng, người phụ trách xác nhận bằng lệnh "
        "counter-app clock confirm hoặc trong cửa sổ Cài đặt.",
        "en": "Intake is blocked: the computer clock ({now}) is earlier than a receipt at "
        "{blocking}. Check the clock; if it is right, a supervisor confirms it with "
        "counter-app clock confirm or in the Settings window.",
    },
    "CLOCK_STATUS_CONFIRMED": {
        "vi": "Người phụ trách đã xác nhận đồng hồ lúc {at} (bỏ qua lần tiếp nhận lúc "
        "{overrides}).",
        "en": "A supervisor confirmed the clock at {at} (overriding the receipt at {overrides}).",
    },
    "CLOCK_STATUS_AHEAD": {
        "vi": "{count} hồ sơ có giờ tiếp nhận muộn hơn giờ máy tính (hãy hủy hoặc giữ lại từng "
        "hồ sơ):",
        "en": "{count} dossier(s) received later than the computer clock (void or keep each):",
    },
    "CLOCK_CONFIRMED": {
        "vi": "Đã xác nhận đồng hồ lúc {at}; hồ sơ tiếp nhận lúc {overrides} không còn chặn việc "
        "tiếp nhận.",
        "en": "Clock confirmed at {at}; the dossier received at {overrides} no longer blocks "
        "intake.",
    },
}
