"""Words for the procedure catalogue: import problems row by row, look-ups, list headers.

Row problems are rendered as ``CATALOGUE_ROW`` (or ``CATALOGUE_LINE`` for a whole line) with
the reason's own sentence (``CATALOGUE_REASON_*``, one per ``domain.catalogue.Reason``) put in.
"""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    # Errors (exceptions)
    "CATALOGUE_INVALID": {
        "vi": "Tệp danh mục có dòng không hợp lệ nên chưa được nhập; chưa ghi gì. Hãy sửa các "
        "dòng được liệt kê rồi nhập lại.",
        "en": "The catalogue file has invalid rows and was not imported; nothing was written. "
        "Fix the rows listed and import it again.",
    },
    "CATALOGUE_NOT_UTF8": {
        "vi": "Tệp danh mục không phải văn bản UTF-8. Hãy lưu lại tệp dưới dạng CSV UTF-8 rồi "
        "nhập lại.",
        "en": "The catalogue file is not UTF-8 text. Save it again as CSV UTF-8 and import it "
        "again.",
    },
    "CATALOGUE_FILE_UNREADABLE": {
        "vi": "Không đọc được tệp danh mục (không tồn tại hoặc không có quyền đọc). Hãy kiểm "
        "tra đường dẫn tệp.",
        "en": "The catalogue file could not be read (missing or not readable). Check the file's "
        "path.",
    },
    "CATALOGUE_NOT_SHIPPED": {
        "vi": "Bộ cài thiếu danh mục thủ tục đi kèm. Hãy cài lại ứng dụng hoặc báo bộ phận CNTT.",
        "en": "The installation lacks the shipped procedure catalogue. Reinstall the app or call "
        "IT.",
    },
    "CATALOGUE_NOT_INSTALLED": {
        "vi": "Máy này chưa có danh mục thủ tục. Bộ phận CNTT cần chạy lệnh cài đặt (setup) "
        "hoặc nhập danh mục.",
        "en": "This computer has no procedure catalogue yet. IT must run setup or import a "
        "catalogue.",
    },
    "UNKNOWN_PROCEDURE": {
        "vi": "Không có thủ tục với mã này trong danh mục. Hãy kiểm tra lại mã hoặc tìm theo tên "
        "thủ tục.",
        "en": "There is no procedure with this code in the catalogue. Check the code or search by "
        "the procedure's name.",
    },
    "PROCEDURE_INACTIVE": {
        "vi": "Quầy này không tiếp nhận thủ tục này (đã tắt trong danh mục). Hãy hướng dẫn công "
        "dân đến đúng nơi tiếp nhận, hoặc nhờ người phụ trách bật thủ tục.",
        "en": "This counter does not receive this procedure (it is switched off in the "
        "catalogue). Direct the citizen to the right office, or ask a supervisor to switch it on.",
    },
    "PROCEDURE_PERIOD_TOO_LONG": {
        "vi": "Danh mục đang dùng ghi thời hạn giải quyết của thủ tục này dài quá mức (hơn một "
        "năm), nên không tính được ngày hẹn trả. Người phụ trách cần nhập lại danh mục đã sửa; "
        "chưa lưu gì.",
        "en": "The catalogue in use gives this procedure an impossibly long processing period "
        "(over a year), so no due date can be computed. A supervisor must import a corrected "
        "catalogue; nothing was saved.",
    },
    # One row problem, shown on its own line under CATALOGUE_INVALID
    "CATALOGUE_ROW": {
        "vi": "Dòng {line}, cột {column}: {reason}",
        "en": "Line {line}, column {column}: {reason}",
    },
    "CATALOGUE_LINE": {
        "vi": "Dòng {line}: {reason}",
        "en": "Line {line}: {reason}",
    },
    "CATALOGUE_REASON_NO_HEADER": {
        "vi": "tệp trống hoặc thiếu dòng tiêu đề cột.",
        "en": "the file is empty or has no header row.",
    },
    "CATALOGUE_REASON_MISSING_COLUMN": {
        "vi": "thiếu cột bắt buộc này trong dòng tiêu đề.",
        "en": "this required column is missing from the header.",
    },
    "CATALOGUE_REASON_UNKNOWN_COLUMN": {
        "vi": "cột không có trong mẫu danh mục (có thể gõ sai tên cột).",
        "en": "this column is not part of the catalogue format (perhaps a misspelt name).",
    },
    "CATALOGUE_REASON_DUPLICATE_COLUMN": {
        "vi": "cột này xuất hiện hai lần.",
        "en": "this column appears twice.",
    },
    "CATALOGUE_REASON_NO_ROWS": {
        "vi": "tệp không có thủ tục nào.",
        "en": "the file holds no procedure.",
    },
    "CATALOGUE_REASON_BAD_QUOTING": {
        "vi": "dấu ngoặc kép mở mà không đóng; phần còn lại của tệp không đọc được.",
        "en": "a double quote is opened and never closed; the rest of the file cannot be read.",
    },
    "CATALOGUE_REASON_FIELD_COUNT": {
        "vi": "dòng có {found} ô nhưng tiêu đề có {expected} cột.",
        "en": "the line has {found} cells but the header has {expected} columns.",
    },
    "CATALOGUE_REASON_EMPTY": {
        "vi": "ô này không được để trống.",
        "en": "this cell must not be empty.",
    },
    "CATALOGUE_REASON_BAD_CODE": {
        "vi": "mã thủ tục phải có dạng d.dddddd (chữ số đầu là 1, 2 hoặc 3), có thể kèm hậu tố "
        "cơ quan như .H26.",
        "en": "the procedure code must look like d.dddddd (first digit 1, 2 or 3), optionally "
        "followed by an agency suffix such as .H26.",
    },
    "CATALOGUE_REASON_DUPLICATE_CODE": {
        "vi": "mã thủ tục {code} đã có ở dòng {first_line}.",
        "en": "procedure code {code} already appears on line {first_line}.",
    },
    "CATALOGUE_REASON_NOT_INTEGER": {
        "vi": "phải là số nguyên từ 0 trở lên, chỉ gồm chữ số (tối đa 9 chữ số).",
        "en": "must be a whole number of 0 or more, digits only (at most 9 digits).",
    },
    "CATALOGUE_REASON_NOT_FLAG": {
        "vi": "phải là 0 (không) hoặc 1 (có).",
        "en": "must be 0 (no) or 1 (yes).",
    },
    "CATALOGUE_REASON_SAME_DAY_WITH_DAYS": {
        "vi": "thủ tục trả kết quả trong ngày (same_day = 1) phải có số ngày xử lý là 0.",
        "en": "a same-day procedure (same_day = 1) must have 0 processing days.",
    },
    "CATALOGUE_REASON_CALENDAR_SAME_DAY": {
        "vi": "thủ tục trả kết quả trong ngày không thể có thời hạn tính theo ngày lịch.",
        "en": "a same-day procedure cannot have a period in calendar days.",
    },
    "CATALOGUE_REASON_EMPTY_DOCUMENT": {
        "vi": "có một giấy tờ trống (hai dấu ; liền nhau hoặc dấu ; ở cuối).",
        "en": "one document is empty (two ; in a row, or a trailing ;).",
    },
    "CATALOGUE_REASON_BAD_CONFIDENCE": {
        "vi": "độ tin cậy phải là high, medium hoặc low.",
        "en": "confidence must be high, medium or low.",
    },
    "CATALOGUE_REASON_BAD_CUTOFF": {
        "vi": "giờ chốt phải có dạng HH:MM, ví dụ 15:00.",
        "en": "the cut-off time must look like HH:MM, for example 15:00.",
    },
    "CATALOGUE_REASON_PERIOD_TOO_LONG": {
        "vi": "thời hạn giải quyết quá dài (tối đa {max} ngày); có thể gõ thừa một chữ số.",
        "en": "the processing period is too long (at most {max} days); perhaps an extra digit.",
    },
    "CATALOGUE_REASON_CONTROL_CHARACTER": {
        "vi": "có ký tự điều khiển hoặc ký tự ẩn ({char}), thường do sao chép từ nơi khác; hãy "
        "gõ lại ô này.",
        "en": "holds a control or invisible character ({char}), often left by copy and paste; "
        "type this cell again.",
    },
    # What the commands print
    "CATALOGUE_HEADER": {
        "vi": "Danh mục thủ tục phiên bản {version}, kiểm tra lần cuối ngày {checked_on}.",
        "en": "Procedure catalogue version {version}, last checked on {checked_on}.",
    },
    "CATALOGUE_IMPORTED": {
        "vi": "Đã nhập danh mục phiên bản {version}: {count} thủ tục, {active} đang tiếp nhận.",
        "en": "Imported catalogue version {version}: {count} procedures, {active} received here.",
    },
    "CATALOGUE_UNCHANGED": {
        "vi": "Nội dung trùng với danh mục hiện tại (phiên bản {version}); không tạo phiên bản "
        "mới.",
        "en": "The content is the same as the current catalogue (version {version}); no new "
        "version was made.",
    },
}
