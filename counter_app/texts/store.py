"""Words for the store: opening, keys, locks, a full disk, setup."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "SETTING_UNKNOWN": {
        "vi": "Không có cài đặt này. Hãy viết theo dạng nhóm.tên=giá trị, nhóm là forms, sync, "
        "ui hoặc intake.",
        "en": "No such setting. Write group.name=value, where the group is forms, sync, ui or "
        "intake.",
    },
    "DATA_FOLDER_UNUSABLE": {
        "vi": "Không tạo hoặc dùng được thư mục dữ liệu (loại lỗi ở dòng mã lỗi): có thể một tệp "
        "trùng tên đang chiếm chỗ, thiếu quyền ghi hoặc ổ đĩa chỉ đọc. Chưa có gì thay đổi. Hãy "
        "báo bộ phận CNTT kiểm tra thư mục dữ liệu (--data-dir hoặc COUNTER_APP_DATA_DIR).",
        "en": "The data folder cannot be made or used (the kind of error is on the error code "
        "line): a file of the same name may be in the way, write permission may be missing or "
        "the disk may be read-only. Nothing changed. Ask IT to check the data folder "
        "(--data-dir or COUNTER_APP_DATA_DIR).",
    },
    "STORE_LOCKED": {
        "vi": "Dữ liệu đang được một chương trình khác ghi. Hãy đợi vài giây rồi thử lại; nếu "
        "vẫn lỗi, hãy báo bộ phận CNTT.",
        "en": "Another program is writing to the data. Wait a few seconds and try again; if it "
        "persists, call IT.",
    },
    "STORE_KEY_WRONG": {
        "vi": "Không mở được dữ liệu bằng khóa hiện có (khóa sai hoặc tệp không phải của máy "
        "này). Hãy báo bộ phận CNTT.",
        "en": "The data cannot be opened with the key at hand (a wrong key, or a file from "
        "another computer). Call IT.",
    },
    "STORE_KEY_MISSING": {
        "vi": "Không tìm thấy khóa mã hóa dữ liệu trên máy này. Bộ phận CNTT cần khôi phục "
        "khóa đã lưu khi cài đặt.",
        "en": "The data's encryption key is not on this computer. IT must restore the key kept "
        "at setup.",
    },
    "KEY_FILE_INVALID": {
        "vi": "Tệp khóa không hợp lệ (cần 64 ký tự thập lục phân). Hãy kiểm tra lại tệp khóa.",
        "en": "The key file is not valid (64 hexadecimal characters expected). Check the file.",
    },
    "STORE_CORRUPT": {
        "vi": "Không đọc được tệp dữ liệu (có thể bị hỏng). Hãy báo bộ phận CNTT; chưa khôi phục "
        "bản sao lưu vội. CNTT: kiểm tra dung lượng trống của ổ đĩa, đóng mọi chương trình khác "
        "đang mở tệp (phần mềm diệt virus, sao chép), rồi chạy counter-app check; chỉ khôi phục "
        "khi lệnh này báo dữ liệu hỏng.",
        "en": "The data file could not be read (it may be damaged). Call IT; do not restore a "
        "backup yet. IT: check the disk's free space, close any other program holding the file "
        "(antivirus, a copy tool), then run counter-app check; restore only if it reports "
        "damage.",
    },
    "STORE_TOO_NEW": {
        "vi": "Dữ liệu được tạo bởi phiên bản ứng dụng mới hơn. Hãy cài phiên bản mới nhất; "
        "không dùng phiên bản cũ trên dữ liệu này.",
        "en": "The data was written by a newer version of the app. Install the latest version; "
        "do not use an older one on this data.",
    },
    "STORE_NOT_SET_UP": {
        "vi": "Máy này chưa được cài đặt quầy. Bộ phận CNTT cần chạy lệnh cài đặt (setup) trước.",
        "en": "This computer has not been set up as a counter yet. IT must run setup first.",
    },
    "STORE_EXISTS": {
        "vi": "Dữ liệu của quầy đã có sẵn; không tạo lại. Để đổi thông tin, hãy dùng lệnh cài "
        "đặt với các giá trị mới.",
        "en": "The counter's data already exists and was not recreated. To change details, "
        "run setup with the new values.",
    },
    "STORE_SETUP_REFUSED": {
        "vi": "Không tạo dữ liệu mới: thư mục dữ liệu còn dấu vết của dữ liệu cũ hoặc khóa của "
        "nó (tên tệp ở dòng mã lỗi). Một khóa mới sẽ làm dữ liệu cũ và mọi bản sao lưu không "
        "đọc được nữa. Hãy khôi phục một bản sao lưu bằng lệnh counter-app restore TỆP, hoặc "
        "báo bộ phận CNTT.",
        "en": "No new store was created: the data folder still holds traces of earlier data or "
        "its key (file names beside the error code). A new key would leave the earlier data "
        "and every backup unreadable. Restore a backup with counter-app restore FILE, or call "
        "IT.",
    },
    "STORE_MISSING": {
        "vi": "Tệp dữ liệu của quầy bị mất hoặc rỗng, nhưng dữ liệu cũ hoặc khóa của nó vẫn còn "
        "(tên tệp ở dòng mã lỗi). Đừng cài đặt lại: hãy khôi phục một bản sao lưu bằng lệnh "
        "counter-app restore TỆP, hoặc báo bộ phận CNTT.",
        "en": "The counter's data file is missing or empty, but earlier data or its key is "
        "still here (file names beside the error code). Do not set up again: restore a backup "
        "with counter-app restore FILE, or call IT.",
    },
    "STORE_CONFLICT": {
        "vi": "Dữ liệu bị trùng với một bản ghi đã có nên chưa được lưu. Hãy thử lại; nếu vẫn "
        "lỗi, hãy báo bộ phận CNTT.",
        "en": "The data clashes with an existing record and was not saved. Try again; if it "
        "persists, call IT.",
    },
    "DISK_FULL": {
        "vi": "Ổ đĩa đã đầy nên chưa lưu được gì của thao tác này; dữ liệu đã lưu không bị hỏng. "
        "Hãy giải phóng dung lượng hoặc báo bộ phận CNTT, rồi thử lại (dung lượng còn trống và "
        "thư mục ghi ở dòng mã lỗi).",
        "en": "The disk is full, so nothing of this action was saved; the saved data is not "
        "damaged. Free some space or call IT, then try again (the free space and the folder "
        "are on the error code line).",
    },
    # What the store's protection at rest covers (shown in the settings, not errors).
    "PROTECTION_KEYRING": {
        "vi": "Dữ liệu được mã hóa; khóa nằm trong kho khóa của hệ điều hành, gắn với tài khoản "
        "đăng nhập. Bản sao tệp hay bản sao lưu mang đi nơi khác không đọc được.",
        "en": "The data is encrypted; the key is in the operating system's keyring, tied to the "
        "sign-in account. A copied file or a backup taken elsewhere cannot be read.",
    },
    "PROTECTION_KEY_FILE": {
        "vi": "Dữ liệu được mã hóa; máy không có kho khóa nên khóa nằm trong tệp store.key (chỉ "
        "chủ tài khoản đọc được) cạnh dữ liệu. Bản sao tệp hay bản sao lưu mang đi nơi khác không "
        "đọc được, nhưng ai lấy được cả ổ đĩa thì đọc được: hãy bật mã hóa toàn ổ đĩa.",
        "en": "The data is encrypted; this computer has no keyring, so the key is in the "
        "owner-only file store.key beside the data. Copies and backups taken elsewhere cannot "
        "be read, but whoever takes the whole disk can: turn on full-disk encryption.",
    },
    "PROTECTION_PLAIN": {
        "vi": "Dữ liệu KHÔNG được mã hóa (bộ phận CNTT đã chọn khi cài đặt). Ai sao chép được tệp "
        "hay bản sao lưu đều đọc được thông tin công dân.",
        "en": "The data is NOT encrypted (IT chose this at setup). Anyone who copies the file "
        "or a backup can read citizens' details.",
    },
}
