"""A minimal Debian 12 root (debootstrap minbase) holding only the system libraries that
docs/ADMIN.md tells IT to install, with the bundle copied in and run through chroot.

The package list is read from the install line of docs/ADMIN.md, so the document and the test
cannot drift apart. Locally the root is kept under build/ and reused while that list is the
same; on CI (CI=true) it is made afresh each run.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from tests.integration.bundle_helpers import REPO, in_ci

ROOT_CACHE = REPO / "build" / "minimal-root"
ADMIN_DOC = REPO / "docs" / "ADMIN.md"
SUITE = "bookworm"  # Debian 12: the oldest system the bundle is built for
MIRROR = os.environ.get("COUNTER_APP_DEBIAN_MIRROR", "http://deb.debian.org/debian")
STAMP = ".counter-app-packages"  # the package list the cached root was made with
INSTALLED = Path("/opt/counter-app")  # where the bundle goes inside the root, as ADMIN.md says
_INSTALL_LINE = re.compile(r"^apt-get install -y --no-install-recommends (?P<packages>.+)$", re.M)


def documented_packages() -> list[str]:
    """The packages of ADMIN.md's install line for a counter PC."""
    found = _INSTALL_LINE.search(ADMIN_DOC.read_text(encoding="utf-8"))
    assert found, "docs/ADMIN.md has no `apt-get install -y --no-install-recommends` line"
    return found["packages"].split()


def minimal_root(packages: Sequence[str]) -> Path:
    """The root with ``packages``: made with debootstrap (about 90 s), or the cached one."""
    wanted = " ".join(packages)
    stamp = ROOT_CACHE / STAMP
    if not in_ci() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return ROOT_CACHE
    unmount_leftovers(ROOT_CACHE)  # never remove the host's /dev through a stale bind mount
    shutil.rmtree(ROOT_CACHE, ignore_errors=True)
    ROOT_CACHE.parent.mkdir(parents=True, exist_ok=True)
    command = ["debootstrap", "--variant=minbase", f"--include={','.join(packages)}",
               SUITE, str(ROOT_CACHE), MIRROR]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    for deb in (ROOT_CACHE / "var" / "cache" / "apt" / "archives").glob("*.deb"):
        deb.unlink()  # 60 MB of packages the root no longer needs
    stamp.write_text(wanted, encoding="utf-8")
    return ROOT_CACHE


def install_bundle(root: Path, bundle: Path) -> Path:
    """Copy the bundle to /opt/counter-app in the root (the CLI link kept as a link)."""
    target = root / INSTALLED.relative_to("/")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(bundle, target, symlinks=True)
    return target


@contextlib.contextmanager
def mounted(root: Path, *, x11_sockets: Path | None = None) -> Iterator[None]:
    """/proc and /dev inside the root (and the X server's socket folder), unmounted after."""
    mounts: list[Path] = []
    unmount_leftovers(root)
    try:
        _mount(["-t", "proc", "proc"], root / "proc", mounts)
        _mount(["--bind", "/dev"], root / "dev", mounts)
        if x11_sockets is not None:
            inside = root / "tmp" / ".X11-unix"
            inside.mkdir(parents=True, exist_ok=True)
            _mount(["--bind", str(x11_sockets)], inside, mounts)
        yield
    finally:
        for point in reversed(mounts):
            subprocess.run(["umount", "--lazy", str(point)], check=False)


def unmount_leftovers(root: Path) -> None:
    """Unmount what a killed earlier run left mounted inside ``root``; fail if any stays."""
    for point in sorted(_mounts_under(root), reverse=True):
        subprocess.run(["umount", "--lazy", point], check=False)
    assert not _mounts_under(root), "mounts left inside the minimal root"


def _mounts_under(root: Path) -> list[str]:
    prefix = str(root.resolve()) + "/"
    lines = Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()
    return [line.split()[1] for line in lines if line.split()[1].startswith(prefix)]


def _mount(how: list[str], point: Path, mounts: list[Path]) -> None:
    subprocess.run(["mount", *how, str(point)], check=True)
    mounts.append(point)


def chroot_command(root: Path, env: Mapping[str, str], program: str, *args: str) -> list[str]:
    """A command run inside the root with exactly ``env`` (nothing of the host's)."""
    pairs = [f"{name}={value}" for name, value in env.items()]
    return ["chroot", str(root), "/usr/bin/env", "-i", *pairs, program, *args]
