"""Words for ``counter-app --self-test``: each check's label and, when it fails, what to do."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "SELF_TEST_FAILED": {
        "vi": "Tự kiểm tra chưa đạt: máy này chưa sẵn sàng cho quầy. Hãy làm theo hướng dẫn ở "
        "các dòng LỖI phía trên, rồi chạy lại counter-app --self-test.",
        "en": "The self-test failed: this computer is not ready for the counter. Follow the "
        "advice on the FAILED lines above, then run counter-app --self-test again.",
    },
}

# The status words, padded to one width so the labels line up.
STATUS_WORDS: Mapping[str, Mapping[str, str]] = {
    "ok": {"vi": "ĐẠT     ", "en": "OK      "},
    "failed": {"vi": "LỖI     ", "en": "FAILED  "},
    "n/a": {"vi": "BỎ QUA  ", "en": "SKIPPED "},
}

LABELS: Mapping[str, Mapping[str, str]] = {
    "window": {"vi": "Cửa sổ (không hiển thị)", "en": "Window (offscreen)"},
    "camera": {"vi": "Webcam (Qt Multimedia), số camera", "en": "Webcam support, cameras"},
    "data_folder": {"vi": "Thư mục dữ liệu ghi được", "en": "Data folder writable"},
    "disk_space": {"vi": "Dung lượng đĩa còn trống", "en": "Free disk space"},
    "qr_zxing": {"vi": "Đọc mã QR (zxing-cpp)", "en": "QR decoding (zxing-cpp)"},
    "qr_zbar": {"vi": "Đọc mã QR (zbar)", "en": "QR decoding (zbar)"},
    "receipt_pdf": {"vi": "Giấy tiếp nhận PDF, phông tiếng Việt", "en": "Receipt PDF, font"},
    "store_engine": {"vi": "CSDL mã hoá (WAL, FTS5)", "en": "Encrypted database (WAL, FTS5)"},
    "store": {"vi": "Dữ liệu của quầy và khoá", "en": "The counter's store and key"},
    "city": {"vi": "Kết nối hệ thống của thành phố", "en": "The city system reachable"},
}

# What to do when a check fails (or, for a skipped one, why it was skipped).
ADVICE: Mapping[str, Mapping[str, str]] = {
    "window": {
        "vi": "Thiếu thư viện đồ hoạ: cài libgl1 libegl1 fontconfig-config (docs/ADMIN.md).",
        "en": "Graphics libraries are missing: install libgl1 libegl1 fontconfig-config "
        "(docs/ADMIN.md).",
    },
    "camera": {
        "vi": "Không nạp được phần webcam: cài lại bản đóng gói (các chức năng khác vẫn dùng "
        "được khi không bật webcam).",
        "en": "The webcam support does not load: reinstall the package (everything else works "
        "with the webcam off).",
    },
    "camera_skipped": {
        "vi": "bản đóng gói này không có webcam (COUNTER_APP_CAMERA=0)",
        "en": "this build has no webcam support (COUNTER_APP_CAMERA=0)",
    },
    "data_folder": {
        "vi": "Không ghi được vào thư mục dữ liệu: kiểm tra quyền, hoặc chọn thư mục khác bằng "
        "--data-dir.",
        "en": "The data folder cannot be written: check its permissions, or choose another "
        "with --data-dir.",
    },
    "disk_space": {
        "vi": "Còn dưới 500 MB: giải phóng đĩa trước khi dùng quầy.",
        "en": "Less than 500 MB free: free some disk space before using the counter.",
    },
    "qr_zxing": {
        "vi": "Bộ đọc QR chính không chạy: cài lại ứng dụng từ bản đóng gói.",
        "en": "The main QR decoder does not work: reinstall the app from its package.",
    },
    "qr_zbar": {
        "vi": "Bộ đọc QR thứ hai không chạy: cài gói libzbar0 (khi chạy từ mã nguồn) hoặc cài "
        "lại bản đóng gói.",
        "en": "The second QR decoder does not work: install libzbar0 (when running from "
        "source) or reinstall the package.",
    },
    "receipt_pdf": {
        "vi": "Không tạo được giấy tiếp nhận: thiếu phông chữ hoặc thư viện PDF; cài lại ứng dụng.",
        "en": "The receipt cannot be made: a font or the PDF library is missing; reinstall.",
    },
    "store_engine": {
        "vi": "Cơ sở dữ liệu mã hoá không chạy trên máy này: cài lại ứng dụng; nếu vẫn lỗi, báo "
        "nhà cung cấp.",
        "en": "The encrypted database does not work here: reinstall; if it persists, report it.",
    },
    "store": {
        "vi": "Không mở được dữ liệu của quầy: xem docs/STORE.md (khoá, khôi phục bản sao lưu).",
        "en": "The counter's store does not open: see docs/STORE.md (the key, restoring a backup).",
    },
    "store_skipped": {
        "vi": "chưa thiết lập quầy (counter-app setup hoặc counter-app provision)",
        "en": "the counter is not set up yet (counter-app setup or counter-app provision)",
    },
    "city": {
        "vi": "Không kết nối được: kiểm tra mạng, địa chỉ (sync.url) và mã truy cập "
        "(counter-app sync status).",
        "en": "Not reachable: check the network, the address (sync.url) and the token "
        "(counter-app sync status).",
    },
    "city_skipped": {
        "vi": "chưa cấu hình địa chỉ của thành phố",
        "en": "no city address configured",
    },
}
