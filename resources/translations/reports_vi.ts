<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ReportsMenu</name>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Báo cáo</translation>
    </message>
    <message>
        <source>Export the tracking log…</source>
        <translation>Xuất sổ theo dõi hồ sơ…</translation>
    </message>
    <message>
        <source>End of day…</source>
        <translation>Đối chiếu cuối ngày…</translation>
    </message>
    <message>
        <source>For a supervisor or an administrator.</source>
        <translation>Dành cho cán bộ phụ trách hoặc quản trị viên.</translation>
    </message>
</context>
<context>
    <name>TrackingLogDialog</name>
    <message>
        <source>Save the tracking log</source>
        <translation>Lưu sổ theo dõi hồ sơ</translation>
    </message>
    <message>
        <source>Export the tracking log</source>
        <translation>Xuất sổ theo dõi hồ sơ</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Xuất…</translation>
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
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <source>Every dossier received in the period, at every counter of this computer&apos;s store; the export is recorded in the audit log.</source>
        <translation>Mọi hồ sơ tiếp nhận trong khoảng thời gian này, ở tất cả các quầy trong dữ liệu của máy; việc xuất sổ được ghi vào nhật ký kiểm toán.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
    <message>
        <source>Exported {rows} dossier(s) to {file}.</source>
        <translation>Đã xuất {rows} hồ sơ vào tệp {file}.</translation>
    </message>
</context>
<context>
    <name>EndOfDayDialog</name>
    <message>
        <source>End of day</source>
        <translation>Đối chiếu cuối ngày</translation>
    </message>
    <message>
        <source>Sign off the day</source>
        <translation>Ký xác nhận cuối ngày</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
</context>
</TS>
