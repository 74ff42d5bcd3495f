"""Words for the window's own settings (``ui.*``)."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "UI_SETTING_INVALID": {
        "vi": "Một thiết lập của cửa sổ không hợp lệ (ngoài các giá trị cho phép). Hãy chọn lại "
        "giá trị rồi lưu.",
        "en": "A window setting is not valid (not one of the allowed values). Choose the value "
        "again and save.",
    },
}
