<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Needs attention: {count}</source>
        <translation>Cần xử lý: {count}</translation>
    </message>
    <message>
        <source>Sync not set up — dossiers are kept on this computer. Call IT.</source>
        <translation>Chưa cấu hình gửi hồ sơ — hồ sơ vẫn được lưu trên máy. Hãy báo bộ phận CNTT.</translation>
    </message>
    <message>
        <source>Sync paused — dossiers are kept on this computer. Call IT.</source>
        <translation>Tạm dừng gửi hồ sơ — hồ sơ vẫn được lưu trên máy. Hãy báo bộ phận CNTT.</translation>
    </message>
    <message>
        <source>No connection — dossiers are kept on this computer and will be sent automatically when the network is back.</source>
        <translation>Mất kết nối — hồ sơ vẫn được lưu trên máy và sẽ tự gửi khi có mạng.</translation>
    </message>
    <message>
        <source> · pending {count}</source>
        <translation> · chờ gửi {count}</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source> · sending…</source>
        <translation> · đang gửi…</translation>
    </message>
    <message>
        <source> · sent at {time}</source>
        <translation> · gửi lúc {time}</translation>
    </message>
    <message>
        <source>⚠ This computer's clock is {seconds} s off: call IT</source>
        <translation>⚠ Đồng hồ máy lệch {seconds} giây: hãy báo bộ phận CNTT</translation>
    </message>
    <message>
        <source>⚠ Dossiers unsent for over a day: call IT</source>
        <translation>⚠ Có hồ sơ chưa gửi được quá một ngày: hãy báo bộ phận CNTT</translation>
    </message>
</context>
<context>
    <name>AttentionFields</name>
    <message>
        <source>A field the form does not show</source>
        <translation>Một trường không có trên biểu mẫu</translation>
    </message>
    <message>
        <source>The whole dossier</source>
        <translation>Cả hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Applicant's ID number</source>
        <translation>Số giấy tờ của người nộp</translation>
    </message>
    <message>
        <source>Applicant's name</source>
        <translation>Họ tên người nộp</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <source>Time received</source>
        <translation>Thời điểm tiếp nhận</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Documents received</source>
        <translation>Giấy tờ đã nhận</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Người tiếp nhận</translation>
    </message>
    <message>
        <source>Rejected at</source>
        <translation>Bị từ chối lúc</translation>
    </message>
    <message>
        <source>To correct</source>
        <translation>Cần sửa</translation>
    </message>
    <message>
        <source>Reason and what to do</source>
        <translation>Lý do và cách xử lý</translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <source>This is for IT: the dossier itself needs no change. Call IT.</source>
        <translation>Lỗi này do bộ phận CNTT xử lý: hồ sơ không cần sửa. Hãy báo bộ phận CNTT.</translation>
    </message>
    <message>
        <source>Enter opens the dossier to correct it; once saved, the new version is sent by itself and it leaves this list.</source>
        <translation>Hãy sửa hồ sơ rồi lưu lại (Enter để mở hồ sơ): bản mới sẽ tự được gửi và hồ sơ sẽ rời khỏi danh sách này.</translation>
    </message>
    <message>
        <source>Open and correct (Enter)</source>
        <translation>Mở và sửa hồ sơ (Enter)</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Cần xử lý</translation>
    </message>
    <message>
        <source>Nothing needs attention: the city accepted every dossier.</source>
        <translation>Không có hồ sơ cần xử lý: thành phố đã nhận mọi hồ sơ.</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
</context>
<context>
    <name>SyncArea</name>
    <message>
        <source>Corrected: the new version goes to the city with this sync.</source>
        <translation>Đã sửa: bản mới được gửi lên thành phố trong lần đồng bộ này.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator can change the settings.</source>
        <translation>Chỉ tổ trưởng hoặc quản trị viên mới thay đổi được phần cài đặt.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Send to the city now</source>
        <translation>Gửi lên thành phố ngay</translation>
    </message>
    <message>
        <source>Needs attention…</source>
        <translation>Cần xử lý…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Cài đặt…</translation>
    </message>
    <message>
        <source>Counter {number}</source>
        <translation>Quầy {number}</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <source>Nothing was changed.</source>
        <translation>Chưa có gì thay đổi.</translation>
    </message>
    <message>
        <source>Nothing here needs correcting by you: call IT.</source>
        <translation>Ở đây không có gì bạn cần sửa: hãy báo bộ phận CNTT.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Permanent residence</source>
        <translation>Thường trú</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Correct dossier %1</source>
        <translation>Sửa hồ sơ %1</translation>
    </message>
</context>
</TS>
