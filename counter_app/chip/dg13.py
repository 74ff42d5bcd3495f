"""DG13: Vietnam's own data group, as public readers parse it (chip.md; unconfirmed).

A DER structure of entries, each a SEQUENCE of an INTEGER field number and one or more strings.
Known numbers become named fields; unknown ones are kept as extras, never an error.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from counter_app.chip import tlv

_INTEGER, _SEQUENCE, _SET = 0x02, 0x30, 0x31
_STRING_TAGS = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x14: "latin-1"}
_CONSTRUCTED = {_SEQUENCE, _SET, 0xA0, 0xA1}

# Field numbers (chip.md "DG13").
FIELD_NAMES = {
    1: "id_number",
    2: "full_name",
    3: "date_of_birth",
    4: "sex",
    5: "nationality",
    6: "ethnicity",
    7: "religion",
    8: "place_of_origin",
    9: "place_of_residence",
    10: "identifying_features",
    11: "issue_date",
    12: "expiry_date",
    13: "parents",
    14: "spouse",
    16: "old_id_number",
}


class Dg13(NamedTuple):
    """Named fields (each a tuple of its strings) and extras by number; repr hides the data."""

    fields: dict[str, tuple[str, ...]]
    extras: dict[int, tuple[str, ...]]

    def __repr__(self) -> str:
        return f"Dg13(fields={sorted(self.fields)!r}, extras={sorted(self.extras)!r})"

    def first(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[0] if values else None


def parse_dg13(dg13: bytes) -> Dg13:
    body = tlv.require(dg13, 0x6D)
    fields: dict[str, tuple[str, ...]] = {}
    extras: dict[int, tuple[str, ...]] = {}
    for number, strings in _entries(body):
        name = FIELD_NAMES.get(number)
        if name is not None:
            fields[name] = fields.get(name, ()) + strings
        else:
            extras[number] = extras.get(number, ()) + strings
    return Dg13(fields, extras)


def _entries(data: bytes) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Every constructed element whose first child is an INTEGER, at any depth."""
    for element in tlv.iter_tlv(data):
        if element.tag not in _CONSTRUCTED:
            continue
        children = list(tlv.iter_tlv(element.value))
        if children and children[0].tag == _INTEGER:
            number = int.from_bytes(children[0].value, "big")
            yield number, tuple(_strings(element.value, skip_first=True))
        else:
            yield from _entries(element.value)


def _strings(data: bytes, *, skip_first: bool = False) -> Iterator[str]:
    for index, element in enumerate(tlv.iter_tlv(data)):
        if skip_first and index == 0:
            continue
        if element.tag in _STRING_TAGS:
            text = element.value.decode(_STRING_TAGS[element.tag], errors="replace")
            yield unicodedata.normalize("NFC", text.strip())
        elif element.tag in _CONSTRUCTED:
            yield from _strings(element.value)
