"""Words for printing from the desktop app: outcomes and errors, then the notices.

``NO_PRINTER`` and ``PRINTER_NOT_FOUND`` are outcomes rather than exceptions: nothing went wrong
in the app, the PDF was saved instead. The window shows the outcome's sentence followed by
``print.saved_to`` with the saved file, and offers to open its folder.
"""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "NO_PRINTER": {
        "vi": "Máy tính này chưa cài máy in nào nên chưa in được. Hãy mở tệp PDF đã lưu để in "
        "ở máy khác, và báo bộ phận CNTT cài máy in.",
        "en": "No printer is installed on this computer, so nothing was printed. Open the saved "
        "PDF to print it elsewhere, and ask IT to install a printer.",
    },
    "PRINTER_NOT_FOUND": {
        "vi": "Không tìm thấy máy in đã chọn trong cài đặt (có thể đã bị gỡ hoặc đổi tên) nên "
        "chưa in được. Hãy chọn lại máy in, hoặc mở tệp PDF đã lưu để in.",
        "en": "The printer chosen in the settings was not found (perhaps removed or renamed), so "
        "nothing was printed. Choose the printer again, or open the saved PDF to print it.",
    },
    "PRINT_FAILED": {
        "vi": "Máy in báo lỗi nên giấy tờ có thể chưa được in (máy in tắt, hết giấy, kẹt giấy "
        "hoặc mất kết nối). Hãy kiểm tra máy in rồi in lại, hoặc mở tệp PDF đã lưu.",
        "en": "The printer reported an error, so the document may not have been printed (printer "
        "off, out of paper, jammed or disconnected). Check the printer and print again, or open "
        "the saved PDF.",
    },
    "PRINT_PDF_UNREADABLE": {
        "vi": "Không đọc được nội dung cần in (tệp PDF bị hỏng) nên chưa in gì. Hãy thử in lại; "
        "nếu vẫn lỗi, hãy báo bộ phận CNTT.",
        "en": "The document to print could not be read (a damaged PDF), so nothing was printed. "
        "Try again; if it fails again, call IT.",
    },
    "PRINT_SAVE_FAILED": {
        "vi": "Không lưu được tệp PDF vào thư mục đã định (không có quyền ghi hoặc ổ đĩa đầy). "
        "Hãy báo bộ phận CNTT; hồ sơ vẫn được lưu trong ứng dụng và có thể in lại sau.",
        "en": "The PDF could not be saved to its folder (no permission to write, or the disk is "
        "full). Call IT; the dossier itself is stored in the app and can be printed again later.",
    },
    # Notices the window shows after a print.
    "print.saved_to": {
        "vi": "Tệp PDF đã được lưu tại {file}.",
        "en": "The PDF was saved as {file}.",
    },
    "print.sent": {
        "vi": "Đã gửi tới máy in {printer} ({pages} trang).",
        "en": "Sent to the printer {printer} (pages: {pages}).",
    },
}
