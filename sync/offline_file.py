"""The offline batch file ``counter-sync-offline/2``: a batch carried to the city on a USB stick.

When the network is gone for days the counter exports its outbox; IT carries the file. It is
signed with the counter's Ed25519 key, then encrypted to the city's X25519 public key with
RFC 9180 HPKE (base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305; the
header as HPKE's ``info``), a standard the city can implement and audit with any HPKE library;
so a lost stick reveals nothing and a changed byte is caught. The city then processes the records
exactly as a network batch, with the same idempotency keys. Files of the first format (its own
X25519/HKDF/ChaCha20 construction, ``offline_file_v1``) are still opened. Format:
docs/SYNC-PROTOCOL.md.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, TypeVar

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError
from sync.offline_file_v1 import FORMAT_V1, V1_CRYPTO_FIELDS, decrypt_v1
from sync.protocol import canonical_json

FORMAT: Final = "counter-sync-offline/2"
HEADER_KEYS: Final = ("format", "counter_id", "MaDonVi", "created_at", "recipient")
# RFC 9180 suite: KEM 0x0020, KDF 0x0001, AEAD 0x0003, the X25519 keys counters already hold.
SUITE: Final = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
ENC_BYTES: Final = 32  # the encapsulated (ephemeral) X25519 key that leads HPKE's output
CRYPTO_FIELDS: Final = {FORMAT: ("enc",), FORMAT_V1: V1_CRYPTO_FIELDS}
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw
_K = TypeVar("_K")


class OfflineFileFormatError(BadInputError):
    """Not an offline batch file, or one of another format version."""

    code = "OFFLINE_FILE_FORMAT"


class OfflineFileWrongKeyError(BadInputError):
    """The file was encrypted to another city key than the one given."""

    code = "OFFLINE_FILE_WRONG_KEY"


class OfflineFileTamperedError(BadInputError):
    """Decryption or the signature check failed: the file was changed or damaged."""

    code = "OFFLINE_FILE_TAMPERED"


class OfflineSignerUnknownError(BadInputError):
    """The file is signed by a key not registered for its counter."""

    code = "OFFLINE_SIGNER_UNKNOWN"


class OfflineKeyInvalidError(BadInputError):
    """A key file that is not a key of the expected kind."""

    code = "OFFLINE_KEY_INVALID"


@dataclass(frozen=True)
class OpenedFile:
    """A file that decrypted and whose signature matched its counter's registered key."""

    header: Mapping[str, str]
    envelope: dict[str, Any]


# --- keys (PEM text, so IT can copy and inspect them) -------------------------------------------


def new_counter_key() -> bytes:
    """A counter's signing key (Ed25519, PKCS#8 PEM); store it owner-only."""
    return _private_pem(Ed25519PrivateKey.generate())


def new_city_key() -> bytes:
    """A city's decryption key (X25519, PKCS#8 PEM)."""
    return _private_pem(X25519PrivateKey.generate())


def public_key_pem(private_pem: bytes) -> bytes:
    """The public half of either kind of private key, as SubjectPublicKeyInfo PEM."""
    key: Ed25519PrivateKey | X25519PrivateKey
    try:
        key = _load_private(private_pem, (Ed25519PrivateKey,))
    except OfflineKeyInvalidError:
        key = _load_private(private_pem, (X25519PrivateKey,))
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_fingerprint(public_pem: bytes) -> str:
    """Hex SHA-256 of the raw public key: what the file's ``recipient`` holds."""
    key: Ed25519PublicKey | X25519PublicKey
    try:
        key = _load_public(public_pem, (Ed25519PublicKey,))
    except OfflineKeyInvalidError:
        key = _load_public(public_pem, (X25519PublicKey,))
    return hashlib.sha256(key.public_bytes(*_RAW)).hexdigest()


# --- seal and open ------------------------------------------------------------------------------


def seal(
    envelope: Mapping[str, Any], *, signing_key: bytes, city_public_key: bytes, created_at: datetime
) -> bytes:
    """The file's bytes: ``envelope`` signed by the counter, encrypted to the city."""
    signer = _load_private(signing_key, (Ed25519PrivateKey,))
    city = _load_public(city_public_key, (X25519PublicKey,))
    header = {
        "format": FORMAT,
        "counter_id": str(envelope.get("counter_id", "")),
        "MaDonVi": str(envelope.get("MaDonVi", "")),
        "created_at": iso_vn(created_at),
        "recipient": hashlib.sha256(city.public_bytes(*_RAW)).hexdigest(),
    }
    inner = {
        "envelope": envelope,
        "signer": _b64(signer.public_key().public_bytes(*_RAW)),
        "signature": _b64(signer.sign(_signed_message(FORMAT, header["recipient"], envelope))),
    }
    sealed = SUITE.encrypt(canonical_json(inner), city, info=canonical_json(header))
    enc, ciphertext = sealed[:ENC_BYTES], sealed[ENC_BYTES:]
    outer = {**header, "enc": _b64(enc), "ciphertext": _b64(ciphertext)}
    return json.dumps(outer, indent=1).encode("utf-8")


def open_sealed(
    data: bytes, *, city_key: bytes, signer_for: Callable[[str, str], bytes | None]
) -> OpenedFile:
    """Decrypt with the city's key and check the signature against the counter's registered key.

    ``signer_for(agency_code, counter_id)`` returns the public key PEM registered for that
    ward's counter, or None: a counter number alone names a counter in every ward, so trust is
    per ward and counter, and a file signed by ward B's counter 1 is never ward A's.
    """
    header, ciphertext = _read_header(data)
    city = _load_private(city_key, (X25519PrivateKey,))
    city_public = city.public_key()
    if header["recipient"] != hashlib.sha256(city_public.public_bytes(*_RAW)).hexdigest():
        raise OfflineFileWrongKeyError("")
    try:
        plain = _decrypt(header, ciphertext, city)
    except (InvalidTag, ValueError):
        raise OfflineFileTamperedError("") from None
    envelope, signer, signature = _read_inner(plain, header)
    _check_signer(signer, signer_for(header["MaDonVi"], header["counter_id"]))
    try:
        signer.verify(signature, _signed_message(header["format"], header["recipient"], envelope))
    except InvalidSignature:
        raise OfflineFileTamperedError("signature") from None
    return OpenedFile(header, envelope)


def _decrypt(header: Mapping[str, str], ciphertext: bytes, city: X25519PrivateKey) -> bytes:
    if header["format"] == FORMAT_V1:
        return decrypt_v1(header, ciphertext, city)
    enc = _unb64(header["enc"])
    if len(enc) != ENC_BYTES:
        raise ValueError("enc")
    return SUITE.decrypt(enc + ciphertext, city, info=canonical_json(_without(header, "enc")))


def _without(header: Mapping[str, str], *names: str) -> dict[str, str]:
    return {key: value for key, value in header.items() if key not in names}


def _read_header(data: bytes) -> tuple[dict[str, str], bytes]:
    try:
        outer = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise OfflineFileFormatError("") from None
    if not isinstance(outer, dict) or outer.get("format") not in CRYPTO_FIELDS:
        raise OfflineFileFormatError("")
    names = (*HEADER_KEYS, *CRYPTO_FIELDS[outer["format"]], "ciphertext")
    if not all(isinstance(outer.get(name), str) for name in names):
        raise OfflineFileFormatError("")
    header = {name: str(outer[name]) for name in names if name != "ciphertext"}
    return header, _unb64(outer["ciphertext"])


def _read_inner(
    plain: bytes, header: Mapping[str, str]
) -> tuple[dict[str, Any], Ed25519PublicKey, bytes]:
    """The decrypted part; authentic already, so a bad shape is a format error, not tampering."""
    try:
        inner = json.loads(plain.decode("utf-8"))
        envelope = inner["envelope"]
        signer = Ed25519PublicKey.from_public_bytes(_unb64(inner["signer"]))
        signature = _unb64(inner["signature"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise OfflineFileFormatError("content") from None
    if not isinstance(envelope, dict) or envelope.get("counter_id") != header["counter_id"]:
        raise OfflineFileFormatError("content")
    if envelope.get("MaDonVi") != header["MaDonVi"]:  # the ward the key was looked up for
        raise OfflineFileFormatError("content")
    return envelope, signer, signature


def _check_signer(signer: Ed25519PublicKey, trusted_pem: bytes | None) -> None:
    if trusted_pem is None:
        raise OfflineSignerUnknownError("")
    trusted = _load_public(trusted_pem, (Ed25519PublicKey,))
    if trusted.public_bytes(*_RAW) != signer.public_bytes(*_RAW):
        raise OfflineSignerUnknownError("")


def _signed_message(file_format: str, recipient: str, envelope: Mapping[str, Any]) -> bytes:
    """What the counter signs: bound to the format and to the city it is meant for."""
    return f"{file_format}\n{recipient}\n".encode() + canonical_json(envelope)


def _private_pem(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _load_private(pem: bytes, kinds: tuple[type[_K], ...]) -> _K:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise OfflineKeyInvalidError("") from None
    if not isinstance(key, kinds):
        raise OfflineKeyInvalidError("")
    return key


def _load_public(pem: bytes, kinds: tuple[type[_K], ...]) -> _K:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError):
        raise OfflineKeyInvalidError("") from None
    if not isinstance(key, kinds):
        raise OfflineKeyInvalidError("")
    return key


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise OfflineFileFormatError("") from None
