"""Words for the sync protocol's field errors, the offline batch file and the city simulator.

``FIELD_*`` codes travel in a batch reply (``errors[].code``, docs/SYNC-PROTOCOL.md): the
simulator sends the Vietnamese sentence as ``message``, and the counter shows its own words for
the code in the "Cần xử lý" list. The other codes are the errors of ``counter-app city-sim``
and of the offline batch file.
"""

from __future__ import annotations

from collections.abc import Mapping

_FIELD_TEXTS: Mapping[str, Mapping[str, str]] = {
    "FIELD_REQUIRED": {
        "vi": "Thiếu thông tin bắt buộc. Hãy bổ sung trường này rồi lưu lại hồ sơ.",
        "en": "A required value is missing. Fill in this field and save the dossier again.",
    },
    "FIELD_WRONG_TYPE": {
        "vi": "Trường này có kiểu dữ liệu không đúng. Hãy báo bộ phận CNTT.",
        "en": "This field has the wrong kind of value. Call IT.",
    },
    "FIELD_NOT_STRING": {
        "vi": "Giá trị phải được gửi dưới dạng chuỗi ký tự. Hãy báo bộ phận CNTT.",
        "en": "The value must be sent as a string. Call IT.",
    },
    "FIELD_NOT_NFC": {
        "vi": "Chữ tiếng Việt chưa được chuẩn hóa (NFC). Hãy báo bộ phận CNTT.",
        "en": "The Vietnamese text is not normalised (NFC). Call IT.",
    },
    "FIELD_BAD_FORMAT": {
        "vi": "Giá trị không đúng định dạng. Hãy kiểm tra và sửa lại trường này.",
        "en": "The value has the wrong format. Check and correct this field.",
    },
    "FIELD_BAD_DATE": {
        "vi": "Ngày giờ không hợp lệ hoặc sai dạng (trong hồ sơ: yyyyMMddHHmmss, giờ Việt Nam). "
        "Hãy kiểm tra lại.",
        "en": "The date-time is not valid or has the wrong form (in a dossier: yyyyMMddHHmmss, "
        "Vietnam time). Check it.",
    },
    "FIELD_NOT_ALLOWED": {
        "vi": "Giá trị này không nằm trong danh sách được phép. Hãy chọn lại giá trị đúng.",
        "en": "This value is not one of the allowed ones. Choose a correct value.",
    },
    "FIELD_TOO_LONG": {
        "vi": "Nội dung quá dài. Hãy rút gọn trường này rồi lưu lại.",
        "en": "The text is too long. Shorten this field and save again.",
    },
    "FIELD_MISMATCH": {
        "vi": "Giá trị không khớp với phần còn lại của hồ sơ. Hãy báo bộ phận CNTT.",
        "en": "The value does not match the rest of the dossier. Call IT.",
    },
    "FIELD_UNKNOWN_PROCEDURE": {
        "vi": "Hệ thống của thành phố không có thủ tục này. Hãy cập nhật danh mục thủ tục và "
        "chọn lại thủ tục cho hồ sơ.",
        "en": "The city system does not know this procedure. Update the procedure catalogue and "
        "choose the dossier's procedure again.",
    },
    "FIELD_BAD_ID_NUMBER": {
        "vi": "Số giấy tờ tùy thân không đúng dạng (căn cước 12 chữ số, CMND 9 chữ số). Hãy "
        "đối chiếu với giấy tờ và sửa lại.",
        "en": "The ID document number has the wrong shape (12 digits for an ID card, 9 for an "
        "old CMND). Check it against the document and correct it.",
    },
    "FIELD_UNSUPPORTED_PROTOCOL": {
        "vi": "Phiên bản giao thức đồng bộ không được hỗ trợ. Hãy báo bộ phận CNTT cập nhật "
        "phần mềm.",
        "en": "The sync protocol version is not supported. Ask IT to update the app.",
    },
    "FIELD_DUPLICATE_DOSSIER": {
        "vi": "Một lô gửi có hai phiên bản của cùng một hồ sơ. Hãy báo bộ phận CNTT.",
        "en": "A batch holds two versions of one dossier. Call IT.",
    },
    "FIELD_KEY_REUSED": {
        "vi": "Phiên bản hồ sơ này đã được gửi trước đó với nội dung khác. Hãy sửa hồ sơ để tạo "
        "phiên bản mới, hoặc báo bộ phận CNTT.",
        "en": "This dossier version was sent before with different content. Edit the dossier to "
        "make a new version, or call IT.",
    },
    "FIELD_CODE_TAKEN": {
        "vi": "Mã hồ sơ này đã thuộc về một hồ sơ khác trên hệ thống của thành phố. Hãy báo bộ "
        "phận CNTT kiểm tra dải số của quầy.",
        "en": "This dossier code already belongs to another dossier in the city system. Ask IT "
        "to check the counter's number range.",
    },
}

_ERROR_TEXTS: Mapping[str, Mapping[str, str]] = {
    "CITY_SIM_HOST_NOT_LOOPBACK": {
        "vi": "Máy chủ mô phỏng chỉ chạy trên địa chỉ nội bộ của máy (127.0.0.1, ::1 hoặc "
        "localhost). Hãy chọn một địa chỉ như vậy.",
        "en": "The simulator only runs on this computer's loopback address (127.0.0.1, ::1 or "
        "localhost). Choose such an address.",
    },
    "CITY_SIM_OPTION_INVALID": {
        "vi": "Một tùy chọn của máy chủ mô phỏng không hợp lệ (tỉ lệ lỗi từ 0 đến 1, thời gian "
        "không âm, tên lỗi đúng danh sách). Hãy sửa lại lệnh.",
        "en": "A simulator option is not valid (a fail rate within 0-1, no negative times, "
        "fault names from the list). Correct the command.",
    },
    "CITY_SIM_PORT_UNAVAILABLE": {
        "vi": "Không mở được cổng mạng đã chọn (đang có chương trình khác dùng). Hãy chọn cổng "
        "khác hoặc dùng cổng 0 để tự chọn.",
        "en": "The chosen port cannot be opened (another program uses it). Choose another "
        "port, or 0 to pick a free one.",
    },
    "CITY_SIM_DB_UNUSABLE": {
        "vi": "Không mở hoặc không ghi được tệp dữ liệu của máy chủ mô phỏng. Hãy kiểm tra "
        "đường dẫn và quyền ghi.",
        "en": "The simulator's data file cannot be opened or written. Check the path and the "
        "permissions.",
    },
    "CITY_SIM_CATALOGUE_INVALID": {
        "vi": "Không đọc được danh mục thủ tục cho máy chủ mô phỏng (thiếu tệp hoặc tệp có dòng "
        "sai). Hãy kiểm tra tệp bằng lệnh nhập danh mục.",
        "en": "The simulator's procedure catalogue cannot be read (a missing file or bad rows). "
        "Check the file with the catalogue import command.",
    },
    "CITY_SIM_NO_CITY_KEY": {
        "vi": "Máy chủ mô phỏng chưa có khóa của thành phố. Hãy tạo khóa bằng lệnh keygen "
        "trước khi nhập tệp.",
        "en": "The simulator has no city key yet. Make one with the keygen command before "
        "importing a file.",
    },
    "CITY_SIM_FILE_UNREADABLE": {
        "vi": "Không đọc được tệp đã chọn (không tồn tại hoặc không có quyền). Hãy kiểm tra "
        "đường dẫn.",
        "en": "The chosen file cannot be read (missing, or no permission). Check the path.",
    },
    "OFFLINE_FILE_FORMAT": {
        "vi": "Tệp này không phải tệp đồng bộ ngoại tuyến, hoặc thuộc phiên bản khác. Hãy "
        "xuất lại tệp từ quầy.",
        "en": "This is not an offline sync file, or one of another version. Export the file "
        "from the counter again.",
    },
    "OFFLINE_FILE_WRONG_KEY": {
        "vi": "Tệp được mã hóa cho một khóa thành phố khác. Hãy kiểm tra khóa công khai đã cài "
        "ở quầy rồi xuất lại tệp.",
        "en": "The file is encrypted to another city key. Check the public key installed at "
        "the counter and export the file again.",
    },
    "OFFLINE_FILE_TAMPERED": {
        "vi": "Tệp đã bị thay đổi hoặc hư hỏng nên không được nhập. Hãy xuất lại tệp từ quầy.",
        "en": "The file was changed or damaged, so it was not imported. Export it from the "
        "counter again.",
    },
    "OFFLINE_SIGNER_UNKNOWN": {
        "vi": "Tệp được ký bằng một khóa chưa đăng ký cho quầy này nên không được nhập. Hãy "
        "đăng ký khóa công khai của quầy trước.",
        "en": "The file is signed with a key not registered for this counter, so it was not "
        "imported. Register the counter's public key first.",
    },
    "OFFLINE_KEY_INVALID": {
        "vi": "Tệp khóa không hợp lệ hoặc không đúng loại khóa. Hãy chọn đúng tệp khóa.",
        "en": "The key file is not valid or holds the wrong kind of key. Choose the right key "
        "file.",
    },
}

TEXTS: Mapping[str, Mapping[str, str]] = {**_FIELD_TEXTS, **_ERROR_TEXTS}
