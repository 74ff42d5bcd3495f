"""Where the store's encryption key lives: the OS keyring when there is one, else a key file.

The key is 32 random bytes used raw by SQLCipher (no key derivation, so opening is instant).
The keyring (Windows Credential Manager, macOS Keychain, Secret Service) protects the key
with the user's login. The fallback key file is owner-only beside the store: it protects
copies of the database and backups carried elsewhere, but not a whole stolen disk read with
the same account's rights. The settings screen and docs/STORE.md say so.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import NamedTuple

from counter_app import APP_NAME
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.services.paths import write_private_file

KEY_BYTES = 32
KEY_FILE_NAME = "store.key"
KEYRING = "keyring"
KEY_FILE = "file"
STAMP = "%Y%m%d-%H%M%S"  # the time in the name of a key kept aside (Vietnam time)
REPLACED = ".replaced-"  # store.key.replaced-STAMP: a key kept aside, never deleted


class StoreKeyMissingError(EnvironmentProblem):
    """The store is encrypted but neither the keyring nor a key file holds its key."""

    code = "STORE_KEY_MISSING"


class KeyFileInvalidError(BadInputError):
    """A key file given by IT is not a 64-character hexadecimal key."""

    code = "KEY_FILE_INVALID"


class StoredKey(NamedTuple):
    key: bytes
    where: str  # KEYRING or KEY_FILE


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def keyring_account(store_path: Path) -> str:
    """One keyring entry per store file, so two data folders never share or clobber a key."""
    digest = hashlib.sha256(str(store_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"store-key:{digest}"


def save_key(store_path: Path, key: bytes, *, prefer_keyring: bool = True) -> str:
    """Keep ``key`` in the keyring if one works, else in an owner-only file; say where."""
    if prefer_keyring and _keyring_set(keyring_account(store_path), key.hex()):
        return KEYRING
    write_key_file(store_path.parent / KEY_FILE_NAME, key)
    return KEY_FILE


def load_key(store_path: Path) -> StoredKey:
    key_file = store_path.parent / KEY_FILE_NAME
    if key_file.exists():
        return StoredKey(read_key_file(key_file), KEY_FILE)
    stored = _keyring_get(keyring_account(store_path))
    if stored is not None:
        return StoredKey(_parse_hex_key(stored), KEYRING)
    raise StoreKeyMissingError("")


def kept_keys(store_path: Path) -> list[str]:
    """Where a key of this store's name is kept: "store.key" and/or "keyring" (none: [])."""
    found = [KEY_FILE_NAME] if (store_path.parent / KEY_FILE_NAME).exists() else []
    if _keyring_get(keyring_account(store_path)) is not None:
        found.append(KEYRING)
    return found


def set_keys_aside(store_path: Path, *, stamp: str) -> list[str]:
    """Keep every key of this store's name aside under a new name; return those names.

    The key file is renamed to ``store.key.replaced-STAMP``; a keyring key is copied to the
    owner-only ``store.key.replaced-STAMP.keyring`` (the next ``save_key`` replaces the entry).
    Nothing is overwritten or deleted: a key may be the only way into a store or a backup.
    """
    folder, kept = store_path.parent, []
    key_file = folder / KEY_FILE_NAME
    if key_file.exists():
        aside = _free_name(folder, f"{KEY_FILE_NAME}{REPLACED}{stamp}")
        os.replace(key_file, aside)  # a free name (checked just above): nothing overwritten
        kept.append(aside.name)
    stored = _keyring_get(keyring_account(store_path))
    if stored is not None:
        aside = _free_name(folder, f"{KEY_FILE_NAME}{REPLACED}{stamp}.keyring")
        write_private_file(aside, (stored.strip() + "\n").encode("ascii"), overwrite=False)
        kept.append(aside.name)
    return kept


def keep_new_key(store_path: Path, key: bytes, *, stamp: str) -> list[str]:
    """Make ``key`` this store's key; any other key found is kept aside first (names returned)."""
    try:
        if load_key(store_path).key == key:
            return []
    except (StoreKeyMissingError, KeyFileInvalidError):
        pass
    kept = set_keys_aside(store_path, stamp=stamp)
    save_key(store_path, key)
    return kept


def _free_name(folder: Path, name: str) -> Path:
    candidate, attempt = folder / name, 1
    while candidate.exists():
        attempt += 1
        candidate = folder / f"{name}-{attempt}"
    return candidate


def forget_key(store_path: Path) -> None:
    """Remove the key from wherever it is kept (used when a store is replaced by restore)."""
    key_file = store_path.parent / KEY_FILE_NAME
    if key_file.exists():
        key_file.unlink()
    _keyring_delete(keyring_account(store_path))


def write_key_file(path: Path, key: bytes) -> None:
    write_private_file(path, (key.hex() + "\n").encode("ascii"))


def read_key_file(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        raise KeyFileInvalidError(path.name) from None
    return _parse_hex_key(text)


def _parse_hex_key(text: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        raise KeyFileInvalidError("not hex") from None
    if len(key) != KEY_BYTES:
        raise KeyFileInvalidError("length")
    return key


def _keyring_set(account: str, secret: str) -> bool:
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(APP_NAME, account, secret)
    except (ImportError, KeyringError, RuntimeError):
        return False  # no usable keyring (e.g. no D-Bus session): fall back to the key file
    return True


def _keyring_get(account: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        value: str | None = keyring.get_password(APP_NAME, account)
    except (ImportError, KeyringError, RuntimeError):
        return None
    return value


def _keyring_delete(account: str) -> None:
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.delete_password(APP_NAME, account)
    except (ImportError, KeyringError, RuntimeError):
        return
