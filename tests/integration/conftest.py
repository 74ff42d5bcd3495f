"""The built bundle, once per test session: ``make dist`` takes a minute or more of CPU, and
both the bundle's tests and the minimal-root tests run the same build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.bundle_helpers import build_bundle


@pytest.fixture(scope="session")
def bundle() -> Path:
    return build_bundle()
