"""A dossier (hồ sơ) as the counter receives it: applicant, procedure, papers, dates, status.

Plain immutable values; the store turns them into rows and back. Status codes are the
national portal's (dossier.md §3, sync.md A4). Personal data lives in ``Applicant`` and
``Proxy``; their reprs show no personal field, so a stray log line leaks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any

from counter_app.domain.findings import Finding


class Status(IntEnum):
    UNKNOWN = 0
    SUBMITTED_ONLINE = 1
    RECEIVED = 2
    REFUSED = 3
    IN_PROCESS = 4
    SUPPLEMENT_REQUESTED = 5
    PAYMENT_REQUESTED = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESULT_READY = 9
    RETURNED = 10


STATUS_NAMES: dict[int, dict[str, str]] = {
    0: {"vi": "Không rõ", "en": "Unknown"},
    1: {"vi": "Mới đăng ký", "en": "Submitted online"},
    2: {"vi": "Được tiếp nhận", "en": "Received"},
    3: {"vi": "Không được tiếp nhận", "en": "Refused"},
    4: {"vi": "Đang xử lý", "en": "In process"},
    5: {"vi": "Yêu cầu bổ sung giấy tờ", "en": "Supplement requested"},
    6: {"vi": "Yêu cầu thực hiện nghĩa vụ tài chính", "en": "Payment requested"},
    7: {"vi": "Công dân yêu cầu rút hồ sơ", "en": "Withdrawn by applicant"},
    8: {"vi": "Dừng xử lý", "en": "Processing stopped"},
    9: {"vi": "Đã xử lý xong", "en": "Result ready"},
    10: {"vi": "Đã trả kết quả", "en": "Result returned"},
}


def status_name(code: int, lang: str = "vi") -> str:
    """The status's name; an unknown code pulled from the city shows as "mã X" (sync.md B4)."""
    names = STATUS_NAMES.get(code)
    if names is None:
        return f"mã {code}" if lang == "vi" else f"code {code}"
    return names.get(lang, names["vi"])


class Channel(IntEnum):
    """``KenhThucHien``: how the dossier was filed."""

    COUNTER = 1
    ONLINE = 2
    POST = 3


class ApplicantKind(StrEnum):
    CITIZEN = "citizen"
    ORGANISATION = "organisation"
    FOREIGNER = "foreigner"


class IdType(StrEnum):
    """The identity document whose number keys a returning applicant."""

    PERSONAL_ID = "personal_id"  # 12-digit CCCD / Căn cước number
    OLD_ID = "old_id"  # 9-digit CMND
    PASSPORT = "passport"
    TAX_CODE = "tax_code"  # organisations: mã số thuế / mã số doanh nghiệp
    OTHER = "other"


class Outcome(StrEnum):
    """The three intake outcomes of ux.md and the status each one starts at."""

    RECEIVED = "received"
    SUPPLEMENT = "supplement"
    REFUSED = "refused"

    @property
    def status(self) -> Status:
        return _OUTCOME_STATUS[self]


_OUTCOME_STATUS = {
    Outcome.RECEIVED: Status.RECEIVED,
    Outcome.SUPPLEMENT: Status.SUPPLEMENT_REQUESTED,
    Outcome.REFUSED: Status.REFUSED,
}


@dataclass(frozen=True, repr=False)
class Applicant:
    kind: ApplicantKind
    id_type: IdType
    id_number: str
    full_name: str
    date_of_birth: str = ""  # ISO, partial allowed ("1990", "1990-05"); empty for organisations
    sex: str = ""  # "male" | "female" | ""
    address: str = ""
    phone: str = ""
    email: str = ""
    nationality: str = ""  # foreigners
    issue_date: str = ""
    source: str = "typed"  # "qr", "typed" or "chip"
    card_extras: tuple[str, ...] = ()
    # For source "chip": "verified" (passive authentication to a trusted CSCA) or
    # "not_verified" (read, no trusted CSCA); empty otherwise (docs/CHIP.md).
    identity_verification: str = ""

    def __repr__(self) -> str:
        return (
            f"Applicant(kind={self.kind.value}, id_type={self.id_type.value}, source={self.source})"
        )

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["kind"], data["id_type"] = self.kind.value, self.id_type.value
        data["card_extras"] = list(self.card_extras)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Applicant:
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["kind"] = ApplicantKind(values["kind"])
        values["id_type"] = IdType(values["id_type"])
        values["card_extras"] = tuple(values.get("card_extras", ()))
        return cls(**values)


@dataclass(frozen=True, repr=False)
class Proxy:
    """Someone who submits (or collects) on the applicant's behalf."""

    full_name: str
    id_type: IdType
    id_number: str
    relation: str = ""  # e.g. "con", "được ủy quyền"
    phone: str = ""

    def __repr__(self) -> str:
        return f"Proxy(id_type={self.id_type.value})"

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["id_type"] = self.id_type.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Proxy:
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["id_type"] = IdType(values["id_type"])
        return cls(**values)


@dataclass(frozen=True)
class DocumentReceived:
    """One paper of the checklist: how many originals and copies were handed in."""

    name: str
    originals: int = 0
    copies: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "originals": self.originals, "copies": self.copies}


@dataclass(frozen=True)
class Intake:
    """What the clerk entered: everything a new dossier needs except what the app assigns."""

    procedure_code: str
    applicant: Applicant
    outcome: Outcome = Outcome.RECEIVED
    outcome_reason: str = ""
    proxy: Proxy | None = None
    documents: tuple[DocumentReceived, ...] = ()
    sets: int = 1
    fee_vnd: int | None = None  # None: the catalogue's fee
    fee_exemption: str = ""
    notes: str = ""
    queue_ticket: str = ""
    competent_agency: str = ""  # empty: the receiving agency itself
    channel: Channel = Channel.COUNTER
    acknowledged: frozenset[str] = field(default_factory=frozenset)
    # The identity's findings (a scan's or a typed identity's): receive_dossier refuses an
    # ERROR and a CONFIRM whose code is not in ``acknowledged``. Out of the repr: a finding's
    # params may quote what was read.
    findings: tuple[Finding, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Dossier:
    """A stored dossier, as read back from the store."""

    id: int
    uuid: str
    code: str
    official_code: str | None
    version: int
    status: int
    channel: int
    receiving_agency: str
    competent_agency: str
    counter: int
    procedure_code: str
    catalogue_version: int
    applicant: Applicant
    proxy: Proxy | None
    documents: tuple[DocumentReceived, ...]
    sets: int
    fee_vnd: int
    fee_exemption: str
    received_at: str
    due_at: str | None
    notes: str
    clerk: str
    queue_ticket: str
    log_book: str
    log_line: int
    form_set: str
    outcome_reason: str
    voided_at: str | None
    returned_at: str | None
    first_synced_at: str | None
    synced_version: int
    updated_at: str

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None
