"""Parse the QR payload of a chip ID card (CCCD 2021-2024, Căn cước from 1/7/2024).

The payload is one line of UTF-8, fields split by '|' (id-card.md §1). A bad field never
aborts the parse: the reading carries every field that could be read plus findings saying what
to check or type. Only a payload that is not an ID card at all raises an IdCardRejected.
"""

from __future__ import annotations

import re
from datetime import date

from counter_app.domain.dates import looks_like_date
from counter_app.domain.findings import Finding, FindingCode
from counter_app.domain.id_number import is_old_id_number
from counter_app.domain.reading import (
    CardType,
    IdCardReading,
    RawFields,
    Source,
    interpret_fields,
)
from counter_app.domain.text import (
    fold,
    has_letters,
    nfc,
    remove_controls,
    repair_mojibake,
    split_scans,
    strip_scan_noise,
)
from counter_app.errors import CounterAppError

STANDARD_FIELD_COUNT = 7
MIN_FIELD_COUNT = 6

# A health-insurance (BHYT) card QR has a hex-encoded UTF-8 name in field 1 (shape unconfirmed).
_LONG_HEX = re.compile(r"(?:[0-9a-fA-F]{2}){4,}")
# 'Nam', 'Nữ', and what a scanner leaves of them ('N?', 'N'), after folding.
_SEX_LIKE = re.compile(r"n(?:am|u|\?|\ufffd)?")

__all__ = [
    "CardType",
    "EmptyPayloadError",
    "IdCardReading",
    "IdCardRejected",
    "NotIdQrError",
    "TooFewFieldsError",
    "WrongCardBhytError",
    "parse_id_payload",
    "parse_id_payloads",
    "parse_or_reject",
]


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


def parse_id_payloads(text: str, *, today: date) -> list[IdCardReading | IdCardRejected]:
    """Parse every scan in ``text`` (one per line), in order; rejections come back as values."""
    return [parse_or_reject(scan, today=today) for scan in split_scans(text)]


def parse_or_reject(payload: str, *, today: date) -> IdCardReading | IdCardRejected:
    """Parse one scan; a rejection is returned as a value, for callers that report per item."""
    try:
        return parse_id_payload(payload, today=today)
    except IdCardRejected as rejected:
        return rejected


def parse_id_payload(payload: str, *, today: date) -> IdCardReading:
    """Parse one scan. Raises IdCardRejected when the text is no ID-card payload at all."""
    text = payload.strip()
    printable = text.isprintable()  # the usual scan: nothing invisible, no control to remove
    if not printable:
        text = strip_scan_noise(text)
    if not text:
        raise EmptyPayloadError()
    findings: list[Finding] = []
    repaired = repair_mojibake(text)
    if repaired is not None:
        text = remove_controls(repaired)
        findings.append(Finding(FindingCode.ENCODING_REPAIRED))
    elif not printable:
        text = remove_controls(text)
    fields = [part.strip() for part in nfc(text).split("|")]
    _drop_trailing_empty_extras(fields)
    _reject_if_not_id_card(fields)
    if _is_standard_layout(fields):
        raw = _locate_standard(fields)
    else:
        raw = _locate_by_shape(fields)
        findings.append(Finding(FindingCode.NONSTANDARD_LAYOUT))
    return interpret_fields(raw, findings, source=Source.QR, raw_payload=payload, today=today)


def _is_digits(text: str) -> bool:
    """One or more ASCII digits (two C-level checks: a regex here cost more than the rest)."""
    return text.isascii() and text.isdigit()


def _drop_trailing_empty_extras(fields: list[str]) -> None:
    while len(fields) > STANDARD_FIELD_COUNT and not fields[-1]:
        fields.pop()


def _reject_if_not_id_card(fields: list[str]) -> None:
    if len(fields) < 2 or not _is_digits(fields[0]):
        if len(fields) >= 2 and _LONG_HEX.fullmatch(fields[1]):
            raise WrongCardBhytError()
        raise NotIdQrError()
    if len(fields) < MIN_FIELD_COUNT:
        raise TooFewFieldsError()


def _is_standard_layout(fields: list[str]) -> bool:
    return len(fields) >= STANDARD_FIELD_COUNT and (not fields[1] or _is_digits(fields[1]))


def _locate_standard(fields: list[str]) -> RawFields:
    id_number, old_id, name, dob, sex, address, issued = fields[:STANDARD_FIELD_COUNT]
    return RawFields(
        id_number=id_number,
        old_id_number=old_id,
        full_name=name,
        date_of_birth=dob,
        sex=sex,
        address=address,
        issue_date=issued,
        extras=fields[STANDARD_FIELD_COUNT:],
    )


def _locate_by_shape(fields: list[str]) -> RawFields:
    """Place each field by what it looks like: for layouts other than the standard seven."""
    raw = RawFields(id_number=fields[0])
    for token in fields[1:]:
        slot = _slot_for(token, raw)
        if slot is None:
            raw.extras.append(token)
        else:
            setattr(raw, slot, token)
    return raw


def _slot_for(token: str, raw: RawFields) -> str | None:
    """The first still-empty field this token can fill, in the spec's order of tries."""
    candidates: list[str] = []
    if _SEX_LIKE.fullmatch(fold(token)):
        candidates.append("sex")
    if looks_like_date(token):
        candidates += ["date_of_birth", "issue_date"]
    if _is_digits(token) and is_old_id_number(token):
        candidates.append("old_id_number")
    if has_letters(token):
        candidates += ["address", "full_name"] if ", " in token else ["full_name", "address"]
    return next((slot for slot in candidates if not getattr(raw, slot)), None)
