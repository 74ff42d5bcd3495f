"""What the printed forms say about the ward: header names, place, return desk, QR, layouts.

Kept as settings (``forms.*``) in the store so they travel with backups; each has a default
derived from the counter's configuration, so a freshly set-up counter prints sensible forms
and IT only corrects what differs (forms.md §2: "all of these strings come from
configuration"). Changes are validated and audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime
from functools import partial
from typing import Any

from counter_app.documents import DEFAULT_QR_TEMPLATE, check_qr_template
from counter_app.domain.text import collapse_spaces, nfc
from counter_app.errors import BadInputError
from counter_app.services.settings.counter import CounterConfig, load_config
from counter_app.services.settings.group import SettingsGroup
from counter_app.services.store.opening import Store

PREFIX = "forms."
RECEIPT_LAYOUTS = ("a5", "a4-two-up", "a4")
# How letters 02–05 are numbered (Build 3, docs/REGULATIONS.md): "ward" numbers from this
# counter's block, unique in the ward offline; "blank" prints "Số: …/<symbol>" for the văn thư.
LETTER_NUMBER_SCHEMES = ("ward", "blank")
MAX_SETTING_LENGTH = 300
UNIT_PREFIX = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
UNIT_WORDS = "Trung tâm Phục vụ hành chính công"
AUTHORITY_WORDS = "ỦY BAN NHÂN DÂN"
# The head signs letters 04 and 05 (NĐ 30/2020); the chairman unless the ward says who.
DEFAULT_HEAD_TITLE = "CHỦ TỊCH"
# Settings that may not be empty: a form would print dots or nothing where they go.
REQUIRED = frozenset(
    {
        "parent_authority", "unit_name", "place", "return_place", "authority_name",
        "apology_signer_title", "stop_signer_title", "authority_abbreviation",
        "unit_abbreviation",
    }
)  # fmt: skip
# A phone number as printed on a form: 8–15 digits with spaces, dots, dashes or a leading +.
_PHONE = re.compile(r"\+?[0-9](?:[ .\-]?[0-9]){7,14}")


class FormSettingInvalidError(BadInputError):
    code = "FORM_SETTING_INVALID"


class CounterPhoneInvalidError(FormSettingInvalidError):
    """The ward's phone, printed on every form, is not a phone number."""

    code = "COUNTER_PHONE_INVALID"


@dataclass(frozen=True)
class FormSettings:
    parent_authority: str  # "UBND PHƯỜNG HOÀN KIẾM"
    unit_name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HOÀN KIẾM"
    place: str  # the date line's Địa danh
    return_place: str  # item 6 of the receipt
    unit_in_text: str = ""  # the unit inside a sentence; empty: ``unit_name`` as in the header
    counter_phone: str = ""
    help_line: str = ""  # where to read the rules, whom to call (forms 02, 03)
    processing_unit: str = ""  # control slip; empty: the competent agency
    qr_template: str = DEFAULT_QR_TEMPLATE
    qr_system: str = "counter-app"  # the QR's "system" field, when the template uses it
    receipt_layout: str = RECEIPT_LAYOUTS[0]
    thermal_slip: bool = False  # the 80 mm slip is not an official form: off by default
    # The authority in its own letters' header (04, 05): "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM".
    authority_name: str = ""
    # Signers of the head's letters, per form; " / " separates lines of the title
    # ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); an empty name leaves room to write it by hand.
    apology_signer_title: str = DEFAULT_HEAD_TITLE
    apology_signer_name: str = ""
    stop_signer_title: str = DEFAULT_HEAD_TITLE
    stop_signer_name: str = ""
    lookup_web: str = ""  # where to look the dossier and the rules up, in the help lines
    letter_numbers: str = LETTER_NUMBER_SCHEMES[0]
    authority_abbreviation: str = "UBND"  # the symbol's agency part on 04, 05 (…/TB-UBND)
    unit_abbreviation: str = "TTPVHCC"  # the symbol's agency part on 02, 03


def default_form_settings(config: CounterConfig) -> FormSettings:
    """Header strings derived from the agency name ("UBND phường Hoàn Kiếm")."""
    authority = collapse_spaces(nfc(config.agency_name))
    locality = _locality(authority)
    unit = f"{UNIT_PREFIX} {locality}".upper() if locality else UNIT_PREFIX
    return FormSettings(
        parent_authority=authority.upper(),
        unit_name=unit,
        place=ward_place(locality) or authority,
        return_place=f"Quầy số {config.counter}, {UNIT_WORDS} {locality}".strip(),
        unit_in_text=f"{UNIT_WORDS} {locality}" if locality else "",
        processing_unit=config.competent_agency or authority,
        authority_name=f"{AUTHORITY_WORDS} {locality}".upper() if locality else authority.upper(),
    )


def ward_place(locality: str) -> str:
    """The date line's place for a ward's paper (NĐ 30/2020, Phụ lục I, II.4.a): the ward's
    own name ("phường Hoàn Kiếm" → "Hoàn Kiếm"); a ward named by a number keeps its kind
    ("phường 15" → "Phường 15")."""
    kind, _, name = locality.partition(" ")
    if kind.casefold() not in ("phường", "xã", "đặc khu") or not name:
        return ""
    return f"{kind.capitalize()} {name}" if name.isdigit() else name


def load_form_settings(store: Store) -> FormSettings:
    settings: FormSettings = _GROUP.load(store)
    return settings


def change_form_settings(
    store: Store, changes: dict[str, Any], *, actor: str, now: datetime
) -> FormSettings:
    """Validate and save ``changes`` (field name → value); audited with old and new values."""
    settings: FormSettings = _GROUP.save(store, changes, actor=actor, now=now)
    return settings


def check_form_setting(name: str, value: Any) -> Any:
    """The value as it would be stored, or FormSettingInvalidError naming the setting."""
    return _clean(name, value)


def _clean(name: str, value: Any) -> Any:
    known = {f.name: f for f in fields(FormSettings)}
    if name not in known:
        raise FormSettingInvalidError(name)
    if name == "thermal_slip":
        if not isinstance(value, bool):
            raise FormSettingInvalidError(name)
        return value
    text = collapse_spaces(nfc(str(value)))
    if len(text) > MAX_SETTING_LENGTH:
        raise FormSettingInvalidError(name)
    if name == "receipt_layout" and text not in RECEIPT_LAYOUTS:
        raise FormSettingInvalidError(name)
    if name == "letter_numbers" and text not in LETTER_NUMBER_SCHEMES:
        raise FormSettingInvalidError(name)
    if name == "qr_template":
        check_qr_template(text)
    if name in REQUIRED and not text:
        raise FormSettingInvalidError(name)
    if name == "counter_phone" and text and not _PHONE.fullmatch(text):
        raise CounterPhoneInvalidError(name)
    return text


def _locality(authority: str) -> str:
    """ "UBND phường Hoàn Kiếm" → "phường Hoàn Kiếm"; other names are kept as they are."""
    for prefix in ("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        if authority.casefold().startswith(prefix.casefold()):
            return authority[len(prefix) :].strip()
    return ""


# The forms' settings group: the header names default to what the counter's agency name
# says, so a ward that never opens the forms' settings still prints its own name.
_GROUP = SettingsGroup(
    PREFIX,
    FormSettings,
    {f.name: partial(_clean, f.name) for f in fields(FormSettings)},
    FormSettingInvalidError,
    defaults_for=lambda store: default_form_settings(load_config(store)),
)
