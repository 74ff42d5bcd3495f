<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
    <context>
        <name>ActionBar</name>
        <message>
            <source>Change status…</source>
            <translation>Chuyển trạng thái…</translation>
        </message>
        <message>
            <source>Print receipt</source>
            <translation>In giấy tiếp nhận</translation>
        </message>
        <message>
            <source>Supplement request…</source>
            <translation>Yêu cầu bổ sung…</translation>
        </message>
        <message>
            <source>Refusal…</source>
            <translation>Từ chối…</translation>
        </message>
        <message>
            <source>Apology, new date…</source>
            <translation>Xin lỗi, hẹn lại…</translation>
        </message>
        <message>
            <source>Stop notice…</source>
            <translation>Dừng giải quyết…</translation>
        </message>
        <message>
            <source>Control slip</source>
            <translation>Phiếu kiểm soát</translation>
        </message>
        <message>
            <source>Correct status (supervisor)…</source>
            <translation>Sửa trạng thái (giám sát)…</translation>
        </message>
        <message>
            <source>Void (supervisor)…</source>
            <translation>Hủy hồ sơ (giám sát)…</translation>
        </message>
    </context>
    <context>
        <name>ActionDialog</name>
        <message>
            <source>New status</source>
            <translation>Trạng thái mới</translation>
        </message>
        <message>
            <source>New appointment</source>
            <translation>Ngày hẹn mới</translation>
        </message>
    </context>
    <context>
        <name>DetailPane</name>
        <message>
            <source>History</source>
            <translation>Lịch sử</translation>
        </message>
        <message>
            <source>Appointments</source>
            <translation>Ngày hẹn</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>Đã in</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>Người nộp</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>Số định danh</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Tiếp nhận</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Hẹn trả</translation>
        </message>
        <message>
            <source>Received by</source>
            <translation>Cán bộ tiếp nhận</translation>
        </message>
        <message>
            <source>Submitted by</source>
            <translation>Người nộp thay</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Ghi chú</translation>
        </message>
        <message>
            <source>No dossier chosen</source>
            <translation>Chưa chọn hồ sơ</translation>
        </message>
        <message>
            <source>city code %1</source>
            <translation>mã thành phố %1</translation>
        </message>
        <message>
            <source>voided on %1</source>
            <translation>đã hủy lúc %1</translation>
        </message>
        <message>
            <source>Sent to the city.</source>
            <translation>Đã gửi lên thành phố.</translation>
        </message>
        <message>
            <source>Waiting to be sent to the city; it goes by itself when online.</source>
            <translation>Đang chờ gửi lên thành phố; hồ sơ sẽ tự gửi khi có mạng.</translation>
        </message>
        <message>
            <source>The city refused this dossier: correct it and save it again.</source>
            <translation>Thành phố không nhận hồ sơ này: hãy sửa theo lý do dưới đây rồi lưu lại.</translation>
        </message>
        <message>
            <source>Voided before it was sent: it never goes to the city.</source>
            <translation>Đã hủy trước khi gửi: hồ sơ sẽ không được gửi lên thành phố.</translation>
        </message>
        <message>
            <source>at receipt</source>
            <translation>khi tiếp nhận</translation>
        </message>
        <message>
            <source>apology</source>
            <translation>xin lỗi, hẹn lại</translation>
        </message>
        <message>
            <source>changed</source>
            <translation>đổi ngày hẹn</translation>
        </message>
        <message>
            <source>new period: %1</source>
            <translation>tính lại hạn: %1</translation>
        </message>
        <message>
            <source>reprint</source>
            <translation>in lại</translation>
        </message>
        <message>
        <source>Identity from</source>
        <translation>Danh tính lấy từ</translation>
    </message>
    <message>
        <source>the card&apos;s chip, verified</source>
        <translation>chip của thẻ, đã xác thực</translation>
    </message>
    <message>
        <source>the card&apos;s chip, read but not verified</source>
        <translation>chip của thẻ, đã đọc nhưng chưa xác thực</translation>
    </message>
    <message>
        <source>the card&apos;s QR code</source>
        <translation>mã QR trên thẻ</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>nhập tay</translation>
    </message>
</context>
    <context>
        <name>DossierActions</name>
        <message>
            <source>Papers missing, one per line (empty: the checklist's)</source>
            <translation>Giấy tờ còn thiếu, mỗi dòng một loại (để trống: theo danh mục)</translation>
        </message>
        <message>
            <source>Change the status of %1</source>
            <translation>Chuyển trạng thái hồ sơ %1</translation>
        </message>
        <message>
            <source>Supplement request for %1</source>
            <translation>Yêu cầu bổ sung hồ sơ %1</translation>
        </message>
        <message>
            <source>Refusal of %1</source>
            <translation>Từ chối hồ sơ %1</translation>
        </message>
        <message>
            <source>Apology and new appointment for %1</source>
            <translation>Xin lỗi và hẹn lại ngày trả hồ sơ %1</translation>
        </message>
        <message>
            <source>Stop processing %1</source>
            <translation>Dừng giải quyết hồ sơ %1</translation>
        </message>
        <message>
            <source>Correct the status of %1 (supervisor)</source>
            <translation>Sửa trạng thái hồ sơ %1 (giám sát)</translation>
        </message>
        <message>
            <source>Void %1 (entered in error)</source>
            <translation>Hủy hồ sơ %1 (nhập nhầm)</translation>
        </message>
        <message>
            <source>Reason (required for a refusal, supplement, withdrawal or stop)</source>
            <translation>Lý do (bắt buộc khi từ chối, yêu cầu bổ sung, rút hoặc dừng)</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Lý do</translation>
        </message>
        <message>
            <source>reason required</source>
            <translation>cần ghi lý do</translation>
        </message>
        <message>
            <source>Status changed to: %1.</source>
            <translation>Đã chuyển trạng thái: %1.</translation>
        </message>
        <message>
            <source>The dossier was voided; its number stays used.</source>
            <translation>Đã hủy hồ sơ; số hồ sơ vẫn được giữ, không cấp lại.</translation>
        </message>
        <message>
            <source>Printing again (marked as a reprint)…</source>
            <translation>Đang in lại (có ghi "Bản in lại")…</translation>
        </message>
        <message>
            <source>Printing…</source>
            <translation>Đang in…</translation>
        </message>
    </context>
    <context>
        <name>DossierTableModel</name>
        <message>
            <source>Code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Tiếp nhận</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>Người nộp</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>Số định danh</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Hẹn trả</translation>
        </message>
        <message>
            <source>overdue</source>
            <translation>quá hạn</translation>
        </message>
        <message>
            <source>voided</source>
            <translation>đã hủy</translation>
        </message>
    </context>
    <context>
        <name>DossierTexts</name>
        <message>
            <source>from the city</source>
            <translation>từ thành phố</translation>
        </message>
        <message>
            <source>received at the counter</source>
            <translation>tiếp nhận tại quầy</translation>
        </message>
        <message>
            <source>status changed</source>
            <translation>chuyển trạng thái</translation>
        </message>
        <message>
            <source>status corrected</source>
            <translation>sửa trạng thái</translation>
        </message>
        <message>
            <source>status from the city</source>
            <translation>trạng thái từ thành phố</translation>
        </message>
        <message>
            <source>details edited</source>
            <translation>sửa thông tin</translation>
        </message>
        <message>
            <source>new appointment</source>
            <translation>ngày hẹn mới</translation>
        </message>
        <message>
            <source>apology with a new appointment</source>
            <translation>xin lỗi và hẹn lại</translation>
        </message>
        <message>
            <source>later appointment from the city</source>
            <translation>thành phố hẹn lại muộn hơn</translation>
        </message>
        <message>
            <source>voided (entered in error)</source>
            <translation>hủy (nhập nhầm)</translation>
        </message>
        <message>
            <source>printed</source>
            <translation>in</translation>
        </message>
        <message>
            <source>reprinted</source>
            <translation>in lại</translation>
        </message>
        <message>
            <source>refused by the city</source>
            <translation>thành phố không nhận</translation>
        </message>
        <message>
            <source>the city holds a newer version</source>
            <translation>thành phố đang giữ bản mới hơn</translation>
        </message>
        <message>
            <source>taken back from the city after a restore (earlier history not kept)</source>
            <translation>lấy lại từ thành phố sau khi khôi phục dữ liệu (không còn lịch sử trước đó)</translation>
        </message>
        <message>
            <source>receipt slip (80 mm)</source>
            <translation>phiếu hẹn khổ 80 mm</translation>
        </message>
    </context>
    <context>
        <name>DossiersScreen</name>
    <message>
        <source>Search dossiers</source>
        <translation>Tìm hồ sơ</translation>
    </message>
        <message>
            <source>Dossiers</source>
            <translation>Hồ sơ</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Đang tải…</translation>
        </message>
        <message>
            <source>No dossier matches.</source>
            <translation>Không có hồ sơ nào phù hợp.</translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Search: ID number, dossier code or name (Ctrl+F)</source>
            <translation>Tìm: số định danh, mã hồ sơ hoặc họ tên (Ctrl+F)</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Hôm nay</translation>
        </message>
        <message>
            <source>Date range</source>
            <translation>Khoảng ngày</translation>
        </message>
        <message>
            <source>All dates</source>
            <translation>Mọi ngày</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Mọi trạng thái</translation>
        </message>
        <message>
            <source>All procedures</source>
            <translation>Mọi thủ tục</translation>
        </message>
        <message>
            <source>Overdue only</source>
            <translation>Chỉ hồ sơ quá hạn</translation>
        </message>
    </context>
    <context>
        <name>ReturnsReadiness</name>
        <message>
            <source>This dossier was voided (entered in error): there is no result.</source>
            <translation>Hồ sơ này đã bị hủy (nhập nhầm): không có kết quả để trả.</translation>
        </message>
        <message>
            <source>The result is ready: record the hand-over.</source>
            <translation>Kết quả đã sẵn sàng: hãy ghi nhận trả kết quả.</translation>
        </message>
        <message>
            <source>Not ready yet: still being processed. Appointment: %1.</source>
            <translation>Chưa có kết quả: hồ sơ đang được giải quyết. Hẹn trả: %1.</translation>
        </message>
        <message>
            <source>It is overdue: apologise and give a new date (Mẫu 04).</source>
            <translation>Hồ sơ đã quá hạn: hãy xin lỗi và hẹn lại ngày trả (Mẫu 04).</translation>
        </message>
        <message>
            <source>Not ready: there is no result to hand over.</source>
            <translation>Chưa có kết quả để trả.</translation>
        </message>
        <message>
            <source>Already handed over on %1.</source>
            <translation>Đã trả kết quả lúc %1.</translation>
        </message>
        <message>
            <source>Collected by %1.</source>
            <translation>Người nhận: %1.</translation>
        </message>
        <message>
            <source>Not ready: submitted online, not yet received.</source>
            <translation>Chưa có kết quả: hồ sơ nộp trực tuyến, chưa được tiếp nhận.</translation>
        </message>
        <message>
            <source>Not ready: waiting for the applicant's missing papers.</source>
            <translation>Chưa có kết quả: đang chờ người nộp bổ sung giấy tờ.</translation>
        </message>
        <message>
            <source>Not ready: waiting for the fee or tax to be paid.</source>
            <translation>Chưa có kết quả: đang chờ nộp phí, lệ phí hoặc thuế.</translation>
        </message>
        <message>
            <source>Refused: there is no result to hand over.</source>
            <translation>Hồ sơ bị từ chối: không có kết quả để trả.</translation>
        </message>
        <message>
            <source>Withdrawn by the applicant: there is no result.</source>
            <translation>Công dân đã rút hồ sơ: không có kết quả để trả.</translation>
        </message>
        <message>
            <source>Processing was stopped: there is no result.</source>
            <translation>Hồ sơ đã dừng giải quyết: không có kết quả để trả.</translation>
        </message>
    </context>
    <context>
        <name>ReturnsScreen</name>
    <message>
        <source>Clear, for the next citizen</source>
        <translation>Xoá, để phục vụ công dân tiếp theo</translation>
    </message>
    <message>
        <source>Go to the scan and search box</source>
        <translation>Đến ô quét và tìm</translation>
    </message>
    <message>
        <source>Record the hand-over</source>
        <translation>Ghi nhận trả kết quả</translation>
    </message>
    <message>
        <source>Someone else collects (a proxy)</source>
        <translation>Người khác nhận thay</translation>
    </message>
        <message>
            <source>Returns</source>
            <translation>Trả kết quả</translation>
        </message>
        <message>
            <source>Scan the receipt, or type a dossier code, an ID number or a name (Ctrl+F)</source>
            <translation>Quét giấy hẹn, hoặc nhập mã hồ sơ, số định danh hay họ tên (Ctrl+F)</translation>
        </message>
        <message>
            <source>Collected by someone else  Ctrl+U</source>
            <translation>Người khác nhận thay  Ctrl+U</translation>
        </message>
        <message>
            <source>Scan their ID card or type the number</source>
            <translation>Quét thẻ căn cước của người nhận hoặc nhập số</translation>
        </message>
        <message>
            <source>Record the hand-over  Ctrl+Enter</source>
            <translation>Ghi nhận trả kết quả  Ctrl+Enter</translation>
        </message>
        <message>
            <source>Dossier</source>
            <translation>Hồ sơ</translation>
        </message>
        <message>
            <source>Hand-over</source>
            <translation>Trả kết quả</translation>
        </message>
        <message>
            <source>Recipient's name</source>
            <translation>Họ tên người nhận</translation>
        </message>
        <message>
            <source>Recipient's ID number</source>
            <translation>Số định danh người nhận</translation>
        </message>
        <message>
            <source>Relation to the applicant</source>
            <translation>Quan hệ với người nộp</translation>
        </message>
        <message>
            <source>Looking…</source>
            <translation>Đang tìm…</translation>
        </message>
        <message>
            <source>No dossier found. Check the code or search by ID number.</source>
            <translation>Không tìm thấy hồ sơ. Hãy kiểm tra lại mã hoặc tìm theo số định danh.</translation>
        </message>
        <message>
            <source>Scan a receipt to begin</source>
            <translation>Quét giấy hẹn để bắt đầu</translation>
        </message>
        <message>
            <source>appointment %1</source>
            <translation>hẹn trả %1</translation>
        </message>
        <message>
            <source>Hand-over recorded at %1.</source>
            <translation>Đã ghi nhận trả kết quả lúc %1.</translation>
        </message>
    </context>
<context>
    <name>ActionBar</name>
    <message>
        <source>Only a supervisor or an administrator can do this.</source>
        <translation>Chỉ tổ trưởng hoặc quản trị viên mới làm được việc này.</translation>
    </message>
</context>
</TS>
