"""Basic Access Control: mutual authentication and the session keys (ICAO 9303 Part 11 §4.3)."""

from __future__ import annotations

from typing import NamedTuple

from counter_app.chip.crypto import derive_key, des3_decrypt, des3_encrypt, pad, retail_mac
from counter_app.chip.errors import ChipAccessDeniedError, ChipSecureMessagingError
from counter_app.chip.mrz_key import BacKey

ENC, MAC = 1, 2


class BacKeys(NamedTuple):
    k_enc: bytes
    k_mac: bytes


class SessionKeys(NamedTuple):
    """What Secure Messaging needs after BAC: KS_enc, KS_mac and the starting SSC."""

    ks_enc: bytes
    ks_mac: bytes
    ssc: int


class MutualAuthRequest(NamedTuple):
    """The EXTERNAL AUTHENTICATE data and what the terminal keeps to check the answer."""

    data: bytes
    rnd_ifd: bytes
    rnd_icc: bytes
    k_ifd: bytes


def bac_keys(key: BacKey) -> BacKeys:
    seed = key.seed()
    return BacKeys(derive_key(seed, ENC), derive_key(seed, MAC))


def mutual_auth_request(
    keys: BacKeys, *, rnd_icc: bytes, rnd_ifd: bytes, k_ifd: bytes
) -> MutualAuthRequest:
    """E_IFD || M_IFD over RND.IFD || RND.IC || K.IFD (random values passed in, for tests)."""
    encrypted = des3_encrypt(keys.k_enc, rnd_ifd + rnd_icc + k_ifd)
    mac = retail_mac(keys.k_mac, pad(encrypted))
    return MutualAuthRequest(encrypted + mac, rnd_ifd, rnd_icc, k_ifd)


def session_from_response(
    keys: BacKeys, request: MutualAuthRequest, response: bytes
) -> SessionKeys:
    """Check the chip's E_IC || M_IC and derive the session keys and the SSC."""
    if len(response) != 40:
        raise ChipAccessDeniedError("mutual authentication answer of unexpected length")
    encrypted, mac = response[:32], response[32:]
    if retail_mac(keys.k_mac, pad(encrypted)) != mac:
        raise ChipSecureMessagingError("mutual authentication MAC mismatch")
    plain = des3_decrypt(keys.k_enc, encrypted)
    if plain[:8] != request.rnd_icc or plain[8:16] != request.rnd_ifd:
        raise ChipSecureMessagingError("mutual authentication nonce mismatch")
    seed = bytes(a ^ b for a, b in zip(request.k_ifd, plain[16:32], strict=True))
    ssc = int.from_bytes(request.rnd_icc[-4:] + request.rnd_ifd[-4:], "big")
    return SessionKeys(derive_key(seed, ENC), derive_key(seed, MAC), ssc)
