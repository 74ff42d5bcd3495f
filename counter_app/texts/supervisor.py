"""Words for the supervisor's desk: command-line sessions, send-back, the audit viewer."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "SIGN_IN_REQUIRED": {
        "vi": "Lệnh này cần đăng nhập. Hãy chạy: counter-app login TÊN_ĐĂNG_NHẬP --password - "
        "(mật khẩu ở dòng đầu của đầu vào chuẩn), hoặc counter-app login TÊN_ĐĂNG_NHẬP trên "
        "cửa sổ lệnh để được hỏi mật khẩu.",
        "en": "This command needs a signed-in user. Run: counter-app login USERNAME "
        "--password - (the password on the first line of standard input), or counter-app "
        "login USERNAME at a terminal to be asked for it.",
    },
    "session.started": {
        "vi": "Đã đăng nhập: {username} ({role}). Phiên kết thúc sau thời gian khoá màn hình "
        "nếu không dùng, hoặc khi chạy counter-app logout.",
        "en": "Signed in: {username} ({role}). The session ends after the idle-lock time "
        "without a command, or at counter-app logout.",
    },
    "session.ended": {"vi": "Đã đăng xuất.", "en": "Signed out."},
    "session.none": {"vi": "Chưa có ai đăng nhập.", "en": "Nobody is signed in."},
    "SEND_BACK_REASON_INVALID": {
        "vi": "Hãy ghi lý do cần sửa (tối đa 500 ký tự) để cán bộ tiếp nhận biết phải sửa gì.",
        "en": "Write why the dossier needs fixing (at most 500 characters) so the clerk knows "
        "what to fix.",
    },
    "SEND_BACK_ALREADY_OPEN": {
        "vi": "Hồ sơ này đã được trả lại để sửa và chưa được kiểm tra xong. Hãy chờ cán bộ sửa "
        "rồi kiểm tra.",
        "en": "This dossier has already been sent back for fixing and the check is not done "
        "yet. Wait for the clerk's fix, then check it.",
    },
    "SEND_BACK_NOT_OPEN": {
        "vi": "Hồ sơ này không có yêu cầu sửa nào đang chờ.",
        "en": "This dossier has no request for fixing waiting.",
    },
    "SEND_BACK_NOT_FIXED": {
        "vi": "Cán bộ tiếp nhận chưa báo đã sửa hồ sơ này. Hãy chờ rồi kiểm tra.",
        "en": "The clerk has not yet said this dossier is fixed. Wait, then check it.",
    },
    "send_back.sent": {
        "vi": "Đã trả lại hồ sơ {code} để sửa.",
        "en": "Dossier {code} was sent back for fixing.",
    },
    "send_back.fixed": {
        "vi": "Đã báo sửa xong hồ sơ {code}; chờ phụ trách kiểm tra.",
        "en": "Dossier {code} is marked fixed; waiting for the supervisor's check.",
    },
    "send_back.checked": {
        "vi": "Đã kiểm tra phần sửa của hồ sơ {code}.",
        "en": "The fix of dossier {code} was checked.",
    },
    "send_back.waiting": {
        "vi": "Hồ sơ được trả lại để sửa: {codes}. Xem lý do bằng counter-app dossier show MÃ "
        "hoặc trên màn hình Hồ sơ.",
        "en": "Dossiers sent back to you for fixing: {codes}. See why with counter-app dossier "
        "show CODE or on the Dossiers screen.",
    },
    "audit.exported": {
        "vi": "Đã xuất {count} dòng nhật ký ra {path}.",
        "en": "{count} audit rows exported to {path}.",
    },
}
