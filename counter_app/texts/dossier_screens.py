"""Words for the dossiers and returns screens of the desktop app: their error codes."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "DOSSIER_SUPERVISOR_ONLY": {
        "vi": "Chỉ cán bộ giám sát hoặc quản trị mới được làm thao tác này (sửa trạng thái hồ "
        "sơ đã kết thúc, hủy hồ sơ). Hồ sơ chưa bị thay đổi; hãy nhờ cán bộ giám sát.",
        "en": "Only a supervisor or an administrator may do this (correct a closed dossier, "
        "void a dossier). The dossier was not changed; ask a supervisor.",
    },
    "HANDOVER_NAME_REQUIRED": {
        "vi": "Chưa nhập họ tên người nhận kết quả. Hãy nhập họ tên rồi ghi nhận lại.",
        "en": "The name of the person collecting the result is missing. Type it and record "
        "the hand-over again.",
    },
    "HANDOVER_PROXY_ID_REQUIRED": {
        "vi": "Người nhận thay cần có số định danh (9 hoặc 12 chữ số). Hãy quét thẻ căn cước "
        "của người nhận hoặc nhập số rồi ghi nhận lại.",
        "en": "Someone collecting on the applicant's behalf needs an ID number (9 or 12 "
        "digits). Scan their ID card or type the number, then record the hand-over again.",
    },
}
