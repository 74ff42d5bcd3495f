"""Building blocks for dossier tests: a configured counter and synthetic applicants."""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.dossier import (
    Applicant,
    ApplicantKind,
    DocumentReceived,
    IdType,
    Intake,
    Outcome,
)
from counter_app.domain.vn_time import VN_TZ
from counter_app.services.settings.counter import build_config
from counter_app.services.store.opening import Store
from counter_app.services.store.setup import set_up_counter

AGENCY = "000.31.27.H26"
CLERK = "clerk:lan"


def configure(store: Store, *, counter: int = 1, agency: str = AGENCY) -> None:
    config, _ = build_config(
        agency_code=agency, agency_name="UBND phường Hoàn Kiếm", counter=counter
    )
    set_up_counter(store, config, actor="it", now=vn(2026, 11, 2, 8, 0))


def vn(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def citizen(
    name: str = "Đặng Thị Thuỷ",
    id_number: str = "001189004217",
    address: str = "Số 7 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
) -> Applicant:
    return Applicant(
        kind=ApplicantKind.CITIZEN,
        id_type=IdType.PERSONAL_ID,
        id_number=id_number,
        full_name=name,
        date_of_birth="1989-06-05",
        sex="female",
        address=address,
        phone="0912345678",
    )


def intake(
    applicant: Applicant | None = None,
    *,
    procedure: str = "1.004873",
    outcome: Outcome = Outcome.RECEIVED,
    reason: str = "",
) -> Intake:
    return Intake(
        procedure_code=procedure,
        applicant=applicant or citizen(),
        outcome=outcome,
        outcome_reason=reason,
        documents=(DocumentReceived("Tờ khai", originals=1, copies=0),),
    )
