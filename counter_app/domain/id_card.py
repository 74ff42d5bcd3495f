"""Parse the QR payload of a chip ID card (CCCD 2021-2024, Căn cước from 1/7/2024).

The payload is one line of UTF-8, fields split by '|' (id-card.md §1). A bad field never
aborts the parse: the reading carries every field that could be read plus findings saying what
to check or type. Only a payload that is not an ID card at all raises an IdCardRejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from counter_app.domain.dates import (
    InvalidDate,
    PartialDate,
    Precision,
    looks_like_date,
    parse_card_date,
)
from counter_app.domain.findings import Finding, FindingCode, Severity
from counter_app.domain.id_number import Sex, id_number_facts, is_id_number, is_old_id_number
from counter_app.domain.identity_checks import IdentityFields, check_identity
from counter_app.domain.text import (
    collapse_spaces,
    fold,
    has_letters,
    nfc,
    remove_controls,
    repair_mojibake,
    split_scans,
    strip_scan_noise,
)
from counter_app.errors import CounterAppError

# Căn cước cards replaced CCCD on 2024-07-01; the issue date tells them apart (unconfirmed
# heuristic, id-card.md §1).
CAN_CUOC_FROM = date(2024, 7, 1)
STANDARD_FIELD_COUNT = 7
MIN_FIELD_COUNT = 6

_DIGITS = re.compile(r"[0-9]+")
# A health-insurance (BHYT) card QR has a hex-encoded UTF-8 name in field 1 (shape unconfirmed).
_LONG_HEX = re.compile(r"(?:[0-9a-fA-F]{2}){4,}")
# 'Nam', 'Nữ', and what a scanner leaves of them ('N?', 'N'), after folding.
_SEX_LIKE = re.compile(r"n(?:am|u|\?|\ufffd)?")
_SEX_WORDS = {"nam": Sex.MALE, "nu": Sex.FEMALE}
_SEX_AS_PRINTED = {"Nam": Sex.MALE, "Nữ": Sex.FEMALE}  # the usual case, without folding


class CardType(StrEnum):
    CCCD = "cccd"
    CAN_CUOC = "can_cuoc"
    UNKNOWN = "unknown"


class IdCardRejected(CounterAppError):
    """The text is not a usable ID-card payload at all."""

    code = "NOT_ID_QR"


class EmptyPayloadError(IdCardRejected):
    code = "EMPTY_PAYLOAD"


class NotIdQrError(IdCardRejected):
    code = "NOT_ID_QR"


class WrongCardBhytError(IdCardRejected):
    code = "WRONG_CARD_BHYT"


class TooFewFieldsError(IdCardRejected):
    code = "TOO_FEW_FIELDS"


@dataclass(frozen=True, repr=False)
class IdCardReading:
    """What one scan said, field by field, with the findings on it.

    ``raw_payload`` is kept with the dossier for audit; like every field it is personal data:
    the repr shows only the card type and finding codes so that a stray log line leaks nothing.
    """

    card_type: CardType
    id_number: str | None
    old_id_number: str | None
    full_name: str | None
    date_of_birth: PartialDate | None
    sex: Sex | None
    address: str | None
    issue_date: date | None
    extras: tuple[str, ...]
    findings: tuple[Finding, ...]
    raw_payload: str
    birth_registered_in: str | None = None

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
class _RawFields:
    """Field texts as located in the payload, before interpretation."""

    id_number: str = ""
    old_id_number: str = ""
    full_name: str = ""
    date_of_birth: str = ""
    sex: str = ""
    address: str = ""
    issue_date: str = ""
    extras: list[str] = field(default_factory=list)


def parse_id_payloads(text: str, *, today: date) -> list[IdCardReading | IdCardRejected]:
    """Parse every scan in ``text`` (one per line), in order; rejections come back as values."""

    results: list[IdCardReading | IdCardRejected] = []
    for scan in split_scans(text):
        try:
            results.append(parse_id_payload(scan, today=today))
        except IdCardRejected as rejected:
            results.append(rejected)
    return results


def parse_id_payload(payload: str, *, today: date) -> IdCardReading:
    """Parse one scan. Raises IdCardRejected when the text is no ID-card payload at all."""
    text = strip_scan_noise(payload)
    if not text:
        raise EmptyPayloadError()
    findings: list[Finding] = []
    repaired = repair_mojibake(text)
    if repaired is not None:
        text = repaired
        findings.append(Finding(FindingCode.ENCODING_REPAIRED))
    fields = [part.strip() for part in nfc(remove_controls(text)).split("|")]
    _drop_trailing_empty_extras(fields)
    _reject_if_not_id_card(fields)
    if _is_standard_layout(fields):
        raw = _locate_standard(fields)
    else:
        raw = _locate_by_shape(fields)
        findings.append(Finding(FindingCode.NONSTANDARD_LAYOUT))
    return _interpret(raw, findings, raw_payload=payload, today=today)


def _drop_trailing_empty_extras(fields: list[str]) -> None:
    while len(fields) > STANDARD_FIELD_COUNT and not fields[-1]:
        fields.pop()


def _reject_if_not_id_card(fields: list[str]) -> None:
    if len(fields) < 2 or not _DIGITS.fullmatch(fields[0]):
        if len(fields) >= 2 and _LONG_HEX.fullmatch(fields[1]):
            raise WrongCardBhytError()
        raise NotIdQrError()
    if len(fields) < MIN_FIELD_COUNT:
        raise TooFewFieldsError()


def _is_standard_layout(fields: list[str]) -> bool:
    return len(fields) >= STANDARD_FIELD_COUNT and (
        not fields[1] or _DIGITS.fullmatch(fields[1]) is not None
    )


def _locate_standard(fields: list[str]) -> _RawFields:
    id_number, old_id, name, dob, sex, address, issued = fields[:STANDARD_FIELD_COUNT]
    return _RawFields(
        id_number=id_number,
        old_id_number=old_id,
        full_name=name,
        date_of_birth=dob,
        sex=sex,
        address=address,
        issue_date=issued,
        extras=fields[STANDARD_FIELD_COUNT:],
    )


def _locate_by_shape(fields: list[str]) -> _RawFields:
    """Place each field by what it looks like: for layouts other than the standard seven."""
    raw = _RawFields(id_number=fields[0])
    for token in fields[1:]:
        slot = _slot_for(token, raw)
        if slot is None:
            raw.extras.append(token)
        else:
            setattr(raw, slot, token)
    return raw


def _slot_for(token: str, raw: _RawFields) -> str | None:
    """The first still-empty field this token can fill, in the spec's order of tries."""
    candidates: list[str] = []
    if _SEX_LIKE.fullmatch(fold(token)):
        candidates.append("sex")
    if looks_like_date(token):
        candidates += ["date_of_birth", "issue_date"]
    if _DIGITS.fullmatch(token) and is_old_id_number(token):
        candidates.append("old_id_number")
    if has_letters(token):
        candidates += ["address", "full_name"] if ", " in token else ["full_name", "address"]
    return next((slot for slot in candidates if not getattr(raw, slot)), None)


def _interpret(
    raw: _RawFields, findings: list[Finding], *, raw_payload: str, today: date
) -> IdCardReading:
    id_number = raw.id_number if is_id_number(raw.id_number) else None
    if id_number is None:
        findings.append(Finding(FindingCode.BAD_ID_NUMBER, "id_number"))
    dob = _read_birth_date(raw.date_of_birth, findings)
    sex, sex_from_card = _read_sex(raw.sex, id_number, findings)
    fields = IdentityFields(
        id_number=id_number,
        old_id_number=raw.old_id_number or None,
        full_name=_read_text(raw.full_name, "full_name", FindingCode.NAME_MISSING, findings),
        date_of_birth=dob,
        sex=sex,
        address=_read_text(raw.address, "address", FindingCode.ADDRESS_MISSING, findings),
        issue_date=_read_issue_date(raw.issue_date, findings),
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


def _read_birth_date(text: str, findings: list[Finding]) -> PartialDate | None:
    if not text:
        findings.append(Finding(FindingCode.BIRTH_DATE_MISSING, "date_of_birth"))
        return None
    try:
        reading = parse_card_date(text)
    except InvalidDate:
        findings.append(Finding(FindingCode.BIRTH_DATE_INVALID, "date_of_birth"))
        return None
    if reading.unusual_format:
        findings.append(Finding(FindingCode.DATE_FORMAT_UNUSUAL, "date_of_birth"))
    return reading.value


def _read_issue_date(text: str, findings: list[Finding]) -> date | None:
    """The issue date must be a whole day; anything else is a WARN and left empty."""
    if not text:
        findings.append(Finding(FindingCode.ISSUE_DATE_MISSING, "issue_date"))
        return None
    try:
        reading = parse_card_date(text)
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
