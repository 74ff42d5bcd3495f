"""Free space as the window and DISK_FULL say it, on this machine's real file system."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.services.store.errors import LOW_SPACE_WARNING_BYTES, low_space
from counter_app.storage.engine import free_bytes, human_size


@pytest.mark.parametrize(
    ("size", "said"),
    [(0, "0 bytes"), (1023, "1023 bytes"), (40 * 1024, "40 KB"), (312 * 1024**2, "312 MB"),
     (3 * 1024**3, "3 GB"), (5 * 1024**4, "5 TB")],
)  # fmt: skip
def test_sizes_read_as_it_would_say_them(size: int, said: str) -> None:
    assert human_size(size) == said


def test_the_warning_threshold_grows_with_the_store(tmp_path: Path) -> None:
    free = free_bytes(tmp_path)
    assert free is not None
    if free < LOW_SPACE_WARNING_BYTES:
        pytest.skip("this machine's temporary folder is itself nearly full")
    assert low_space(tmp_path, store_size=0) is None
    said = low_space(tmp_path, store_size=free)  # a backup needs the store size twice
    assert said is not None and said.split()[-1] in {"bytes", "KB", "MB", "GB", "TB"}
