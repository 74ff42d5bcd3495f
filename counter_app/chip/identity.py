"""The chip's data as an ``IdCardReading``, checked like a scan, and compared with the QR.

DG13 gives the Vietnamese fields with diacritics; without DG13 (or on a passport) the MRZ gives
what it can (a name without marks, no address). The same ``interpret_fields`` as a QR scan runs
on the values, so a chip reading carries the same findings as a scanned one. Differences from
the QR scan become ``CHIP_QR_DIFFER`` findings for the clerk to confirm.
"""

from __future__ import annotations

from datetime import date

from counter_app.chip.dg13 import Dg13
from counter_app.chip.mrz import Mrz
from counter_app.domain.findings import Finding, FindingCode
from counter_app.domain.reading import IdCardReading, RawFields, Source, interpret_fields
from counter_app.domain.text import fold

_SEX_FROM_MRZ = {"M": "Nam", "F": "Nữ"}
COMPARED_FIELDS = ("id_number", "full_name", "date_of_birth", "sex", "address", "issue_date")


def reading_from_chip(
    mrz: Mrz, dg13: Dg13 | None, *, today: date, qr: IdCardReading | None = None
) -> IdCardReading:
    """The chip's identity; a field the chip lacks (no DG13: the address, the issue date) is
    taken from ``qr``, and an MRZ name without marks becomes the QR's when the letters agree."""
    raw = _raw_from_dg13(dg13) if dg13 is not None else _raw_from_mrz(mrz, today)
    if qr is not None:
        _fill_gaps(raw, qr)
    findings: list[Finding] = []
    if mrz.is_passport:
        findings.append(Finding(FindingCode.CHIP_IS_PASSPORT))
    if mrz.failed_checks:
        checks = ", ".join(mrz.failed_checks)
        findings.append(Finding(FindingCode.CHIP_MRZ_CHECK_FAILED, None, {"checks": checks}))
    return interpret_fields(raw, findings, source=Source.CHIP, raw_payload="", today=today)


def with_finding(reading: IdCardReading, finding: Finding) -> IdCardReading:
    return reading._replace(findings=(*reading.findings, finding))


def compare_with_qr(chip: IdCardReading, qr: IdCardReading) -> IdCardReading:
    """The chip reading with one CHIP_QR_DIFFER finding per field the QR gave differently."""
    differing = [
        Finding(FindingCode.CHIP_QR_DIFFER, name)
        for name in COMPARED_FIELDS
        if _differs(getattr(chip, name), getattr(qr, name))
    ]
    return chip._replace(findings=(*chip.findings, *differing)) if differing else chip


def _differs(chip_value: object, qr_value: object) -> bool:
    """Texts compare without case and spacing but with their marks: 'Trần' is not 'Trân'."""
    if chip_value is None or qr_value is None:
        return False  # a missing value is its own finding, not a difference
    if isinstance(chip_value, str) and isinstance(qr_value, str):
        return _spaced(chip_value) != _spaced(qr_value)
    return chip_value != qr_value


def _spaced(text: str) -> str:
    return " ".join(text.split()).casefold()


def _fill_gaps(raw: RawFields, qr: IdCardReading) -> None:
    if not raw.address and qr.address:
        raw.address = qr.address
    if not raw.issue_date and qr.issue_date:
        raw.issue_date = qr.issue_date.strftime("%d/%m/%Y")
    if not raw.old_id_number and qr.old_id_number:
        raw.old_id_number = qr.old_id_number
    if qr.full_name and raw.full_name == _as_mrz_name(qr.full_name):
        raw.full_name = qr.full_name  # the same letters, with the marks the MRZ cannot hold


def _as_mrz_name(name: str) -> str:
    return " ".join(fold(name).upper().split())


def _raw_from_dg13(dg13: Dg13) -> RawFields:
    extras = [text for _, texts in sorted(dg13.extras.items()) for text in texts]
    return RawFields(
        id_number=dg13.first("id_number") or "",
        old_id_number=dg13.first("old_id_number") or "",
        full_name=dg13.first("full_name") or "",
        date_of_birth=dg13.first("date_of_birth") or "",
        sex=dg13.first("sex") or "",
        address=dg13.first("place_of_residence") or "",
        issue_date=dg13.first("issue_date") or "",
        extras=extras,
    )


def _raw_from_mrz(mrz: Mrz, today: date) -> RawFields:
    id_number = mrz.optional_data if len(mrz.optional_data) == 12 else ""
    return RawFields(
        id_number=id_number,
        full_name=mrz.full_name,
        date_of_birth=_mrz_birth(mrz.birth_yymmdd, today),
        sex=_SEX_FROM_MRZ.get(mrz.sex, ""),
    )


def _mrz_birth(yymmdd: str, today: date) -> str:
    """YYMMDD as dd/mm/yyyy, in the latest century that puts the birth before today."""
    if not yymmdd.isdigit():
        return ""
    year = 2000 + int(yymmdd[:2])
    if year > today.year:
        year -= 100
    return f"{yymmdd[4:6]}/{yymmdd[2:4]}/{year}"
