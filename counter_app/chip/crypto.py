"""The block-cipher primitives of BAC and Secure Messaging (ICAO 9303 Part 11, §9.7-9.8).

3DES in CBC mode with a zero IV, ISO 9797-1 padding method 2, and the ISO 9797-1 MAC
algorithm 3 ("retail MAC") with single DES. ``cryptography`` keeps 3DES among its
"decrepit" ciphers: it is what the eMRTD standard mandates for BAC.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

BLOCK = 8
_ZERO_IV = bytes(BLOCK)


def pad(data: bytes) -> bytes:
    """ISO 9797-1 padding method 2: 0x80 then zeros to a whole block (always adds a byte)."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % BLOCK)


def unpad(data: bytes) -> bytes:
    """Remove ISO 9797-1 method 2 padding; ValueError when there is none."""
    end = data.rstrip(b"\x00")
    if not end.endswith(b"\x80"):
        raise ValueError("no ISO 9797-1 padding")
    return end[:-1]


def des3_encrypt(key: bytes, data: bytes) -> bytes:
    encryptor = Cipher(TripleDES(_three_keys(key)), modes.CBC(_ZERO_IV)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def des3_decrypt(key: bytes, data: bytes) -> bytes:
    decryptor = Cipher(TripleDES(_three_keys(key)), modes.CBC(_ZERO_IV)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def retail_mac(key: bytes, padded: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3 over padded data: DES-CBC with Ka, then 3DES on the end.

    Single DES is 3DES with one key thrice (Ka||Ka||Ka), the only DES ``cryptography`` has.
    """
    ka, kb = key[:BLOCK], key[BLOCK : 2 * BLOCK]
    chained = Cipher(TripleDES(ka * 3), modes.CBC(_ZERO_IV)).encryptor()
    last = (chained.update(padded) + chained.finalize())[-BLOCK:]
    return _des_ecb_encrypt(ka, _des_ecb_decrypt(kb, last))


def derive_key(seed: bytes, counter: int) -> bytes:
    """ICAO 9303 Part 11 §9.7.1: a 3DES key (Ka||Kb) from SHA-1 of seed||counter, with parity."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()
    return adjust_parity(digest[:16])


def adjust_parity(key: bytes) -> bytes:
    """Set each byte's low bit so that the byte has odd parity (DES key convention)."""
    return bytes((b & 0xFE) | (bin(b >> 1).count("1") + 1) % 2 for b in key)


def _des_ecb_encrypt(key: bytes, block: bytes) -> bytes:
    encryptor = Cipher(TripleDES(key * 3), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def _des_ecb_decrypt(key: bytes, block: bytes) -> bytes:
    decryptor = Cipher(TripleDES(key * 3), modes.ECB()).decryptor()
    return decryptor.update(block) + decryptor.finalize()


def _three_keys(key: bytes) -> bytes:
    """Two-key 3DES (Ka||Kb) as the 24-byte Ka||Kb||Ka that ``cryptography`` asks for."""
    return key + key[:BLOCK] if len(key) == 2 * BLOCK else key
