"""Words for starting the desktop app."""

from __future__ import annotations

from collections.abc import Mapping

TEXTS: Mapping[str, Mapping[str, str]] = {
    "NO_DISPLAY": {
        "vi": "Không có màn hình để mở cửa sổ ứng dụng (máy chủ, kết nối SSH). Hãy mở ứng dụng "
        "trên máy có màn hình, hoặc dùng các lệnh (counter-app --help).",
        "en": "There is no screen to open the app's window on (a server, an SSH session). Open "
        "the app on a computer with a screen, or use the commands (counter-app --help).",
    },
}
