"""Words for the working-day calendar and due dates."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "CALENDAR_INVALID": {
        "vi": "Tệp lịch nghỉ không hợp lệ nên chưa được nhập; không có gì bị thay đổi. Hãy sửa "
        "mục được nêu trong chi tiết rồi nhập lại.",
        "en": "The holiday calendar file is not valid and was not imported; nothing was "
        "changed. Fix the entry named in the details and import it again.",
    },
    "CALENDAR_FILE_BROKEN": {
        "vi": "Không đọc được lịch nghỉ của ứng dụng hoặc của phường nên chưa tính được ngày "
        "hẹn trả. Hãy báo bộ phận CNTT nhập lại lịch nghỉ.",
        "en": "The app's or the ward's holiday calendar cannot be read, so no due date can be "
        "computed. Ask IT to import the calendar again.",
    },
    "CALENDAR_YEAR_INVALID": {
        "vi": "Năm không hợp lệ. Hãy nhập năm gồm 4 chữ số, ví dụ 2026.",
        "en": "That is not a valid year. Enter a four-digit year, e.g. 2026.",
    },
    "CALENDAR_UNCONFIRMED": {
        "vi": "Lịch nghỉ năm {year} chưa được xác nhận theo thông báo chính thức. Hãy kiểm tra "
        "lại ngày hẹn trả.",
        "en": "The holiday calendar for {year} has not been confirmed against the official "
        "notice. Check the due date.",
    },
    "BAD_RECEIVED_TIME": {
        "vi": "Thời điểm tiếp nhận không hợp lệ. Hãy nhập theo dạng năm-tháng-ngày giờ:phút, "
        "ví dụ 2026-10-15 10:05.",
        "en": "The time of receipt is not valid. Give it as year-month-day hour:minute, for "
        "example 2026-10-15 10:05.",
    },
    "APPOINTMENTS_TO_REVIEW": {
        "vi": "Lịch mới làm thay đổi ngày hẹn của {count} hồ sơ đang mở. Ngày hẹn đã in không tự "
        "đổi; lãnh đạo xem xét từng hồ sơ (có thể gửi phiếu xin lỗi và hẹn lại).",
        "en": "The new calendar moves the appointment of {count} open dossiers. Printed dates do "
        "not change by themselves; a supervisor reviews each (an apology and new date if "
        "needed).",
    },
}
