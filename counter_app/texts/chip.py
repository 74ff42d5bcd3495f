"""Words for reading the card's chip (docs/CHIP.md): reader problems, refusals, findings."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "CHIP_ERROR": {
        "vi": "Không đọc được chip của thẻ. Hãy đặt lại thẻ lên đầu đọc và thử lại.",
        "en": "The card's chip could not be read. Put the card back on the reader and try again.",
    },
    "CHIP_NO_READER": {
        "vi": "Không thấy đầu đọc thẻ gắn chip. Hãy kiểm tra dây cắm đầu đọc, hoặc báo bộ phận "
        "CNTT.",
        "en": "No chip card reader was found. Check the reader's cable, or call IT.",
    },
    "CHIP_NO_CARD": {
        "vi": "Chưa có thẻ trên đầu đọc. Hãy đặt thẻ căn cước nằm yên trên đầu đọc.",
        "en": "There is no card on the reader. Lay the ID card still on the reader.",
    },
    "CHIP_CARD_REMOVED": {
        "vi": "Thẻ đã bị nhấc ra khi đang đọc. Hãy đặt thẻ nằm yên trên đầu đọc và đọc lại.",
        "en": "The card was lifted while it was being read. Lay it still on the reader and "
        "read again.",
    },
    "CHIP_WRONG_CARD": {
        "vi": "Thẻ trên đầu đọc không phải thẻ căn cước (hoặc hộ chiếu) có chip. Hãy đặt đúng "
        "thẻ căn cước của công dân.",
        "en": "The card on the reader is not a chip ID card (or passport). Put the citizen's "
        "ID card on the reader.",
    },
    "CHIP_ACCESS_DENIED": {
        "vi": "Chip không mở được với số thẻ, ngày sinh và ngày hết hạn đang có. Hãy gõ ngày "
        '"Có giá trị đến" in trên thẻ rồi đọc lại (chỉ thử một lần).',
        "en": "The chip did not open with the ID number, birth date and expiry at hand. Type "
        'the "valid until" date printed on the card and read again (one try only).',
    },
    "CHIP_KEY_MISSING": {
        "vi": "Cần số định danh, ngày sinh và ngày cấp (hoặc ngày hết hạn in trên thẻ) để mở chip. "
        "Hãy quét mã QR hoặc gõ các thông tin này.",
        "en": "The ID number, birth date and issue date (or the expiry printed on the card) are "
        "needed to open the chip. Scan the QR code or type them.",
    },
    "CHIP_SM_BROKEN": {
        "vi": "Kết nối bảo mật với chip bị lỗi. Hãy đặt lại thẻ và đọc lại; nếu vẫn lỗi, báo bộ "
        "phận CNTT.",
        "en": "The secure link with the chip failed. Put the card back and read again; if it "
        "fails again, call IT.",
    },
    "CHIP_DATA_BAD": {
        "vi": "Dữ liệu trong chip không đúng cấu trúc nên không được dùng. Hãy dùng mã QR hoặc "
        "gõ tay, và báo bộ phận CNTT.",
        "en": "The chip's data does not have the expected structure and is not used. Use the QR "
        "code or type the details, and tell IT.",
    },
    "CHIP_FILE_MISSING": {
        "vi": "Chip thiếu một phần dữ liệu bắt buộc. Hãy dùng mã QR hoặc gõ tay.",
        "en": "The chip lacks a required part of its data. Use the QR code or type the details.",
    },
    "CHIP_TAMPERED": {
        "vi": "Dữ liệu trong chip không khớp chữ ký của cơ quan cấp thẻ: thẻ có thể đã bị sửa. "
        "Dữ liệu chip KHÔNG được dùng; hãy kiểm tra thẻ gốc và báo lãnh đạo.",
        "en": "The chip's data does not match the issuer's signature: the card may have been "
        "altered. The chip data is NOT used; check the card and tell a supervisor.",
    },
    "CHIP_SIGNATURE_BAD": {
        "vi": "Chữ ký số trên chip không hợp lệ hoặc không do cơ quan cấp thẻ tin cậy ký. Dữ liệu "
        "chip KHÔNG được dùng; hãy kiểm tra thẻ gốc và báo lãnh đạo.",
        "en": "The chip's digital signature is invalid or not from the trusted issuer. The chip "
        "data is NOT used; check the card and tell a supervisor.",
    },
    "CHIP_READER_FAILED": {
        "vi": "Đầu đọc thẻ báo lỗi. Hãy rút ra cắm lại đầu đọc; nếu vẫn lỗi, báo bộ phận CNTT.",
        "en": "The card reader reported an error. Unplug and replug it; if it persists, call IT.",
    },
    "CHIP_LIBRARY_MISSING": {
        "vi": "Máy tính thiếu thành phần đọc thẻ gắn chip (PC/SC). Hãy báo bộ phận CNTT.",
        "en": "This computer lacks the chip card component (PC/SC). Call IT.",
    },
    "CHIP_BAD_EXPIRY": {
        "vi": "Ngày hết hạn phải có dạng YYMMDD (ví dụ 290605). Hãy gõ lại theo thẻ.",
        "en": "The expiry must be written YYMMDD (e.g. 290605). Type it again from the card.",
    },
    "CHIP_QR_NOT_ID": {
        "vi": "Mã QR đưa vào không phải mã của thẻ căn cước. Hãy quét mã QR trên thẻ.",
        "en": "The QR payload given is not an ID card's. Scan the QR code on the card.",
    },
    # Findings
    "CHIP_QR_DIFFER": {
        "vi": "Thông tin trong chip khác với mã QR ở trường này; đã lấy theo chip. Hãy đối chiếu "
        "với thẻ và xác nhận.",
        "en": "The chip and the QR code differ in this field; the chip's value is used. Compare "
        "with the card and confirm.",
    },
    "CHIP_NOT_VERIFIED": {
        "vi": "Đã đọc chip nhưng chưa xác thực được chữ ký (máy chưa có chứng thư của cơ quan cấp "
        "thẻ). Hãy đối chiếu với thẻ; báo bộ phận CNTT cài chứng thư CSCA.",
        "en": "The chip was read but its signature could not be verified (no issuer certificate "
        "on this computer). Compare with the card; IT should install the CSCA certificates.",
    },
    "CHIP_MRZ_CHECK_FAILED": {
        "vi": "Số kiểm tra trong vùng MRZ của chip không khớp ({checks}). Hãy đối chiếu số thẻ và "
        "các ngày với thẻ.",
        "en": "A check digit of the chip's MRZ does not match ({checks}). Compare the number and "
        "dates with the card.",
    },
    "CHIP_IS_PASSPORT": {
        "vi": "Đây là hộ chiếu, không phải thẻ căn cước: không có địa chỉ trong chip. Hãy gõ địa "
        "chỉ.",
        "en": "This is a passport, not an ID card: the chip has no address. Type the address.",
    },
}
