"""Catalogue versions in a real store: install, import, search, look-up, audit."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from counter_app.domain.catalogue import (
    CatalogueInvalidError,
    ProcedureInactiveError,
    UnknownProcedureError,
)
from counter_app.domain.vn_time import VN_TZ
from counter_app.resources import resource_path
from counter_app.services.catalogue import (
    CatalogueFileUnreadableError,
    CatalogueNotInstalledError,
    catalogue_versions,
    current_catalogue,
    ensure_catalogue,
    get_procedure,
    import_catalogue,
    install_shipped_catalogue,
    list_procedures,
    lookup_procedure,
)
from counter_app.services.paths import data_dir
from counter_app.services.store.opening import Store
from counter_app.storage.audit import iter_audit, verify_chain

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=VN_TZ)
LATER = datetime(2026, 12, 2, 14, 0, tzinfo=VN_TZ)
ACTOR = "cli:test"


@pytest.fixture(autouse=True)
def data_folder_exists(private_data_dir: Path) -> None:
    """``new_store`` creates the store in the data folder, which must exist first."""
    data_dir()


def shipped_text() -> str:
    return resource_path("catalogue", "procedures.csv").read_text(encoding="utf-8")


def write_variant(folder: Path, old: str, new: str, name: str = "catalogue.csv") -> Path:
    """The shipped catalogue with one change, as IT would save it."""
    text = shipped_text()
    assert old in text
    path = folder / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def install(store: Store) -> int:
    return install_shipped_catalogue(store, actor=ACTOR, now=NOW).version.version


def test_a_new_store_has_no_catalogue(new_store: Store) -> None:
    with pytest.raises(CatalogueNotInstalledError):
        current_catalogue(new_store)
    with pytest.raises(CatalogueNotInstalledError):
        lookup_procedure("1.001193", new_store)
    assert catalogue_versions(new_store) == []


def test_installing_the_shipped_catalogue_once(new_store: Store) -> None:
    first = install_shipped_catalogue(new_store, actor=ACTOR, now=NOW)
    again = install_shipped_catalogue(new_store, actor=ACTOR, now=LATER)
    assert first.created and not again.created
    assert again.version == first.version
    version = current_catalogue(new_store)
    assert (version.version, version.procedure_count, version.active_count) == (1, 29, 27)
    assert version.checked_on == "2026-11-25"
    assert version.imported_at == "2026-11-25T09:30:00+07:00"
    assert version.source.startswith("shipped")
    [row] = list(iter_audit(new_store.db))
    assert (row.action, row.actor, row.subject) == ("catalogue.import", ACTOR, "catalogue:1")
    assert json.loads(row.details)["procedures"] == 29


def test_the_shipped_metadata_gives_a_real_checked_day() -> None:
    meta = json.loads(resource_path("catalogue", "catalogue.json").read_text(encoding="utf-8"))
    assert date.fromisoformat(meta["checked_on"]) and meta["source"]


def test_ensure_installs_only_on_an_empty_store(new_store: Store, tmp_path: Path) -> None:
    assert ensure_catalogue(new_store, actor=ACTOR, now=NOW).version == 1
    path = write_variant(tmp_path, ",3000,", ",0,")
    import_catalogue(new_store, path, actor=ACTOR, now=LATER)
    assert ensure_catalogue(new_store, actor=ACTOR, now=LATER).version == 2


def test_an_import_makes_a_new_current_version_and_keeps_the_old(
    new_store: Store, tmp_path: Path
) -> None:
    install(new_store)
    path = write_variant(tmp_path, ",3000,", ",0,")
    result = import_catalogue(new_store, path, actor=ACTOR, now=LATER, checked_on=date(2026, 12, 1))
    assert result.created and result.version.version == 2 and result.version.is_current
    assert result.version.checked_on == "2026-12-01"
    assert result.version.source == "import catalogue.csv"
    assert [v.is_current for v in catalogue_versions(new_store)] == [False, True]
    # A dossier received under version 1 still reads its procedure as it was then.
    assert get_procedure(new_store, "1.004873", 1).fee_vnd == 3000
    assert get_procedure(new_store, "1.004873", 2).fee_vnd == 0
    assert lookup_procedure("1.004873", new_store).catalogue_version == 2


def test_import_is_audited_with_counts_and_fingerprint(new_store: Store, tmp_path: Path) -> None:
    install(new_store)
    path = write_variant(tmp_path, "1.004194,", "1.004194.H26,")
    version = import_catalogue(new_store, path, actor=ACTOR, now=LATER).version
    row = list(iter_audit(new_store.db))[-1]
    assert (row.action, row.subject, row.at) == (
        "catalogue.import", "catalogue:2", "2026-12-02T14:00:00+07:00",
    )  # fmt: skip
    details = json.loads(row.details)
    assert details == {
        "version": 2, "source": "import catalogue.csv", "checked_on": "2026-12-02",
        "procedures": 29, "active": 27, "sha256": version.sha256,
    }  # fmt: skip
    assert verify_chain(new_store.db) == (2, None)
    assert get_procedure(new_store, "1.004194", 2).agency_suffix == ".H26"


def test_importing_the_current_content_again_makes_no_version(
    new_store: Store, tmp_path: Path
) -> None:
    install(new_store)
    again = import_catalogue(
        new_store, resource_path("catalogue", "procedures.csv"), actor=ACTOR, now=LATER
    )
    assert not again.created and again.version.version == 1
    assert len(list(iter_audit(new_store.db))) == 1


def test_a_bad_file_writes_nothing(new_store: Store, tmp_path: Path) -> None:
    install(new_store)
    path = write_variant(tmp_path, ",400000,", ",400.000,")
    with pytest.raises(CatalogueInvalidError) as refused:
        import_catalogue(new_store, path, actor=ACTOR, now=LATER)
    [error] = refused.value.errors
    assert (error.line, error.column) == (23, "fee_vnd")
    assert [v.version for v in catalogue_versions(new_store)] == [1]
    assert len(list(iter_audit(new_store.db))) == 1
    with pytest.raises(CatalogueFileUnreadableError):
        import_catalogue(new_store, tmp_path / "missing.csv", actor=ACTOR, now=LATER)


def test_reinstalling_the_shipped_file_never_undoes_a_correction(
    new_store: Store, tmp_path: Path
) -> None:
    install(new_store)
    import_catalogue(new_store, write_variant(tmp_path, ",3000,", ",0,"), actor=ACTOR, now=LATER)
    assert not install_shipped_catalogue(new_store, actor=ACTOR, now=LATER).created
    assert current_catalogue(new_store).version == 2


def test_inactive_and_unknown_procedures(new_store: Store) -> None:
    install(new_store)
    with pytest.raises(ProcedureInactiveError) as inactive:
        lookup_procedure("1.004222", new_store)
    assert inactive.value.code == "PROCEDURE_INACTIVE"
    assert isinstance(inactive.value, UnknownProcedureError)
    for code in ("9.999999", "2.000528", "khai sinh"):
        with pytest.raises(UnknownProcedureError) as unknown:
            lookup_procedure(code, new_store)
        assert unknown.value.code == "UNKNOWN_PROCEDURE"
    assert get_procedure(new_store, "1.004222", 1).active is False
    with pytest.raises(UnknownProcedureError):
        get_procedure(new_store, "1.001193", 7)


def test_lookup_accepts_an_agency_suffix_and_opens_the_store_itself(new_store: Store) -> None:
    install(new_store)
    birth = lookup_procedure("1.001193.000.00.00.H26")
    assert birth.name_vi == "Đăng ký khai sinh" and birth.same_day
    assert birth.documents[0] == "Tờ khai đăng ký khai sinh"


@pytest.mark.parametrize(
    ("search", "codes"),
    [
        ("khai sinh", ["1.000689", "1.001193", "1.004884"]),
        ("KHAI SINH", ["1.000689", "1.001193", "1.004884"]),
        ("dang ky ket hon", ["1.000894", "1.004746"]),
        ("Đăng ký kết hôn", ["1.000894", "1.004746"]),
        ("2.0008", ["2.000815", "2.000884"]),
        ("1.001193.H26", ["1.001193"]),
        ("chung thuc di chuc", ["2.001019"]),
        ("nuoi con nuoi", ["2.001263"]),
        ("adoption", ["2.001263"]),
        ("dat dai", ["1.013967"]),
        ("cu tru", []),
        ("100%", []),
        ("khai_sinh", []),
    ],
)
def test_folded_search(new_store: Store, search: str, codes: list[str]) -> None:
    install(new_store)
    assert [p.code for p in list_procedures(new_store, search)] == codes


def test_listing_is_by_code_and_hides_inactive_unless_asked(new_store: Store) -> None:
    install(new_store)
    active = list_procedures(new_store)
    everything = list_procedures(new_store, include_inactive=True)
    assert len(active) == 27 and len(everything) == 29
    assert [p.code for p in everything] == sorted(p.code for p in everything)
    assert [p.code for p in list_procedures(new_store, "thuong tru", include_inactive=True)] == [
        "1.004222"
    ]
    assert all(p.catalogue_version == 1 for p in everything)
