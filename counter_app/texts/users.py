"""Words for users, sign-in, roles and the idle lock: error codes, then the CLI's notices."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "USERNAME_INVALID": {
        "vi": "Tên đăng nhập phải dài 2–32 ký tự, gồm chữ cái không dấu, chữ số và các dấu "
        "'.', '_' , '-'. Hãy nhập lại.",
        "en": "A user name has 2–32 characters: letters without accents, digits, '.', '_' and "
        "'-'. Enter it again.",
    },
    "USERNAME_TAKEN": {
        "vi": "Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.",
        "en": "This user name is already taken. Choose another one.",
    },
    "USER_NOT_FOUND": {
        "vi": "Không có người dùng với tên đăng nhập này. Hãy kiểm tra lại danh sách người dùng.",
        "en": "There is no user with this user name. Check the list of users.",
    },
    "FULL_NAME_INVALID": {
        "vi": "Họ tên không được để trống và dài tối đa 100 ký tự. Hãy nhập lại.",
        "en": "The full name must not be empty and has at most 100 characters. Enter it again.",
    },
    "ROLE_INVALID": {
        "vi": "Vai trò phải là clerk (cán bộ tiếp nhận), supervisor (phụ trách) hoặc "
        "administrator (quản trị). Hãy chọn lại.",
        "en": "The role must be clerk, supervisor or administrator. Choose again.",
    },
    "PASSWORD_TOO_SHORT": {
        "vi": "Mật khẩu phải có ít nhất 8 ký tự. Hãy chọn mật khẩu dài hơn.",
        "en": "A password needs at least 8 characters. Choose a longer one.",
    },
    "PASSWORD_INVALID": {
        "vi": "Mật khẩu không được trùng tên đăng nhập và dài tối đa 1024 ký tự. Hãy chọn mật "
        "khẩu khác.",
        "en": "A password must differ from the user name and have at most 1024 characters. "
        "Choose another one.",
    },
    "PASSWORDS_DIFFER": {
        "vi": "Hai lần nhập mật khẩu không giống nhau. Hãy nhập lại cả hai ô.",
        "en": "The two passwords typed differ. Type both again.",
    },
    "SIGN_IN_FAILED": {
        "vi": "Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại (sau 5 lần sai liên tiếp, "
        "tài khoản tạm dừng 5 phút; quên mật khẩu thì nhờ quản trị viên đặt lại).",
        "en": "The user name or password is wrong. Try again (after 5 wrong tries in a row the "
        "account pauses for 5 minutes; if you forgot it, ask an administrator to reset it).",
    },
    "USER_DISABLED": {
        "vi": "Tài khoản này đã bị khoá. Hãy liên hệ quản trị viên.",
        "en": "This account has been disabled. Contact an administrator.",
    },
    "ROLE_NOT_ALLOWED": {
        "vi": "Vai trò của bạn không được làm thao tác này; chưa có gì thay đổi. Hãy nhờ cán bộ "
        "phụ trách hoặc quản trị viên thực hiện.",
        "en": "Your role may not do this; nothing was changed. Ask a supervisor or an "
        "administrator to do it.",
    },
    "LAST_ADMINISTRATOR": {
        "vi": "Không thể khoá quản trị viên cuối cùng đang hoạt động. Hãy tạo một quản trị viên "
        "khác trước.",
        "en": "The last active administrator cannot be disabled. Add another administrator first.",
    },
    "IDLE_MINUTES_INVALID": {
        "vi": "Thời gian tự khoá màn hình phải từ 1 đến 60 phút. Hãy nhập lại.",
        "en": "The idle lock time must be between 1 and 60 minutes. Enter it again.",
    },
    "PASSWORD_NOT_GIVEN": {
        "vi": "Chưa nhận được mật khẩu. Hãy truyền mật khẩu qua đầu vào chuẩn với '-' (không "
        "bao giờ ghi mật khẩu trên dòng lệnh).",
        "en": "No password was received. Pass it on standard input with '-' (never on the "
        "command line).",
    },
    # Notices of the CLI
    "user.added": {
        "vi": "Đã thêm người dùng {username} ({role}).",
        "en": "User {username} ({role}) added.",
    },
    "user.disabled": {
        "vi": "Đã khoá người dùng {username}.",
        "en": "User {username} disabled.",
    },
    "user.enabled": {
        "vi": "Đã mở lại người dùng {username}.",
        "en": "User {username} enabled.",
    },
    "user.reset": {
        "vi": "Đã đặt lại mật khẩu cho {username}.",
        "en": "The password of {username} was reset.",
    },
}
