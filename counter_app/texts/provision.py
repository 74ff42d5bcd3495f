"""Words for ``counter-app provision``: the file, and each key's problem."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "PROVISION_FILE_INVALID": {
        "vi": "Không đọc được tệp cấu hình: tệp không có hoặc không đúng định dạng TOML (xem "
        "dòng và cột trong chi tiết). Hãy sửa tệp rồi chạy lại.",
        "en": "The configuration file cannot be read: it is missing or not valid TOML (see the "
        "line and column in the detail). Fix the file and run again.",
    },
    "PROVISION_INVALID": {
        "vi": "Tệp cấu hình có khoá chưa đúng (liệt kê ở trên, theo tên khoá). Chưa có gì được "
        "ghi; hãy sửa tệp rồi chạy lại.",
        "en": "Keys of the configuration file are wrong (listed above, by key). Nothing was "
        "written; fix the file and run again.",
    },
    "PROVISION_KEY_UNKNOWN": {
        "vi": "Khoá này không có trong phiên bản này (xem tệp mẫu trong docs/ADMIN.md).",
        "en": "This version has no such key (see the example file in docs/ADMIN.md).",
    },
    "PROVISION_KEY_MISSING": {
        "vi": "Máy chưa có dữ liệu quầy: tệp phải có khoá này để tạo quầy.",
        "en": "This PC has no counter yet: the file needs this key to create one.",
    },
    "PROVISION_VALUE_WRONG": {
        "vi": "Giá trị sai kiểu: số đặt không có ngoặc kép, chữ đặt trong ngoặc kép.",
        "en": "The value is of the wrong kind: numbers without quotes, text in quotes.",
    },
    "PROVISION_TOKEN_FILE": {
        "vi": "Không đọc được tệp mã truy cập, hoặc tệp không chứa một mã hợp lệ.",
        "en": "The token file cannot be read, or it holds no valid token.",
    },
}
