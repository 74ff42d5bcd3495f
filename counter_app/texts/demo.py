"""Words for demonstration data (``counter-app demo seed``)."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "DEMO_COUNT_INVALID": {
        "vi": "Số hồ sơ mẫu phải là số nguyên từ 1 đến 5.000.000. Hãy nhập lại.",
        "en": "The number of demonstration dossiers must be a whole number from 1 to "
        "5,000,000. Enter it again.",
    },
    "DEMO_DAYS_INVALID": {
        "vi": "Số ngày phải là số nguyên từ 1 đến 36.500. Hãy nhập lại.",
        "en": "The number of days must be a whole number from 1 to 36,500. Enter it again.",
    },
    "DEMO_TOO_MANY": {
        "vi": "Số ngày làm việc đã chọn không đủ chỗ cho chừng ấy hồ sơ trong dải số của quầy "
        "(tối đa 999 hồ sơ một ngày). Hãy tăng số ngày hoặc giảm số hồ sơ.",
        "en": "The working days chosen cannot hold that many dossiers within the counter's "
        "number range (at most 999 a day). Give more days or fewer dossiers.",
    },
    "DEMO_NO_PROCEDURES": {
        "vi": "Danh mục thủ tục không có thủ tục nào đang tiếp nhận. Hãy nhập lại danh mục "
        "trước khi tạo hồ sơ mẫu.",
        "en": "The procedure catalogue has no active procedure. Import the catalogue again "
        "before making demonstration dossiers.",
    },
    "DEMO_SEEDED": {
        "vi": "Đã tạo {count} hồ sơ mẫu trong {days} ngày làm việc, từ {first_code} đến "
        "{last_code} (hạt giống {seed}).",
        "en": "Made {count} demonstration dossiers over {days} working days, from {first_code} "
        "to {last_code} (seed {seed}).",
    },
}
