"""The renderer's parts: Vietnamese dates, wrapping, QR payloads, form sets and layouts."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import segno

from counter_app.documents import (
    DEFAULT_QR_TEMPLATE,
    FormKind,
    FormSetBrokenError,
    FormSetUnknownError,
    Layout,
    LayoutNotAvailableError,
    NoCopiesError,
    QrTemplateInvalidError,
    available_form_sets,
    available_layouts,
    date_in_words,
    dated_line,
    load_form_set,
    moment_in_words,
    qr_payload,
    receipt_qr_fields,
    render_document,
    time_in_words,
)
from counter_app.documents import form_sets as form_sets_module
from counter_app.documents.fonts import BOLD, REGULAR, register_fonts, text_width
from counter_app.documents.form_sets import LABEL_FIELDS, PAGE_ITEM_KEYS, SLIP_ITEM_KEYS
from counter_app.documents.items import fee_text, label_fields, processing_text
from counter_app.documents.render import DRAWERS
from counter_app.documents.samples import SAMPLE_CODE, sample_form
from counter_app.documents.thermal import _DRAWERS as SLIP_DRAWERS
from counter_app.documents.vn_dates import compact_stamp, short_date
from counter_app.documents.wrap import balanced_wrap, keep_together, wrap_runs, wrap_text
from counter_app.domain.receipt_qr import paper_name, parse_receipt_qr
from counter_app.domain.vn_time import VN_TZ

# --- dates (forms.md §4: zero-padded day < 10 and months 1-2 only) ---------------------------


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2025, 7, 5), "ngày 05 tháng 7 năm 2025"),
        (date(2026, 2, 14), "ngày 14 tháng 02 năm 2026"),
        (date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
        (date(2026, 10, 9), "ngày 09 tháng 10 năm 2026"),
        (date(2026, 3, 10), "ngày 10 tháng 3 năm 2026"),
    ],
)
def test_dates_in_words(day: date, words: str) -> None:
    assert date_in_words(day) == words


def test_times_in_words_are_24_hour_and_vietnam_time() -> None:
    moment = datetime(2025, 7, 5, 9, 5, tzinfo=VN_TZ)
    assert moment_in_words(moment) == "09 giờ 05 phút, ngày 05 tháng 7 năm 2025"
    assert time_in_words(datetime(2025, 7, 5, 21, 40)) == "21 giờ 40 phút"
    late_utc = datetime(2026, 2, 13, 20, 30, tzinfo=UTC)  # 03:30 on the 14th in Hà Nội
    assert moment_in_words(late_utc) == "03 giờ 30 phút, ngày 14 tháng 02 năm 2026"
    assert compact_stamp(late_utc) == "20260214033000"
    assert short_date(moment) == "05/07/2025"


def test_the_header_date_line() -> None:
    assert dated_line("Hà Nội", date(2026, 2, 14)) == "Hà Nội, ngày 14 tháng 02 năm 2026"
    assert dated_line("", date(2026, 2, 14)) == "Ngày 14 tháng 02 năm 2026"


def test_value_texts() -> None:
    assert processing_text(5) == "5 ngày (làm việc)"
    assert processing_text(None) == processing_text(0) == "trong ngày"
    assert fee_text(1_250_000) == "1.250.000 đồng"
    assert fee_text(0) == "không"


# --- wrapping ----------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="module")
def fonts() -> None:
    register_fonts()


def test_wrapping_keeps_every_line_inside_the_width() -> None:
    text = "Số nhà 128, ngách 45/17, ngõ 381 đường Nguyễn Khoái, phường Hoàn Kiếm, Hà Nội " * 3
    lines = wrap_runs([(text, REGULAR)], 120, 10)
    assert len(lines) > 5
    assert all(line.width <= 120 for line in lines)
    assert " ".join(wrap_text(text, REGULAR, 120, 10)) == " ".join(text.split())


def test_a_word_wider_than_the_line_is_cut_not_clipped() -> None:
    email = "nguyenthingocanh.hoangphuongthao.tonnudieuhuyen@example.com.vn"
    lines = wrap_text(email, REGULAR, 80, 10)
    assert len(lines) > 1 and "".join(lines) == email
    assert all(text_width(line, REGULAR, 10) <= 80 for line in lines)


def test_runs_keep_their_faces_on_a_line() -> None:
    [line] = wrap_runs([("Họ tên: ", REGULAR), ("Đặng Hữu Ước", BOLD)], 300, 10)
    assert [(s.text, s.font) for s in line.segments] == [
        ("Họ tên: ", REGULAR),
        ("Đặng Hữu Ước", BOLD),
    ]
    assert line.segments[1].x == pytest.approx(text_width("Họ tên: ", REGULAR, 10))


def test_spaces_inside_a_line_keep_their_width_and_vanish_at_a_break() -> None:
    [line] = wrap_runs([("Điện thoại: 0912     Email: a@b.vn", REGULAR)], 400, 10)
    assert "0912     Email" in line.segments[0].text
    lines = wrap_text("aaaa     bbbb", REGULAR, text_width("aaaa  ", REGULAR, 10), 10)
    assert lines == ["aaaa", "bbbb"]


def test_a_short_bold_value_moves_whole_to_the_next_line() -> None:
    runs = [
        ("Trung tâm tiếp nhận hồ sơ của: ", REGULAR),
        (keep_together("Nguyễn Thị Ngọc Ánh"), BOLD),
    ]
    width = text_width("Trung tâm tiếp nhận hồ sơ của: Nguyễn Thị", BOLD, 10)
    lines = wrap_runs(runs, width, 10)
    assert [s.text for s in lines[1].segments] == ["Nguyễn Thị Ngọc Ánh"]  # plain spaces again
    narrow = wrap_runs([(keep_together("Nguyễn Thị Ngọc Ánh"), BOLD)], 50, 10)
    assert len(narrow) > 1 and all(line.width <= 50 for line in narrow)


def test_balanced_wrapping_keeps_the_line_count_and_evens_the_lines() -> None:
    runs = [("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HOÀN KIẾM", BOLD)]
    greedy = wrap_runs(runs, 155, 9.5)
    even = balanced_wrap(runs, 155, 9.5)
    assert len(even) == len(greedy) == 3
    assert max(line.width for line in even) - min(line.width for line in even) < (
        max(line.width for line in greedy) - min(line.width for line in greedy)
    )


# --- QR payload --------------------------------------------------------------------------


def test_the_old_code_only_payload_stays_in_alphanumeric_mode() -> None:
    payload = qr_payload("{code}", {"code": SAMPLE_CODE})
    assert payload == SAMPLE_CODE
    symbol = segno.make(payload, error="m")
    assert symbol.mode == "alphanumeric" and symbol.version == 2


def test_the_default_payload_is_the_v1_layout_with_every_field_of_the_rule() -> None:
    data = sample_form()
    fields = receipt_qr_fields(
        data,
        title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        system="MOTCUA",
        issued_at=datetime(2026, 11, 26, 9, 7, 30, tzinfo=VN_TZ),
    )
    payload = qr_payload(DEFAULT_QR_TEMPLATE, fields)
    assert payload.split("|") == [
        SAMPLE_CODE, "v1", "1.004884", "001190012345", "GIAY TIEP NHAN HO SO VA HEN TRA KET QUA",
        "MOTCUA", "20261126090730", "20261203153000",
    ]  # fmt: skip
    # About 130 bytes: version 8 at level M, 49 modules in 21 mm (0.43 mm a module).
    assert segno.make(payload, error="m", micro=False).version <= 8


@pytest.mark.parametrize(
    ("text", "layout", "fields"),
    [
        (SAMPLE_CODE, "v0", {"code": SAMPLE_CODE}),
        (f" {SAMPLE_CODE}\n", "v0", {"code": SAMPLE_CODE}),
        (f"{SAMPLE_CODE}|v1|1.004884|001190012345|GIAY|MOTCUA|20261126090730|",
         "v1", {"code": SAMPLE_CODE, "layout": "v1", "procedure_code": "1.004884",
                "id_number": "001190012345", "title": "GIAY", "system": "MOTCUA",
                "issued_at": "20261126090730", "due_at": ""}),
        (f"{SAMPLE_CODE}|1.004884|Biên nhận", "", {"code": SAMPLE_CODE}),
    ],
)  # fmt: skip
def test_a_scanned_receipt_qr_is_read_in_every_layout(
    text: str, layout: str, fields: dict[str, str]
) -> None:
    read = parse_receipt_qr(text)
    assert read is not None and read.code == SAMPLE_CODE
    assert read.layout == layout and dict(read.fields) == fields


@pytest.mark.parametrize("text", ["001089004217|123456789|Trần Quốc Bảo", "Nguyễn Hoa", ""])
def test_an_id_card_or_a_name_is_no_receipt_qr(text: str) -> None:
    assert parse_receipt_qr(text) is None


def test_the_paper_name_loses_its_marks_not_its_letters() -> None:
    assert paper_name("ĐƠN  đề nghị, HỒ SƠ") == "DON DE NGHI, HO SO"


def test_values_cannot_shift_the_fields_and_missing_ones_print_empty() -> None:
    payload = qr_payload("{code}|{title}|{system}", {"code": "C-1", "title": "A|B\nC"})
    assert payload == "C-1|A B C|"


@pytest.mark.parametrize(
    "template",
    [
        "",
        "{procedure_code}|{code}",
        "MA:{code}",
        "{code}|{name}",
        "{code}|{issued_at:>20}",
        "{code}|{",
    ],
)
def test_bad_templates_are_refused(template: str) -> None:
    with pytest.raises(QrTemplateInvalidError) as raised:
        qr_payload(template, {"code": SAMPLE_CODE})
    assert raised.value.code == "QR_TEMPLATE_INVALID"


# --- form sets ---------------------------------------------------------------------------


def test_the_shipped_sets_load_and_number_the_forms_as_their_circulars() -> None:
    assert {"2018", "2025", "2025-alt"} <= set(available_form_sets())
    old, new = load_form_set("2018"), load_form_set("2025")
    assert load_form_set() is new and load_form_set("vpcp-2025") is new
    assert old.template(FormKind.CONTROL).number == "Mẫu số 05"
    assert new.template(FormKind.CONTROL).number == "Mẫu số 06"
    assert new.template(FormKind.STOP).number == "Mẫu số 05"
    assert old.template(FormKind.STOP).number == ""  # no stop notice in TT 01/2018
    assert old.template(FormKind.APOLOGY).title != new.template(FormKind.APOLOGY).title
    for form_set in (old, new):
        receipt = form_set.template(FormKind.RECEIPT)
        assert receipt.number == "Mẫu số 01"
        assert receipt.title == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"


def test_the_2025_receipt_variant_is_only_another_item_list() -> None:
    base = load_form_set("2025").template(FormKind.RECEIPT)
    variant = load_form_set("2025-alt").template(FormKind.RECEIPT)
    keys = [item.key for item in variant.items]
    assert "fee" in keys and "processing_time" not in keys
    assert "processing_time" in [item.key for item in base.items]
    documents = next(item for item in variant.items if item.key == "documents")
    assert documents.label.startswith("1. Thành phần hồ sơ, yêu cầu và số lượng")
    assert load_form_set("2025-alt").template(FormKind.CONTROL).number == "Mẫu số 06"  # inherited


def test_receipt_items_are_in_the_order_of_forms_md() -> None:
    keys = [item.key for item in load_form_set("2018").template(FormKind.RECEIPT).items]
    order = [
        *("code", "copy_label", "applicant", "address", "procedure", "documents", "sets"),
        *("processing_time", "received_at", "due_at", "return_place", "signatures", "footnote"),
    ]
    assert [key for key in keys if key in order] == order


@pytest.mark.parametrize("set_id", ["2019", "../../etc/passwd", "", "2025 ", "X" * 50])
def test_unknown_sets_are_refused(set_id: str) -> None:
    if set_id == "2025 ":
        assert load_form_set(set_id).set_id == "2025"  # white space is forgiven
        return
    with pytest.raises(FormSetUnknownError) as raised:
        load_form_set(set_id)
    assert raised.value.code == "FORM_SET_UNKNOWN"


def test_a_set_naming_an_unknown_item_or_field_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "forms").mkdir()
    monkeypatch.setattr(form_sets_module, "resource_path", lambda *p: tmp_path.joinpath(*p))
    for name, item in (
        ("badkey", {"key": "signature"}),
        ("badfield", {"key": "text", "label": "{nam}"}),
    ):
        spec = {"forms": {"receipt": {"title": "T", "items": [item]}}}
        (tmp_path / "forms" / f"vpcp-{name}.json").write_text(json.dumps(spec), encoding="utf-8")
        with pytest.raises(FormSetBrokenError):
            load_form_set(name)
    (tmp_path / "forms" / "vpcp-broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(FormSetBrokenError):
        load_form_set("broken")


def test_every_item_key_has_a_drawer_and_every_label_field_a_value() -> None:
    assert set(DRAWERS) == PAGE_ITEM_KEYS
    assert set(SLIP_DRAWERS) == SLIP_ITEM_KEYS
    assert LABEL_FIELDS - {"value"} <= set(label_fields(sample_form()))


# --- layouts and typed errors ------------------------------------------------------------


def test_available_layouts() -> None:
    assert available_layouts(FormKind.RECEIPT) == (
        Layout.A5, Layout.A4_TWO_UP, Layout.A4, Layout.THERMAL80,
    )  # fmt: skip
    for kind in FormKind:
        assert available_layouts(kind)[0] is Layout.A5
        if kind is not FormKind.RECEIPT:
            assert Layout.THERMAL80 not in available_layouts(kind)
    assert Layout.A4_TWO_UP not in available_layouts(FormKind.CONTROL)


@pytest.mark.parametrize(
    ("kind", "layout"),
    [(FormKind.REFUSAL, Layout.THERMAL80), (FormKind.CONTROL, Layout.A4_TWO_UP)],
)
def test_a_layout_a_form_does_not_have_is_a_typed_error(kind: FormKind, layout: Layout) -> None:
    with pytest.raises(LayoutNotAvailableError) as raised:
        render_document(sample_form(kind), layout=layout)
    assert raised.value.code == "LAYOUT_NOT_AVAILABLE" and raised.value.exit_status == 2


def test_no_copies_and_an_unknown_set_are_typed_errors() -> None:
    with pytest.raises(NoCopiesError):
        render_document(sample_form(), copies=())
    with pytest.raises(FormSetUnknownError):
        render_document(sample_form(form_set="1999"))


def test_error_texts_carry_no_personal_data() -> None:
    data = sample_form(FormKind.REFUSAL, long_text=True)
    with pytest.raises(LayoutNotAvailableError) as raised:
        render_document(data, layout=Layout.THERMAL80)
    assert data.applicant.full_name not in str(raised.value)
    assert str(raised.value) == "refusal on thermal80"


def test_naive_and_aware_times_print_alike() -> None:
    aware = datetime(2026, 2, 3, 8, 0, tzinfo=timezone(timedelta(hours=7)))
    assert moment_in_words(aware) == moment_in_words(aware.replace(tzinfo=None))
