<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>MainWindow</name>
    <message>
        <source>One-stop counter</source>
        <translation>Bộ phận Một cửa</translation>
    </message>
</context>
</TS>
