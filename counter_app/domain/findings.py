"""Findings: what a check says about a value, with a stable code and a severity.

Severities follow the ID-card spec: ERROR (unusable: the payload is rejected or the field is left
empty for typing), CONFIRM (the clerk must acknowledge before saving), WARN (shown, not
blocking), INFO (kept). Codes are part of the CLI contract: never rename one.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "ERROR"
    CONFIRM = "CONFIRM"
    WARN = "WARN"
    INFO = "INFO"


class FindingCode(StrEnum):
    """Every check of the ID-card spec (id-card.md §1-§3), one stable code each."""

    BAD_ID_NUMBER = "BAD_ID_NUMBER"
    UNKNOWN_PROVINCE = "UNKNOWN_PROVINCE"
    SEX_ID_MISMATCH = "SEX_ID_MISMATCH"
    BIRTH_YEAR_ID_MISMATCH = "BIRTH_YEAR_ID_MISMATCH"
    BIRTH_DATE_MISSING = "BIRTH_DATE_MISSING"
    BIRTH_DATE_INVALID = "BIRTH_DATE_INVALID"
    BIRTH_DATE_IN_FUTURE = "BIRTH_DATE_IN_FUTURE"
    AGE_OVER_120 = "AGE_OVER_120"
    ISSUE_DATE_MISSING = "ISSUE_DATE_MISSING"
    ISSUE_DATE_INVALID = "ISSUE_DATE_INVALID"
    ISSUE_DATE_BEFORE_BIRTH = "ISSUE_DATE_BEFORE_BIRTH"
    ISSUE_DATE_IN_FUTURE = "ISSUE_DATE_IN_FUTURE"
    ISSUE_DATE_BEFORE_CHIP_CARDS = "ISSUE_DATE_BEFORE_CHIP_CARDS"
    OLD_ID_INVALID = "OLD_ID_INVALID"
    NAME_MISSING = "NAME_MISSING"
    ADDRESS_MISSING = "ADDRESS_MISSING"
    SEX_MISSING = "SEX_MISSING"
    SEX_FROM_ID = "SEX_FROM_ID"
    DIACRITICS_LOST = "DIACRITICS_LOST"
    UNREADABLE_CHARACTERS = "UNREADABLE_CHARACTERS"
    ENCODING_REPAIRED = "ENCODING_REPAIRED"
    ENCODING_BROKEN = "ENCODING_BROKEN"
    DATE_FORMAT_UNUSUAL = "DATE_FORMAT_UNUSUAL"
    NONSTANDARD_LAYOUT = "NONSTANDARD_LAYOUT"
    EXTRAS_PRESENT = "EXTRAS_PRESENT"
    CHIP_QR_DIFFER = "CHIP_QR_DIFFER"
    CHIP_NOT_VERIFIED = "CHIP_NOT_VERIFIED"
    CHIP_IS_PASSPORT = "CHIP_IS_PASSPORT"
    CHIP_MRZ_CHECK_FAILED = "CHIP_MRZ_CHECK_FAILED"


SEVERITY_OF: Mapping[FindingCode, Severity] = {
    FindingCode.BAD_ID_NUMBER: Severity.ERROR,
    FindingCode.UNKNOWN_PROVINCE: Severity.WARN,
    FindingCode.SEX_ID_MISMATCH: Severity.CONFIRM,
    FindingCode.BIRTH_YEAR_ID_MISMATCH: Severity.CONFIRM,
    FindingCode.BIRTH_DATE_MISSING: Severity.ERROR,
    FindingCode.BIRTH_DATE_INVALID: Severity.ERROR,
    FindingCode.BIRTH_DATE_IN_FUTURE: Severity.ERROR,
    FindingCode.AGE_OVER_120: Severity.WARN,
    FindingCode.ISSUE_DATE_MISSING: Severity.WARN,
    FindingCode.ISSUE_DATE_INVALID: Severity.WARN,
    FindingCode.ISSUE_DATE_BEFORE_BIRTH: Severity.WARN,
    FindingCode.ISSUE_DATE_IN_FUTURE: Severity.WARN,
    FindingCode.ISSUE_DATE_BEFORE_CHIP_CARDS: Severity.WARN,
    FindingCode.OLD_ID_INVALID: Severity.WARN,
    FindingCode.NAME_MISSING: Severity.ERROR,
    FindingCode.ADDRESS_MISSING: Severity.ERROR,
    FindingCode.SEX_MISSING: Severity.ERROR,
    FindingCode.SEX_FROM_ID: Severity.WARN,
    FindingCode.DIACRITICS_LOST: Severity.WARN,
    FindingCode.UNREADABLE_CHARACTERS: Severity.CONFIRM,
    FindingCode.ENCODING_REPAIRED: Severity.WARN,
    FindingCode.ENCODING_BROKEN: Severity.CONFIRM,
    FindingCode.DATE_FORMAT_UNUSUAL: Severity.WARN,
    FindingCode.NONSTANDARD_LAYOUT: Severity.WARN,
    FindingCode.EXTRAS_PRESENT: Severity.INFO,
    FindingCode.CHIP_QR_DIFFER: Severity.CONFIRM,
    FindingCode.CHIP_NOT_VERIFIED: Severity.WARN,
    FindingCode.CHIP_IS_PASSPORT: Severity.WARN,
    FindingCode.CHIP_MRZ_CHECK_FAILED: Severity.WARN,
}


_NO_PARAMS: Mapping[str, str] = MappingProxyType({})


class Finding(NamedTuple):
    """One check's verdict on one field (``field`` is None for the payload as a whole).

    ``params`` fill the placeholders of the message (counter_app.messages); they are shown to
    the clerk, never logged. Immutable; a named tuple because a parse may make several.
    """

    code: FindingCode
    field: str | None = None
    params: Mapping[str, str] = _NO_PARAMS

    @property
    def severity(self) -> Severity:
        return SEVERITY_OF[self.code]

    @property
    def blocks(self) -> bool:
        """True when the value cannot be used as read (an ERROR)."""
        return self.severity is Severity.ERROR
