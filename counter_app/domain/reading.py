"""An applicant's identity as read (from a card's QR code or typed by hand), with findings.

``interpret_fields`` turns located field texts into typed values, runs the checks of
id-card.md §3 and leaves a field empty where an ERROR says it must be typed. The QR parser
(``id_card``) and typed entry (``typed_identity``) both end here, so a value is judged the same
whichever way it came in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from counter_app.domain.dates import (
    DateReading,
    InvalidDate,
    PartialDate,
    Precision,
    parse_card_date,
    parse_typed_date,
)
from counter_app.domain.findings import Finding, FindingCode, Severity
from counter_app.domain.id_number import Sex, id_number_facts, is_id_number
from counter_app.domain.identity_checks import IdentityFields, check_identity
from counter_app.domain.text import collapse_spaces, fold

# Căn cước cards replaced CCCD on 2024-07-01; the issue date tells them apart (unconfirmed
# heuristic, id-card.md §1).
CAN_CUOC_FROM = date(2024, 7, 1)

_SEX_WORDS = {"nam": Sex.MALE, "nu": Sex.FEMALE, "male": Sex.MALE, "female": Sex.FEMALE}
_SEX_AS_PRINTED = {"Nam": Sex.MALE, "Nữ": Sex.FEMALE}  # the usual case, without folding


class Source(StrEnum):
    """How the identity reached the app: scanned from the card's QR code, or typed."""

    QR = "qr"
    TYPED = "typed"


# Cards print ddMMyyyy (a separator is suspicious); people type dd/MM/yyyy or ISO (normal).
_DATE_PARSERS: dict[Source, Callable[[str], DateReading]] = {
    Source.QR: parse_card_date,
    Source.TYPED: parse_typed_date,
}


class CardType(StrEnum):
    CCCD = "cccd"
    CAN_CUOC = "can_cuoc"
    UNKNOWN = "unknown"


@dataclass(frozen=True, repr=False)
class IdCardReading(IdentityFields):
    """The identity fields one scan (or one typed form) gave, with the findings on them.

    ``raw_payload`` is kept with the dossier for audit; like every field it is personal data:
    the repr shows only the card type and finding codes so that a stray log line leaks nothing.
    """

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
    parse_date = _DATE_PARSERS[source]
    dob = _read_birth_date(raw.date_of_birth, findings, parse_date)
    sex, sex_from_card = _read_sex(raw.sex, id_number, findings)
    fields = IdentityFields(
        id_number=id_number,
        old_id_number=raw.old_id_number or None,
        full_name=_read_text(raw.full_name, "full_name", FindingCode.NAME_MISSING, findings),
        date_of_birth=dob,
        sex=sex,
        address=_read_text(raw.address, "address", FindingCode.ADDRESS_MISSING, findings),
        issue_date=_read_issue_date(
            raw.issue_date, findings, parse_date, optional=source is Source.TYPED
        ),
    )
    findings += check_identity(fields, today=today, sex_from_card=sex_from_card)
    if raw.extras:
        findings.append(
            Finding(FindingCode.EXTRAS_PRESENT, "extras", {"count": str(len(raw.extras))})
        )
    fields = _blank_blocked_fields(fields, findings)
    return IdCardReading(
        card_type=_card_type(fields.issue_date, has_extras=bool(raw.extras)),
        **vars(fields),
        extras=tuple(raw.extras),
        findings=tuple(findings),
        raw_payload=raw_payload,
        source=source,
        birth_registered_in=id_number_facts(id_number).place_name if id_number else None,
    )


def _read_text(
    value: str, field_name: str, missing: FindingCode, findings: list[Finding]
) -> str | None:
    text = collapse_spaces(value)
    if not text:
        findings.append(Finding(missing, field_name))
        return None
    return text


def _read_birth_date(
    text: str, findings: list[Finding], parse_date: Callable[[str], DateReading]
) -> PartialDate | None:
    if not text:
        findings.append(Finding(FindingCode.BIRTH_DATE_MISSING, "date_of_birth"))
        return None
    try:
        reading = parse_date(text)
    except InvalidDate:
        findings.append(Finding(FindingCode.BIRTH_DATE_INVALID, "date_of_birth"))
        return None
    if reading.unusual_format:
        findings.append(Finding(FindingCode.DATE_FORMAT_UNUSUAL, "date_of_birth"))
    return reading.value


def _read_issue_date(
    text: str,
    findings: list[Finding],
    parse_date: Callable[[str], DateReading],
    *,
    optional: bool,
) -> date | None:
    """A whole day, or a WARN and empty; a card's QR always has one, a typed form need not."""
    if not text:
        if not optional:
            findings.append(Finding(FindingCode.ISSUE_DATE_MISSING, "issue_date"))
        return None
    try:
        reading = parse_date(text)
    except InvalidDate:
        reading = None
    if reading is None or reading.value.precision is not Precision.DAY:
        findings.append(Finding(FindingCode.ISSUE_DATE_INVALID, "issue_date"))
        return None
    if reading.unusual_format:
        findings.append(Finding(FindingCode.DATE_FORMAT_UNUSUAL, "issue_date"))
    return reading.value.earliest()


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


def _blank_blocked_fields(fields: IdentityFields, findings: list[Finding]) -> IdentityFields:
    """An ERROR on a field leaves it empty, for the clerk to type."""
    blocked = {f.field for f in findings if f.field and f.blocks}
    if not blocked:
        return fields
    return replace(fields, **dict.fromkeys(blocked & set(vars(fields))))


def _card_type(issue_date: date | None, *, has_extras: bool) -> CardType:
    if issue_date is not None:
        return CardType.CAN_CUOC if issue_date >= CAN_CUOC_FROM else CardType.CCCD
    return CardType.CAN_CUOC if has_extras else CardType.UNKNOWN
