"""Words for the window's own settings (``ui.*``) and the intake screen's (``intake.*``)."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "UI_SETTING_INVALID": {
        "vi": "Một thiết lập của cửa sổ không hợp lệ (ngoài các giá trị cho phép). Hãy chọn lại "
        "giá trị rồi lưu.",
        "en": "A window setting is not valid (not one of the allowed values). Choose the value "
        "again and save.",
    },
    "INTAKE_SETTING_INVALID": {
        "vi": "Một thiết lập của màn hình tiếp nhận không hợp lệ (cổng máy quét quá dài hoặc có ký "
        "tự lạ, hoặc một giá trị ngoài khoảng cho phép). Hãy sửa lại rồi lưu.",
        "en": "An intake setting is not valid (a scanner port name too long or with odd "
        "characters, or a value out of range). Correct it and save.",
    },
}
