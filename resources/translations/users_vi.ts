<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AdminPage</name>
    <message>
        <source>The first administrator</source>
        <translation>Quản trị viên đầu tiên</translation>
    </message>
    <message>
        <source>This person signs in first and adds the other users.</source>
        <translation>Người này đăng nhập đầu tiên và thêm các người dùng khác.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Ward&apos;s phone number</source>
        <translation>Số điện thoại của phường</translation>
    </message>
    <message>
        <source>e.g. 024 3825 1234 (printed on every form)</source>
        <translation>VD: 024 3825 1234 (in trên mọi biểu mẫu)</translation>
    </message>
    <message>
        <source>e.g. 000.31.27.H26 (QCVN 102)</source>
        <translation>VD: 000.31.27.H26 (theo QCVN 102)</translation>
    </message>
    <message>
        <source>e.g. UBND phường Hoàn Kiếm</source>
        <translation>VD: UBND phường Hoàn Kiếm</translation>
    </message>
    <message>
        <source>The counter</source>
        <translation>Quầy tiếp nhận</translation>
    </message>
    <message>
        <source>Which agency receives dossiers here, and which counter this is.</source>
        <translation>Cơ quan nào tiếp nhận hồ sơ tại đây, và đây là quầy số mấy.</translation>
    </message>
    <message>
        <source>Agency code</source>
        <translation>Mã cơ quan</translation>
    </message>
    <message>
        <source>Agency name</source>
        <translation>Tên cơ quan</translation>
    </message>
    <message>
        <source>Counter number</source>
        <translation>Số quầy</translation>
    </message>
    <message>
        <source>City system address (optional)</source>
        <translation>Địa chỉ hệ thống của Thành phố (không bắt buộc)</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Signed out: sign in to continue</source>
        <translation>Đã đăng xuất: hãy đăng nhập để tiếp tục</translation>
    </message>
    <message>
        <source>The screen is locked</source>
        <translation>Màn hình đang khoá</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khoá</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>Mật khẩu mới cho %1</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>Mật khẩu mới cho %1</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up this counter</source>
        <translation>Thiết lập quầy</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>One-stop counter</source>
        <translation>Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>Counter %1</source>
        <translation>Quầy %1</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>UsersController</name>
    <message>
        <source>&amp;My settings…</source>
        <translation>&amp;Cài đặt của tôi…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Người dùng</translation>
    </message>
    <message>
        <source>&amp;Lock screen</source>
        <translation>&amp;Khoá màn hình</translation>
    </message>
    <message>
        <source>&amp;Manage users…</source>
        <translation>&amp;Quản lý người dùng…</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Mở lại</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Thêm…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Khoá tài khoản</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Đặt &amp;lại mật khẩu…</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Lock the screen after</source>
        <translation>Khoá màn hình sau</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Clerk</source>
        <translation>Cán bộ tiếp nhận</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Cán bộ phụ trách</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
</context>
<context>
    <name>RoleRefusal</name>
    <message>
        <source>Not allowed</source>
        <translation>Không được phép</translation>
    </message>
</context>
<context>
    <name>StoreRefusal</name>
    <message>
        <source>The counter's data</source>
        <translation>Dữ liệu của quầy</translation>
    </message>
</context>
<context>
    <name>PersonalDialog</name>
    <message>
        <source>As the counter (%1)</source>
        <translation>Theo cài đặt của quầy (%1)</translation>
    </message>
    <message>
        <source>The text size applies at once; the language at the next start.</source>
        <translation>Cỡ chữ áp dụng ngay; ngôn ngữ áp dụng từ lần mở chương trình sau.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Cỡ chữ</translation>
    </message>
    <message>
        <source>My settings</source>
        <translation>Cài đặt của tôi</translation>
    </message>
</context>
<context>
    <name>PrintingCalendarPage</name>
    <message>
        <source>The official notice&apos;s calendar file</source>
        <translation>Tệp lịch theo thông báo chính thức</translation>
    </message>
    <message>
        <source>Holiday calendar %1: not confirmed yet. Every intake will warn that its due date may be off until the official notice is imported.</source>
        <translation>Lịch nghỉ năm %1: chưa được xác nhận. Mỗi lần tiếp nhận sẽ cảnh báo ngày hẹn trả có thể chưa đúng cho đến khi nhập thông báo chính thức.</translation>
    </message>
    <message>
        <source>Holiday calendar %1: confirmed against the official notice ✓</source>
        <translation>Lịch nghỉ năm %1: đã đối chiếu với thông báo chính thức ✓</translation>
    </message>
    <message>
        <source>Receipt paper</source>
        <translation>Khổ giấy biên nhận</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Máy in</translation>
    </message>
    <message>
        <source>Or later, IT: counter-app calendar import FILE (docs/CALENDAR.md).</source>
        <translation>Hoặc để sau, bộ phận CNTT: counter-app calendar import TỆP (docs/CALENDAR.md).</translation>
    </message>
    <message>
        <source>Import the official notice&apos;s calendar file…</source>
        <translation>Nhập tệp lịch theo thông báo chính thức…</translation>
    </message>
    <message>
        <source>A4, one receipt a sheet</source>
        <translation>A4, mỗi tờ một biên nhận</translation>
    </message>
    <message>
        <source>A4, the two copies on one sheet</source>
        <translation>A4, hai liên trên một tờ</translation>
    </message>
    <message>
        <source>A5, one receipt a sheet</source>
        <translation>A5, mỗi tờ một biên nhận</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>Máy in mặc định của hệ thống</translation>
    </message>
    <message>
        <source>Where the receipts print, on which paper, and whether this year&apos;s days off are the official ones.</source>
        <translation>Giấy biên nhận in ở máy nào, trên khổ giấy nào, và lịch nghỉ năm nay đã đúng thông báo chính thức chưa.</translation>
    </message>
    <message>
        <source>Printing and the holiday calendar</source>
        <translation>In và lịch nghỉ</translation>
    </message>
</context>
</TS>
