"""Words for printing the counter's documents (receipt, letters, control slip, thermal slip)."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "LAYOUT_NOT_AVAILABLE": {
        "vi": "Không in được biểu mẫu này trên khổ giấy đã chọn (khổ 80 mm chỉ dùng cho giấy "
        "tiếp nhận). Hãy chọn khổ A5 hoặc A4.",
        "en": "This form cannot be printed on the chosen paper (80 mm is for the receipt only). "
        "Choose A5 or A4.",
    },
    "NO_COPIES": {
        "vi": "Chưa chọn liên nào để in. Hãy chọn ít nhất một liên.",
        "en": "No copy was chosen to print. Choose at least one copy.",
    },
    "FORM_SET_UNKNOWN": {
        "vi": "Bộ biểu mẫu đã chọn không có trong ứng dụng. Hãy chọn bộ 2025 hoặc 2018.",
        "en": "The chosen form set is not shipped with the app. Choose the 2025 or 2018 set.",
    },
    "QR_TEMPLATE_INVALID": {
        "vi": "Mẫu nội dung mã QR không hợp lệ: trường đầu tiên phải là {{code}} và chỉ dùng "
        "các trường được hỗ trợ. Hãy báo bộ phận CNTT sửa cấu hình.",
        "en": "The QR content template is not valid: its first field must be {{code}} and it "
        "may use only the supported fields. Ask IT to fix the setting.",
    },
    "FORM_SET_BROKEN": {
        "vi": "Tệp biểu mẫu đi kèm ứng dụng bị thiếu hoặc hỏng nên chưa in được. Hãy cài lại "
        "ứng dụng hoặc báo bộ phận CNTT.",
        "en": "A form file shipped with the app is missing or damaged, so nothing was printed. "
        "Reinstall the app or call IT.",
    },
    "FONTS_NOT_SHIPPED": {
        "vi": "Thiếu phông chữ tiếng Việt đi kèm ứng dụng nên chưa in được. Hãy cài lại ứng "
        "dụng hoặc báo bộ phận CNTT.",
        "en": "The Vietnamese fonts shipped with the app are missing, so nothing was printed. "
        "Reinstall the app or call IT.",
    },
}
