"""Reading the first offline file format, ``counter-sync-offline/1``, written before HPKE.

Counters that have not upgraded yet, and sticks exported before the upgrade, still carry it, so
the city keeps opening it. Nothing writes it any more. Its construction, for the record:
ephemeral-static X25519, HKDF-SHA256 (info the format's name, salt the ephemeral key then the
city's key) to a ChaCha20-Poly1305 key, a random 12-byte nonce, and the canonical JSON of the
header as associated data (docs/SYNC-PROTOCOL.md).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Final

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.protocol import canonical_json

FORMAT_V1: Final = "counter-sync-offline/1"
# The fields of the v1 header besides the ones every version has, in the file's order.
V1_CRYPTO_FIELDS: Final = ("ephemeral_key", "nonce")
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def decrypt_v1(header: Mapping[str, str], ciphertext: bytes, city: X25519PrivateKey) -> bytes:
    """The plaintext of a v1 file; raises InvalidTag or ValueError when anything was changed."""
    ephemeral_raw = _unb64(header["ephemeral_key"])
    shared = city.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
    salt = ephemeral_raw + city.public_key().public_bytes(*_RAW)
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=FORMAT_V1.encode())
    aead = ChaCha20Poly1305(hkdf.derive(shared))
    return aead.decrypt(_unb64(header["nonce"]), ciphertext, canonical_json(dict(header)))


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("base64") from None
