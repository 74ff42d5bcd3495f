"""An applicant's identity typed by hand: the same checks as a scanned card (id-card.md §3).

Used when there is no card to scan (a VNeID screen, a damaged card, a scanner that lost the
diacritics) and by scripts. Dates may be typed ``dd/MM/yyyy`` or ISO; sex as ``Nam``/``Nữ`` or
``male``/``female``; an empty sex is taken from the ID number with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from counter_app.domain.reading import IdCardReading, RawFields, Source, interpret_fields
from counter_app.domain.text import nfc, remove_controls

TYPED_FIELDS = (
    "id_number",
    "old_id_number",
    "full_name",
    "date_of_birth",
    "sex",
    "address",
    "issue_date",
)


def read_typed_identity(values: Mapping[str, str | None], *, today: date) -> IdCardReading:
    """Check typed values; keys are TYPED_FIELDS (missing keys count as empty).

    The reading's ``raw_payload`` is empty: nothing was scanned.
    """
    raw = RawFields()
    for name in TYPED_FIELDS:
        setattr(raw, name, _clean(values.get(name)))
    return interpret_fields(raw, [], source=Source.TYPED, raw_payload="", today=today)


def _clean(value: str | None) -> str:
    return nfc(remove_controls(value or "")).strip()
