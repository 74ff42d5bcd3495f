"""The catalogue the simulated city serves (``GET /v1/catalogue``) and checks ``MaTTHC`` against.

The file is read again on every request, so replacing it while the server runs changes the
ETag: that is how a test or a trainer makes "the city published a new catalogue".
"""

from __future__ import annotations

import csv
import hashlib
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.catalogue import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    decode_catalogue,
    parse_catalogue,
)
from counter_app.errors import BadInputError
from counter_app.resources import resource_path
from sync.simulator.errors import SimCatalogueError

VERSION_HEX_DIGITS = 16  # 64 bits of the file's SHA-256: distinct for every file a city publishes


@dataclass(frozen=True)
class ServedCatalogue:
    version: str
    procedures: tuple[dict[str, str], ...]  # the CSV's columns as written, plus ``active``
    codes: frozenset[str]

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    def to_json(self) -> dict[str, object]:
        return {"version": self.version, "procedures": list(self.procedures)}


def shipped_catalogue_path() -> Path:
    return resource_path("catalogue", "procedures.csv")


class CatalogueSource:
    """A catalogue file, parsed again only when its bytes change."""

    def __init__(self, path: Path | None) -> None:
        self._path = path or shipped_catalogue_path()
        self._lock = threading.Lock()
        self._served: ServedCatalogue | None = None

    def current(self) -> ServedCatalogue:
        raw = self._read()
        version = hashlib.sha256(raw).hexdigest()[:VERSION_HEX_DIGITS]
        with self._lock:
            if self._served is None or self._served.version != version:
                self._served = _parse(raw, version)
            return self._served

    def _read(self) -> bytes:
        try:
            return self._path.read_bytes()
        except OSError:
            raise SimCatalogueError(self._path.name) from None


def _parse(raw: bytes, version: str) -> ServedCatalogue:
    """Check the file as the counter's importer would, then keep its rows as strings."""
    try:
        text = decode_catalogue(raw)
        procedures = parse_catalogue(text)
    except BadInputError as error:
        raise SimCatalogueError(error.code) from None
    columns = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    rows = tuple(
        {name: (row.get(name) or ("1" if name == "active" else "")) for name in columns}
        for row in csv.DictReader(io.StringIO(text))
    )
    return ServedCatalogue(version, rows, frozenset(p.code for p in procedures))
