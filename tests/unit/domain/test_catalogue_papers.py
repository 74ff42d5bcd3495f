"""A paper whose name holds a ";" inside its brackets stays one paper (one receipt row)."""

from __future__ import annotations

from counter_app.domain.catalogue import split_documents
from counter_app.services.catalogue import list_procedures
from counter_app.services.store.opening import Store
from tests.dossier_helpers import configure

BOTH = "Giấy tờ tùy thân của hai bên (xuất trình; hai bên cùng có mặt)"


def test_a_separator_inside_brackets_does_not_split_the_paper() -> None:
    assert split_documents(f"Tờ khai;{BOTH};Giấy xác nhận (nếu có)") == (
        "Tờ khai",
        BOTH,
        "Giấy xác nhận (nếu có)",
    )
    assert split_documents("A;B") == ("A", "B")
    assert split_documents("A (x;y") == ("A (x;y",)  # unbalanced: kept whole, not lost


def test_the_shipped_marriage_registration_lists_four_papers(new_store: Store) -> None:
    configure(new_store)
    [marriage] = [p for p in list_procedures(new_store) if p.code == "1.000894"]
    assert len(marriage.documents) == 4
    assert marriage.documents[1] == BOTH
