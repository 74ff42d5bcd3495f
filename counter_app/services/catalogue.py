"""The procedure catalogue as the counter uses it: install, import, search, look up.

Every install or import is a new catalogue version, written with its audit row in one
transaction and made current at once; earlier versions stay, because a dossier keeps the
version it was received under (sync.md B5). A file is checked whole before anything is
written, so a bad row never leaves half a catalogue behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from counter_app import APP_NAME, __version__
from counter_app.domain.catalogue import (
    CatalogueVersion,
    ProcedureInactiveError,
    RowError,
    UnknownProcedureError,
    catalogue_sha256,
    decode_catalogue,
    parse_catalogue,
    parse_search,
    split_code,
)
from counter_app.domain.procedure import Procedure
from counter_app.domain.vn_time import iso_vn
from counter_app.errors import BadInputError, EnvironmentProblem
from counter_app.messages import VI, message_for
from counter_app.resources import resource_path
from counter_app.services.store.opening import Store, open_store
from counter_app.storage import catalogue as rows
from counter_app.storage.audit import append_audit
from counter_app.storage.engine import Database

SHIPPED_FOLDER = "catalogue"  # under resources/
SHIPPED_CSV = "procedures.csv"
SHIPPED_METADATA = "catalogue.json"  # {"checked_on": "YYYY-MM-DD", "source": "..."}
AUDIT_ACTION = "catalogue.import"


class CatalogueFileUnreadableError(BadInputError):
    """The file to import does not exist or cannot be read."""

    code = "CATALOGUE_FILE_UNREADABLE"


class CatalogueNotShippedError(EnvironmentProblem):
    """The installation lacks its shipped catalogue (a broken install or bundle)."""

    code = "CATALOGUE_NOT_SHIPPED"


class CatalogueNotInstalledError(EnvironmentProblem):
    """The store has no catalogue yet: setup installs the shipped one."""

    code = "CATALOGUE_NOT_INSTALLED"


@dataclass(frozen=True)
class CatalogueImport:
    """What an install or import did: the version now in force, and whether it is new."""

    version: CatalogueVersion
    created: bool  # False: the same file was in force already; nothing was written


@dataclass(frozen=True)
class _Incoming:
    """A checked catalogue file about to become a version."""

    raw: bytes
    procedures: tuple[Procedure, ...]
    source: str
    checked_on: str | None

    @property
    def sha256(self) -> str:
        return catalogue_sha256(self.raw)


def install_shipped_catalogue(store: Store, *, actor: str, now: datetime) -> CatalogueImport:
    """Install the catalogue shipped with the app, unless that very file was installed before.

    Idempotent, so setup may call it on every run. A shipped file already known (current, or
    since replaced by a supervisor's import) is not installed again: re-running setup never
    undoes a correction. A new release's different file does become a new version.
    """
    incoming = _shipped()
    with store.action() as db:
        known = rows.version_with_sha256(db, incoming.sha256)
        if known is not None:
            return CatalogueImport(known, created=False)
        return CatalogueImport(_add_version(db, incoming, actor=actor, now=now), created=True)


def import_catalogue(
    store: Store, path: Path, *, actor: str, now: datetime, checked_on: date | None = None
) -> CatalogueImport:
    """Check a catalogue CSV fully, then make it the current version in one transaction.

    ``checked_on`` is the day a supervisor vouched for the figures (default: the import day).
    A file identical to the current version's makes no new version. Raises
    CatalogueInvalidError (with every row problem) or CatalogueNotUtf8Error before writing.
    """
    raw = _read(path)
    incoming = _Incoming(
        raw=raw,
        procedures=parse_catalogue(decode_catalogue(raw)),
        source=f"import {path.name}",
        checked_on=(checked_on or now.date()).isoformat(),
    )
    with store.action() as db:
        current = rows.current_version(db)
        if current is not None and current.sha256 == incoming.sha256:
            return CatalogueImport(current, created=False)
        return CatalogueImport(_add_version(db, incoming, actor=actor, now=now), created=True)


def ensure_catalogue(store: Store, *, actor: str, now: datetime) -> CatalogueVersion:
    """The current version, installing the shipped catalogue first on a store without one."""
    current = rows.current_version(store)
    if current is not None:
        return current
    return install_shipped_catalogue(store, actor=actor, now=now).version


def current_catalogue(store: Store) -> CatalogueVersion:
    """The version new dossiers use; CatalogueNotInstalledError when there is none yet."""
    current = rows.current_version(store)
    if current is None:
        raise CatalogueNotInstalledError()
    return current


def catalogue_versions(store: Store) -> list[CatalogueVersion]:
    """Every version, oldest first, with its procedure counts."""
    return rows.list_versions(store)


def list_procedures(
    store: Store, search: str | None = None, include_inactive: bool = False
) -> list[Procedure]:
    """Procedures of the current version, by code; ``search`` is a code prefix or name words.

    Accent-insensitive: "dang ky ket hon" finds "Đăng ký kết hôn", "2.0008" finds 2.000815.
    """
    version = current_catalogue(store).version
    query = parse_search(search)
    return rows.list_procedures(store, version, query, include_inactive=include_inactive)


def lookup_procedure(code: str, store: Store | None = None) -> Procedure:
    """The current version's procedure for a new dossier (an agency suffix is ignored).

    Raises UnknownProcedureError when absent, ProcedureInactiveError when switched off here.
    Without ``store``, the data folder's store is opened for this one look-up.
    """
    if store is None:
        with open_store() as opened:
            return lookup_procedure(code, opened)
    procedure = get_procedure(store, code, current_catalogue(store).version)
    if not procedure.active:
        raise ProcedureInactiveError(procedure.code)
    return procedure


def get_procedure(store: Store, code: str, version: int) -> Procedure:
    """A procedure as it stood in ``version`` (a stored dossier's), active or not."""
    parts = split_code(code)
    found = rows.get_procedure(store, parts[0], version) if parts else None
    if found is None:
        # A well-formed code helps IT; anything else typed is not repeated into a log.
        raise UnknownProcedureError(parts[0] if parts else "")
    return found


def _add_version(
    db: Database, incoming: _Incoming, *, actor: str, now: datetime
) -> CatalogueVersion:
    """Insert, make current and audit a version; call inside ``store.action()``."""
    at = iso_vn(now)
    number = rows.insert_catalogue_version(
        db,
        incoming.procedures,
        imported_at=at,
        source=incoming.source,
        checked_on=incoming.checked_on,
        sha256=incoming.sha256,
    )
    rows.set_current_version(db, number)
    version = _require(rows.current_version(db))
    append_audit(
        db, at=at, actor=actor, action=AUDIT_ACTION, subject=f"catalogue:{number}",
        details=_audit_details(version),
    )  # fmt: skip
    return version


def _audit_details(version: CatalogueVersion) -> dict[str, object]:
    """Counts and the fingerprint only: enough to tell which file was put in force."""
    return {
        "version": version.version,
        "source": version.source,
        "checked_on": version.checked_on,
        "procedures": version.procedure_count,
        "active": version.active_count,
        "sha256": version.sha256,
    }


def _require(version: CatalogueVersion | None) -> CatalogueVersion:
    if version is None:  # only if the row just written vanished: a broken store
        raise CatalogueNotInstalledError("current version missing after insert")
    return version


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise CatalogueFileUnreadableError(path.name) from None


def _shipped() -> _Incoming:
    """The shipped CSV and its metadata, checked like any import."""
    folder = resource_path(SHIPPED_FOLDER)
    try:
        raw = (folder / SHIPPED_CSV).read_bytes()
        meta = json.loads((folder / SHIPPED_METADATA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CatalogueNotShippedError(SHIPPED_FOLDER) from None
    return _Incoming(
        raw=raw,
        procedures=parse_catalogue(decode_catalogue(raw)),
        source=f"shipped with {APP_NAME} {__version__}",
        checked_on=_checked_on(meta),
    )


def _checked_on(meta: object) -> str:
    """The metadata's last-checked day, which the app shows beside the catalogue."""
    value = meta.get("checked_on") if isinstance(meta, dict) else None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CatalogueNotShippedError(SHIPPED_METADATA) from None


def describe_row_error(error: RowError, lang: str = VI) -> str:
    """One row problem as the sentence IT reads: "Dòng 7, cột fee_vnd: …"."""
    reason = message_for(f"CATALOGUE_REASON_{error.reason.name}", lang, error.params)
    template = "CATALOGUE_ROW" if error.column else "CATALOGUE_LINE"
    values = {"line": str(error.line), "column": error.column, "reason": reason}
    return message_for(template, lang, values)
