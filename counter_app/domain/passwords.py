"""Password hashing with scrypt from the standard library (no extra dependency to ship).

A hash is stored as ``scrypt$n=32768,r=8,p=1$<salt>$<key>`` (base64): its parameters travel
with it, so raising them later only needs ``needs_rehash`` at the next sign-in. Comparison
is constant-time. Passwords are NFC-normalised first: two keyboards typing the same
Vietnamese word must give the same password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass

SCHEME = "scrypt"
# n=2**15, r=8: 32 MiB of memory and about 50–250 ms on a counter PC (docs/USERS.md has the
# measurement): slow enough to make guessing a stolen store costly, quick enough for a
# clerk signing in. p=1: one lane, the counter PC is small.
DEFAULT_N = 2**15
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
MAX_MEMORY = 256 * 1024 * 1024  # scrypt needs 128·n·r bytes; room for raised parameters
MIN_LENGTH = 8
MAX_LENGTH = 1024  # a pasted file by mistake is refused, and hashing stays bounded


@dataclass(frozen=True)
class HashParams:
    n: int = DEFAULT_N
    r: int = DEFAULT_R
    p: int = DEFAULT_P


def normalise(password: str) -> bytes:
    return unicodedata.normalize("NFC", password).encode("utf-8")


def hash_password(password: str, params: HashParams | None = None) -> str:
    chosen = params or HashParams()
    salt = os.urandom(SALT_BYTES)
    key = _derive(password, salt, chosen)
    return "$".join((SCHEME, _params_text(chosen), _b64(salt), _b64(key)))


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; a malformed stored hash never matches."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    params, salt, key = parsed
    return hmac.compare_digest(_derive(password, salt, params), key)


def needs_rehash(stored: str, params: HashParams | None = None) -> bool:
    parsed = _parse(stored)
    return parsed is None or parsed[0] != (params or HashParams())


def _derive(password: str, salt: bytes, params: HashParams) -> bytes:
    return hashlib.scrypt(
        normalise(password),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=MAX_MEMORY,
        dklen=KEY_BYTES,
    )


def _params_text(params: HashParams) -> str:
    return f"n={params.n},r={params.r},p={params.p}"


def _parse(stored: str) -> tuple[HashParams, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        return None
    try:
        values = dict(item.split("=", 1) for item in parts[1].split(","))
        params = HashParams(n=int(values["n"]), r=int(values["r"]), p=int(values["p"]))
        return params, base64.b64decode(parts[2]), base64.b64decode(parts[3])
    except (KeyError, ValueError):
        return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
