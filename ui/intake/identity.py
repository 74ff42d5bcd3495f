"""Between the form's texts and the ID-card reading: dates shown dd/MM/yyyy, sex as printed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from counter_app.domain.dates import PartialDate
from counter_app.domain.id_card import IdCardReading
from counter_app.domain.typed_identity import read_typed_identity

SEX_TEXTS = {"male": "Nam", "female": "Nữ"}
IDENTITY_KEYS = ("id_number", "full_name", "date_of_birth", "sex", "address")


def date_text(value: PartialDate | None) -> str:
    """dd/MM/yyyy on screen (ux.md); a partial birth date as MM/yyyy or yyyy."""
    if value is None:
        return ""
    year, month, day = value
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{month:02d}/{year:04d}"
    return f"{day:02d}/{month:02d}/{year:04d}"


def reading_texts(reading: IdCardReading) -> dict[str, str]:
    """The identity fields of a reading as the form shows them."""
    return {
        "id_number": reading.id_number or "",
        "full_name": reading.full_name or "",
        "date_of_birth": date_text(reading.date_of_birth),
        "sex": SEX_TEXTS.get(reading.sex.value, "") if reading.sex else "",
        "address": reading.address or "",
    }


def typed_reading(values: Mapping[str, str], *, today: date) -> IdCardReading:
    """The same checks as a scan, on what the form holds now (id-card.md §3)."""
    return read_typed_identity({key: values.get(key, "") for key in IDENTITY_KEYS}, today=today)
