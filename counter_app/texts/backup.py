"""Words for backups, restores and the key export: the error codes, then the CLI's notices.

Notices (lower-case dotted keys) are not error codes: they are the sentences the commands
print on success, filled from braces like the findings' messages.
"""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "BACKUP_TARGET_MISSING": {
        "vi": "Không tìm thấy thư mục đã chọn (chưa cắm ổ đĩa hoặc gõ sai đường dẫn). Hãy kiểm "
        "tra rồi thử lại; chưa có gì được ghi.",
        "en": "The chosen folder does not exist (a drive not plugged in, or a mistyped path). "
        "Check it and try again; nothing was written.",
    },
    "BACKUP_TARGET_UNWRITABLE": {
        "vi": "Không ghi được vào thư mục đã chọn (không có quyền hoặc ổ chỉ đọc). Hãy chọn "
        "thư mục khác; chưa có gì được ghi.",
        "en": "The chosen folder cannot be written (no permission, or a read-only drive). "
        "Choose another folder; nothing was written.",
    },
    "BACKUP_KEEP_INVALID": {
        "vi": "Số bản sao lưu cần giữ phải từ 1 trở lên. Hãy nhập lại.",
        "en": "The number of backups to keep must be 1 or more. Enter it again.",
    },
    "BACKUP_WRITE_FAILED": {
        "vi": "Không ghi được bản sao lưu (ổ đĩa bị rút ra hoặc bị lỗi). Dữ liệu hiện tại "
        "không bị ảnh hưởng; hãy kiểm tra ổ đĩa rồi thử lại.",
        "en": "The backup could not be written (the drive was removed or failed). The data "
        "itself is untouched; check the drive and try again.",
    },
    "BACKUP_CORRUPT": {
        "vi": "Tệp sao lưu bị hỏng hoặc không phải bản sao lưu của ứng dụng nên không được "
        "khôi phục. Hãy chọn một bản sao lưu khác.",
        "en": "The backup file is damaged or is not one of the app's backups, so it was not "
        "restored. Choose another backup.",
    },
    "RESTORE_FILE_MISSING": {
        "vi": "Không tìm thấy tệp sao lưu đã chọn. Hãy kiểm tra đường dẫn rồi thử lại.",
        "en": "The chosen backup file does not exist. Check the path and try again.",
    },
    "RESTORE_ENCRYPTION_MISMATCH": {
        "vi": "Không thể khôi phục bản sao lưu không mã hóa vào dữ liệu có mã hóa (hoặc "
        "ngược lại). Hãy báo bộ phận CNTT.",
        "en": "A backup without encryption cannot replace encrypted data (nor the reverse). "
        "Call IT.",
    },
    "RESTORE_NOT_CONFIRMED": {
        "vi": "Chưa khôi phục vì chưa có xác nhận. Khi chạy bằng tập lệnh, hãy thêm tùy chọn "
        "--yes.",
        "en": "Nothing was restored because it was not confirmed. In a script, add the --yes "
        "option.",
    },
    "STORE_IN_USE": {
        "vi": "Ứng dụng đang mở trên máy này nên chưa khôi phục được. Hãy đóng ứng dụng rồi "
        "thử lại.",
        "en": "The app is open on this computer, so nothing was restored. Close the app and "
        "try again.",
    },
    "KEY_EXPORT_PLAIN": {
        "vi": "Dữ liệu của quầy này không được mã hóa nên không có khóa để xuất.",
        "en": "This counter's data is not encrypted, so there is no key to export.",
    },
    "KEY_EXPORT_EXISTS": {
        "vi": "Tệp đích đã tồn tại và không bị ghi đè (có thể chứa một khóa cũ vẫn cần). Hãy "
        "chọn tên tệp khác.",
        "en": "The target file already exists and was not overwritten (it may hold an older "
        "key still needed). Choose another file name.",
    },
    # Notices printed by the commands on success.
    "check.sound": {
        "vi": "Dữ liệu nguyên vẹn (quick_check: ok). Dung lượng trống: {free} ({folder}).",
        "en": "The data is sound (quick_check: ok). Free space: {free} ({folder}).",
    },
    "check.damaged": {
        "vi": "Dữ liệu bị hỏng: {detail}. Dung lượng trống: {free} ({folder}). Hãy khôi phục "
        "bản sao lưu gần nhất còn tốt (counter-app backup list).",
        "en": "The data is damaged: {detail}. Free space: {free} ({folder}). Restore the newest "
        "sound backup (counter-app backup list).",
    },
    # The window's status bar: a short warning, and its tooltip.
    "window.backup_failed": {
        "vi": "⚠ Sao lưu tự động thất bại: báo CNTT",
        "en": "⚠ Automatic backup failed: call IT",
    },
    "window.backup_failed_tip": {
        "vi": "Sao lưu tự động lúc {at} thất bại: {reason}\nLần sao lưu thành công gần nhất: "
        "{success}. Hồ sơ vẫn được lưu trên máy này.",
        "en": "The automatic backup at {at} failed: {reason}\nLast successful backup: "
        "{success}. Dossiers are still saved on this computer.",
    },
    "window.check_failed": {
        "vi": "⚠ Dữ liệu có thể bị hỏng: báo CNTT ngay",
        "en": "⚠ The data may be damaged: call IT now",
    },
    "window.low_space": {
        "vi": "⚠ Ổ đĩa sắp đầy (còn {free})",
        "en": "⚠ Disk nearly full ({free} left)",
    },
    "window.low_space_tip": {
        "vi": "Ổ đĩa chứa dữ liệu của quầy chỉ còn {free} trống. Khi đầy, hồ sơ mới không lưu "
        "được và sao lưu tự động sẽ thất bại. Hãy báo bộ phận CNTT giải phóng dung lượng.",
        "en": "The disk holding the counter's data has only {free} free. When it is full, new "
        "dossiers cannot be saved and the automatic backup fails. Ask IT to free some space.",
    },
    "backup.status": {
        "vi": "Sao lưu tự động: lần cuối thành công {success}; kiểm tra dữ liệu hằng ngày "
        "{check_at}: {check}",
        "en": "Automatic backup: last made {success}; daily data check {check_at}: {check}",
    },
    "backup.auto_failed": {
        "vi": "⚠ Sao lưu tự động thất bại lúc {at}: {reason} (Mã lỗi: {code}). Hãy báo bộ phận "
        "CNTT.",
        "en": "⚠ The automatic backup failed at {at}: {reason} (Error code: {code}). Call IT.",
    },
    "backup.check_failed": {
        "vi": "⚠ Kiểm tra dữ liệu hằng ngày lúc {at} phát hiện hư hỏng ({detail}). CNTT: kiểm "
        "tra ổ đĩa, chạy counter-app check, rồi mới khôi phục bản sao lưu gần nhất còn tốt.",
        "en": "⚠ The daily data check at {at} found damage ({detail}). IT: check the disk, run "
        "counter-app check, and only then restore the newest sound backup.",
    },
    "backup.done": {
        "vi": "Đã sao lưu {dossiers} hồ sơ vào {file} ({size} byte).",
        "en": "Backed up {dossiers} dossiers to {file} ({size} bytes).",
    },
    "backup.rotated": {
        "vi": "Đã xóa {count} bản sao lưu cũ nhất để chỉ giữ {keep} bản.",
        "en": "Removed the {count} oldest backups to keep {keep}.",
    },
    "backup.none": {
        "vi": "Chưa có bản sao lưu nào trong {folder}.",
        "en": "There are no backups in {folder} yet.",
    },
    "key.exported": {
        "vi": "Đã ghi khóa dữ liệu vào {file}. Hãy cất tệp này an toàn cùng hồ sơ của bộ phận "
        "CNTT và không để chung với các bản sao lưu.",
        "en": "The data key was written to {file}. Keep this file safe with IT's records, and "
        "never beside the backups.",
    },
    "restore.confirm": {
        "vi": "Dữ liệu hiện tại sẽ được thay bằng bản sao lưu {file} (dữ liệu cũ được giữ lại "
        "bên cạnh). Gõ 'yes' để tiếp tục.",
        "en": "The current data will be replaced by the backup {file} (the old data is kept "
        "beside it). Type 'yes' to go on.",
    },
    "restore.done": {
        "vi": "Đã khôi phục {dossiers} hồ sơ từ {file}.",
        "en": "Restored {dossiers} dossiers from {file}.",
    },
    "restore.kept_as": {
        "vi": "Dữ liệu trước khi khôi phục được giữ ở {file}.",
        "en": "The data as it was before the restore is kept in {file}.",
    },
    "restore.finished_at_start": {
        "vi": "Một lần khôi phục bị gián đoạn đã được hoàn tất khi khởi động: dữ liệu hiện là "
        "bản sao lưu {file}; dữ liệu trước đó được giữ ở {kept_as}. Hồ sơ nhập sau thời điểm "
        "sao lưu không có trong bản này: hãy nhập lại.",
        "en": "An interrupted restore was finished at this start: the data is now the backup "
        "{file}; the data as it was before is kept in {kept_as}. Dossiers entered after the "
        "backup was made are not in it: enter them again.",
    },
    "restore.undone_at_start": {
        "vi": "Một lần khôi phục bị gián đoạn đã được hoàn tác khi khởi động: dữ liệu vẫn như "
        "trước khi khôi phục. Nếu vẫn cần, hãy khôi phục lại bản sao lưu {file}.",
        "en": "An interrupted restore was undone at this start: the data is as it was before "
        "the restore. If it is still needed, restore the backup {file} again.",
    },
    "setup.replaced": {
        "vi": "Dữ liệu và khóa cũ được giữ lại (không xóa): {files}.",
        "en": "The earlier data and keys are kept (not deleted): {files}.",
    },
    "restore.city_later": {
        "vi": "Chưa hỏi được thành phố về các hồ sơ bản sao lưu thiếu ({code}); lần gửi thành "
        "phố tới sẽ hỏi lại. Trong lúc chờ, đừng nhập lại các hồ sơ đó.",
        "en": "The city could not be asked about the dossiers the backup lacks ({code}); the "
        "next sync asks again. Meanwhile, do not type those dossiers again.",
    },
    "restore.missing": {
        "vi": "Bản sao lưu thiếu {count} hồ sơ đã lập sau khi sao lưu; cần nhập lại: {codes}.",
        "en": "The backup lacks {count} dossiers made after it was taken; enter them again: "
        "{codes}.",
    },
    "restore.behind": {
        "vi": "{count} hồ sơ có phiên bản cũ hơn lần lưu cuối; cần kiểm tra: {codes}.",
        "en": "{count} dossiers are older than their last saved version; check them: {codes}.",
    },
    "restore.audit_behind": {
        "vi": "Nhật ký kiểm tra của bản sao lưu dừng ở dòng {restored}, trước dòng {mark} đã "
        "ghi nhận; khoảng trống này là do khôi phục.",
        "en": "The backup's audit log ends at row {restored}, before row {mark} seen last; "
        "the gap comes from the restore.",
    },
}
