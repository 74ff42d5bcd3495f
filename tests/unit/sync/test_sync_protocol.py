"""The ``counter-sync/1`` rules: dates, JSON, keys, and the field-level validation tables."""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from counter_app.domain.vn_time import VN_TZ
from counter_app.messages import EN, VI, message_for
from sync.protocol import (
    MAX_RECORDS,
    FieldCode,
    FieldError,
    Outcome,
    RecordResult,
    canonical_json,
    dumps,
    format_national,
    is_loopback_host,
    is_national_date,
    loads,
    parse_national,
    record_digest,
    validate_envelope,
    validate_record,
)
from tests.city_sim_process import sample_envelope, sample_record

KNOWN = frozenset({"1.001193", "2.000815"})
Edit = Callable[[dict[str, Any]], None]


def errors_of(record: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_record(record, known_procedures=KNOWN)}


def test_the_sample_record_is_valid() -> None:
    assert validate_record(sample_record(), known_procedures=KNOWN) == []


def _set(path: str, value: object) -> Edit:
    """An edit that sets a dotted path (``hoSo.DinhDanhCHS.0.SoDinhDanh``) to ``value``."""

    def edit(record: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = record
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return edit


_DELETE = object()

RECORD_CASES: list[tuple[str, Edit, tuple[str, str]]] = [
    ("unknown procedure", _set("hoSo.MaTTHC", "1.999999"),
     ("hoSo.MaTTHC", "FIELD_UNKNOWN_PROCEDURE")),
    ("local suffix", _set("hoSo.MaTTHC", "1.001193.H26"), ("hoSo.MaTTHC", "FIELD_BAD_FORMAT")),
    ("no procedure", _set("hoSo.MaTTHC", ""), ("hoSo.MaTTHC", "FIELD_REQUIRED")),
    ("ID of 11 digits", _set("hoSo.DinhDanhCHS.0.SoDinhDanh", "00108900421"),
     ("hoSo.DinhDanhCHS[0].SoDinhDanh", "FIELD_BAD_ID_NUMBER")),
    ("CMND of 12 digits", _set("hoSo.DinhDanhCHS.0.LoaiDinhDanh", "2"),
     ("hoSo.DinhDanhCHS[0].SoDinhDanh", "FIELD_BAD_ID_NUMBER")),
    ("ID type 3", _set("hoSo.DinhDanhCHS.0.LoaiDinhDanh", "3"),
     ("hoSo.DinhDanhCHS[0].LoaiDinhDanh", "FIELD_NOT_ALLOWED")),
    ("citizen number of 10 digits", _set("hoSo.SoGiayToChuHoSo", "0010890042"),
     ("hoSo.SoGiayToChuHoSo", "FIELD_BAD_ID_NUMBER")),
    ("received 31 Nov", _set("hoSo.NgayTiepNhan", "20261131093000"),
     ("hoSo.NgayTiepNhan", "FIELD_BAD_DATE")),
    ("ISO due date", _set("hoSo.NgayHenTra", "2026-11-25T17:00:00"),
     ("hoSo.NgayHenTra", "FIELD_BAD_DATE")),
    ("number status", _set("hoSo.TrangThaiHoSo", 2), ("hoSo.TrangThaiHoSo", "FIELD_NOT_STRING")),
    ("status 11", _set("hoSo.TrangThaiHoSo", "11"), ("hoSo.TrangThaiHoSo", "FIELD_NOT_ALLOWED")),
    ("channel 4", _set("hoSo.KenhThucHien", "4"), ("hoSo.KenhThucHien", "FIELD_NOT_ALLOWED")),
    ("no applicant", _set("hoSo.ChuHoSo", _DELETE), ("hoSo.ChuHoSo", "FIELD_REQUIRED")),
    ("long summary", _set("hoSo.TrichYeuHoSo", "x" * 1001),
     ("hoSo.TrichYeuHoSo", "FIELD_TOO_LONG")),
    ("code with a space", _set("hoSo.MaHoSo", "A B"), ("hoSo.MaHoSo", "FIELD_BAD_FORMAT")),
    ("decomposed name", _set("hoSo.ChuHoSo", unicodedata.normalize("NFD", "Trần Quốc Bảo")),
     ("hoSo.ChuHoSo", "FIELD_NOT_NFC")),
    ("ids not a list", _set("hoSo.DinhDanhCHS", {}), ("hoSo.DinhDanhCHS", "FIELD_WRONG_TYPE")),
    ("fee entry not an object", _set("hoSo.DanhSachLePhi", ["2000"]),
     ("hoSo.DanhSachLePhi[0]", "FIELD_WRONG_TYPE")),
    ("numeric fee", _set("hoSo.DanhSachLePhi", [{"Gia": 2000}]),
     ("hoSo.DanhSachLePhi[0].Gia", "FIELD_NOT_STRING")),
    ("key of another version", _set("idempotency_key", "x:2"),
     ("idempotency_key", "FIELD_MISMATCH")),
    ("version 0", _set("version", 0), ("version", "FIELD_WRONG_TYPE")),
    ("version as text", _set("version", "1"), ("version", "FIELD_WRONG_TYPE")),
    ("uuid in capitals", lambda r: r.update(dossier_uuid=r["dossier_uuid"].upper()),
     ("dossier_uuid", "FIELD_BAD_FORMAT")),
    ("no local code", _set("local_code", " "), ("local_code", "FIELD_REQUIRED")),
    ("hoSo a list", _set("hoSo", []), ("hoSo", "FIELD_WRONG_TYPE")),
    ("steps an object", _set("tienTrinh", {}), ("tienTrinh", "FIELD_WRONG_TYPE")),
    ("step of another dossier", _set("tienTrinh.0.MaHoSo", "X-1"),
     ("tienTrinh[0].MaHoSo", "FIELD_MISMATCH")),
    ("officer name of 51", _set("tienTrinh.0.NguoiXuLy", "x" * 51),
     ("tienTrinh[0].NguoiXuLy", "FIELD_TOO_LONG")),
    ("step without time", _set("tienTrinh.0.ThoiDiemXuLy", ""),
     ("tienTrinh[0].ThoiDiemXuLy", "FIELD_REQUIRED")),
    ("supplement date", _set("hoSo.DanhSachHoSoBoSung", [{"NgayHenTraMoi": "2026"}]),
     ("hoSo.DanhSachHoSoBoSung[0].NgayHenTraMoi", "FIELD_BAD_DATE")),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in RECORD_CASES],
                         ids=[c[0] for c in RECORD_CASES])  # fmt: skip
def test_a_bad_record_names_the_field_and_the_reason(edit: Edit, expected: tuple[str, str]) -> None:
    record = sample_record()
    edit(record)
    assert expected in errors_of(record)


ACCEPTED_CASES: list[tuple[str, Edit]] = [
    ("empty optional date", _set("hoSo.NgayHenTra", "")),
    ("CMND of 9 digits",
     _set("hoSo.DinhDanhCHS", [{"LoaiDinhDanh": "2", "SoDinhDanh": "013579246"}])),
    ("organisation tax code",
     lambda r: r["hoSo"].update(LoaiDoiTuong="2", SoGiayToChuHoSo="0101234567")),
    ("passport letters", _set("hoSo.SoGiayToChuHoSo", "B1234567")),
    ("unknown extra key", _set("hoSo.TruongMoi", "x")),
    ("no steps", _set("tienTrinh", [])),
    ("delivery by post", _set("hoSo.HinhThuc", "1")),
    ("status 10", _set("hoSo.TrangThaiHoSo", "10")),
]  # fmt: skip


@pytest.mark.parametrize("edit", [c[1] for c in ACCEPTED_CASES], ids=[c[0] for c in ACCEPTED_CASES])
def test_valid_variations_pass(edit: Edit) -> None:
    record = sample_record()
    edit(record)
    assert errors_of(record) == set()


def test_without_a_catalogue_any_national_code_passes() -> None:
    record = sample_record(procedure="1.999999")
    assert validate_record(record) == []


def test_every_problem_is_reported_at_once() -> None:
    record = sample_record()
    record["hoSo"].update(MaTTHC="9.1", NgayTiepNhan="x", KenhThucHien="")
    fields = {e.field for e in validate_record(record, known_procedures=KNOWN)}
    assert {"hoSo.MaTTHC", "hoSo.NgayTiepNhan", "hoSo.KenhThucHien"} <= fields


ENVELOPE_CASES: list[tuple[str, Edit, tuple[str, str]]] = [
    ("other protocol", _set("protocol", "counter-sync/2"),
     ("protocol", "FIELD_UNSUPPORTED_PROTOCOL")),
    ("batch id not a uuid", _set("batch_id", "b1"), ("batch_id", "FIELD_BAD_FORMAT")),
    ("no counter", _set("counter_id", ""), ("counter_id", "FIELD_REQUIRED")),
    ("long counter", _set("counter_id", "c" * 41), ("counter_id", "FIELD_TOO_LONG")),
    ("agency in lower case", _set("MaDonVi", "000.31.27.h26"), ("MaDonVi", "FIELD_BAD_FORMAT")),
    ("sent_at without offset", _set("sent_at", "2026-11-25T09:31:00"),
     ("sent_at", "FIELD_BAD_DATE")),
    ("skew as text", _set("clock_skew_s", "0"), ("clock_skew_s", "FIELD_WRONG_TYPE")),
    ("no records", _set("records", []), ("records", "FIELD_REQUIRED")),
    ("record without key", _set("records.0.idempotency_key", _DELETE),
     ("records[0].idempotency_key", "FIELD_REQUIRED")),
    ("record a string", _set("records.0", "x"), ("records[0].idempotency_key", "FIELD_REQUIRED")),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in ENVELOPE_CASES],
                         ids=[c[0] for c in ENVELOPE_CASES])  # fmt: skip
def test_a_bad_envelope_names_the_field(edit: Edit, expected: tuple[str, str]) -> None:
    envelope = sample_envelope([sample_record()])
    edit(envelope)
    assert expected in {(e.field, e.code) for e in validate_envelope(envelope)}


def test_a_good_envelope_passes_and_its_records_are_not_checked_there() -> None:
    bad = sample_record(procedure="bad")
    assert validate_envelope(sample_envelope([sample_record(), bad])) == []


def test_two_versions_of_one_dossier_make_the_envelope_invalid() -> None:
    first = sample_record()
    second = sample_record(first["dossier_uuid"], 2)
    errors = validate_envelope(sample_envelope([first, second]))
    assert [(e.field, e.code) for e in errors] == [
        ("records[1].dossier_uuid", "FIELD_DUPLICATE_DOSSIER")
    ]


def test_record_count_limit() -> None:
    records = [sample_record() for _ in range(MAX_RECORDS + 1)]
    assert ("records", "FIELD_TOO_LONG") in {
        (e.field, e.code) for e in validate_envelope(sample_envelope(records))
    }
    assert validate_envelope(sample_envelope(records[:MAX_RECORDS])) == []


def test_an_envelope_that_is_no_object() -> None:
    assert [e.code for e in validate_envelope([1, 2])] == ["FIELD_WRONG_TYPE"]


@pytest.mark.parametrize("code", [c.value for c in FieldCode])
def test_every_field_code_has_words(code: str) -> None:
    for lang in (VI, EN):
        assert message_for(code, lang) != message_for("UNEXPECTED", lang)


def test_field_errors_carry_the_vietnamese_sentence_and_no_value() -> None:
    record = sample_record(id_number="00108900421")
    errors = validate_record(record, known_procedures=KNOWN)
    assert {e.code for e in errors} == {"FIELD_BAD_ID_NUMBER"}
    error = errors[0]
    assert error.message == message_for("FIELD_BAD_ID_NUMBER", VI)
    assert "00108900421" not in error.message


# --- dates, JSON and keys -------------------------------------------------------------------------


def test_national_dates_are_vietnam_time_without_a_zone() -> None:
    moment = datetime(2026, 11, 25, 2, 30, 5, tzinfo=UTC)
    assert format_national(moment) == "20261125093005"
    assert parse_national("20261125093005") == moment
    assert parse_national("20261125093005").utcoffset() == VN_TZ.utcoffset(None)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        format_national(datetime(2026, 11, 25, 9, 30))


@pytest.mark.parametrize(
    ("text", "ok"),
    [("20261125093005", True), ("20240229000000", True), ("20250229000000", False),
     ("2026112509300", False), ("202611250930051", False), ("20261125246000", False),
     ("2026-11-25 09:30", False), ("", False), ("２０２６１１２５０９３００５", False)],
)  # fmt: skip
def test_is_national_date(text: str, ok: bool) -> None:
    assert is_national_date(text) is ok


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("LOCALHOST", True), ("0.0.0.0", False), ("10.0.0.5", False),
     ("city.hanoi.gov.vn", False), ("localhost.example.com", False), ("", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_json_keeps_vietnamese_letters_and_round_trips() -> None:
    body = {"TenTTHC": "Đăng ký khai sinh", "n": 1}
    raw = dumps(body)
    assert "Đăng ký".encode() in raw
    assert loads(raw) == body
    with pytest.raises(ValueError):
        loads(b"\xff{")
    with pytest.raises(ValueError):
        loads(b'{"a": ')


def test_the_digest_ignores_key_order_and_the_envelope_but_not_content() -> None:
    record = sample_record()
    reordered = dict(reversed(list(copy.deepcopy(record).items())))
    assert record_digest(reordered) == record_digest(record)
    assert canonical_json({"b": 1, "a": 2}) == b'{"a":2,"b":1}'
    changed = copy.deepcopy(record)
    changed["hoSo"]["GhiChu"] = "khác"
    assert record_digest(changed) != record_digest(record)


def test_record_results_round_trip() -> None:
    result = RecordResult(
        "u:1",
        Outcome.REJECTED,
        "",
        None,
        (FieldError("hoSo.MaTTHC", "FIELD_UNKNOWN_PROCEDURE", "m"),),
    )
    assert RecordResult.from_json(loads(dumps(result.to_json()))) == result
    with pytest.raises(ValueError):
        RecordResult.from_json({"idempotency_key": "u:1", "outcome": "maybe"})
