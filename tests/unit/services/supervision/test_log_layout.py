"""The tracking log's columns are data per form set, checked when loaded."""

from __future__ import annotations

import pytest

from counter_app.documents.errors import FormSetUnknownError
from counter_app.documents.log_model import _parse, cell_value, load_log_layout
from tests.log_helpers import sample_log

DATE_KEYS = ["received", "due", "transferred", "result_received", "returned"]


@pytest.mark.parametrize(
    ("form_set", "number"),
    [("2018", "Mẫu số 06"), ("2025", "Mẫu số 07"), ("2025-alt", "Mẫu số 07")],
)
def test_each_form_set_has_its_log_with_the_thirteen_columns(form_set: str, number: str) -> None:
    layout = load_log_layout(form_set)
    assert layout.number == number and layout.title == "SỔ THEO DÕI HỒ SƠ"
    keys = [column.key for column in layout.columns]
    assert keys[:7] == ["line", "code", "procedure", "sets", "applicant", "address_phone", "agency"]
    assert keys[7:12] == DATE_KEYS and keys[12] == "note"
    assert {c.group for c in layout.columns if c.key in DATE_KEYS} == {"Ngày, tháng, năm"}
    assert all(c.kind == "date" for c in layout.columns if c.key in DATE_KEYS)


def test_an_unknown_column_or_set_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown column"):
        _parse({"title": "SỔ", "columns": [{"key": "citizen_id", "label": "Số định danh"}]})
    with pytest.raises(ValueError, match="no columns"):
        _parse({"title": "SỔ", "columns": []})
    with pytest.raises(FormSetUnknownError):
        load_log_layout("1999")
    with pytest.raises(FormSetUnknownError):
        load_log_layout("../secrets")


def test_a_cell_shows_days_as_dates_and_joins_address_and_phone() -> None:
    log = sample_log(2)
    columns = {column.key: column for column in log.layout.columns}
    first = log.rows[0]
    assert cell_value(first, columns["received"]).isoformat() == "2026-11-02"  # type: ignore[union-attr]
    assert cell_value(first, columns["transferred"]) is None
    assert cell_value(first, columns["address_phone"]) == (
        "Số 7 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội, 0912345678"
    )
    assert cell_value(first, columns["line"]) == 1
