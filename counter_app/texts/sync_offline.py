"""Words for the sync without a network: the offline export, the counter's keys, the unsynced
limits; then the CLI's notices (lower-case dotted keys, filled from braces)."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "SYNC_NOTHING_PENDING": {
        "vi": "Không có hồ sơ nào đang chờ gửi nên không tạo tệp. Mọi hồ sơ đã được thành phố "
        "nhận (hoặc đang ở danh sách Cần xử lý).",
        "en": "No dossier is waiting to be sent, so no file was written. The city has every "
        "dossier (or it is in the needs-attention list).",
    },
    "SYNC_EXPORT_UNWRITABLE": {
        "vi": "Không ghi được tệp (thư mục không tồn tại, ổ chỉ đọc hoặc đã đầy). Hãy chọn nơi "
        "lưu khác hoặc kiểm tra lại USB.",
        "en": "The file could not be written (the folder is missing, or the drive is read-only "
        "or full). Choose another place or check the USB stick.",
    },
    "SYNC_CITY_KEY_MISSING": {
        "vi": "Chưa có khóa công khai của thành phố nên chưa tạo được tệp gửi bù. Hãy báo bộ "
        "phận CNTT nhập khóa của thành phố.",
        "en": "The city's public key is not stored yet, so no offline file can be made. Ask IT "
        "to store the city's key.",
    },
    "SYNC_KEY_UNREADABLE": {
        "vi": "Không đọc hoặc ghi được tệp khóa ký của quầy trong thư mục dữ liệu. Hãy báo bộ "
        "phận CNTT kiểm tra quyền truy cập và ổ đĩa.",
        "en": "The counter's signing key file in the data folder cannot be read or written. Ask "
        "IT to check the permissions and the disk.",
    },
    "SYNC_KEY_FILE_UNREADABLE": {
        "vi": "Không đọc được tệp khóa đã chọn (không tồn tại hoặc không phải tệp khóa). Hãy "
        "kiểm tra lại tệp bộ phận CNTT cung cấp.",
        "en": "The key file given cannot be read (it is missing or is not a key file). Check "
        "the file IT provided.",
    },
    "SYNC_LIMIT_INVALID": {
        "vi": "Giới hạn thời gian chưa đồng bộ phải là số giờ từ 0 đến 8760. Hãy nhập lại.",
        "en": "An unsynced limit must be a number of hours from 0 to 8760. Enter it again.",
    },
    "SYNC_OVERDUE_INTAKE_BLOCKED": {
        "vi": "Có hồ sơ chưa gửi được lên thành phố quá thời hạn bộ phận CNTT đặt ra, nên tạm "
        "ngừng tiếp nhận hồ sơ mới. Hãy báo ngay bộ phận CNTT; các hồ sơ đã lưu vẫn an toàn.",
        "en": "Some dossiers have been unsent to the city for longer than IT's limit, so new "
        "intake is paused. Call IT now; the saved dossiers are safe.",
    },
    # Notices
    "sync.keys": {
        "vi": "Quầy {counter}, dấu vân tay khóa: {fingerprint}. Khóa của thành phố: {city}.",
        "en": "Counter {counter}, key fingerprint: {fingerprint}. City key: {city}.",
    },
    "sync.recover_held": {
        "vi": "{code}: thành phố đang giữ hồ sơ này (mã {city_code}, trạng thái {status}); "
        "KHÔNG nhập lại.",
        "en": "{code}: the city holds this dossier (code {city_code}, status {status}); do NOT "
        "type it again.",
    },
    "sync.recovered": {
        "vi": "{code}: đã lấy lại từ thành phố (phiên bản cuối thành phố nhận); không lấy lại "
        "được các phiên bản trước, lịch sử xử lý và sổ mẫu đã in.",
        "en": "{code}: taken back from the city (the last version it received); its earlier "
        "versions, its history and the register of printed forms could not be recovered.",
    },
    "recovery.awaiting": {
        "vi": "⚠ Sau khi khôi phục: {count} hồ sơ chờ thành phố trả lại; chưa nhập lại",
        "en": "⚠ After the restore: {count} dossiers wait for the city; do not type them yet",
    },
    "recovery.recovered": {
        "vi": "Đã lấy lại từ thành phố: {codes}",
        "en": "Taken back from the city: {codes}",
    },
    "recovery.held": {
        "vi": "⚠ Thành phố đang giữ, KHÔNG nhập lại: {codes}",
        "en": "⚠ Held by the city, do NOT type again: {codes}",
    },
    "recovery.reenter": {
        "vi": "⚠ Thành phố không có, cần nhập lại từ hồ sơ giấy: {codes}",
        "en": "⚠ Not at the city, re-enter from the papers: {codes}",
    },
    "intake.recovery_confirm_title": {
        "vi": "Hồ sơ mới sau khi khôi phục?",
        "en": "A new dossier after the restore?",
    },
    "intake.recovery_confirm": {
        "vi": "Sau khi khôi phục dữ liệu, thành phố chưa trả lời về một số hồ sơ bị thiếu, nên "
        "hồ sơ này có thể đã có ở thành phố. Chỉ lưu nếu chắc chắn đây là hồ sơ mới (không phải "
        "hồ sơ đã nhận trước khi khôi phục). Lưu hồ sơ mới?",
        "en": "After the restore, the city has not yet answered about some missing dossiers, so "
        "this one may already be there. Save only if you are sure it is new (not one received "
        "before the restore). Save as a new dossier?",
    },
    "sync.recover_missing": {
        "vi": "{code}: thành phố không có hồ sơ này; hãy nhập lại từ hồ sơ giấy.",
        "en": "{code}: the city does not hold this dossier; re-enter it from the papers.",
    },
    "sync.exported": {
        "vi": "Đã ghi {count} hồ sơ vào tệp {file}. Hồ sơ vẫn ở trạng thái chờ gửi cho đến khi "
        "thành phố xác nhận.",
        "en": "Wrote {count} dossiers to {file}. They stay pending until the city acknowledges "
        "them.",
    },
    "sync.unsynced_warning": {
        "vi": "Cảnh báo: có hồ sơ chưa gửi được từ {since} (quá {hours} giờ). Hãy kiểm tra mạng "
        "hoặc xuất tệp gửi bù (sync export).",
        "en": "Warning: dossiers unsent since {since} (over {hours} hours). Check the network or "
        "export an offline file (sync export).",
    },
}
