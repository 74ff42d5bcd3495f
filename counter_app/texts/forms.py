"""Words for printing the receipt and the counter forms: error codes, then notices."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "FORM_NOT_ALLOWED": {
        "vi": "Trạng thái hiện tại của hồ sơ không cho phép in biểu mẫu này (ví dụ: hồ sơ bị "
        "từ chối không có giấy tiếp nhận). Hãy xem trạng thái hồ sơ và chọn đúng biểu mẫu; "
        "chưa có gì được ghi.",
        "en": "The dossier's current status does not allow this form (for example, a refused "
        "dossier has no receipt). Check its status and choose the right form; nothing was "
        "recorded.",
    },
    "NEW_DATE_REQUIRED": {
        "vi": "Phiếu xin lỗi cần ngày hẹn trả mới và lý do. Hãy nhập ngày hẹn mới "
        "(YYYY-MM-DD HH:MM) và lý do trễ hạn.",
        "en": "An apology needs a new appointment and a reason. Enter the new date "
        "(YYYY-MM-DD HH:MM) and why the result is late.",
    },
    "NEW_DATE_NOT_LATER": {
        "vi": "Ngày hẹn mới phải sau ngày hẹn hiện tại và sau thời điểm này. Hãy nhập lại.",
        "en": "The new appointment must be after the current one and after now. Enter it again.",
    },
    "THERMAL_SLIP_OFF": {
        "vi": "Phiếu in nhiệt 80 mm chưa được bật cho quầy này (không phải biểu mẫu chính "
        "thức). Hãy in giấy tiếp nhận khổ A5/A4, hoặc nhờ bộ phận CNTT bật phiếu này.",
        "en": "The 80 mm thermal slip is not enabled at this counter (it is not an official "
        "form). Print the A5/A4 receipt, or ask IT to enable the slip.",
    },
    "LETTER_NUMBERS_USED_UP": {
        "vi": "Quầy này đã dùng hết 9.999 số của loại văn bản này trong năm. Hãy in ở quầy "
        "khác, hoặc nhờ bộ phận CNTT chuyển sang để trống số cho văn thư ghi.",
        "en": "This counter has used all 9,999 numbers of this kind of letter this year. "
        "Print it at another counter, or ask IT to switch to blank numbers for the clerical "
        "office to fill in.",
    },
    "COUNTER_PHONE_INVALID": {
        "vi": "Số điện thoại của phường không đúng dạng (8–15 chữ số, có thể có dấu cách, dấu "
        "chấm, gạch ngang hoặc dấu + ở đầu). Hãy nhập lại.",
        "en": "The ward's phone number has the wrong shape (8–15 digits, with spaces, dots, "
        "dashes or a leading + allowed). Type it again.",
    },
    "FORM_SETTING_INVALID": {
        "vi": "Giá trị cài đặt biểu mẫu không hợp lệ (để trống, quá 300 ký tự, hoặc khổ giấy "
        "không có). Hãy sửa rồi thử lại; chưa có gì thay đổi.",
        "en": "A form setting is not valid (empty, over 300 characters, or an unknown "
        "layout). Correct it and try again; nothing was changed.",
    },
    "OUTPUT_FOLDER_MISSING": {
        "vi": "Không tìm thấy thư mục để lưu tệp PDF. Hãy chọn một thư mục có sẵn; chưa có gì "
        "được ghi.",
        "en": "The folder for the PDF does not exist. Choose an existing folder; nothing was "
        "recorded.",
    },
    "OUTPUT_EXISTS": {
        "vi": "Tệp ghi ra đã có sẵn; ứng dụng không ghi đè lên (phiếu hay tệp xuất cũ vẫn còn "
        "nguyên). Hãy chọn tên khác hoặc thêm --force nếu thật sự muốn thay.",
        "en": "The output file already exists and is not replaced (the earlier receipt or "
        "export is kept). Choose another name, or add --force to replace it.",
    },
    "OUTPUT_UNWRITABLE": {
        "vi": "Không ghi được tệp PDF vào chỗ đã chọn (không có quyền, ổ chỉ đọc, hoặc đó là "
        "một thư mục). Hãy chọn chỗ khác; chưa có gì được ghi.",
        "en": "The PDF cannot be written there (no permission, a read-only drive, or it is a "
        "folder). Choose another place; nothing was recorded.",
    },
    # Notices
    "form.written": {
        "vi": "Đã ghi {form} vào {file}.",
        "en": "Wrote the {form} to {file}.",
    },
    "form.reprinted": {
        "vi": "Đã ghi bản in lại của {form} vào {file}.",
        "en": "Wrote a reprint of the {form} to {file}.",
    },
    "form.kind.receipt": {"vi": "giấy tiếp nhận hồ sơ và hẹn trả kết quả", "en": "receipt"},
    "form.kind.supplement": {
        "vi": "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "en": "supplement request",
    },
    "form.kind.refusal": {"vi": "phiếu từ chối tiếp nhận hồ sơ", "en": "refusal"},
    "form.kind.apology": {"vi": "văn bản xin lỗi và hẹn lại ngày trả kết quả", "en": "apology"},
    "form.kind.stop": {"vi": "thông báo dừng giải quyết hồ sơ", "en": "stop notice"},
    "form.kind.control": {"vi": "phiếu kiểm soát quá trình giải quyết hồ sơ", "en": "control slip"},
}
