<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ApplicantPanel</name>
    <message>
        <source>Scan the card or type the ID number</source>
        <translation>Quét thẻ hoặc nhập số định danh</translation>
    </message>
    <message>
        <source>APPLICANT</source>
        <translation>NGƯỜI NỘP</translation>
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
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Permanent residence</source>
        <translation>Thường trú</translation>
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
        <source>Submitted by (proxy)</source>
        <translation>Người nộp thay</translation>
    </message>
    <message>
        <source>Proxy&apos;s ID number</source>
        <translation>Số định danh người nộp thay</translation>
    </message>
    <message>
        <source>Queue ticket</source>
        <translation>Số thứ tự</translation>
    </message>
    <message>
        <source>I have checked this against the card</source>
        <translation>Đã đối chiếu với thẻ</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Only dossiers received at this counter are listed.</source>
        <translation>Chỉ liệt kê hồ sơ đã nộp tại quầy này; hồ sơ ở quầy khác không có ở đây.</translation>
    </message>
    <message>
        <source>EARLIER DOSSIERS</source>
        <translation>ĐÃ TỪNG NỘP</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n waiting for papers: F4, then Enter opens it.</source>
        <translation>
            <numerusform>⚠ %n hồ sơ đang chờ bổ sung giấy tờ: bấm F4 rồi Enter để mở.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier dossier(s) of this ID</source>
        <translation>
            <numerusform>%n hồ sơ của số định danh này</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ Same person, same procedure on %1 (%2): is this a duplicate intake?</source>
        <translation>⚠ Cùng người, cùng thủ tục ngày %1 (%2): có phải nộp trùng không?</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <source>Refusal</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Supplement request</source>
        <translation>Yêu cầu bổ sung</translation>
    </message>
    <message>
        <source>Received: %1.</source>
        <translation>Đã tiếp nhận: %1.</translation>
    </message>
    <message>
        <source>Refusal saved: %1. Hand the printed refusal to the citizen.</source>
        <translation>Đã lưu từ chối tiếp nhận: %1. Hãy trao cho công dân phiếu từ chối vừa in.</translation>
    </message>
    <message>
        <source>Supplement request saved: %1. Hand the printed list of missing papers to the citizen.</source>
        <translation>Đã lưu yêu cầu bổ sung: %1. Hãy trao cho công dân danh sách giấy tờ còn thiếu vừa in.</translation>
    </message>
    <message>
        <source>Go to the earlier dossiers (Enter opens)</source>
        <translation>Đến danh sách hồ sơ đã từng nộp (Enter để mở)</translation>
    </message>
    <message>
        <source>Read the card&apos;s chip (lay the card on the reader)</source>
        <translation>Đọc chip của thẻ (đặt thẻ lên đầu đọc)</translation>
    </message>
    <message>
        <source>A scan made while the screen was locked was ignored: scan it again.</source>
        <translation>Lần quét khi màn hình đang khóa đã bị bỏ qua: hãy quét lại.</translation>
    </message>
    <message>
        <source>Bring back the form set aside</source>
        <translation>Lấy lại biểu mẫu đang để riêng</translation>
    </message>
    <message>
        <source>The same procedure and papers as the previous applicant</source>
        <translation>Dùng lại thủ tục và giấy tờ của người nộp trước</translation>
    </message>
    <message>
        <source>Ask for more papers (supplement request)</source>
        <translation>Yêu cầu bổ sung giấy tờ (phiếu yêu cầu bổ sung)</translation>
    </message>
    <message>
        <source>Go to the procedure search</source>
        <translation>Đến ô tìm thủ tục</translation>
    </message>
    <message>
        <source>Go to the scan box (type an ID number there)</source>
        <translation>Đến ô quét thẻ (gõ số định danh tại đây)</translation>
    </message>
    <message>
        <source>New intake (asks first if something is typed)</source>
        <translation>Tiếp nhận mới (hỏi trước nếu đã có thông tin đang nhập)</translation>
    </message>
    <message>
        <source>Print the last form again, marked as a reprint</source>
        <translation>In lại phiếu vừa in, có đánh dấu bản in lại</translation>
    </message>
    <message>
        <source>Read the card from a picture</source>
        <translation>Đọc thẻ từ ảnh chụp</translation>
    </message>
    <message>
        <source>Receive: save and print the receipt</source>
        <translation>Tiếp nhận: lưu và in giấy tiếp nhận</translation>
    </message>
    <message>
        <source>Refuse (refusal form with its reason)</source>
        <translation>Từ chối (phiếu từ chối kèm lý do)</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Receive &amp;&amp; print  Ctrl+Enter</source>
        <translation>Tiếp nhận &amp;&amp; in  Ctrl+Enter</translation>
    </message>
    <message>
        <source>Ask for more  Ctrl+B</source>
        <translation>Yêu cầu bổ sung  Ctrl+B</translation>
    </message>
    <message>
        <source>Refuse  Ctrl+R</source>
        <translation>Từ chối  Ctrl+R</translation>
    </message>
    <message>
        <source>New intake  Esc</source>
        <translation>Làm lại  Esc</translation>
    </message>
    <message>
        <source>The COM-port scanner could not be opened; check the port in the settings.</source>
        <translation>Không mở được máy quét cổng COM. Hãy kiểm tra tên cổng trong phần cài đặt; vẫn có thể quét bằng cách khác hoặc nhập tay.</translation>
    </message>
    <message>
        <source>No camera was found; scan with the scanner or open a picture.</source>
        <translation>Không tìm thấy camera. Hãy quét bằng máy quét hoặc mở ảnh chụp thẻ (Ctrl+O).</translation>
    </message>
    <message>
        <source>Open a picture of the card</source>
        <translation>Mở ảnh chụp thẻ</translation>
    </message>
    <message>
        <source>Reading the picture…</source>
        <translation>Đang đọc ảnh…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Nothing was printed yet on this screen.</source>
        <translation>Chưa in phiếu nào trên màn hình này.</translation>
    </message>
    <message>
        <source>There is unsaved input. Press Esc again to discard it.</source>
        <translation>Có thông tin chưa lưu. Nhấn Esc lần nữa để bỏ và tiếp nhận mới.</translation>
    </message>
    <message>
        <source>Unsaved input</source>
        <translation>Thông tin chưa lưu</translation>
    </message>
    <message>
        <source>The intake form is not saved. Leave it? It stays as a draft for later.</source>
        <translation>Hồ sơ đang nhập chưa được lưu. Rời màn hình? Thông tin vẫn được giữ làm bản nháp.</translation>
    </message>
    <message>
        <source>The unsaved intake was restored.</source>
        <translation>Đã khôi phục hồ sơ đang nhập dở.</translation>
    </message>
    <message>
        <source>Choose the procedure first (F3).</source>
        <translation>Hãy chọn thủ tục trước (F3).</translation>
    </message>
    <message>
        <source>Check the marked field of the applicant before saving.</source>
        <translation>Hãy kiểm tra trường được đánh dấu của người nộp trước khi lưu.</translation>
    </message>
    <message>
        <source>Type the reason first: it is printed on the form.</source>
        <translation>Hãy nhập lý do trước: lý do được in trên phiếu.</translation>
    </message>
</context>
<context>
    <name>ProcedurePanel</name>
    <message>
        <source>Papers (Space ticks)</source>
        <translation>Giấy tờ (Space để đánh dấu)</translation>
    </message>
    <message>
        <source>No procedure matches &quot;%1&quot;. Try other words, the initials (&quot;ks&quot;) or the code.</source>
        <translation>Không có thủ tục nào khớp với &quot;%1&quot;. Hãy thử từ khác, chữ cái đầu (&quot;ks&quot;) hoặc mã thủ tục.</translation>
    </message>
    <message>
        <source>Not received at this counter (switched off in the catalogue): %1. If this counter should receive it, ask a supervisor to switch it on.</source>
        <translation>Quầy này không tiếp nhận (đã tắt trong danh mục): %1. Nếu quầy cần tiếp nhận thủ tục này, hãy đề nghị cán bộ giám sát bật lại.</translation>
    </message>
    <message>
        <source>Search: &quot;khai sinh&quot;, &quot;ks&quot;, 1.0011…</source>
        <translation>Tìm: &quot;khai sinh&quot;, &quot;ks&quot;, 1.0011…</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <source>Originals</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <source>Note, or the reason for a supplement or refusal</source>
        <translation>Ghi chú, hoặc lý do yêu cầu bổ sung / từ chối</translation>
    </message>
    <message>
        <source>PROCEDURE</source>
        <translation>THỦ TỤC</translation>
    </message>
    <message>
        <source>Fee: %1 đ</source>
        <translation>Phí: %1 đ</translation>
    </message>
    <message>
        <source>Processing: same day</source>
        <translation>Giải quyết: trong ngày</translation>
    </message>
    <message>
        <source>Processing: %1 days</source>
        <translation>Giải quyết: %1 ngày</translation>
    </message>
    <message>
        <source>Processing: %1 working days</source>
        <translation>Giải quyết: %1 ngày làm việc</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>Hạn trả: %1</translation>
    </message>
</context>
<context>
    <name>ApplicantSwitch</name>
    <message>
        <source>No form was set aside.</source>
        <translation>Không có biểu mẫu nào đang để riêng.</translation>
    </message>
    <message>
        <source>The same procedure and papers as the previous applicant.</source>
        <translation>Đã dùng lại thủ tục và giấy tờ của người nộp trước.</translation>
    </message>
    <message>
        <source>There is no previous procedure to repeat.</source>
        <translation>Chưa có thủ tục nào trước đó để dùng lại.</translation>
    </message>
    <message>
        <source>Ctrl+K: the same procedure and papers.</source>
        <translation>Ctrl+K: dùng lại thủ tục và giấy tờ đó.</translation>
    </message>
    <message>
        <source>New applicant: the previous unsaved form was kept as a draft (F8 brings it back).</source>
        <translation>Người nộp mới: biểu mẫu chưa lưu của người trước được giữ làm bản nháp (F8 để lấy lại).</translation>
    </message>
</context>
<context>
    <name>ChipPanel</name>
    <message>
        <source>Read the chip again</source>
        <translation>Đọc lại chip</translation>
    </message>
    <message>
        <source>Valid until (dd/mm/yyyy) on the card</source>
        <translation>Có giá trị đến (ngày/tháng/năm) in trên thẻ</translation>
    </message>
    <message>
        <source>CHIP</source>
        <translation>CHIP CỦA THẺ</translation>
    </message>
    <message>
        <source>Lay the card on the reader to read its chip (F6).</source>
        <translation>Đặt thẻ lên đầu đọc để đọc chip (F6).</translation>
    </message>
    <message>
        <source>Reading the chip… {percent} %</source>
        <translation>Đang đọc chip… {percent} %</translation>
    </message>
    <message>
        <source>Reading the chip… keep the card still.</source>
        <translation>Đang đọc chip… giữ yên thẻ trên đầu đọc.</translation>
    </message>
    <message>
        <source>✓ Identity from the chip, verified.</source>
        <translation>✓ Thông tin lấy từ chip, đã xác thực.</translation>
    </message>
    <message>
        <source>⚠ Identity from the chip, read but NOT verified.</source>
        <translation>⚠ Thông tin lấy từ chip, đã đọc nhưng CHƯA xác thực.</translation>
    </message>
    <message>
        <source>After the QR scan, lay the card on the reader (F6).</source>
        <translation>Sau khi quét mã QR, đặt thẻ lên đầu đọc (F6).</translation>
    </message>
</context>
</TS>
