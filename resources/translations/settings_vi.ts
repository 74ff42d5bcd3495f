<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Only a supervisor or an administrator changes these.</source>
        <translation>Chỉ tổ trưởng hoặc quản trị viên thay đổi được các mục này.</translation>
    </message>
    <message>
        <source>Only an administrator changes the lock time.</source>
        <translation>Chỉ quản trị viên thay đổi được thời gian khóa.</translation>
    </message>
    <message>
        <source>Text size and lock time apply at once.</source>
        <translation>Cỡ chữ và thời gian khóa màn hình áp dụng ngay.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Cửa sổ</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation>Ngôn ngữ mới có hiệu lực từ lần mở ứng dụng sau.</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Cỡ chữ</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Lock the screen after</source>
        <translation>Khóa màn hình sau</translation>
    </message>
    <message>
        <source>Also send the dossiers refused at intake</source>
        <translation>Gửi cả hồ sơ bị từ chối khi tiếp nhận</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Quét thẻ</translation>
    </message>
    <message>
        <source>Show the webcam beside the form and read cards with it</source>
        <translation>Hiện webcam bên cạnh biểu mẫu và đọc thẻ bằng webcam</translation>
    </message>
    <message>
        <source>Scanner and webcam changes apply at the next start.</source>
        <translation>Thay đổi cổng máy quét và webcam có hiệu lực từ lần mở ứng dụng sau.</translation>
    </message>
    <message>
        <source>Scanner port (COM)</source>
        <translation>Cổng máy quét (COM)</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>In ấn</translation>
    </message>
    <message>
        <source>Receipt paper</source>
        <translation>Khổ giấy biên nhận</translation>
    </message>
    <message>
        <source>Preview before printing</source>
        <translation>Xem trước khi in</translation>
    </message>
    <message>
        <source>Sending to the city</source>
        <translation>Gửi hồ sơ lên thành phố</translation>
    </message>
    <message>
        <source>City server address</source>
        <translation>Địa chỉ máy chủ thành phố</translation>
    </message>
    <message>
        <source>Dossiers per batch</source>
        <translation>Số hồ sơ mỗi lần gửi</translation>
    </message>
</context>
<context>
    <name>ClockGroup</name>
    <message>
        <source>Clock</source>
        <translation>Đồng hồ</translation>
    </message>
    <message>
        <source>Confirm the clock is right</source>
        <translation>Xác nhận đồng hồ đúng</translation>
    </message>
    <message>
        <source>Received later than the clock (void or keep each): %1</source>
        <translation>Hồ sơ có giờ tiếp nhận muộn hơn đồng hồ (hủy hoặc giữ lại từng hồ sơ): %1</translation>
    </message>
    <message>
        <source>Intake is stopped: the computer clock (%1) is earlier than a receipt at %2. Check the clock; if it is right, confirm it.</source>
        <translation>Đang dừng tiếp nhận: đồng hồ máy tính (%1) sớm hơn lần tiếp nhận lúc %2. Hãy kiểm tra đồng hồ; nếu đồng hồ đúng, hãy xác nhận.</translation>
    </message>
    <message>
        <source>Intake is open. Newest receipt: %1.</source>
        <translation>Đang tiếp nhận bình thường. Lần tiếp nhận gần nhất: %1.</translation>
    </message>
</context>
<context>
    <name>SignersGroup</name>
    <message>
        <source>Signatures on letters 04 and 05</source>
        <translation>Người ký văn bản mẫu 04 và 05</translation>
    </message>
    <message>
        <source>Apology (04): title</source>
        <translation>Thư xin lỗi (04): chức danh</translation>
    </message>
    <message>
        <source>Apology (04): name</source>
        <translation>Thư xin lỗi (04): họ tên</translation>
    </message>
    <message>
        <source>Stop notice (05): title</source>
        <translation>Thông báo dừng (05): chức danh</translation>
    </message>
    <message>
        <source>Stop notice (05): name</source>
        <translation>Thông báo dừng (05): họ tên</translation>
    </message>
    <message>
        <source>Title lines separated by " / ": KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.</source>
        <translation>Các dòng chức danh cách nhau bằng " / ": KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.</translation>
    </message>
    <message>
        <source>Only a supervisor changes these.</source>
        <translation>Chỉ lãnh đạo bộ phận được thay đổi mục này.</translation>
    </message>
</context>
</TS>
