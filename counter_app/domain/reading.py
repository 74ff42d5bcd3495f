"""An applicant's identity as read (from a card's QR code or typed by hand), with findings.

``interpret_fields`` turns located field texts into typed values, runs the checks of
id-card.md §3 and leaves a field empty where an ERROR says it must be typed. The QR parser
(``id_card``) and typed entry (``typed_identity``) both end here, so a value is judged the same
whichever way it came in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from counter_app.domain.dates import (
    InvalidDate,
    PartialDate,
    from_compact,
    is_card_format,
    is_compact_card_date,
    parse_card_date,
    parse_typed_date,
)
from counter_app.domain.findings import Finding, FindingCode, Severity
from counter_app.domain.id_number import Sex, id_number_facts, is_id_number
from counter_app.domain.identity_checks import check_identity
from counter_app.domain.text import collapse_spaces, fold

# Căn cước cards replaced CCCD on 2024-07-01; the issue date tells them apart (unconfirmed
# heuristic, id-card.md §1).
CAN_CUOC_FROM = date(2024, 7, 1)

_SEX_WORDS = {"nam": Sex.MALE, "nu": Sex.FEMALE, "male": Sex.MALE, "female": Sex.FEMALE}
_SEX_AS_PRINTED = {"Nam": Sex.MALE, "Nữ": Sex.FEMALE}  # the usual case, without folding


class Source(StrEnum):
    """How the identity reached the app: the card's QR code, typed, or read from its chip."""

    QR = "qr"
    TYPED = "typed"
    CHIP = "chip"


# Cards print ddMMyyyy (a separator is suspicious); people type dd/MM/yyyy or ISO (normal).
_DATE_PARSERS: dict[Source, Callable[[str], PartialDate]] = {
    Source.QR: parse_card_date,
    Source.TYPED: parse_typed_date,
    Source.CHIP: parse_typed_date,  # DG13 writes dd/mm/yyyy
}


class CardType(StrEnum):
    CCCD = "cccd"
    CAN_CUOC = "can_cuoc"
    UNKNOWN = "unknown"


class IdCardReading(NamedTuple):
    """The identity fields one scan (or one typed form) gave, with the findings on them.

    ``raw_payload`` is kept with the dossier for audit; like every field it is personal data:
    the repr shows only the card type and finding codes so that a stray log line leaks nothing.
    Immutable. A named tuple rather than a frozen dataclass: with 14 fields a frozen dataclass
    took about five times the instructions to build (callgrind: 26k against 5k), a fifth of a
    whole parse.
    """

    id_number: str | None
    old_id_number: str | None
    full_name: str | None
    date_of_birth: PartialDate | None
    sex: Sex | None
    address: str | None
    issue_date: date | None
    card_type: CardType
    extras: tuple[str, ...]
    findings: tuple[Finding, ...]
    raw_payload: str
    birth_registered_in: str | None = None
    source: Source = Source.QR

    @property
    def ok(self) -> bool:
        return not any(f.blocks for f in self.findings)

    @property
    def first_error(self) -> Finding | None:
        return next((f for f in self.findings if f.blocks), None)

    def codes(self, *severities: Severity) -> list[str]:
        """Finding codes (deduplicated, in order), limited to ``severities`` when given."""
        wanted = set(severities) or set(Severity)
        return list(dict.fromkeys(f.code.value for f in self.findings if f.severity in wanted))

    def __repr__(self) -> str:
        return f"IdCardReading(card_type={self.card_type.value}, findings={self.codes()})"


# The identity fields (the first seven): those an ERROR finding may name, and so leave empty.
_IDENTITY_FIELDS = frozenset(IdCardReading._fields[:7])


@dataclass
class RawFields:
    """Field texts as located in a payload or typed in a form, before interpretation."""

    id_number: str = ""
    old_id_number: str = ""
    full_name: str = ""
    date_of_birth: str = ""
    sex: str = ""
    address: str = ""
    issue_date: str = ""
    extras: list[str] = field(default_factory=list)


def interpret_fields(
    raw: RawFields,
    findings: list[Finding],
    *,
    source: Source,
    raw_payload: str,
    today: date,
) -> IdCardReading:
    """Typed values, checks and findings for ``raw``; ``findings`` holds those found so far."""
    id_number = raw.id_number if is_id_number(raw.id_number) else None
    if id_number is None:
        findings.append(Finding(FindingCode.BAD_ID_NUMBER, "id_number"))
    dob = _read_birth_date(raw.date_of_birth, findings, source)
    sex, sex_from_card = _read_sex(raw.sex, id_number, findings)
    issue_date = _read_issue_date(raw.issue_date, findings, source)
    values = _Identity(
        id_number,
        raw.old_id_number or None,
        _read_text(raw.full_name, "full_name", FindingCode.NAME_MISSING, findings),
        dob,
        sex,
        _read_text(raw.address, "address", FindingCode.ADDRESS_MISSING, findings),
        issue_date,
    )
    findings += check_identity(values, today=today, sex_from_card=sex_from_card)
    if raw.extras:
        findings.append(
            Finding(FindingCode.EXTRAS_PRESENT, "extras", {"count": str(len(raw.extras))})
        )
    if findings:
        values = _blank_errors(values, findings)
    # Built once, with its findings: a named tuple's _replace costs as much as a second build.
    return IdCardReading(
        *values,
        card_type=_card_type(issue_date, has_extras=bool(raw.extras)),
        extras=tuple(raw.extras),
        findings=tuple(findings),
        raw_payload=raw_payload,
        birth_registered_in=id_number_facts(id_number).place_name if id_number else None,
        source=source,
    )


class _Identity(NamedTuple):
    """The seven identity fields, in IdCardReading's order, while the checks run on them."""

    id_number: str | None
    old_id_number: str | None
    full_name: str | None
    date_of_birth: PartialDate | None
    sex: Sex | None
    address: str | None
    issue_date: date | None


def _read_text(
    value: str, field_name: str, missing: FindingCode, findings: list[Finding]
) -> str | None:
    text = collapse_spaces(value)
    if not text:
        findings.append(Finding(missing, field_name))
        return None
    return text


def _read_birth_date(text: str, findings: list[Finding], source: Source) -> PartialDate | None:
    if not text:
        findings.append(Finding(FindingCode.BIRTH_DATE_MISSING, "date_of_birth"))
        return None
    try:
        return _read_date(text, "date_of_birth", source, findings)
    except InvalidDate:
        findings.append(Finding(FindingCode.BIRTH_DATE_INVALID, "date_of_birth"))
        return None


def _read_issue_date(text: str, findings: list[Finding], source: Source) -> date | None:
    """A whole day, or a WARN and empty; a card's QR always has one, a typed form need not."""
    if not text:
        if source is Source.QR:
            findings.append(Finding(FindingCode.ISSUE_DATE_MISSING, "issue_date"))
        return None
    unusual: list[Finding] = []
    try:
        value: PartialDate | None = _read_date(text, "issue_date", source, unusual)
    except InvalidDate:
        value = None
    if value is None or value.day is None:
        findings.append(Finding(FindingCode.ISSUE_DATE_INVALID, "issue_date"))
        return None
    findings += unusual
    return value.earliest()


def _read_date(text: str, field_name: str, source: Source, findings: list[Finding]) -> PartialDate:
    """The date as a card prints it (bare digits: the usual case, read in one step) or any
    other way; a card prints bare digits, so other forms in a QR code get a finding."""
    if source is Source.QR and is_compact_card_date(text):
        return from_compact(text)
    value = _DATE_PARSERS[source](text)
    if source is Source.QR and not is_card_format(text):
        findings.append(Finding(FindingCode.DATE_FORMAT_UNUSUAL, field_name))
    return value


def _read_sex(text: str, id_number: str | None, findings: list[Finding]) -> tuple[Sex | None, bool]:
    """Sex as printed, else from the ID's gender digit; the flag tells which."""
    sex = _SEX_AS_PRINTED.get(text) or _SEX_WORDS.get(fold(text).strip())
    if sex is not None:
        return sex, True
    if id_number is None:
        findings.append(Finding(FindingCode.SEX_MISSING, "sex"))
        return None, False
    derived = id_number_facts(id_number).sex
    findings.append(Finding(FindingCode.SEX_FROM_ID, "sex", {"sex": derived.value}))
    return derived, False


def _blank_errors(values: _Identity, findings: list[Finding]) -> _Identity:
    """An ERROR on a field leaves it empty, for the clerk to type."""
    blanked = {f.field: None for f in findings if f.blocks and f.field in _IDENTITY_FIELDS}
    return values._replace(**blanked) if blanked else values


def _card_type(issue_date: date | None, *, has_extras: bool) -> CardType:
    if issue_date is not None:
        return CardType.CAN_CUOC if issue_date >= CAN_CUOC_FROM else CardType.CCCD
    return CardType.CAN_CUOC if has_extras else CardType.UNKNOWN
