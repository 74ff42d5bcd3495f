"""Form sets as data: each form's number, title and ordered items, read from ``resources/forms``.

The renderer knows how to draw each item key (a labelled value, the documents table, the
signature row…); the set's JSON file says which items a form prints, in what order and with
what words. A new circular that renumbers or rewords a form is a new file, not a release.
``vpcp-2018.json`` follows TT 01/2018/TT-VPCP, ``vpcp-2025.json`` TT 03/2025/TT-VPCP (the
default), and ``vpcp-2025-alt.json`` the post-2025 receipt layout seen in one implementation.
"""

from __future__ import annotations

import functools
import json
import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from counter_app.documents.errors import FormSetBrokenError, FormSetUnknownError
from counter_app.documents.model import Copy, FormKind
from counter_app.resources import resource_path

DEFAULT_FORM_SET: Final = "2025"
_SET_ID: Final = re.compile(r"[0-9a-z][0-9a-z-]{0,31}")
_FILE_PREFIX: Final = "vpcp-"

# Item keys the page renderer draws (counter_app.documents.items) and the thermal slip draws
# (counter_app.documents.thermal); a form set listing anything else is refused when loaded.
PAGE_ITEM_KEYS: Final = frozenset(
    {
        "code", "copy_label", "barcode", "applicant", "recipient", "id_number", "address",
        "phone", "email", "procedure", "documents", "sets", "processing_time", "received_at",
        "due_at", "new_due_at", "return_place", "fee", "reason", "legal_basis", "help_line",
        "processing_unit", "coordinating_unit", "items_list", "control_table", "signatures",
        "footnote", "counter_phone", "text",
    }
)  # fmt: skip
SLIP_ITEM_KEYS: Final = frozenset(
    {
        "agency", "title", "code", "qr", "applicant", "procedure", "received_at", "due_at",
        "return_place", "counter_phone", "text",
    }
)  # fmt: skip
# Names a label may use in braces; ``value`` is the item's own value (items.label_fields).
LABEL_FIELDS: Final = frozenset(
    {
        "value", "unit", "processor", "code", "name", "id_number", "address", "phone", "email",
        "procedure", "procedure_code", "sets", "days", "received", "received_date",
        "received_short", "due", "due_date", "new_due", "return_place", "fee", "book", "line",
        "reason", "legal_basis", "help_line", "processing_unit", "coordinating_unit",
        "counter_phone", "clerk", "place", "contact", "web",
    }
)  # fmt: skip
# Who issues a form and so heads it (forms.md §2, NĐ 30/2020): the one-stop unit under its
# authority, or the authority itself (letters its head signs: 04, 05).
ISSUERS: Final = ("unit", "authority")


@dataclass(frozen=True)
class FormItem:
    """One printed item: what to draw (``key``), its words, and the key's own options."""

    key: str
    label: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


@dataclass(frozen=True)
class FormTemplate:
    kind: FormKind
    number: str  # "Mẫu số 01"; empty: printed without a number
    title: str
    numbered: bool  # a letter with a "Số: …/…" line under the unit's name
    copy_labels: Mapping[str, str]  # Copy value → label under the title; empty: none
    items: tuple[FormItem, ...]
    issuer: str = ISSUERS[0]  # "unit" or "authority": whose header and number symbol
    symbol: str = ""  # the paper type's abbreviation in the number (NĐ 30/2020: "TB")

    def copy_label(self, copy: Copy) -> str:
        return self.copy_labels.get(copy.value, "")


@dataclass(frozen=True)
class FormSet:
    set_id: str
    name: str  # the circular it follows
    forms: Mapping[FormKind, FormTemplate]
    slip: tuple[FormItem, ...]  # the 80 mm thermal slip's items

    def template(self, kind: FormKind) -> FormTemplate:
        found = self.forms.get(kind)
        if found is None:
            raise FormSetBrokenError(f"{self.set_id}: no {kind.value} form")
        return found


def available_form_sets() -> tuple[str, ...]:
    """The ids of the shipped sets, e.g. ``("2018", "2025", "2025-alt")``."""
    folder = resource_path("forms")
    names = sorted(p.stem for p in folder.glob(f"{_FILE_PREFIX}*.json"))
    return tuple(name.removeprefix(_FILE_PREFIX) for name in names)


def load_form_set(set_id: str = DEFAULT_FORM_SET) -> FormSet:
    """The form set ``set_id`` ("2025", "2018", also written "vpcp-2025"); read once."""
    return _load(_canonical_id(set_id))


def _canonical_id(set_id: str) -> str:
    cleaned = set_id.strip().lower().removeprefix(_FILE_PREFIX)
    if not _SET_ID.fullmatch(cleaned):
        raise FormSetUnknownError(set_id[:40])
    return cleaned


@functools.cache
def _load(set_id: str) -> FormSet:
    raw = _read_json(set_id)
    parent = raw.get("extends")
    forms: dict[FormKind, FormTemplate] = {}
    slip: tuple[FormItem, ...] = ()
    if isinstance(parent, str):
        base = _load(_canonical_id(parent))
        forms.update(base.forms)
        slip = base.slip
    try:
        forms.update(_parse_forms(raw.get("forms", {})))
        if "slip" in raw:
            slip = tuple(_parse_item(item, SLIP_ITEM_KEYS) for item in raw["slip"]["items"])
        return FormSet(set_id, _nfc(raw.get("name", set_id)), forms, slip)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FormSetBrokenError(f"{set_id}: {exc}") from exc


def _read_json(set_id: str) -> dict[str, Any]:
    path = resource_path("forms", f"{_FILE_PREFIX}{set_id}.json")
    if not path.is_file():
        raise FormSetUnknownError(set_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormSetBrokenError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise FormSetBrokenError(f"{path.name}: not a JSON object")
    return data


def _parse_forms(raw: Mapping[str, Any]) -> dict[FormKind, FormTemplate]:
    forms = {}
    for kind_name, spec in raw.items():
        kind = FormKind(kind_name)
        forms[kind] = FormTemplate(
            kind=kind,
            number=_nfc(spec.get("number", "")),
            title=_nfc(spec["title"]),
            numbered=bool(spec.get("numbered", False)),
            copy_labels={Copy(k).value: _nfc(v) for k, v in spec.get("copy_labels", {}).items()},
            items=tuple(_parse_item(item, PAGE_ITEM_KEYS) for item in spec["items"]),
            issuer=_issuer(spec.get("issuer", ISSUERS[0])),
            symbol=_nfc(spec.get("symbol", "")),
        )
    return forms


def _issuer(value: Any) -> str:
    if value not in ISSUERS:
        raise ValueError(f"unknown issuer {value!r}")
    return str(value)


def _parse_item(raw: Mapping[str, Any], keys: frozenset[str]) -> FormItem:
    key = raw["key"]
    if key not in keys:
        raise ValueError(f"unknown item key {key!r}")
    label = _nfc(raw.get("label", ""))
    _check_fields(label)
    options = {
        name: _nfc_deep(value) for name, value in raw.items() if name not in ("key", "label")
    }
    for text in _strings(options):
        _check_fields(text)
    return FormItem(key, label, options)


def _check_fields(text: str) -> None:
    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None and name not in LABEL_FIELDS:
            raise ValueError(f"unknown label field {name!r}")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []


def _nfc(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError("expected text")
    return unicodedata.normalize("NFC", text)


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        return _nfc(value)
    if isinstance(value, list):
        return [_nfc_deep(item) for item in value]
    if isinstance(value, dict):
        return {key: _nfc_deep(item) for key, item in value.items()}
    return value
