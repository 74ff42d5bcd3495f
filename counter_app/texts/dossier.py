"""Words for dossiers: setup, codes, intake, lifecycle, edits, search."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "AGENCY_CODE_INVALID": {
        "vi": "Mã cơ quan không đúng dạng QCVN 102:2016 (ví dụ 000.31.27.H26). Hãy nhập lại mã "
        "do thành phố cấp.",
        "en": "The agency identifier is not in the QCVN 102:2016 shape (e.g. 000.31.27.H26). "
        "Enter the identifier the city assigned.",
    },
    "AGENCY_NOT_HANOI": {
        "vi": "Mã cơ quan không kết thúc bằng H26 (Hà Nội). Hãy kiểm tra lại nếu quầy ở Hà Nội.",
        "en": "The agency identifier does not end in H26 (Hà Nội). Check it if the counter is "
        "in Hà Nội.",
    },
    "AGENCY_NAME_INVALID": {
        "vi": "Tên cơ quan trống hoặc quá dài (tối đa 200 ký tự). Hãy nhập lại.",
        "en": "The agency name is empty or too long (200 characters at most). Enter it again.",
    },
    "COUNTER_NUMBER_INVALID": {
        "vi": "Số quầy phải từ 1 đến 99. Hãy nhập lại.",
        "en": "The counter number must be between 1 and 99. Enter it again.",
    },
    "CODE_RANGE_INVALID": {
        "vi": "Dải số hồ sơ không hợp lệ: cần dạng ĐẦU-CUỐI trong khoảng 1–9999 (quầy 10 trở "
        "lên phải khai báo dải số). Hãy nhập lại.",
        "en": "The code number range is not valid: START-END within 1–9999 is needed (counters "
        "10 and above must be given a range). Enter it again.",
    },
    "FORM_SET_INVALID": {
        "vi": "Bộ biểu mẫu phải là 2025 (Thông tư 03/2025) hoặc 2018 (Thông tư 01/2018).",
        "en": "The form set must be 2025 (Circular 03/2025) or 2018 (Circular 01/2018).",
    },
    "COUNTER_NOT_CONFIGURED": {
        "vi": "Quầy chưa được khai báo mã đơn vị và số quầy. Bộ phận CNTT cần chạy lệnh cài đặt "
        "(setup).",
        "en": "The counter has no agency identifier or counter number yet. IT must run setup.",
    },
    "COUNTER_RANGE_EXHAUSTED": {
        "vi": "Quầy này đã dùng hết số hồ sơ của hôm nay. Hãy tiếp nhận ở quầy khác và báo bộ "
        "phận CNTT.",
        "en": "This counter has no dossier numbers left today. Receive at another counter and "
        "tell IT.",
    },
    "CLOCK_BEHIND": {
        "vi": "Đồng hồ máy tính đang sớm hơn giờ của một hồ sơ đã tiếp nhận, nên chưa cấp số hồ "
        "sơ. Hãy kiểm tra ngày giờ của máy. Nếu đồng hồ sai, hãy chỉnh lại; nếu đồng hồ đúng "
        "(hồ sơ kia được lưu khi đồng hồ chạy nhanh), người phụ trách xác nhận đồng hồ trong "
        "Cài đặt hoặc bằng lệnh counter-app clock confirm.",
        "en": "The computer clock is earlier than a saved receipt, so no dossier code is "
        "issued. Check the computer's date and time. If the clock is wrong, correct it; if it "
        "is right (that dossier was saved while the clock was ahead), a supervisor confirms the "
        "clock in Settings or with counter-app clock confirm.",
    },
    "REENTRY_OF_RECOVERED_DOSSIER": {
        "vi": "Hồ sơ của người này cho thủ tục này đã được lấy lại từ thành phố sau khi khôi "
        "phục dữ liệu (mã {detail}). Không nhập lại: hãy mở hồ sơ đó để tránh trùng hồ sơ ở "
        "thành phố.",
        "en": "This person's dossier for this procedure was taken back from the city after the "
        "restore (code {detail}). Do not type it again: open that dossier, so the city does not "
        "get a second one.",
    },
    "RECOVERY_PENDING": {
        "vi": "Sau khi khôi phục dữ liệu, còn hồ sơ chưa đối chiếu được với thành phố. Hãy gửi "
        "thành phố (F5) để lấy lại các hồ sơ đó trước; nếu chắc đây là hồ sơ mới, hãy xác nhận "
        "rồi lưu.",
        "en": "After the restore, some dossiers have not yet been checked with the city. Send to "
        "the city (F5) to take them back first; if you are sure this is a new dossier, confirm "
        "and save.",
    },
    "FINDING_NOT_ACKNOWLEDGED": {
        "vi": "Thông tin trên thẻ cần được xác nhận trước khi lưu. Hãy kiểm tra với người nộp "
        "rồi xác nhận.",
        "en": "A detail from the card must be confirmed before saving. Check it with the "
        "applicant, then confirm.",
    },
    "IDENTITY_INCOMPLETE": {
        "vi": "Thông tin người nộp còn thiếu hoặc sai, chưa lưu được. Hãy nhập trường còn thiếu "
        "theo giấy tờ.",
        "en": "The applicant's details are missing or wrong, so nothing was saved. Type the "
        "missing field from the document.",
    },
    "OUTCOME_REASON_REQUIRED": {
        "vi": "Yêu cầu bổ sung hoặc từ chối phải ghi rõ lý do. Hãy nhập lý do.",
        "en": "A supplement request or a refusal must state the reason. Enter it.",
    },
    "INTAKE_INVALID": {
        "vi": "Số bộ, lệ phí hoặc số bản giấy tờ không hợp lệ. Hãy kiểm tra lại.",
        "en": "The number of sets, the fee or a document count is not valid. Check them.",
    },
    "TEXT_TOO_LONG": {
        "vi": "Một nội dung nhập vào dài quá mức cho phép của trường đó. Hãy rút gọn lại.",
        "en": "A value is longer than its field allows. Shorten it.",
    },
    "TEXT_CONTROL_CHARACTER": {
        "vi": "Nội dung nhập có ký tự điều khiển ẩn (mã thoát của màn hình hoặc ký tự đảo chiều "
        "chữ), thường do dán từ nơi khác. Hãy gõ lại nội dung đó.",
        "en": "A value holds a hidden control character (a terminal escape or a text-direction "
        "override), usually from pasting. Type the value again.",
    },
    "TEXT_REQUIRED": {
        "vi": "Một trường bắt buộc (ví dụ họ tên) đang để trống. Hãy nhập nội dung.",
        "en": "A required field (such as the name) is blank. Fill it in.",
    },
    "DOSSIER_NOT_FOUND": {
        "vi": "Không tìm thấy hồ sơ với mã này ở quầy. Hãy kiểm tra lại mã.",
        "en": "No dossier with this code at this counter. Check the code.",
    },
    "DOSSIER_NOT_EDITABLE": {
        "vi": "Hồ sơ đã trả kết quả hoặc đã hủy nên không sửa được.",
        "en": "The dossier was returned or voided, so it cannot be edited.",
    },
    "VOID_NOT_ALLOWED": {
        "vi": "Chỉ hủy được hồ sơ chưa đồng bộ lên hệ thống thành phố. Hồ sơ đã đồng bộ phải "
        "điều chỉnh trên hệ thống thành phố.",
        "en": "Only a dossier not yet synced to the city can be voided. A synced dossier is "
        "corrected in the city system.",
    },
    "NOTHING_TO_CHANGE": {
        "vi": "Không có thay đổi nào để lưu.",
        "en": "There is nothing to change.",
    },
    "TRANSITION_NOT_ALLOWED": {
        "vi": "Không thể chuyển hồ sơ sang trạng thái này từ trạng thái hiện tại.",
        "en": "The dossier cannot move to this status from its current one.",
    },
    "DOSSIER_CLOSED": {
        "vi": "Hồ sơ đã kết thúc (từ chối, rút, dừng hoặc đã trả). Chỉ giám sát mới điều chỉnh "
        "được, kèm lý do.",
        "en": "The dossier is closed (refused, withdrawn, stopped or returned). Only a "
        "supervisor's correction, with a reason, can change it.",
    },
    "REASON_REQUIRED": {
        "vi": "Thao tác này phải ghi lý do. Hãy nhập lý do.",
        "en": "This action needs a reason. Enter it.",
    },
    "UNKNOWN_STATUS": {
        "vi": "Trạng thái không hợp lệ; dùng số 1–10 hoặc tên trạng thái.",
        "en": "Unknown status; use a number 1–10 or a status name.",
    },
    "EMPTY_QUERY": {
        "vi": "Hãy nhập số định danh, mã hồ sơ hoặc tên, địa chỉ để tìm.",
        "en": "Enter an ID number, a dossier code, or a name or address to search.",
    },
    "BAD_OPTION": {
        "vi": "Giá trị của một tùy chọn không đúng dạng hoặc ngoài khoảng cho phép (ngày giờ "
        "YYYY-MM-DD HH:MM, giấy tờ TÊN:SỐ_BẢN_CHÍNH:SỐ_BẢN_SAO, một số hữu hạn). Hãy kiểm tra lại.",
        "en": "An option's value has the wrong shape or is out of range (date-time YYYY-MM-DD "
        "HH:MM, document NAME:ORIGINALS:COPIES, a finite number). Check it.",
    },
    "BAD_DATE": {
        "vi": "Ngày không hợp lệ; hãy nhập theo dạng YYYY-MM-DD.",
        "en": "The date is not valid; use YYYY-MM-DD.",
    },
    "IDENTITY_MISSING": {
        "vi": "Chưa có thông tin người nộp: hãy quét mã QR trên thẻ hoặc nhập số giấy tờ và "
        "họ tên.",
        "en": "No applicant details: scan the card's QR code or type the document number and name.",
    },
    "AUDIT_ROW_EDITED": {
        "vi": "Nhật ký kiểm tra bị sửa tại dòng {seq}. Hãy báo ngay cho lãnh đạo và bộ phận "
        "CNTT; đừng sửa gì thêm.",
        "en": "The audit log was edited at row {seq}. Tell the supervisor and IT at once; "
        "change nothing else.",
    },
    "AUDIT_ROW_MISSING": {
        "vi": "Nhật ký kiểm tra bị xóa dòng, bắt đầu từ dòng {seq}. Hãy báo ngay cho lãnh đạo "
        "và bộ phận CNTT.",
        "en": "Rows of the audit log were deleted, starting at row {seq}. Tell the supervisor "
        "and IT at once.",
    },
    "AUDIT_ROW_REORDERED": {
        "vi": "Nhật ký kiểm tra bị đảo thứ tự hoặc chèn dòng tại dòng {seq}. Hãy báo ngay cho "
        "lãnh đạo và bộ phận CNTT.",
        "en": "The audit log was reordered or had a row inserted at row {seq}. Tell the "
        "supervisor and IT at once.",
    },
    "AUDIT_TAIL_MISSING": {
        "vi": "Các dòng cuối của nhật ký kiểm tra đã mất (từ dòng {seq}), hoặc dữ liệu đã bị "
        "thay bằng bản cũ. Hãy báo ngay cho lãnh đạo và bộ phận CNTT.",
        "en": "The last rows of the audit log are gone (from row {seq}), or the data was "
        "replaced by an older copy. Tell the supervisor and IT at once.",
    },
    "AUDIT_CHAIN_REWRITTEN": {
        "vi": "Nhật ký kiểm tra đã bị viết lại (dòng {seq} khác với bản ghi giữ bên ngoài dữ "
        "liệu). Hãy báo ngay cho lãnh đạo và bộ phận CNTT.",
        "en": "The audit log was rewritten (row {seq} differs from the copy kept outside the "
        "data). Tell the supervisor and IT at once.",
    },
    "CODE_RANGE_OVERLAP": {
        "vi": "Dải số này trùng với dải mặc định của một quầy khác. Hãy chắc chắn quầy đó được "
        "khai báo dải số khác, nếu không hai quầy có thể cấp trùng mã hồ sơ.",
        "en": "This range overlaps another counter's default range. Make sure that counter is "
        "given another range, or the two could issue the same dossier code.",
    },
}
