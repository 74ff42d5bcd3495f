"""Every error and finding code has plain words in both languages (STYLE rule 6)."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import counter_app
import counter_app.services.qr.decode
from counter_app.domain.findings import SEVERITY_OF, FindingCode
from counter_app.errors import CounterAppError, all_error_classes
from counter_app.messages import EN, LANGUAGES, MESSAGES, VI, message_for

# Importing every module of the core registers all its error classes.
for _module in pkgutil.walk_packages(counter_app.__path__, "counter_app."):
    if not _module.name.endswith("__main__"):
        importlib.import_module(_module.name)
ALL_CODES = sorted({cls.code for cls in all_error_classes()} | {c.value for c in FindingCode})


@pytest.mark.parametrize("code", ALL_CODES)
def test_code_has_a_message_in_every_language(code: str) -> None:
    assert code in MESSAGES, f"{code} has no message"
    for lang in LANGUAGES:
        text = MESSAGES[code][lang]
        assert text.endswith("."), f"{code}/{lang} should be a full sentence"
        assert code not in text, "no error codes in the main text"


def test_vietnamese_and_english_use_the_same_placeholders() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for code, texts in MESSAGES.items():
        assert fields(texts[VI]) == fields(texts[EN]), code


def test_every_finding_has_a_severity() -> None:
    assert set(SEVERITY_OF) == set(FindingCode)


def test_placeholders_are_filled_and_sex_is_translated() -> None:
    assert message_for("SEX_FROM_ID", VI, {"sex": "female"}).count("Nữ") == 1
    assert "says male)" in message_for("SEX_ID_MISMATCH", EN, {"id_sex": "male"})
    assert "{" not in message_for(
        "BIRTH_YEAR_ID_MISMATCH", VI, {"id_year": "1990", "card_year": "2009"}
    )


def test_unknown_code_and_missing_params_fall_back_without_raising() -> None:
    assert message_for("NO_SUCH_CODE") == MESSAGES["UNEXPECTED"][VI]
    assert message_for("UNKNOWN_PROVINCE", EN) == MESSAGES["UNKNOWN_PROVINCE"][EN]


def test_error_texts_carry_no_personal_data() -> None:
    """The base class keeps only the code or IT's detail as the exception text."""
    assert str(CounterAppError()) == "UNEXPECTED"
    assert str(counter_app.services.qr.decode.ImageUnreadableError("scan.png")) == "scan.png"
