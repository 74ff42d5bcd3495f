"""The names of ``counter-sync/1``: paths, headers, limits, outcomes, codes and record fields.

Every constant here is part of the contract in docs/SYNC-PROTOCOL.md; changing one is a new
protocol version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from counter_app.messages import VI, message_for

PROTOCOL: Final = "counter-sync/1"

# Paths (B2, B4, B5).
BATCH_PATH: Final = "/v1/dossiers/batch"
CANCELLATIONS_PATH: Final = "/v1/dossiers/cancellations"  # voids (docs/SYNC-PROTOCOL.md)
LOOKUP_PATH: Final = "/v1/dossiers/lookup"  # after a restore: which of ours the city holds
MAX_LOOKUP: Final = 500
CHANGES_PATH: Final = "/v1/dossiers/changes"
CATALOGUE_PATH: Final = "/v1/catalogue"

# Headers (B1). The token is per counter; it is never logged by either end.
AUTHORIZATION: Final = "Authorization"
COUNTER_ID_HEADER: Final = "X-Counter-Id"
APP_VERSION_HEADER: Final = "X-App-Version"
RETRY_AFTER_HEADER: Final = "Retry-After"
JSON_CONTENT_TYPE: Final = "application/json; charset=utf-8"

# Limits (B2, B4). A batch of 50 typical records is about 150 KB: small enough for a slow
# ward line to send within the read timeout, large enough that a day's backlog takes few calls.
MAX_RECORDS: Final = 50
MAX_BODY_BYTES: Final = 1024 * 1024  # 1 MiB; beyond it the server answers 413
CHANGES_DEFAULT_LIMIT: Final = 200
CHANGES_MAX_LIMIT: Final = 500  # a larger ?limit= is clamped, not refused
# Timeouts the client uses (B1): a counter's line is slow, a city server may be slower.
CONNECT_TIMEOUT_S: Final = 5.0
READ_TIMEOUT_S: Final = 30.0
# B3: the replies worth another attempt with the same keys; any other 4xx never is.
RETRYABLE_STATUSES: Final = frozenset({408, 429, 500, 502, 503, 504})

# The national date-time format: Vietnam local time, no zone marker (sync.md A2).
NATIONAL_DATE_FORMAT: Final = "%Y%m%d%H%M%S"


class Outcome(StrEnum):
    """The result of one record (B2), with what the client does about it."""

    ACCEPTED = "accepted"  # stored: mark the version synced
    DUPLICATE = "duplicate"  # same key, same content seen before: mark synced
    STALE = "stale"  # the server holds a newer version of this dossier: mark synced, flag IT
    REJECTED = "rejected"  # never re-send as is: a clerk's edit makes a new version and key
    RETRY_LATER = "retry_later"  # keep in the outbox, retry with backoff


class RequestError(StrEnum):
    """Whole-request error codes, in the ``error`` key of a non-200 JSON reply."""

    BAD_JSON = "BAD_JSON"  # 400: the body is not UTF-8 JSON
    MISSING_COUNTER_ID = "MISSING_COUNTER_ID"  # 400: no X-Counter-Id on a batch
    BAD_QUERY = "BAD_QUERY"  # 400: a cursor or limit the server cannot read
    UNAUTHORIZED = "UNAUTHORIZED"  # 401: bearer token missing or wrong
    COUNTER_MISMATCH = "COUNTER_MISMATCH"  # 403: X-Counter-Id differs from the batch's
    NOT_FOUND = "NOT_FOUND"  # 404
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"  # 405
    TOO_LARGE = "TOO_LARGE"  # 413: more than 50 records or 1 MiB: halve and retry
    INVALID_ENVELOPE = "INVALID_ENVELOPE"  # 422: see ``errors``; a client bug, park the batch
    RATE_LIMITED = "RATE_LIMITED"  # 429: wait Retry-After
    SERVER_ERROR = "SERVER_ERROR"  # 500


class FieldCode(StrEnum):
    """Why a field was refused; the words are in counter_app/texts/sync_sim.py."""

    REQUIRED = "FIELD_REQUIRED"
    WRONG_TYPE = "FIELD_WRONG_TYPE"
    NOT_STRING = "FIELD_NOT_STRING"
    NOT_NFC = "FIELD_NOT_NFC"
    BAD_FORMAT = "FIELD_BAD_FORMAT"
    BAD_DATE = "FIELD_BAD_DATE"
    NOT_ALLOWED = "FIELD_NOT_ALLOWED"
    TOO_LONG = "FIELD_TOO_LONG"
    MISMATCH = "FIELD_MISMATCH"
    UNKNOWN_PROCEDURE = "FIELD_UNKNOWN_PROCEDURE"
    BAD_ID_NUMBER = "FIELD_BAD_ID_NUMBER"
    UNSUPPORTED_PROTOCOL = "FIELD_UNSUPPORTED_PROTOCOL"
    DUPLICATE_DOSSIER = "FIELD_DUPLICATE_DOSSIER"
    KEY_REUSED = "FIELD_KEY_REUSED"
    CODE_TAKEN = "FIELD_CODE_TAKEN"


# Record fields as sent (sync.md A3). Every scalar is a string; empty when unknown.
HOSO_SCALARS: Final = (
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "KenhThucHien", "ChuHoSo",
    "SoGiayToChuHoSo", "LoaiDoiTuong", "MaDoiTuong", "SoDienThoai", "Email", "Fax",
    "ThongTinKhac", "TrichYeuHoSo", "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo",
    "NgayTra", "ThongTinTra", "NgayKetThucXuLy", "NgayTuChoi", "HinhThuc", "DonViXuLy", "GhiChu",
    "NoiNopHoSo", "HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID", "DuocThanhToanTrucTuyen",
)  # fmt: skip
HOSO_LISTS: Final = {
    "DinhDanhCHS": ("LoaiDinhDanh", "SoDinhDanh"),
    "TaiLieuNop": (
        "TenTepDinhKem", "MaThanhPhanHoSo", "DuongDanTaiTepTin", "DuocSoHoa", "DuocTaiSuDung",
        "IsDeleted",
    ),
    "DanhSachTepDinhKemKhac": ("TenGiayTo", "SoLuong", "LoaiGiayTo"),
    "DanhSachLePhi": ("TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia", "LoaiPhiLePhi"),
    "DanhSachHoSoBoSung": ("NgayHenTraTruoc", "NgayHenTraMoi"),
    "DanhSachGiayToKetQua": (),
    "DSKetNoiCSDL": ("MaCSDL",),
}  # fmt: skip
STEP_FIELDS: Final = (
    "MaHoSo", "NguoiXuLy", "ChucDanh", "ThoiDiemXuLy", "PhongBanXuLy", "NoiDungXuLy",
    "TrangThai", "NgayBatDau", "NgayKetThucTheoQuyDinh",
)  # fmt: skip
HOSO_REQUIRED: Final = (
    "MaHoSo", "MaTTHC", "TenTTHC", "KenhThucHien", "ChuHoSo", "LoaiDoiTuong", "NgayTiepNhan",
    "TrangThaiHoSo",
)  # fmt: skip
STEP_REQUIRED: Final = ("MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai")
HOSO_DATES: Final = (
    "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayTuChoi",
)  # fmt: skip
STEP_DATES: Final = ("ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh")
LIST_DATES: Final = ("NgayHenTraTruoc", "NgayHenTraMoi")
STATUS_CODES: Final = tuple(str(code) for code in range(1, 11))  # A4
ALLOWED_VALUES: Final = {
    "KenhThucHien": ("1", "2", "3"),
    "LoaiDoiTuong": ("1", "2", "3", "4"),
    "TrangThaiHoSo": STATUS_CODES,
    "TrangThai": STATUS_CODES,
    "HinhThuc": ("", "0", "1"),
    "LoaiDinhDanh": ("1", "2"),
}
MAX_LENGTHS: Final = {"TrichYeuHoSo": 1000, "NguoiXuLy": 50, "MaHoSo": 60, "counter_id": 40}
CHANGE_FIELDS: Final = (
    "dossier_uuid", "MaHoSo", "TrangThaiHoSo", "NgayHenTra", "NgayTra", "NgayKetThucXuLy",
    "tienTrinh", "changed_at",
)  # fmt: skip


@dataclass(frozen=True)
class FieldError:
    """One refused field: a dotted path (``hoSo.DinhDanhCHS[0].SoDinhDanh``), a code, words."""

    field: str
    code: str
    message: str = ""

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldError:
        return cls(
            str(data.get("field", "")), str(data.get("code", "")), str(data.get("message", ""))
        )


def field_error(path: str, code: FieldCode) -> FieldError:
    """A field error with the Vietnamese sentence a city system would send."""
    return FieldError(path, code.value, message_for(code.value, VI))


@dataclass(frozen=True)
class RecordResult:
    """The server's answer for one record (B2)."""

    idempotency_key: str
    outcome: Outcome
    ma_ho_so: str = ""  # ``MaHoSo`` on the wire: the official code when the server assigned one
    server_version: int | None = None
    errors: tuple[FieldError, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "idempotency_key": self.idempotency_key,
            "outcome": self.outcome.value,
            "MaHoSo": self.ma_ho_so,
            "server_version": self.server_version,
            "errors": [error.to_json() for error in self.errors],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordResult:
        """Read a result; raises ValueError (an unknown outcome) or KeyError (a missing key)."""
        version = data.get("server_version")
        return cls(
            idempotency_key=str(data["idempotency_key"]),
            outcome=Outcome(data["outcome"]),
            ma_ho_so=str(data.get("MaHoSo") or ""),
            server_version=version if isinstance(version, int) else None,
            errors=tuple(FieldError.from_json(e) for e in data.get("errors") or ()),
        )
