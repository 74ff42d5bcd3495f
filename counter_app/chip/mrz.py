"""DG1: the TD1 machine-readable zone of the ID card (ICAO 9303 Part 5), with check digits."""

from __future__ import annotations

from typing import NamedTuple

from counter_app.chip import tlv
from counter_app.chip.errors import ChipDataError
from counter_app.chip.mrz_key import check_digit

TD1_LINE = 30
TD3_LINE = 44


class Mrz(NamedTuple):
    """The MRZ's fields as printed ('<' kept in names); personal data, so the repr is bare."""

    document_code: str
    issuing_state: str
    document_number: str
    optional_data: str
    birth_yymmdd: str
    sex: str
    expiry_yymmdd: str
    nationality: str
    names: str
    failed_checks: tuple[str, ...]
    is_passport: bool = False

    def __repr__(self) -> str:
        return f"Mrz(code={self.document_code!r}, failed_checks={self.failed_checks!r})"

    @property
    def full_name(self) -> str:
        """'TRAN<<QUOC<BAO' as 'TRAN QUOC BAO' (the MRZ has no diacritics)."""
        surname, _, given = self.names.partition("<<")
        parts = [surname.replace("<", " ").strip(), given.replace("<", " ").strip()]
        return " ".join(part for part in parts if part)


def parse_dg1(dg1: bytes) -> Mrz:
    """Parse EF.DG1 (tag 61 holding 5F1F); a TD3 (passport) MRZ is read too and marked."""
    text = tlv.require(tlv.require(dg1, 0x61), 0x5F1F).decode("ascii", errors="replace")
    if len(text) == 3 * TD1_LINE:
        return _parse_td1(text)
    if len(text) == 2 * TD3_LINE:
        return _parse_td3(text)
    raise ChipDataError("MRZ of unexpected length")


def _parse_td1(text: str) -> Mrz:
    line1, line2, line3 = text[:30], text[30:60], text[60:90]
    checks = {
        "document_number": (line1[5:14], line1[14]),
        "birth_date": (line2[0:6], line2[6]),
        "expiry_date": (line2[8:14], line2[14]),
        "composite": (line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29], line2[29]),
    }
    return Mrz(
        document_code=line1[0:2].rstrip("<"),
        issuing_state=line1[2:5],
        document_number=line1[5:14].rstrip("<"),
        optional_data=line1[15:30].rstrip("<"),
        birth_yymmdd=line2[0:6],
        sex=line2[7],
        expiry_yymmdd=line2[8:14],
        nationality=line2[15:18],
        names=line3.rstrip("<"),
        failed_checks=_failed(checks),
    )


def _parse_td3(text: str) -> Mrz:
    line1, line2 = text[:44], text[44:]
    checks = {
        "document_number": (line2[0:9], line2[9]),
        "birth_date": (line2[13:19], line2[19]),
        "expiry_date": (line2[21:27], line2[27]),
    }
    return Mrz(
        document_code=line1[0:2].rstrip("<"),
        issuing_state=line1[2:5],
        document_number=line2[0:9].rstrip("<"),
        optional_data=line2[28:42].rstrip("<"),
        birth_yymmdd=line2[13:19],
        sex=line2[20],
        expiry_yymmdd=line2[21:27],
        nationality=line2[10:13],
        names=line1[5:44].rstrip("<"),
        failed_checks=_failed(checks),
        is_passport=True,
    )


def _failed(checks: dict[str, tuple[str, str]]) -> tuple[str, ...]:
    return tuple(name for name, (field, digit) in checks.items() if check_digit(field) != digit)
