"""The page HMAC: new stores use HMAC-SHA256; stores made with SQLCipher's default still open."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from counter_app.services.intake.receive import receive_dossier
from counter_app.services.store import keys
from counter_app.services.store.opening import Store, create_store, open_store
from counter_app.storage.backup import rekey
from counter_app.storage.engine import HMAC_ALGORITHMS, StoreKeyError, connect
from tests.dossier_helpers import CLERK, citizen, configure, intake, vn

NAME = "Trần Quốc Bảo"


def page_hmac(db_path: Path, key: bytes) -> str:
    db = connect(db_path, key=key)
    try:
        return str(db.conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0])
    finally:
        db.close()


def older_store(path: Path, key: bytes) -> None:
    """A file as every store was made before HMAC-SHA256: SQLCipher 4's defaults, a row in it."""
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA512"
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES (?)", (NAME,))
    conn.commit()
    conn.close()


def test_a_new_store_authenticates_its_pages_with_hmac_sha256(private_data_dir: Path) -> None:
    store = create_store(private_data_dir, encrypted=True, prefer_keyring=False)
    configure(store)
    receive_dossier(store, intake(citizen(name=NAME)), clerk=CLERK, now=vn(2026, 11, 25, 9))
    path, key = store.path, keys.load_key(store.path).key
    store.close()
    assert page_hmac(path, key) == HMAC_ALGORITHMS[0] == "HMAC_SHA256"
    reopened = open_store(private_data_dir)
    assert reopened.db.conn.execute("SELECT full_name FROM dossiers").fetchone() == (NAME,)
    reopened.close()


def test_a_store_made_with_hmac_sha512_still_opens_and_keeps_it(tmp_path: Path) -> None:
    path, key = tmp_path / "older.db", keys.new_key()
    older_store(path, key)
    db = connect(path, key=key)
    assert db.conn.execute("SELECT name FROM people").fetchone() == (NAME,)
    db.conn.execute("INSERT INTO people VALUES ('Lê Thị Thu Hà')")
    db.close()
    assert page_hmac(path, key) == "HMAC_SHA512"
    # Still readable by SQLCipher's defaults, as before: nothing was rewritten.
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert conn.execute("SELECT count(*) FROM people").fetchone() == (2,)
    conn.close()


def test_a_rekeyed_older_store_keeps_its_hmac(tmp_path: Path) -> None:
    """A restore re-keys a copy: an older backup keeps opening after it."""
    path, key, new_key = tmp_path / "older.db", keys.new_key(), keys.new_key()
    older_store(path, key)
    db = connect(path, key=key)
    rekey(db, new_key)
    db.close()
    assert page_hmac(path, new_key) == "HMAC_SHA512"


@pytest.mark.parametrize("made_with", ["new", "older"])
def test_a_wrong_key_is_refused_whatever_the_hmac(
    tmp_path: Path, private_data_dir: Path, made_with: str
) -> None:
    if made_with == "new":
        store: Store = create_store(private_data_dir, encrypted=True, prefer_keyring=False)
        path = store.path
        store.close()
    else:
        path = tmp_path / "older.db"
        older_store(path, keys.new_key())
    with pytest.raises(StoreKeyError):
        connect(path, key=keys.new_key())


def test_a_changed_page_of_a_new_store_is_caught(tmp_path: Path) -> None:
    path, key = tmp_path / "new.db", keys.new_key()
    db = connect(path, key=key)
    db.conn.execute("CREATE TABLE people (name TEXT)")
    db.conn.execute("INSERT INTO people VALUES (?)", (NAME,))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 + 100] ^= 0x01  # a byte inside page 2, the table's page
    path.write_bytes(bytes(data))
    db = connect(path, key=key)
    with pytest.raises(sqlcipher3.DatabaseError):
        db.conn.execute("SELECT name FROM people").fetchall()
    db.close()
