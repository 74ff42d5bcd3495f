"""Words for the sync with the city: the error codes, the rejection codes the client adds,
then the CLI's notices (lower-case dotted keys, filled from braces)."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "SYNC_NOT_CONFIGURED": {
        "vi": "Chưa cấu hình địa chỉ máy chủ của thành phố nên chưa gửi được hồ sơ. Hãy báo bộ "
        "phận CNTT; hồ sơ vẫn được lưu trên máy và sẽ gửi sau.",
        "en": "No city server address is configured, so nothing was sent. Call IT; dossiers "
        "stay saved on this computer and will be sent later.",
    },
    "SYNC_SETTING_INVALID": {
        "vi": "Một thiết lập đồng bộ không hợp lệ (ngoài khoảng cho phép). Hãy kiểm tra giá "
        "trị rồi nhập lại.",
        "en": "A sync setting is not valid (outside its allowed range). Check the value and "
        "enter it again.",
    },
    "SYNC_TOKEN_INVALID": {
        "vi": "Mã truy cập nhập vào bị trống, quá dài hoặc có khoảng trắng. Hãy dán lại đúng mã "
        "bộ phận CNTT cấp.",
        "en": "The access token given is empty, too long or contains spaces. Paste the exact "
        "token IT issued.",
    },
    "SYNC_TOKEN_UNREADABLE": {
        "vi": "Không đọc được tệp mã truy cập đã cấu hình. Hãy báo bộ phận CNTT kiểm tra tệp "
        "và quyền truy cập.",
        "en": "The configured token file cannot be read. Ask IT to check the file and its "
        "permissions.",
    },
    "SYNC_TOKEN_FILE_EXPOSED": {
        "vi": "Tệp mã truy cập đồng bộ đang để người dùng khác trên máy đọc được nên ứng dụng "
        "không dùng nó. Hãy báo bộ phận CNTT chỉ cho phép chủ tệp đọc (chmod 600).",
        "en": "The sync token file can be read by other users of this computer, so the app "
        "does not use it. Ask IT to make it readable by its owner only (chmod 600).",
    },
    "SYNC_URL_INVALID": {
        "vi": "Địa chỉ máy chủ đồng bộ không hợp lệ hoặc không rõ ràng (phải bắt đầu bằng "
        "https://, không có dấu \\, tên người dùng hay ký tự lạ). Hãy kiểm tra lại địa chỉ.",
        "en": "The sync server address is not valid or is ambiguous (it must start with "
        "https:// and have no backslash, user name or unusual character). Check the address.",
    },
    "SYNC_URL_INSECURE": {
        "vi": "Địa chỉ http:// không mã hóa chỉ được dùng cho máy này (mô phỏng). Hãy dùng địa "
        "chỉ https:// của thành phố.",
        "en": "Unencrypted http:// addresses are only allowed for this computer (the "
        "simulator). Use the city's https:// address.",
    },
    "SYNC_REDIRECT": {
        "vi": "Máy chủ đồng bộ trả lời bằng một lệnh chuyển hướng sang địa chỉ khác; ứng dụng "
        "không gửi hồ sơ theo lệnh đó và đã tạm dừng đồng bộ. Hãy báo bộ phận CNTT kiểm tra "
        "địa chỉ máy chủ.",
        "en": "The sync server answered with a redirect to another address; the app does not "
        "send dossiers there and has paused sync. Ask IT to check the server address.",
    },
    "SYNC_CA_BUNDLE_UNREADABLE": {
        "vi": "Không đọc được tệp chứng chỉ (CA) đã cấu hình cho đồng bộ nên chưa gửi gì. Hãy "
        "báo bộ phận CNTT kiểm tra tệp.",
        "en": "The CA certificate file configured for sync cannot be read, so nothing was sent. "
        "Ask IT to check the file.",
    },
    "SYNC_UNAUTHORIZED": {
        "vi": "Máy chủ thành phố không chấp nhận mã truy cập của quầy nên đã tạm dừng đồng bộ. "
        "Hãy báo bộ phận CNTT; hồ sơ vẫn được lưu trên máy.",
        "en": "The city server did not accept this counter's token, so sync is paused. Call IT; "
        "dossiers stay saved on this computer.",
    },
    "SYNC_FORBIDDEN": {
        "vi": "Máy chủ thành phố báo quầy này không thuộc đơn vị đã đăng ký nên đã tạm dừng "
        "đồng bộ. Hãy báo bộ phận CNTT.",
        "en": "The city server says this counter does not belong to the registered agency, so "
        "sync is paused. Call IT.",
    },
    "SYNC_CERTIFICATE": {
        "vi": "Không xác thực được chứng chỉ bảo mật của máy chủ thành phố nên đã tạm dừng đồng "
        "bộ. Hãy báo bộ phận CNTT; hồ sơ vẫn được lưu trên máy.",
        "en": "The city server's security certificate could not be verified, so sync is "
        "paused. Call IT; dossiers stay saved on this computer.",
    },
    "SYNC_ENVELOPE_REJECTED": {
        "vi": "Máy chủ thành phố từ chối cả gói gửi đi (lỗi của ứng dụng). Các hồ sơ trong gói "
        "đã chuyển vào danh sách Cần xử lý; hãy báo bộ phận CNTT.",
        "en": "The city server refused a whole batch (a fault of the app). Its dossiers are in "
        "the needs-attention list; call IT.",
    },
    "SYNC_BATCH_TOO_LARGE": {
        "vi": "Gói gửi đi quá lớn so với giới hạn của máy chủ; ứng dụng sẽ chia nhỏ và gửi lại.",
        "en": "The batch is larger than the server accepts; the app splits it and sends again.",
    },
    "SYNC_HTTP_ERROR": {
        "vi": "Máy chủ trả lời một lỗi không dự kiến (có thể sai địa chỉ). Hãy báo bộ phận CNTT "
        "kiểm tra địa chỉ đồng bộ.",
        "en": "The server answered with an unexpected error (perhaps a wrong address). Ask IT "
        "to check the sync address.",
    },
    "SYNC_TRANSIENT": {
        "vi": "Tạm thời chưa gửi được hồ sơ; ứng dụng sẽ tự thử lại. Có thể tiếp tục tiếp nhận "
        "hồ sơ bình thường.",
        "en": "Dossiers could not be sent for now; the app tries again by itself. Intake goes "
        "on as usual.",
    },
    "SYNC_UNREACHABLE": {
        "vi": "Không kết nối được máy chủ thành phố (mất mạng hoặc máy chủ tắt). Ứng dụng sẽ tự "
        "thử lại; có thể tiếp tục tiếp nhận hồ sơ.",
        "en": "The city server cannot be reached (no network, or the server is down). The app "
        "tries again by itself; intake goes on.",
    },
    "SYNC_TIMEOUT": {
        "vi": "Máy chủ thành phố trả lời quá chậm. Ứng dụng sẽ tự thử lại với cùng dữ liệu, "
        "không sợ gửi trùng.",
        "en": "The city server took too long to answer. The app tries again with the same data; "
        "nothing is sent twice.",
    },
    "SYNC_SERVER_BUSY": {
        "vi": "Máy chủ thành phố đang bận hoặc gặp lỗi. Ứng dụng sẽ tự thử lại sau.",
        "en": "The city server is busy or failing. The app tries again later.",
    },
    "SYNC_REPLY_INVALID": {
        "vi": "Câu trả lời của máy chủ không đúng định dạng. Ứng dụng sẽ tự thử lại; nếu lặp "
        "lại nhiều lần, hãy báo bộ phận CNTT.",
        "en": "The server's answer is not in the expected format. The app tries again; if it "
        "keeps happening, call IT.",
    },
    "SYNC_GAVE_UP": {
        "vi": "Đã hết thời gian chờ mà vẫn còn hồ sơ chưa gửi được. Hồ sơ vẫn nằm trong hàng "
        "chờ; hãy chạy lại sau hoặc báo bộ phận CNTT.",
        "en": "The waiting time ran out with dossiers still unsent. They stay queued; run the "
        "sync again later or call IT.",
    },
    "SYNC_TOKEN_STDIN_ONLY": {
        "vi": "Mã truy cập chỉ được đọc từ đầu vào chuẩn (dùng '-'), không nhập trên dòng lệnh. "
        "Hãy chạy lại với '-' rồi dán mã.",
        "en": "The token is read from stdin only ('-'), never from the command line. Run it "
        "again with '-' and paste the token.",
    },
    # A rejection the client records itself (needs-attention list), not an exception.
    "RECORD_TOO_LARGE": {
        "vi": "Hồ sơ này quá lớn để gửi trong một lần. Hãy rút gọn ghi chú hoặc danh sách giấy "
        "tờ rồi lưu lại.",
        "en": "This dossier is too large to send in one go. Shorten its notes or paper list and "
        "save it again.",
    },
    # Notices
    "sync.summary": {
        "vi": "Đã gửi {sent} bản ghi: {acknowledged} được nhận, {rejected} bị từ chối; còn "
        "{pending} hồ sơ chờ gửi; {statuses} trạng thái cập nhật từ thành phố.",
        "en": "Sent {sent} records: {acknowledged} acknowledged, {rejected} rejected; {pending} "
        "dossiers still pending; {statuses} statuses updated from the city.",
    },
    "sync.waiting": {
        "vi": "Chưa gửi được ({reason}); thử lại sau {seconds} giây.",
        "en": "Not sent ({reason}); trying again in {seconds} s.",
    },
    "sync.status": {
        "vi": "Chờ gửi: {pending} · Cần xử lý: {rejected} · Lần thành công gần nhất: {success} "
        "· Lỗi gần nhất: {error} · Lệch đồng hồ: {skew} giây.",
        "en": "Pending: {pending} · Needs attention: {rejected} · Last success: {success} · "
        "Last error: {error} · Clock skew: {skew} s.",
    },
    "sync.recovery_awaiting": {
        "vi": "Sau lần khôi phục gần nhất, còn {count} hồ sơ chưa có trong bản sao lưu đang chờ hệ "
        "thống của thành phố trả lời. Chạy counter-app sync recover khi có mạng; đừng nhập lại các "
        "hồ sơ này trước khi có câu trả lời.",
        "en": "Since the last restore, {count} dossiers the backup lacked still wait for the "
        "city's answer. Run counter-app sync recover when the network is up; do not type them "
        "again before it answers.",
    },
    "sync.skew_warning": {
        "vi": "Đồng hồ máy tính lệch {skew} giây so với máy chủ thành phố. Hãy báo bộ phận CNTT "
        "chỉnh giờ.",
        "en": "This computer's clock is {skew} s off the city server's. Ask IT to set the clock.",
    },
    "sync.token_saved": {
        "vi": "Đã lưu mã truy cập vào tệp chỉ chủ tài khoản đọc được.",
        "en": "The token was saved to an owner-only file.",
    },
    "sync.configured": {
        "vi": "Đã lưu thiết lập đồng bộ.",
        "en": "The sync settings were saved.",
    },
}
