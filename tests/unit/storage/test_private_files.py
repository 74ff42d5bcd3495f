"""``write_private_file``: owner-only, whole or not at all, and never over a file it must keep."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from counter_app.services import paths
from counter_app.services.paths import write_private_file

ON_POSIX = os.name == "posix"
AS_ROOT = ON_POSIX and os.geteuid() == 0  # root writes into read-only folders anyway


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("overwrite", [True, False])
def test_a_new_file_is_whole_and_owner_only(tmp_path: Path, overwrite: bool) -> None:
    target = tmp_path / "receipt.pdf"
    write_private_file(target, b"%PDF-1.4 whole", overwrite=overwrite)
    assert target.read_bytes() == b"%PDF-1.4 whole"
    assert os.listdir(tmp_path) == ["receipt.pdf"]  # no temporary file left
    if ON_POSIX:
        assert mode(target) == 0o600


def test_overwrite_replaces_the_file_and_tightens_it(tmp_path: Path) -> None:
    target = tmp_path / "token"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_private_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["token"]
    if ON_POSIX:
        assert mode(target) == 0o600


def test_without_overwrite_an_existing_file_is_refused_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "key.pem"
    target.write_bytes(b"the first key")
    target.chmod(0o600)
    with pytest.raises(FileExistsError):
        write_private_file(target, b"another key", overwrite=False)
    assert target.read_bytes() == b"the first key"
    assert os.listdir(tmp_path) == ["key.pem"]


def test_without_hard_links_the_name_is_still_never_taken_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FAT32 stick has no hard links: the file is made with O_EXCL instead."""

    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(paths.os, "link", no_links)
    target = tmp_path / "key.txt"
    write_private_file(target, b"first", overwrite=False)
    with pytest.raises(FileExistsError):
        write_private_file(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["key.txt"]
    if ON_POSIX:
        assert mode(target) == 0o600


def test_a_missing_folder_raises_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_private_file(tmp_path / "gone" / "r.pdf", b"%PDF")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(
    not ON_POSIX or AS_ROOT,
    reason="root ignores folder modes (Windows has none): no read-only folder to test",
)
def test_a_read_only_folder_raises_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            write_private_file(folder / "r.pdf", b"%PDF")
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_failed_rename_leaves_no_temporary_file(tmp_path: Path) -> None:
    """The name is taken by a folder: the rename fails after the temporary file was written."""
    (tmp_path / "r.pdf").mkdir()
    (tmp_path / "r.pdf" / "inside").write_bytes(b"")
    with pytest.raises(OSError):
        write_private_file(tmp_path / "r.pdf", b"%PDF")
    assert os.listdir(tmp_path) == ["r.pdf"]


@pytest.mark.parametrize("overwrite", [True, False])
def test_a_full_disk_leaves_no_temporary_file_and_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overwrite: bool
) -> None:
    target = tmp_path / "calendar.json"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(paths.os, "fsync", full)
    with pytest.raises(OSError) as raised:
        write_private_file(target, b"new", overwrite=overwrite)
    assert raised.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["calendar.json"]
