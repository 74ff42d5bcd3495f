"""A stored dossier as the record the city receives (sync.md B2: ``hoSo`` and ``tienTrinh``).

Field names and formats are the national ones (sync.md A3): every scalar a string, times as
``yyyyMMddHHmmss`` in Vietnam time, an empty string when unknown. The first progress step is
the counter's own: "Tiếp nhận hồ sơ" by the one-stop officer, at the receipt time. A record
is a pure function of the dossier and its procedure, so the same version always makes the
same record (what lets the server tell a harmless repeat from a changed one).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from counter_app.domain.dossier import ApplicantKind, Dossier, IdType, Status
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import VN_TZ
from counter_app.services.syncing.pull import CityChange
from sync import protocol
from sync.counter_copy import counter_copy

FIRST_STEP = "Tiếp nhận hồ sơ"
FIRST_STEP_TITLE = "Cán bộ một cửa"
MAX_SUMMARY = 1000  # TrichYeuHoSo, sync.md A3
MAX_OFFICER = 50  # NguoiXuLy, sync.md A3
AT_COUNTER = "0"  # HinhThuc: the result is collected at the counter
# LoaiDoiTuong: 1 citizen, 2 business/organisation (sync.md A3); foreigners are persons.
_APPLICANT_TYPE = {
    ApplicantKind.CITIZEN: "1",
    ApplicantKind.FOREIGNER: "1",
    ApplicantKind.ORGANISATION: "2",
}
# DinhDanhCHS.LoaiDinhDanh: 1 the 12-digit personal ID, 2 the 9-digit CMND.
_ID_KIND = {IdType.PERSONAL_ID: "1", IdType.OLD_ID: "2"}


def city_time(iso: str | None) -> str:
    """An ISO time of the store as ``yyyyMMddHHmmss`` in Vietnam time; '' for none."""
    if not iso:
        return ""
    return protocol.format_national(datetime.fromisoformat(iso))


def from_city_time(text: str) -> str | None:
    """``yyyyMMddHHmmss`` (Vietnam time) as the store's ISO form; None for '' or garbage."""
    try:
        moment = protocol.parse_national(text.strip())
    except ValueError:
        return None
    return moment.isoformat(timespec="seconds")


def build_record(dossier: Dossier, procedure: Procedure, *, agency_name: str) -> dict[str, Any]:
    """The record of the dossier's current version (sync.md B2), with the counter's own copy
    of what the national fields cannot carry (``sync/counter_copy.py``)."""
    return {
        "idempotency_key": protocol.idempotency_key(dossier.uuid, dossier.version),
        "dossier_uuid": dossier.uuid,
        "version": dossier.version,
        "local_code": dossier.code,
        "hoSo": build_ho_so(dossier, procedure, agency_name=agency_name),
        "tienTrinh": [first_step(dossier, agency_name=agency_name)],
        "counter_copy": counter_copy(dossier),
    }


def build_ho_so(dossier: Dossier, procedure: Procedure, *, agency_name: str) -> dict[str, Any]:
    applicant = dossier.applicant
    received = city_time(dossier.received_at)
    return {
        "MaHoSo": dossier.official_code or dossier.code,
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name_vi,
        "MaLinhVuc": "",
        "TenLinhVuc": procedure.field,
        "KenhThucHien": str(dossier.channel),
        "ChuHoSo": applicant.full_name,
        "SoGiayToChuHoSo": applicant.id_number,
        "DinhDanhCHS": _identifiers(applicant.id_type, applicant.id_number),
        "LoaiDoiTuong": _APPLICANT_TYPE.get(applicant.kind, "4"),
        "MaDoiTuong": "",
        "SoDienThoai": applicant.phone,
        "Email": applicant.email,
        "Fax": "",
        "ThongTinKhac": applicant.address,
        "TrichYeuHoSo": _summary(dossier, procedure),
        "NgayNopHoSo": received,
        "NgayTiepNhan": received,
        "NgayHenTra": city_time(dossier.due_at),
        "TrangThaiHoSo": str(dossier.status),
        "NgayTra": city_time(dossier.returned_at),
        "ThongTinTra": "",
        "NgayKetThucXuLy": "",
        "NgayTuChoi": received if dossier.status == Status.REFUSED else "",
        "HinhThuc": AT_COUNTER,
        "DonViXuLy": agency_name,
        "GhiChu": dossier.notes,
        "TaiLieuNop": [],
        "DanhSachTepDinhKemKhac": [
            _paper(d.name, d.originals + d.copies) for d in dossier.documents
        ],
        "DanhSachLePhi": _fees(dossier, procedure),
        "DanhSachHoSoBoSung": [],
        "DanhSachGiayToKetQua": [],
    }


def first_step(dossier: Dossier, *, agency_name: str) -> dict[str, str]:
    """The conventional first step (sync.md A3): received by the one-stop officer."""
    received = city_time(dossier.received_at)
    return {
        "MaHoSo": dossier.official_code or dossier.code,
        "NguoiXuLy": dossier.clerk[:MAX_OFFICER],
        "ChucDanh": FIRST_STEP_TITLE,
        "ThoiDiemXuLy": received,
        "PhongBanXuLy": agency_name,
        "NoiDungXuLy": FIRST_STEP,
        "TrangThai": str(int(Status.RECEIVED)),
        "NgayBatDau": received,
        "NgayKetThucTheoQuyDinh": city_time(dossier.due_at),
    }


def _identifiers(id_type: IdType, number: str) -> list[dict[str, str]]:
    kind = _ID_KIND.get(id_type)
    return [{"LoaiDinhDanh": kind, "SoDinhDanh": number}] if kind else []


def _summary(dossier: Dossier, procedure: Procedure) -> str:
    text = procedure.name_vi if not dossier.notes else f"{procedure.name_vi}. {dossier.notes}"
    return text[:MAX_SUMMARY]


def _paper(name: str, count: int) -> dict[str, str]:
    return {"TenGiayTo": name, "SoLuong": str(max(count, 1)), "LoaiGiayTo": ""}


def _fees(dossier: Dossier, procedure: Procedure) -> list[dict[str, str]]:
    if dossier.fee_vnd <= 0:
        return []
    return [
        {
            "TenPhiLePhi": f"Lệ phí {procedure.name_vi}"[:MAX_SUMMARY],
            "MaPhiLePhi": "",
            "HinhThucThu": "1",
            "Gia": str(dossier.fee_vnd),
            "LoaiPhiLePhi": "1",
        }
    ]


def parse_change(item: Mapping[str, Any]) -> CityChange:
    """One item of a changes page (sync.md B4) in the store's terms.

    A status that is no number is kept out of the status column and recorded raw in the
    event's details; an unknown number is stored as it is and shown as "mã X".
    """
    raw_status = str(item.get("TrangThaiHoSo") or "").strip()
    status = int(raw_status) if raw_status.isdigit() else None
    details = () if status is not None or not raw_status else (("raw_status", raw_status),)
    return CityChange(
        dossier_uuid=str(item.get("dossier_uuid") or ""),
        official_code=str(item.get("MaHoSo") or ""),
        status=status,
        due_at=from_city_time(str(item.get("NgayHenTra") or "")),
        returned_at=from_city_time(str(item.get("NgayTra") or "")),
        changed_at=_iso(item.get("changed_at")),
        details=details,
    )


def _iso(value: Any) -> str:
    """``changed_at`` is ISO 8601 with an offset; anything else is dropped (the pass's time)."""
    return from_iso(value) or ""


def from_iso(value: Any) -> str | None:
    """An ISO 8601 time with an offset as the store's Vietnam-time ISO form; None otherwise."""
    try:
        moment = protocol.parse_iso_with_offset(str(value))
    except ValueError:
        return None
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")
