"""Stored dossiers as the city's records: national names and formats, valid by the protocol."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from counter_app.domain.dossier import ApplicantKind, IdType, Outcome, Status
from counter_app.services.catalogue import get_procedure, list_procedures
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from counter_app.services.syncing.pull import CityChange, apply_changes_page
from sync import protocol
from sync.records import FIRST_STEP, build_record, city_time, from_city_time, parse_change
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

AGENCY_NAME = "UBND phường Hoàn Kiếm"


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    return new_store


def record_of(store: Store, code: str) -> dict[str, object]:
    dossier = dossiers.get_dossier(store, code)
    procedure = get_procedure(store, dossier.procedure_code, dossier.catalogue_version)
    return build_record(dossier, procedure, agency_name=AGENCY_NAME)


def known_codes(store: Store) -> set[str]:
    return {p.code for p in list_procedures(store, include_inactive=True)}


def test_a_received_dossier_makes_a_valid_record_with_the_first_step(store: Store) -> None:
    dossier = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 16, 9, 5))
    record = record_of(store, dossier.code)
    assert protocol.validate_record(record, known_procedures=known_codes(store)) == []
    assert record["idempotency_key"] == f"{dossier.uuid}:1"
    ho_so = record["hoSo"]
    assert isinstance(ho_so, dict)
    assert ho_so["MaHoSo"] == dossier.code and ho_so["MaTTHC"] == "1.004873"
    assert ho_so["NgayTiepNhan"] == ho_so["NgayNopHoSo"] == "20261116090500"
    assert ho_so["TrangThaiHoSo"] == "2" and ho_so["KenhThucHien"] == "1"
    assert ho_so["DinhDanhCHS"] == [{"LoaiDinhDanh": "1", "SoDinhDanh": "001189004217"}]
    assert ho_so["ChuHoSo"] == "Đặng Thị Thuỷ"
    (step,) = record["tienTrinh"]  # type: ignore[misc]
    assert step["NoiDungXuLy"] == FIRST_STEP and step["TrangThai"] == "2"
    assert step["ThoiDiemXuLy"] == "20261116090500" and step["MaHoSo"] == dossier.code


def test_every_scalar_is_an_nfc_string(store: Store) -> None:
    dossier = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 16))

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        else:
            assert isinstance(value, str)
            assert unicodedata.is_normalized("NFC", value)

    record = record_of(store, dossier.code)
    walk(record["hoSo"])
    walk(record["tienTrinh"])


def test_refusal_and_organisation_and_edits(store: Store) -> None:
    refused = receive_dossier(
        store, intake(outcome=Outcome.REFUSED, reason="Không thuộc thẩm quyền"),
        clerk=CLERK, now=vn(2026, 11, 16),
    )  # fmt: skip
    record = record_of(store, refused.code)
    assert protocol.validate_record(record) == []
    assert record["hoSo"]["NgayTuChoi"] == "20261116090000"  # type: ignore[index]
    company = replace(
        citizen(), kind=ApplicantKind.ORGANISATION, id_type=IdType.TAX_CODE, id_number="0101234567"
    )
    saved = receive_dossier(store, intake(company), clerk=CLERK, now=vn(2026, 11, 16, 10))
    edited = dossiers.edit_dossier(
        store, saved.code, {"notes": "Bổ sung bản sao"}, actor=CLERK, now=vn(2026, 11, 16, 11)
    )
    record = record_of(store, edited.code)
    assert protocol.validate_record(record) == []
    assert record["version"] == 2 and record["idempotency_key"] == f"{saved.uuid}:2"
    assert record["hoSo"]["LoaiDoiTuong"] == "2"  # type: ignore[index]
    assert record["hoSo"]["DinhDanhCHS"] == []  # type: ignore[index]


def test_the_same_version_always_makes_the_same_record(store: Store) -> None:
    dossier = receive_dossier(store, intake(), clerk=CLERK, now=vn(2026, 11, 16))
    first, again = record_of(store, dossier.code), record_of(store, dossier.code)
    assert protocol.record_digest(first) == protocol.record_digest(again)


@pytest.mark.parametrize(
    ("iso", "national"),
    [
        ("2026-11-16T09:05:00+07:00", "20261116090500"),
        ("2026-11-16T02:05:00+00:00", "20261116090500"),
        (None, ""),
    ],
)
def test_times_are_vietnam_local_without_a_zone(iso: str | None, national: str) -> None:
    assert city_time(iso) == national
    if iso:
        assert from_city_time(national) == "2026-11-16T09:05:00+07:00"


def test_a_change_from_the_city_is_read_into_store_terms() -> None:
    change = parse_change(
        {
            "dossier_uuid": "u-1",
            "MaHoSo": "H26.1-261116-0001",
            "TrangThaiHoSo": "4",
            "NgayHenTra": "20261128170000",
            "NgayTra": "",
            "changed_at": "2026-11-17T03:00:00+00:00",
        }
    )
    assert change.status == Status.IN_PROCESS and change.official_code == "H26.1-261116-0001"
    assert change.due_at == "2026-11-28T17:00:00+07:00" and change.returned_at is None
    assert change.changed_at == "2026-11-17T10:00:00+07:00"
    odd = parse_change({"dossier_uuid": "u-2", "TrangThaiHoSo": "x9", "changed_at": "yesterday"})
    assert odd.status is None and dict(odd.details) == {"raw_status": "x9"}
    assert odd.changed_at == ""


@pytest.mark.parametrize(
    ("official", "kept"),
    [
        ("000.31.27.H26-261125-0042", True),
        ("H26.1\x1b]0;x\x07", False),  # a terminal escape from the city's feed
        ("H26\u202e-0042", False),  # a bidi override
        ("X" * 61, False),  # longer than MaHoSo allows
    ],
)
def test_a_pulled_official_code_is_kept_only_in_the_shape_of_a_code(
    store: Store, official: str, kept: bool
) -> None:
    saved = receive_dossier(store, intake(citizen()), clerk=CLERK, now=vn(2026, 11, 25, 9))
    change = CityChange(dossier_uuid=saved.uuid, official_code=official)
    apply_changes_page(store, [change], cursor="c1", now=vn(2026, 11, 25, 10))
    stored = dossiers.get_dossier(store, saved.code).official_code
    assert stored == (official if kept else None)
