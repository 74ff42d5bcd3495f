"""The checks of id-card.md §3, for values read from a card and for values typed by hand."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from counter_app.domain.dates import PartialDate
from counter_app.domain.findings import Finding, FindingCode
from counter_app.domain.id_number import Sex, id_number_facts, is_id_number, is_old_id_number
from counter_app.domain.text import (
    has_letters,
    has_trouble_signs,
    has_unreadable_characters,
    looks_like_mojibake,
)

# Chip CCCD cards were first issued in 2021: an earlier issue date is a misread or a typo.
CHIP_CARDS_FROM = date(2021, 1, 1)
# Beyond this age a birth date is far more likely a typo than a living applicant.
MAX_PLAUSIBLE_AGE = 120


class IdentityFields(Protocol):
    """An applicant's card fields, cleaned and NFC; None where nothing usable was read.

    A reading from a card or a form (``IdCardReading``) and, later, a stored applicant all
    have these; the checks need nothing else.
    """

    @property
    def id_number(self) -> str | None: ...
    @property
    def old_id_number(self) -> str | None: ...
    @property
    def full_name(self) -> str | None: ...
    @property
    def date_of_birth(self) -> PartialDate | None: ...
    @property
    def sex(self) -> Sex | None: ...
    @property
    def address(self) -> str | None: ...
    @property
    def issue_date(self) -> date | None: ...


def check_identity(
    fields: IdentityFields, *, today: date, sex_from_card: bool = True
) -> list[Finding]:
    """Run every cross-field and text check; ``sex_from_card`` False when sex came from the ID."""
    findings: list[Finding] = []
    findings += _check_id_number(fields, sex_from_card=sex_from_card)
    findings += _check_birth_date(fields.date_of_birth, today=today)
    findings += _check_issue_date(fields.issue_date, fields.date_of_birth, today=today)
    if fields.old_id_number and not is_old_id_number(fields.old_id_number):
        findings.append(Finding(FindingCode.OLD_ID_INVALID, "old_id_number"))
    findings += _check_text("full_name", fields.full_name)
    findings += _check_text("address", fields.address)
    return findings


def _check_id_number(fields: IdentityFields, *, sex_from_card: bool) -> list[Finding]:
    if fields.id_number is None:
        return []
    if not is_id_number(fields.id_number):
        return [Finding(FindingCode.BAD_ID_NUMBER, "id_number")]
    facts = id_number_facts(fields.id_number)
    findings: list[Finding] = []
    if facts.place_name is None:
        findings.append(
            Finding(FindingCode.UNKNOWN_PROVINCE, "id_number", {"code": facts.place_code})
        )
    if sex_from_card and fields.sex is not None and fields.sex is not facts.sex:
        findings.append(Finding(FindingCode.SEX_ID_MISMATCH, "sex", {"id_sex": facts.sex}))
    dob = fields.date_of_birth
    if dob is not None and dob.year != facts.birth_year:
        params = {"id_year": str(facts.birth_year), "card_year": str(dob.year)}
        findings.append(Finding(FindingCode.BIRTH_YEAR_ID_MISMATCH, "date_of_birth", params))
    return findings


def _check_birth_date(dob: PartialDate | None, *, today: date) -> list[Finding]:
    if dob is None:
        return []
    # Most birth years are well inside both bounds: decide those without building dates.
    if dob.year >= today.year and dob.earliest() > today:
        return [Finding(FindingCode.BIRTH_DATE_IN_FUTURE, "date_of_birth")]
    too_old = today.year - dob.year > MAX_PLAUSIBLE_AGE
    if too_old and _years_between(dob.latest(), today) > MAX_PLAUSIBLE_AGE:
        return [Finding(FindingCode.AGE_OVER_120, "date_of_birth")]
    return []


def _check_issue_date(
    issued: date | None, dob: PartialDate | None, *, today: date
) -> list[Finding]:
    if issued is None:
        return []
    findings: list[Finding] = []
    if dob is not None and issued < dob.earliest():
        findings.append(Finding(FindingCode.ISSUE_DATE_BEFORE_BIRTH, "issue_date"))
    if issued > today:
        findings.append(Finding(FindingCode.ISSUE_DATE_IN_FUTURE, "issue_date"))
    if issued < CHIP_CARDS_FROM:
        findings.append(Finding(FindingCode.ISSUE_DATE_BEFORE_CHIP_CARDS, "issue_date"))
    return findings


def _check_text(field_name: str, value: str | None) -> list[Finding]:
    """Letters a scanner lost: '?' or U+FFFD, unrepaired mojibake, or no marks at all.

    Clean Vietnamese text (the usual case) is neither ASCII nor has any sign of trouble: one
    scan of the text settles it.
    """
    if not value:
        return []
    ascii_only = value.isascii()
    if not ascii_only and not has_trouble_signs(value):
        return []
    if has_unreadable_characters(value):
        return [Finding(FindingCode.UNREADABLE_CHARACTERS, field_name)]
    if ascii_only:
        return [Finding(FindingCode.DIACRITICS_LOST, field_name)] if has_letters(value) else []
    if looks_like_mojibake(value):
        return [Finding(FindingCode.ENCODING_BROKEN, field_name)]
    return []


def _years_between(earlier: date, later: date) -> int:
    """Whole years from ``earlier`` to ``later`` (an age)."""
    before_birthday = (later.month, later.day) < (earlier.month, earlier.day)
    return later.year - earlier.year - int(before_birthday)
