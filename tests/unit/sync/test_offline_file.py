"""The offline batch file: sealed by the counter, opened by the city, imported once."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from counter_app.cli import main
from counter_app.domain.vn_time import VN_TZ
from sync.offline_file import (
    FORMAT,
    OfflineFileFormatError,
    OfflineFileTamperedError,
    OfflineFileWrongKeyError,
    OfflineKeyInvalidError,
    OfflineSignerUnknownError,
    key_fingerprint,
    new_city_key,
    new_counter_key,
    open_sealed,
    public_key_pem,
    seal,
)
from tests.city_sim_process import AGENCY, COUNTER_ID, sample_envelope, sample_record

CREATED = datetime(2026, 11, 25, 17, 0, tzinfo=VN_TZ)


@pytest.fixture(scope="module")
def keys() -> dict[str, bytes]:
    counter, city = new_counter_key(), new_city_key()
    return {
        "counter": counter,
        "counter_public": public_key_pem(counter),
        "city": city,
        "city_public": public_key_pem(city),
    }


def sealed(keys: dict[str, bytes], envelope: dict[str, Any] | None = None) -> bytes:
    envelope = envelope or sample_envelope([sample_record(), sample_record(number=1002)])
    return seal(
        envelope, signing_key=keys["counter"], city_public_key=keys["city_public"],
        created_at=CREATED,
    )  # fmt: skip


def opened(keys: dict[str, bytes], data: bytes, trusted: bytes | None = None) -> Any:
    registered = {(AGENCY, COUNTER_ID): trusted or keys["counter_public"]}
    return open_sealed(
        data, city_key=keys["city"], signer_for=lambda agency, counter: registered.get(
            (agency, counter))
    )  # fmt: skip


def test_round_trip(keys: dict[str, bytes]) -> None:
    envelope = sample_envelope([sample_record()])
    result = opened(keys, sealed(keys, envelope))
    assert result.envelope == envelope
    assert result.header["counter_id"] == COUNTER_ID
    assert result.header["created_at"] == "2026-11-25T17:00:00+07:00"
    assert result.header["recipient"] == key_fingerprint(keys["city_public"])


def test_the_file_reveals_no_personal_data(keys: dict[str, bytes]) -> None:
    data = sealed(keys)
    assert json.loads(data)["format"] == FORMAT
    for value in ("Trần", "001089004217", "1.001193"):
        assert value.encode() not in data


def flip(data: bytes, key: str, at: int = 5) -> bytes:
    """Change one byte of a base64 field (or one character of a text field)."""
    outer = json.loads(data)
    if key in ("ciphertext", "enc", "nonce", "ephemeral_key"):
        raw = bytearray(base64.b64decode(outer[key]))
        raw[at] ^= 0x01
        outer[key] = base64.b64encode(bytes(raw)).decode()
    else:
        outer[key] = outer[key] + "x"
    return json.dumps(outer).encode()


@pytest.mark.parametrize("field", ["ciphertext", "enc", "created_at", "MaDonVi", "counter_id"])
def test_tampering_anywhere_is_detected(keys: dict[str, bytes], field: str) -> None:
    with pytest.raises(OfflineFileTamperedError):
        opened(keys, flip(sealed(keys), field))


def test_a_file_for_another_city_is_refused(keys: dict[str, bytes]) -> None:
    other_city = new_city_key()
    with pytest.raises(OfflineFileWrongKeyError):
        open_sealed(sealed(keys), city_key=other_city, signer_for=lambda *_: keys["counter_public"])


def test_a_changed_recipient_is_refused(keys: dict[str, bytes]) -> None:
    with pytest.raises(OfflineFileWrongKeyError):
        opened(keys, flip(sealed(keys), "recipient"))


def test_a_signer_not_registered_for_the_counter_is_refused(keys: dict[str, bytes]) -> None:
    stranger = public_key_pem(new_counter_key())
    with pytest.raises(OfflineSignerUnknownError):
        opened(keys, sealed(keys), trusted=stranger)
    with pytest.raises(OfflineSignerUnknownError):
        open_sealed(sealed(keys), city_key=keys["city"], signer_for=lambda *_: None)


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe", b"[]", b'{"format": "counter-sync-offline/3"}',
     b'{"format": "counter-sync-offline/2", "counter_id": "1"}',
     b'{"format": "counter-sync-offline/1", "counter_id": "1"}'],
)  # fmt: skip
def test_what_is_no_offline_file_is_a_format_error(keys: dict[str, bytes], data: bytes) -> None:
    with pytest.raises(OfflineFileFormatError):
        opened(keys, data)


def test_keys_of_the_wrong_kind_are_refused(keys: dict[str, bytes]) -> None:
    with pytest.raises(OfflineKeyInvalidError):
        seal({}, signing_key=keys["city"], city_public_key=keys["city_public"], created_at=CREATED)
    with pytest.raises(OfflineKeyInvalidError):
        seal(
            {}, signing_key=keys["counter"], city_public_key=keys["counter_public"],
            created_at=CREATED,
        )  # fmt: skip
    with pytest.raises(OfflineKeyInvalidError):
        public_key_pem(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")


# --- the city's import (city-sim keygen, trust, import, dump) -------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    status = main(["city-sim", *argv])
    out = capsys.readouterr().out
    return status, [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@pytest.fixture
def city(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """A simulator file with a city key and counter 1's key registered."""
    db, counter_key = tmp_path / "city.db", new_counter_key()
    public, counter_public = tmp_path / "city.pub", tmp_path / "counter.pub"
    assert main(["city-sim", "keygen", "--db", str(db), "--out", str(public)]) == 0
    counter_public.write_bytes(public_key_pem(counter_key))
    assert (
        cli(
            capsys,
            "trust",
            "--db",
            str(db),
            "--agency",
            AGENCY,
            "--counter-id",
            COUNTER_ID,
            str(counter_public),
        )[0]
        == 0
    )
    return {"db": db, "city_public": public.read_bytes(), "counter": counter_key, "tmp": tmp_path}


def write_file(city: dict[str, Any], envelope: dict[str, Any], name: str = "batch.sync") -> str:
    data = seal(
        envelope, signing_key=city["counter"], city_public_key=city["city_public"],
        created_at=CREATED,
    )  # fmt: skip
    path = city["tmp"] / name
    path.write_bytes(data)
    return str(path)


def test_keygen_keeps_one_city_key(
    city: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["city-sim", "keygen", "--db", str(city["db"])]) == 0
    assert capsys.readouterr().out.encode() == city["city_public"]


def test_importing_twice_changes_nothing(
    city: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    records = [sample_record(number=1001 + i) for i in range(60)]  # more than one network batch
    path = write_file(city, sample_envelope(records))
    db = str(city["db"])
    status, first = cli(capsys, "import", "--db", db, path, "--json")
    assert status == 0
    assert {r["outcome"] for r in first} == {"accepted"}
    _, stored = cli(capsys, "dump", "--db", db)

    status, second = cli(capsys, "import", "--db", db, path, "--json")
    assert status == 0
    assert {r["outcome"] for r in second} == {"duplicate"}
    _, after = cli(capsys, "dump", "--db", db)
    assert len(after) == 60
    unchanged = ("dossier_uuid", "MaHoSo", "version", "status", "payload")
    assert [[d[k] for k in unchanged] for d in after] == [[d[k] for k in unchanged] for d in stored]


def test_a_later_file_repeating_imported_records_stores_only_the_new_ones(
    city: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    record = sample_record()
    db = str(city["db"])
    first = write_file(city, sample_envelope([record]), "first.sync")
    assert cli(capsys, "import", "--db", db, first, "--json")[1][0]["outcome"] == "accepted"
    later = write_file(city, sample_envelope([record, sample_record(number=1002)]), "later.sync")
    _, results = cli(capsys, "import", "--db", db, later, "--json")
    assert [r["outcome"] for r in results] == ["duplicate", "accepted"]


def test_import_reports_rejections_with_exit_1(
    city: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(city, sample_envelope([sample_record(procedure="1.999999")]))
    status, [result] = cli(capsys, "import", "--db", str(city["db"]), path, "--json")
    assert (status, result["outcome"]) == (1, "rejected")


def test_import_of_a_file_from_an_unregistered_counter_is_refused(
    city: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(city, sample_envelope([sample_record()], counter_id="2"))
    assert main(["city-sim", "import", "--db", str(city["db"]), path]) == 2
    assert "OFFLINE_SIGNER_UNKNOWN" in capsys.readouterr().err


def test_import_before_keygen_and_of_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "fresh.db")
    missing = str(tmp_path / "nothing.sync")
    assert main(["city-sim", "import", "--db", db, missing]) == 2
    assert "CITY_SIM_FILE_UNREADABLE" in capsys.readouterr().err
    (tmp_path / "x.sync").write_bytes(b"{}")
    assert main(["city-sim", "import", "--db", db, str(tmp_path / "x.sync")]) == 3
    assert "CITY_SIM_NO_CITY_KEY" in capsys.readouterr().err


WARD_B = "000.31.28.H26"


def _trust(capsys: pytest.CaptureFixture[str], db: str, agency: str, key_file: Path) -> None:
    status, _ = cli(capsys, "trust", "--db", db, "--agency", agency, "--counter-id", COUNTER_ID,
                    str(key_file), "--json")  # fmt: skip
    assert status == 0


def _refused(capsys: pytest.CaptureFixture[str], db: str, path: str) -> str:
    """The error code of an import that must fail with exit 2."""
    status = main(["--lang", "en", "city-sim", "import", "--db", db, path])
    err = capsys.readouterr().err
    assert status == 2, err
    return err.rsplit("Error code: ", 1)[-1].split()[0]


def test_trust_is_per_ward_a_file_signed_by_ward_b_is_never_ward_a(
    city: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Ward B's counter 1 does not evict ward A's key, and its key does not sign for ward A."""
    db = str(city["db"])
    ward_b_key = new_counter_key()
    ward_b_public = city["tmp"] / "ward-b.pub"
    ward_b_public.write_bytes(public_key_pem(ward_b_key))
    _trust(capsys, db, WARD_B, ward_b_public)
    # Ward A's own file still imports: B's registration replaced nothing of A's.
    own_a = write_file(city, sample_envelope([sample_record()]))
    status, results = cli(capsys, "import", "--db", db, own_a, "--json")
    assert status == 0 and results[0]["outcome"] == "accepted"
    # Ward B's key signing a file that claims to be ward A's counter 1: refused.
    forged = seal(
        sample_envelope([sample_record(number=1777)]), signing_key=ward_b_key,
        city_public_key=city["city_public"], created_at=CREATED,
    )  # fmt: skip
    path = city["tmp"] / "forged.sync"
    path.write_bytes(forged)
    before = cli(capsys, "dump", "--db", db)[1]
    assert _refused(capsys, db, str(path)) == "OFFLINE_SIGNER_UNKNOWN"
    assert cli(capsys, "dump", "--db", db)[1] == before
    # Ward B's own file, with its own agency code, is accepted.
    own = seal(
        sample_envelope([sample_record(number=1778)], agency=WARD_B), signing_key=ward_b_key,
        city_public_key=city["city_public"], created_at=CREATED,
    )  # fmt: skip
    path.write_bytes(own)
    status, results = cli(capsys, "import", "--db", db, str(path), "--json")
    assert status == 0 and results[0]["outcome"] == "accepted"


def test_rotation_replaces_a_key_and_revocation_refuses_its_files(
    city: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(city["db"])
    old_file = write_file(city, sample_envelope([sample_record()]), "old.sync")
    new_key = new_counter_key()
    new_public = city["tmp"] / "new.pub"
    new_public.write_bytes(public_key_pem(new_key))
    _trust(capsys, db, AGENCY, new_public)  # rotation: the new key replaces the old one
    assert _refused(capsys, db, old_file) == "OFFLINE_SIGNER_UNKNOWN"
    status, revoked = cli(capsys, "revoke", "--db", db, "--agency", AGENCY,
                          "--counter-id", COUNTER_ID, "--json")  # fmt: skip
    assert status == 0 and revoked[0]["revoked"] is True
    fresh = seal(
        sample_envelope([sample_record(number=1500)]), signing_key=new_key,
        city_public_key=city["city_public"], created_at=CREATED,
    )  # fmt: skip
    path = city["tmp"] / "fresh.sync"
    path.write_bytes(fresh)
    assert _refused(capsys, db, str(path)) == "OFFLINE_SIGNER_UNKNOWN"
