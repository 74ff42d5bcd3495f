"""Words for the marks file (``marks.db``) and the checks of the audit log against the data.

The notices (``MARKS_REBUILT``, ``MARKS_CAUGHT_UP``, ``AUDIT_BREAK_FOUND``) are shown once when
a start brought the marks level with the store; the findings are what ``audit verify`` names.
"""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "MARKS_LOCKED": {
        "vi": "Tệp dấu mốc số hồ sơ (marks.db) đang bị một chương trình khác giữ nên chưa lưu "
        "được; chưa có gì được ghi. Hãy đóng chương trình đó (trình sao chép, phần mềm diệt "
        "virus) rồi lưu lại; nếu vẫn lỗi, hãy báo bộ phận CNTT.",
        "en": "The dossier-number marks file (marks.db) is held by another program, so nothing "
        "was saved. Close that program (a copy, an antivirus scan) and save again; if it "
        "persists, call IT.",
    },
    "MARKS_DAMAGED": {
        "vi": "Tệp dấu mốc số hồ sơ (marks.db) bị hỏng nên chưa lưu được; chưa có gì được ghi. "
        "Hãy đóng rồi mở lại ứng dụng: tệp sẽ được dựng lại từ dữ liệu và ghi vào nhật ký.",
        "en": "The dossier-number marks file (marks.db) is damaged, so nothing was saved. Close "
        "and reopen the app: the file is rebuilt from the data, and the log records it.",
    },
    "MARKS_WRITE_FAILED": {
        "vi": "Không ghi được tệp dấu mốc số hồ sơ (marks.db): thư mục chỉ đọc, không có quyền "
        "hoặc ổ đĩa lỗi. Chưa có gì được ghi; hãy báo bộ phận CNTT.",
        "en": "The dossier-number marks file (marks.db) cannot be written: a read-only folder, "
        "no permission or a failing drive. Nothing was saved; call IT.",
    },
    "MARKS_REBUILT": {
        "vi": "Tệp dấu mốc số hồ sơ (marks.db) bị mất hoặc hỏng nên đã được dựng lại từ dữ liệu "
        "({count} hồ sơ); số hồ sơ không bị cấp trùng. Việc này đã được ghi vào nhật ký; hãy "
        "báo bộ phận CNTT kiểm tra vì sao tệp bị mất.",
        "en": "The dossier-number marks file (marks.db) was missing or damaged and was rebuilt "
        "from the data ({count} dossiers); no number will be issued twice. The log records it; "
        "ask IT to find out why the file was lost.",
    },
    "MARKS_CAUGHT_UP": {
        "vi": "Tệp dấu mốc số hồ sơ đã được cập nhật theo dữ liệu ({count} hồ sơ) sau một lần "
        "ghi bị gián đoạn. Không cần làm gì thêm.",
        "en": "The dossier-number marks were brought up to date with the data ({count} "
        "dossiers) after an interrupted write. Nothing else to do.",
    },
    "AUDIT_BREAK_FOUND": {
        "vi": "Nhật ký kiểm tra không khớp với bản ghi giữ bên ngoài dữ liệu (có thể dữ liệu đã "
        "bị thay bằng bản cũ hoặc bị xóa bớt). Hãy báo ngay cho lãnh đạo; lãnh đạo chạy "
        "'counter-app audit verify' rồi xác nhận bằng 'counter-app audit acknowledge'.",
        "en": "The audit log does not match the copy kept outside the data (the data may have "
        "been replaced by an older copy or cut short). Tell the supervisor at once; they run "
        "'counter-app audit verify', then confirm with 'counter-app audit acknowledge'.",
    },
    "MARKS_TAMPERED": {
        "vi": "Tệp dấu mốc số hồ sơ bị sửa bên ngoài ứng dụng ({subject}). Hãy báo ngay cho "
        "lãnh đạo và bộ phận CNTT; đừng khôi phục bản sao lưu trước khi CNTT kiểm tra.",
        "en": "The dossier-number marks file was edited outside the app ({subject}). Tell the "
        "supervisor and IT at once; do not restore a backup before IT has checked.",
    },
    "DOSSIER_CHANGED": {
        "vi": "Dữ liệu của hồ sơ {subject} bị sửa bên ngoài ứng dụng (khác với nhật ký tại dòng "
        "{seq}). Hãy báo ngay cho lãnh đạo và bộ phận CNTT.",
        "en": "Dossier {subject} was changed outside the app (it differs from the audit log at "
        "row {seq}). Tell the supervisor and IT at once.",
    },
    "DOSSIER_UNAUDITED": {
        "vi": "Hồ sơ {subject} có trong dữ liệu nhưng không có trong nhật ký: được thêm bên "
        "ngoài ứng dụng. Hãy báo ngay cho lãnh đạo và bộ phận CNTT.",
        "en": "Dossier {subject} is in the data but not in the audit log: it was added outside "
        "the app. Tell the supervisor and IT at once.",
    },
    "DOSSIER_DELETED": {
        "vi": "Hồ sơ {subject} đã được lưu nhưng không còn trong dữ liệu: bị xóa bên ngoài ứng "
        "dụng. Hãy báo ngay cho lãnh đạo và bộ phận CNTT.",
        "en": "Dossier {subject} was saved but is no longer in the data: it was deleted outside "
        "the app. Tell the supervisor and IT at once.",
    },
    "AUDIT_SEAL_BROKEN": {
        "vi": "Danh sách niêm phong hồ sơ của dòng nhật ký {subject} bị sửa. Hãy báo ngay cho "
        "lãnh đạo và bộ phận CNTT.",
        "en": "The dossier seals of audit row {subject} were edited. Tell the supervisor and IT "
        "at once.",
    },
    "AUDIT_NOTHING_TO_ACKNOWLEDGE": {
        "vi": "Không có chỗ hỏng nào của nhật ký đang chờ xác nhận.",
        "en": "No break of the audit log is waiting to be acknowledged.",
    },
}
