"""Papers the catalogue asks for only in some cases ("(nếu có)") start unticked."""

from __future__ import annotations

import unicodedata

import pytest

from counter_app.domain.procedure import is_conditional_paper
from counter_app.services.catalogue import list_procedures
from counter_app.services.store.opening import Store
from tests.dossier_helpers import configure


@pytest.mark.parametrize(
    ("name", "conditional"),
    [
        ("Văn bản ủy quyền (nếu đi thay)", True),
        ("Giấy tờ chứng minh đã ly hôn (nếu có)", True),
        (unicodedata.normalize("NFD", "Văn bản ủy quyền (Nếu có)"), True),
        ("Tờ khai đăng ký khai sinh", False),
        ("Giấy chứng sinh (hoặc văn bản người làm chứng)", False),
        ("Bản sao giấy tờ nếu cần", False),  # no bracketed case: always asked for
    ],
)
def test_a_paper_is_conditional_when_it_says_in_which_case(name: str, conditional: bool) -> None:
    assert is_conditional_paper(name) is conditional


def test_the_shipped_catalogue_has_conditional_papers_but_never_only_those(
    new_store: Store,
) -> None:
    configure(new_store)
    procedures = [p for p in list_procedures(new_store) if p.documents]
    assert any(is_conditional_paper(d) for p in procedures for d in p.documents)
    # Every procedure still asks for at least one paper in every case.
    assert all(any(not is_conditional_paper(d) for d in p.documents) for p in procedures)
