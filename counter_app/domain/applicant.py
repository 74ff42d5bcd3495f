"""The applicant of a dossier, from an ID card reading (scanned or typed) or other documents."""

from __future__ import annotations

from counter_app.domain.dossier import Applicant, ApplicantKind, IdType
from counter_app.domain.findings import FindingCode
from counter_app.domain.reading import IdCardReading, Source


def applicant_from_reading(
    reading: IdCardReading, *, phone: str = "", email: str = ""
) -> Applicant:
    """A citizen applicant from a checked reading (its ERROR findings already refused)."""
    dob = reading.date_of_birth
    return Applicant(
        kind=ApplicantKind.CITIZEN,
        id_type=IdType.PERSONAL_ID,
        id_number=reading.id_number or "",
        full_name=reading.full_name or "",
        date_of_birth=dob.iso() if dob else "",
        sex=reading.sex.value if reading.sex else "",
        address=reading.address or "",
        phone=phone.strip(),
        email=email.strip(),
        issue_date=reading.issue_date.isoformat() if reading.issue_date else "",
        source=reading.source.value,
        card_extras=reading.extras,
        identity_verification=chip_verification(reading),
    )


def chip_verification(reading: IdCardReading) -> str:
    """What the dossier records of a chip reading: verified, or read but not verified."""
    if reading.source is not Source.CHIP:
        return ""
    unverified = any(f.code is FindingCode.CHIP_NOT_VERIFIED for f in reading.findings)
    return "not_verified" if unverified else "verified"
