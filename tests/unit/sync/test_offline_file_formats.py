"""The offline file's formats: v2 is plain RFC 9180 HPKE, and v1 files still open and import."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

from counter_app.cli import main
from sync.offline_file import (
    FORMAT,
    OfflineFileTamperedError,
    new_city_key,
    new_counter_key,
    open_sealed,
    public_key_pem,
    seal,
)
from sync.protocol import canonical_json
from sync.simulator import store as sim_store
from sync.simulator.admin import CITY_KEY_SETTING
from tests.city_sim_process import AGENCY, COUNTER_ID, sample_envelope, sample_record
from tests.unit.sync.test_offline_file import CREATED

V1 = Path(__file__).resolve().parents[2] / "fixtures" / "offline_v1"
V1_UUIDS = ["5f0c2a8e-1b1f-4c55-9a2e-3d7f0e6b9a11", "7a3e9d21-6c4b-4f0a-8e15-2b9c4d8f1e22"]

# --- RFC 9180 written out from the text, to show that any HPKE implementation opens v2 files ---

KEM_ID, KDF_ID, AEAD_ID = 0x0020, 0x0001, 0x0003  # DHKEM(X25519, HKDF-SHA256), ChaCha20-Poly1305


def _labeled_extract(suite_id: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    return hmac.new(salt, b"HPKE-v1" + suite_id + label + ikm, hashlib.sha256).digest()


def _labeled_expand(suite_id: bytes, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    labeled = length.to_bytes(2, "big") + b"HPKE-v1" + suite_id + label + info
    return HKDFExpand(hashes.SHA256(), length, labeled).derive(prk)


def rfc9180_open(enc: bytes, ciphertext: bytes, key: X25519PrivateKey, info: bytes) -> bytes:
    """Base mode, single shot, empty AAD (RFC 9180 §4.1, §5.1, §6.1)."""
    kem_suite = b"KEM" + KEM_ID.to_bytes(2, "big")
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    dh = key.exchange(X25519PublicKey.from_public_bytes(enc))
    kem_context = enc + key.public_key().public_bytes(*raw)
    eae_prk = _labeled_extract(kem_suite, b"", b"eae_prk", dh)
    shared = _labeled_expand(kem_suite, eae_prk, b"shared_secret", kem_context, 32)
    suite = b"HPKE" + b"".join(i.to_bytes(2, "big") for i in (KEM_ID, KDF_ID, AEAD_ID))
    context = (
        b"\x00"
        + _labeled_extract(suite, b"", b"psk_id_hash", b"")
        + _labeled_extract(suite, b"", b"info_hash", info)
    )
    secret = _labeled_extract(suite, shared, b"secret", b"")
    aead_key = _labeled_expand(suite, secret, b"key", context, 32)
    nonce = _labeled_expand(suite, secret, b"base_nonce", context, 12)
    return ChaCha20Poly1305(aead_key).decrypt(nonce, ciphertext, b"")


def test_a_v2_file_opens_with_rfc_9180_written_out() -> None:
    counter, city = new_counter_key(), new_city_key()
    envelope = sample_envelope([sample_record()])
    data = seal(
        envelope, signing_key=counter, city_public_key=public_key_pem(city), created_at=CREATED
    )
    outer = json.loads(data)
    header = {k: v for k, v in outer.items() if k not in ("enc", "ciphertext")}
    city_key = serialization.load_pem_private_key(city, password=None)
    assert isinstance(city_key, X25519PrivateKey)
    plain = rfc9180_open(
        base64.b64decode(outer["enc"]), base64.b64decode(outer["ciphertext"]), city_key,
        info=canonical_json(header),
    )  # fmt: skip
    assert outer["format"] == FORMAT
    assert json.loads(plain)["envelope"] == envelope


# --- the first format, written by the code before HPKE ---------------------------------------


def test_a_v1_file_written_before_hpke_still_opens() -> None:
    data = (V1 / "batch-v1.sync").read_bytes()
    assert json.loads(data)["format"] == "counter-sync-offline/1"
    opened = open_v1(data)
    assert [r["dossier_uuid"] for r in opened.envelope["records"]] == V1_UUIDS
    assert opened.header["created_at"] == "2026-11-25T17:00:00+07:00"


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "ephemeral_key", "created_at"])
def test_a_changed_v1_file_is_still_refused(field: str) -> None:
    outer = json.loads((V1 / "batch-v1.sync").read_bytes())
    if field == "created_at":
        outer[field] += "x"
    else:
        raw = bytearray(base64.b64decode(outer[field]))
        raw[3] ^= 0x01
        outer[field] = base64.b64encode(bytes(raw)).decode()
    with pytest.raises(OfflineFileTamperedError):
        open_v1(json.dumps(outer).encode())


def open_v1(data: bytes) -> Any:
    trusted = (V1 / "counter.pub").read_bytes()
    return open_sealed(
        data, city_key=(V1 / "city.key").read_bytes(),
        signer_for=lambda agency, counter: trusted if (agency, counter) == (AGENCY, COUNTER_ID)
        else None,
    )  # fmt: skip


def test_the_city_imports_a_v1_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "city.db"
    with sim_store.open_db(db) as conn, sim_store.atomic(conn):
        sim_store.put_setting(conn, CITY_KEY_SETTING, (V1 / "city.key").read_text("ascii"))
    trust = ["trust", "--db", str(db), "--agency", AGENCY, "--counter-id", COUNTER_ID]
    assert main(["city-sim", *trust, str(V1 / "counter.pub")]) == 0
    capsys.readouterr()
    assert main(["city-sim", "import", "--db", str(db), str(V1 / "batch-v1.sync"), "--json"]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["outcome"] for r in results] == ["accepted", "accepted"]
