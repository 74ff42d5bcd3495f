"""Migrations: an empty store reaches the latest schema; a populated older one keeps its data."""

from __future__ import annotations

from pathlib import Path

from counter_app.services.dossiers.search import search_dossiers
from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store import keys
from counter_app.services.store.opening import Store, create_store, open_store, store_path
from counter_app.storage import migrations
from counter_app.storage.audit import verify_chain
from counter_app.storage.engine import connect
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn


def test_registry_is_numbered_without_gaps() -> None:
    assert sorted(migrations.MIGRATIONS) == list(range(1, migrations.latest_version() + 1))


def test_empty_store_gets_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    db = connect(path, key=None)
    assert migrations.migrate(db) == list(range(1, migrations.latest_version() + 1))
    assert migrations.schema_version(db) == migrations.latest_version()
    assert migrations.migrate(db) == []  # idempotent


def test_populated_version_1_store_is_migrated_with_its_data(
    new_store: Store, private_data_dir: Path
) -> None:
    """Build a real store at schema 1 (as the first release wrote it), fill it, then open it."""
    new_store.close()
    path = store_path(private_data_dir)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    key = keys.load_key(path).key
    old = connect(path, key=key)
    migrations.migrate(old, target=1)
    assert migrations.schema_version(old) == 1
    old.close()
    store = _open_at_schema_1(path, key)
    configure(store)
    person = citizen(name="Phạm Thị Ngọc Ánh", id_number="001190000123")
    made = receive_dossier(store, intake(person), clerk=CLERK, now=vn(2026, 11, 20, 9))
    store.close()

    reopened = open_store(private_data_dir)
    try:
        assert migrations.schema_version(reopened.db) == migrations.latest_version()
        found = search_dossiers(reopened, "pham thi ngoc anh")
        assert [d.code for d in found] == [made.code]
        assert verify_chain(reopened.db)[1] is None
        rejection = reopened.db.conn.execute("SELECT rejection FROM outbox").fetchall()
        assert rejection == [("",)]
    finally:
        reopened.close()


def _open_at_schema_1(path: Path, key: bytes) -> Store:
    """A Store over the schema-1 file without running later migrations (the old app's view)."""
    from counter_app.storage.marks import MARKS_FILE_NAME, Marks

    db = connect(path, key=key)
    return Store(
        db=db,
        marks=Marks(path.parent / MARKS_FILE_NAME),
        path=path,
        encrypted=True,
        key_location="file",
    )


def test_create_store_reaches_the_latest_version(tmp_path: Path) -> None:
    store = create_store(tmp_path / "fresh")
    try:
        assert migrations.schema_version(store.db) == migrations.latest_version() == 11
    finally:
        store.close()
