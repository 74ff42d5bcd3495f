"""Search: exact ID number and code, accent-free words as prefixes, filters, pages."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.dossier import Status
from counter_app.services.dossiers import changes as dossiers
from counter_app.services.dossiers.search import EmptyQueryError, SearchFilters, search_dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store.opening import Store
from tests.dossier_helpers import AGENCY, CLERK, citizen, configure, intake, vn

PEOPLE = [
    ("Đặng Thị Hoa", "001189000001", "Số 3 ngõ Hàng Chĩnh, phường Hoàn Kiếm", 2),
    ("Đặng Văn Đức", "001090000002", "Số 5 phố Đội Cấn, phường Ba Đình", 3),
    ("Nguyễn Thị Thuỷ", "001189000003", "Số 9 phố Hàng Đào, phường Hoàn Kiếm", 4),
    ("Trần Quốc Bảo", "001089000004", "Thôn Đông, xã Đông Anh", 5),
]


@pytest.fixture
def store(new_store: Store) -> Store:
    configure(new_store)
    for name, number, address, day in PEOPLE:
        person = citizen(name=name, id_number=number, address=address)
        receive_dossier(new_store, intake(person), clerk=CLERK, now=vn(2026, 11, day, 9))
    return new_store


def names(found: list) -> list[str]:
    return [d.applicant.full_name for d in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang thi", ["Đặng Thị Hoa"]),
        ("Đặng", ["Đặng Văn Đức", "Đặng Thị Hoa"]),  # newest first
        ("DANG", ["Đặng Văn Đức", "Đặng Thị Hoa"]),
        ("duc", ["Đặng Văn Đức"]),
        ("thuy", ["Nguyễn Thị Thuỷ"]),
        ("thuỷ", ["Nguyễn Thị Thuỷ"]),
        ("ngu thi th", ["Nguyễn Thị Thuỷ"]),  # partial words
        ("hang dao", ["Nguyễn Thị Thuỷ"]),  # address
        ("dong anh", ["Trần Quốc Bảo"]),
        ("hoan kiem", ["Nguyễn Thị Thuỷ", "Đặng Thị Hoa"]),
        ("xyz", []),
    ],
)
def test_folded_words(store: Store, query: str, expected: list[str]) -> None:
    assert names(search_dossiers(store, query)) == expected


def test_exact_id_number(store: Store) -> None:
    assert names(search_dossiers(store, "001090000002")) == ["Đặng Văn Đức"]
    assert search_dossiers(store, "001090000009") == []


def test_code_and_code_prefix(store: Store) -> None:
    assert names(search_dossiers(store, f"{AGENCY}-261103-1001")) == ["Đặng Văn Đức"]
    assert len(search_dossiers(store, f"{AGENCY}-2611")) == 4
    assert names(search_dossiers(store, f"{AGENCY.lower()}-261105")) == ["Trần Quốc Bảo"]


def test_filters_by_date_range_and_status(store: Store) -> None:
    between = SearchFilters(day_from=date(2026, 11, 3), day_to=date(2026, 11, 4))
    assert names(search_dossiers(store, "thi", filters=between)) == ["Nguyễn Thị Thuỷ"]
    dossiers.transition_dossier(
        store, f"{AGENCY}-261102-1001", Status.IN_PROCESS, actor=CLERK, now=vn(2026, 11, 6)
    )
    in_process = SearchFilters(status=Status.IN_PROCESS)
    assert names(search_dossiers(store, "dang", filters=in_process)) == ["Đặng Thị Hoa"]
    assert names(search_dossiers(store, "001189000001", filters=in_process)) == ["Đặng Thị Hoa"]


def test_pages(store: Store) -> None:
    first = search_dossiers(store, "phuong", limit=1)
    second = search_dossiers(store, "phuong", limit=1, offset=1)
    assert len(first) == len(second) == 1 and first != second


def test_edit_updates_the_index(store: Store) -> None:
    code = f"{AGENCY}-261105-1001"
    renamed = citizen(
        name="Trần Quốc Bình", id_number="001089000004", address="Thôn Đông, xã Đông Anh"
    )
    dossiers.edit_dossier(store, code, {"applicant": renamed}, actor=CLERK, now=vn(2026, 11, 6))
    assert names(search_dossiers(store, "binh")) == ["Trần Quốc Bình"]
    assert search_dossiers(store, "bao") == []


@pytest.mark.parametrize("query", ["", "   ", '"*^-'])
def test_empty_or_syntax_only_query(store: Store, query: str) -> None:
    with pytest.raises(EmptyQueryError):
        search_dossiers(store, query)


def test_fts_syntax_in_a_query_is_just_text(store: Store) -> None:
    assert search_dossiers(store, 'dang OR "thi" NEAR(') == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguye thi thu", ["Nguyễn Thị Thuỷ"]),  # a long prefix expands into whole words
        ("nguyen th th", ["Nguyễn Thị Thuỷ"]),  # short ones use the prefix indexes
        ("dan", ["Đặng Văn Đức", "Đặng Thị Hoa"]),
        ("nguyenx", []),  # begins no known word: nothing can match
    ],
)
def test_every_word_is_a_prefix(store: Store, query: str, expected: list[str]) -> None:
    assert names(search_dossiers(store, query)) == expected


def test_a_prefix_of_many_words_falls_back_to_the_fts_prefix_query(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import counter_app.storage.search as index

    monkeypatch.setattr(index, "MAX_EXPANSION", 0)
    assert index.match_expression(store.db, ["nguye"]) == '"nguye"*'
    assert names(search_dossiers(store, "nguye thi")) == ["Nguyễn Thị Thuỷ"]


def test_words_of_edited_names_become_searchable(store: Store) -> None:
    code = f"{AGENCY}-261105-1001"
    renamed = citizen(name="Trần Quốc Khải", id_number="001089000004", address="Thôn Đông")
    dossiers.edit_dossier(store, code, {"applicant": renamed}, actor=CLERK, now=vn(2026, 11, 6))
    assert names(search_dossiers(store, "tran quoc khai")) == ["Trần Quốc Khải"]
