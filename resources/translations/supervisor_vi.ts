<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
    <context>
        <name>AuditPage</name>
        <message>
            <source>Older rows</source>
            <translation>Các dòng cũ hơn</translation>
        </message>
        <message>
            <source>user name</source>
            <translation>tên đăng nhập</translation>
        </message>
        <message>
            <source>dossier code</source>
            <translation>mã hồ sơ</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Từ ngày</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Đến ngày</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Tìm</translation>
        </message>
        <message>
            <source>Verify the log</source>
            <translation>Kiểm tra nhật ký</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>Xuất CSV…</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>STT</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Thời điểm</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Người thực hiện</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Thao tác</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Đối tượng</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Chi tiết</translation>
        </message>
        <message>
            <source>%1 rows</source>
            <translation>%1 dòng</translation>
        </message>
        <message>
            <source>The log is intact: %1 rows checked.</source>
            <translation>Nhật ký nguyên vẹn: đã kiểm tra %1 dòng.</translation>
        </message>
        <message>
            <source>First bad row: %1</source>
            <translation>Dòng sai đầu tiên: %1</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>By clerk</source>
            <translation>Theo cán bộ</translation>
        </message>
        <message>
            <source>By procedure</source>
            <translation>Theo thủ tục</translation>
        </message>
        <message>
            <source>Clerk</source>
            <translation>Cán bộ</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Hôm nay</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>Tháng này</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>Quá hạn</translation>
        </message>
        <message>
            <source>Due today or in the next two days</source>
            <translation>Đến hạn hôm nay hoặc trong hai ngày tới</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Hẹn trả</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>Người nộp</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Received today</source>
            <translation>Tiếp nhận hôm nay</translation>
        </message>
        <message>
            <source>Received this month</source>
            <translation>Tiếp nhận tháng này</translation>
        </message>
        <message>
            <source>Due within two days</source>
            <translation>Đến hạn trong hai ngày</translation>
        </message>
        <message>
            <source>Not yet sent to the city</source>
            <translation>Chưa gửi lên hệ thống</translation>
        </message>
        <message>
            <source>Rejected by the city</source>
            <translation>Hệ thống trả lại</translation>
        </message>
        <message>
            <source>%1: %2 (the first %3 shown)</source>
            <translation>%1: %2 (hiện %3 hồ sơ đầu)</translation>
        </message>
        <message>
            <source>Dossiers</source>
            <translation>Hồ sơ</translation>
        </message>
        <message>
            <source>This month by status</source>
            <translation>Tháng này theo trạng thái</translation>
        </message>
    </context>
    <context>
        <name>SendBackDialog</name>
        <message>
            <source>Send back for fixing</source>
            <translation>Trả lại để sửa</translation>
        </message>
        <message>
            <source>What must be fixed (at most %1 characters)</source>
            <translation>Cần sửa gì (tối đa %1 ký tự)</translation>
        </message>
        <message>
            <source>Dossier code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Lý do</translation>
        </message>
    </context>
    <context>
        <name>SendBackNotice</name>
        <message>
            <source>Dossiers to fix</source>
            <translation>Hồ sơ cần sửa</translation>
        </message>
        <message>
            <source>A supervisor sent these dossiers back to you for fixing:</source>
            <translation>Cán bộ phụ trách đã trả lại các hồ sơ sau để sửa:</translation>
        </message>
    </context>
    <context>
        <name>SendBackPage</name>
        <message>
            <source>Code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>Clerk</source>
            <translation>Cán bộ</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Lý do</translation>
        </message>
        <message>
            <source>Sent by</source>
            <translation>Người trả lại</translation>
        </message>
        <message>
            <source>Sent at</source>
            <translation>Thời điểm trả lại</translation>
        </message>
        <message>
            <source>Fixed</source>
            <translation>Đã sửa</translation>
        </message>
        <message>
            <source>Send a dossier back for fixing…</source>
            <translation>Trả lại hồ sơ để sửa…</translation>
        </message>
        <message>
            <source>The fix is checked</source>
            <translation>Đã kiểm tra phần sửa</translation>
        </message>
    </context>
    <context>
        <name>SupervisorScreen</name>
        <message>
            <source>Supervisor</source>
            <translation>Giám sát</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>Tổng quan</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>Nhật ký kiểm toán</translation>
        </message>
        <message>
            <source>Sent back for fixing</source>
            <translation>Trả lại để sửa</translation>
        </message>
        <message>
            <source>Export the audit log</source>
            <translation>Xuất nhật ký kiểm toán</translation>
        </message>
    </context>
    <context>
        <name>FixBanner</name>
        <message>
            <source>Send back for fixing…</source>
            <translation>Trả lại để sửa…</translation>
        </message>
        <message>
            <source>Fixed</source>
            <translation>Đã sửa xong</translation>
        </message>
        <message>
            <source>The fix is checked</source>
            <translation>Đã kiểm tra phần sửa</translation>
        </message>
        <message>
            <source>fixed, waiting for the check</source>
            <translation>đã sửa, chờ kiểm tra</translation>
        </message>
        <message>
            <source>Sent back for fixing: %1</source>
            <translation>Trả lại để sửa: %1</translation>
        </message>
        <message>
            <source>A supervisor sends dossiers back</source>
            <translation>Cán bộ phụ trách mới được trả lại hồ sơ</translation>
        </message>
        <message>
            <source>A supervisor checks the fix</source>
            <translation>Cán bộ phụ trách kiểm tra phần sửa</translation>
        </message>
        <message>
            <source>Send back for fixing</source>
            <translation>Trả lại để sửa</translation>
        </message>
    </context>
</TS>
