"""The words a clerk reads for every error and finding code, in Vietnamese and English.

One catalogue serves the CLI, the printed forms and the desktop app (``ui/messages.py`` will
hand these to widgets), so a code never gets two different explanations. Every message says
what happened and what to do next; none carries an error code in its text. Placeholders in
braces are filled from a finding's params.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from counter_app.texts import (
    backup,
    calendar,
    catalogue,
    chip,
    clock,
    demo,
    desktop,
    documents,
    dossier,
    dossier_screens,
    forms,
    marks,
    printing,
    provision,
    reports,
    self_test,
    store,
    supervisor,
    sync,
    sync_offline,
    sync_sim,
    ui_settings,
    users,
)

VI: Final = "vi"
EN: Final = "en"
LANGUAGES: Final = (VI, EN)

_SEX_WORDS: Mapping[str, Mapping[str, str]] = {
    "male": {VI: "Nam", EN: "male"},
    "female": {VI: "Nữ", EN: "female"},
}

_ID_CARD_MESSAGES: Mapping[str, Mapping[str, str]] = {
    # Errors (exceptions)
    "UNEXPECTED": {
        VI: "Đã xảy ra lỗi không mong muốn. Thao tác chưa hoàn tất; hãy thử lại hoặc báo bộ phận "
        "CNTT (chi tiết đã ghi vào nhật ký lỗi).",
        EN: "An unexpected error occurred. The action did not complete; try again or call IT "
        "(details are in the error log).",
    },
    "BAD_INPUT": {
        VI: "Dữ liệu nhập chưa đúng. Hãy kiểm tra lại và thử lại.",
        EN: "The input is not valid. Check it and try again.",
    },
    "ENVIRONMENT": {
        VI: "Máy tính thiếu một thành phần cần thiết. Hãy báo bộ phận CNTT.",
        EN: "This computer is missing something the app needs. Call IT.",
    },
    "BAD_JSON": {
        VI: "Dòng này không phải một đối tượng JSON hợp lệ. Hãy kiểm tra định dạng dữ liệu "
        "đưa vào.",
        EN: "This line is not a valid JSON object. Check the format of the input.",
    },
    "EMPTY_PAYLOAD": {
        VI: "Không nhận được nội dung mã QR. Hãy quét lại mã trên thẻ.",
        EN: "No QR content was received. Scan the code on the card again.",
    },
    "NOT_ID_QR": {
        VI: "Mã QR này không phải mã trên thẻ căn cước (mã VNeID chưa được hỗ trợ). Hãy quét mã "
        "trên thẻ hoặc nhập số định danh.",
        EN: "This QR code is not the one on an ID card (VNeID codes are not supported yet). Scan "
        "the code on the card or type the ID number.",
    },
    "WRONG_CARD_BHYT": {
        VI: "Đây là mã QR của thẻ bảo hiểm y tế, không phải thẻ căn cước. Hãy quét mã trên thẻ "
        "căn cước hoặc nhập số định danh.",
        EN: "This is a health-insurance card QR, not an ID card. Scan the ID card's code or type "
        "the ID number.",
    },
    "TOO_FEW_FIELDS": {
        VI: "Mã QR đọc được thiếu thông tin (có thể bị quét dở). Hãy quét lại hoặc nhập tay.",
        EN: "The QR code was read incompletely (perhaps cut off). Scan again or type the details.",
    },
    "NO_QR_FOUND": {
        VI: "Không tìm thấy mã QR trong ảnh. Hãy chụp lại rõ hơn, đủ sáng, mã nằm trọn trong ảnh.",
        EN: "No QR code was found in the image. Take a sharper, well-lit picture with the whole "
        "code in it.",
    },
    "NO_INPUT": {
        VI: "Không có dữ liệu để xử lý. Hãy đưa nội dung vào, hoặc dùng '-' để đọc từ đầu vào "
        "chuẩn.",
        EN: "There was nothing to process. Give the input, or '-' to read standard input.",
    },
    "IMAGE_UNREADABLE": {
        VI: "Không mở được tệp ảnh (không tồn tại, hỏng hoặc không phải ảnh). Hãy chọn tệp khác.",
        EN: "The image file could not be opened (missing, damaged or not an image). Choose "
        "another file.",
    },
    "DECODER_UNAVAILABLE": {
        VI: "Máy tính thiếu thư viện đọc mã QR đã chọn. Hãy dùng bộ đọc mặc định hoặc báo bộ phận "
        "CNTT cài đặt.",
        EN: "The chosen QR decoding library is missing on this computer. Use the default decoder "
        "or ask IT to install it.",
    },
    # Findings on an ID card reading (id-card.md §3)
    "BAD_ID_NUMBER": {
        VI: "Số định danh phải gồm đúng 12 chữ số. Hãy nhập lại số định danh trên thẻ.",
        EN: "The ID number must be exactly 12 digits. Type the number printed on the card.",
    },
    "UNKNOWN_PROVINCE": {
        VI: "Mã tỉnh {code} ở đầu số định danh không có trong danh mục. Hãy đối chiếu số trên thẻ.",
        EN: "Province code {code} at the start of the ID number is not in the list. Check the "
        "number against the card.",
    },
    "SEX_ID_MISMATCH": {
        VI: "Giới tính trên thẻ không khớp với số định danh (số định danh cho biết: {id_sex}). Hãy "
        "đối chiếu với thẻ và xác nhận trước khi lưu.",
        EN: "The sex on the card does not match the ID number (the number says {id_sex}). Check "
        "the card and confirm before saving.",
    },
    "BIRTH_YEAR_ID_MISMATCH": {
        VI: "Năm sinh {card_year} không khớp với số định danh (số định danh cho biết {id_year}). "
        "Hãy đối chiếu với thẻ và xác nhận trước khi lưu.",
        EN: "Birth year {card_year} does not match the ID number (it says {id_year}). Check the "
        "card and confirm before saving.",
    },
    "BIRTH_DATE_MISSING": {
        VI: "Không đọc được ngày sinh. Hãy nhập ngày sinh theo thẻ.",
        EN: "No date of birth was read. Type it from the card.",
    },
    "BIRTH_DATE_INVALID": {
        VI: "Ngày sinh đọc được không phải ngày có thật. Hãy nhập ngày sinh theo thẻ.",
        EN: "The date of birth read is not a real date. Type it from the card.",
    },
    "BIRTH_DATE_IN_FUTURE": {
        VI: "Ngày sinh nằm trong tương lai. Hãy nhập lại ngày sinh theo thẻ (kiểm tra cả đồng hồ "
        "máy tính).",
        EN: "The date of birth is in the future. Type it again from the card (and check the "
        "computer's clock).",
    },
    "AGE_OVER_120": {
        VI: "Tuổi tính theo ngày sinh trên 120. Hãy kiểm tra lại ngày sinh.",
        EN: "The date of birth gives an age over 120. Check the date of birth.",
    },
    "ISSUE_DATE_MISSING": {
        VI: "Mã QR không có ngày cấp thẻ. Có thể nhập ngày cấp theo thẻ nếu cần.",
        EN: "The QR code holds no issue date. Type it from the card if needed.",
    },
    "ISSUE_DATE_INVALID": {
        VI: "Ngày cấp đọc được không phải ngày có thật nên đã để trống. Hãy nhập theo thẻ nếu cần.",
        EN: "The issue date read is not a real date and was left empty. Type it from the card "
        "if needed.",
    },
    "ISSUE_DATE_BEFORE_BIRTH": {
        VI: "Ngày cấp thẻ sớm hơn ngày sinh. Hãy kiểm tra lại hai ngày này.",
        EN: "The issue date is before the date of birth. Check both dates.",
    },
    "ISSUE_DATE_IN_FUTURE": {
        VI: "Ngày cấp thẻ nằm trong tương lai. Hãy kiểm tra lại ngày cấp và đồng hồ máy tính.",
        EN: "The issue date is in the future. Check the issue date and the computer's clock.",
    },
    "ISSUE_DATE_BEFORE_CHIP_CARDS": {
        VI: "Ngày cấp sớm hơn năm 2021, trước khi có thẻ gắn chíp. Hãy kiểm tra lại ngày cấp.",
        EN: "The issue date is before 2021, when chip cards began. Check the issue date.",
    },
    "OLD_ID_INVALID": {
        VI: "Số CMND cũ phải có 9 hoặc 12 chữ số. Hãy kiểm tra lại.",
        EN: "The old ID (CMND) number must have 9 or 12 digits. Check it.",
    },
    "NAME_MISSING": {
        VI: "Không đọc được họ và tên. Hãy nhập họ và tên theo thẻ.",
        EN: "No full name was read. Type it from the card.",
    },
    "ADDRESS_MISSING": {
        VI: "Không đọc được nơi thường trú. Hãy nhập địa chỉ theo thẻ.",
        EN: "No residence address was read. Type it from the card.",
    },
    "SEX_MISSING": {
        VI: "Không đọc được giới tính. Hãy chọn giới tính theo thẻ.",
        EN: "The sex could not be read. Choose it from the card.",
    },
    "SEX_FROM_ID": {
        VI: "Giới tính trên mã QR bị lỗi; đã lấy theo số định danh ({sex}). Hãy đối chiếu với thẻ.",
        EN: "The sex in the QR code was garbled; it was taken from the ID number ({sex}). Check "
        "it against the card.",
    },
    "DIACRITICS_LOST": {
        VI: "Chữ không có dấu — máy quét có thể đã làm mất dấu. Hãy kiểm tra và gõ lại.",
        EN: "The text has no diacritics — the scanner may have dropped them. Check and retype.",
    },
    "UNREADABLE_CHARACTERS": {
        VI: "Có ký tự máy quét không đọc được (dấu ?). Hãy gõ lại trường này theo thẻ trước "
        "khi lưu.",
        EN: "Some letters could not be read by the scanner ('?'). Retype this field from the "
        "card before saving.",
    },
    "ENCODING_REPAIRED": {
        VI: "Máy quét gửi sai bảng mã; phần mềm đã tự sửa. Hãy liếc kiểm tra họ tên và địa chỉ. "
        "Bộ phận CNTT nên đặt máy quét ở chế độ UTF-8.",
        EN: "The scanner sent the wrong encoding; it was repaired. Glance over the name and "
        "address. IT should set the scanner to UTF-8.",
    },
    "ENCODING_BROKEN": {
        VI: "Chữ bị lỗi bảng mã và không tự sửa được. Hãy gõ lại trường này theo thẻ.",
        EN: "The text is garbled by a wrong encoding and could not be repaired. Retype this "
        "field from the card.",
    },
    "DATE_FORMAT_UNUSUAL": {
        VI: "Ngày có dấu phân cách, khác với mã trên thẻ. Hãy kiểm tra lại ngày này.",
        EN: "The date has separators, unlike a card's code. Check this date.",
    },
    "NONSTANDARD_LAYOUT": {
        VI: "Mã QR có bố cục lạ; các trường được đoán theo hình dạng. Hãy kiểm tra từng trường.",
        EN: "The QR code has an unusual layout; fields were placed by their shape. Check each one.",
    },
    "EXTRAS_PRESENT": {
        VI: "Thẻ căn cước có thêm {count} trường thông tin (số cũ, cha mẹ…); đã lưu nguyên văn.",
        EN: "The card carries {count} extra fields (previous ID, parents…); kept as read.",
    },
}


# Each capability keeps its words in its own module of counter_app.texts.
_AREAS = (
    store,
    chip,
    marks,
    dossier,
    catalogue,
    calendar,
    clock,
    backup,
    demo,
    desktop,
    documents,
    forms,
    printing,
    provision,
    self_test,
    sync_sim,
    sync,
    sync_offline,
    dossier_screens,
    users,
    ui_settings,
    reports,
    supervisor,
)
MESSAGES: Mapping[str, Mapping[str, str]] = {
    **_ID_CARD_MESSAGES,
    **{code: texts for area in _AREAS for code, texts in area.TEXTS.items()},
}


def message_for(code: str, lang: str = VI, params: Mapping[str, str] | None = None) -> str:
    """The plain sentence for ``code`` in ``lang``; falls back to the generic one, never raises."""
    texts = MESSAGES.get(code) or MESSAGES["UNEXPECTED"]
    template = texts.get(lang) or texts[VI]
    values = {key: _localise_param(value, lang) for key, value in (params or {}).items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _localise_param(value: str, lang: str) -> str:
    words = _SEX_WORDS.get(value)
    return words.get(lang, value) if words else value
