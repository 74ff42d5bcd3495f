"""The test payloads of id-card.md §7 (fictional people), shared by unit and integration tests."""

from __future__ import annotations

import unicodedata

T1 = (
    "001089004217|013579246|Trần Quốc Bảo|05061989|Nam|"
    "Số 7 phố Hàng Bạc, Hàng Bạc, Hoàn Kiếm, Hà Nội|12042021"
)
T2 = "001305009876||Lê Thị Thu Hà|21092005|Nữ|Tổ 3, Phúc Xá, Ba Đình, Hà Nội|03082021"
T3 = (
    "001218004455||Đỗ Minh Khang|17022018|Nam|"
    "Số 21 Tô Hiến Thành, Bùi Thị Xuân, Hai Bà Trưng, Hà Nội|20092024||Đỗ Văn Tùng|"
    "Phạm Thị Hồng Nhung"
)
T4 = (
    "031095002468|031234567|Phạm Hải Đăng|09091995|Nam|"
    "Số 3 Lạch Tray, Lạch Tray, Ngô Quyền, Hải Phòng|01032022|\r\n"
)
T5 = "036153001122||Vũ Thị Nở|1953|Nữ|Xóm 4, Hải Minh, Hải Hậu, Nam Định|15112021"
T6 = (
    "038047003344|171234567|Lê Văn Tám|031947|Nam|"
    "Thôn Đông, Quảng Phú, Quảng Xương, Thanh Hóa|22062021"
)
T7 = unicodedata.normalize("NFD", T2)
T8 = (
    "001186007531||Hoang Thi Mai Anh|30101986|Nu|"
    "So 9 ngo 42 Thai Ha, Trung Liet, Dong Da, Ha Noi|25062022"
)
T9 = (
    "079192004680||??ng Th? Ng?c ?nh|14021992|N?|"
    "S? 5 Nguy?n Tr?i, Ph??ng 7, Qu?n 5, TP H? Ch? Minh|19072021"
)
T10 = T1.encode("utf-8").decode("cp1252")
T11 = "001090006543||Bùi Thanh Tâm|12122009|Nữ|Số 2 Hàng Mã, Hàng Mã, Hoàn Kiếm, Hà Nội|30052024"
T12 = T1.replace("001089004217", "00108900421")
T13 = T1.replace("05061989", "31021989")
T14 = "001089004217|Trần Quốc Bảo|05061989"
T15 = "Phiếu hẹn lấy kết quả 14:30"

ALL = [T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15]
