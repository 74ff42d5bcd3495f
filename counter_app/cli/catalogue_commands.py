"""``counter-app catalogue list | import | versions``: the procedure catalogue for IT."""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import date
from pathlib import Path
from typing import Any

from counter_app.cli.output import Subparsers, add_json_flag, emit, print_group_help
from counter_app.domain.catalogue import CatalogueInvalidError, CatalogueVersion
from counter_app.domain.procedure import Procedure
from counter_app.errors import EXIT_OK
from counter_app.messages import EN, VI, message_for
from counter_app.services.actor import cli_actor
from counter_app.services.catalogue import (
    CatalogueImport,
    catalogue_versions,
    describe_row_error,
    ensure_catalogue,
    import_catalogue,
    list_procedures,
)
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import open_store

# Table labels (not sentences, so kept beside the table rather than in the message catalogue).
_SAME_DAY = {VI: "trong ngày", EN: "same day"}
_DAYS = {VI: "{n} ngày", EN: "{n} days"}
_CALENDAR_DAYS = {VI: "{n} ngày lịch", EN: "{n} cal. days"}
_INACTIVE = {VI: "[tắt]", EN: "[off]"}
_NO_DATE = "—"
_PERIOD_WIDTH = 13  # the widest period label ("30 ngày lịch", "30 cal. days") and a space
_FEE_WIDTH = 9  # "400,000" and room for a fee up to 9,999,999 VND


def register(commands: Subparsers) -> None:
    group = commands.add_parser(
        "catalogue",
        help="list, search and import the procedure catalogue",
        description=(
            "The procedure catalogue: which procedures this counter receives, their papers, "
            "periods and fees. Every import is a new version; dossiers keep theirs."
        ),
    )
    group.set_defaults(handler=lambda args: print_group_help(group))
    sub = group.add_subparsers(title="commands", metavar="COMMAND")
    _register_list(sub)
    _register_import(sub)
    _register_versions(sub)


def _register_list(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "list",
        help="list or search the procedures of the current catalogue",
        description=(
            "List the procedures of the current catalogue version, ordered by code, under a "
            "line giving the version and the day its figures were last checked. --search takes "
            "a code prefix (2.0008) or words matched without accents (dang ky ket hon). On a "
            "store without a catalogue, the shipped one is installed first."
        ),
    )
    parser.add_argument("--search", metavar="Q", help="a code prefix or words of the name")
    parser.add_argument(
        "--all", action="store_true", help="include procedures switched off at this counter"
    )
    add_json_flag(parser, "one JSON object per procedure, no header line")
    parser.set_defaults(handler=run_list)


def _register_import(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "import",
        help="check a catalogue CSV and make it the current version",
        description=(
            "Check a catalogue CSV (docs/CATALOGUE.md) row by row and, when every row is valid, "
            "make it the current version in one step, with an audit record. A file with any "
            "bad row is refused whole: each problem is listed with its line and column, exit "
            "status 2, nothing written. A file identical to the current version makes no new "
            "version."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the catalogue CSV (UTF-8)")
    parser.add_argument(
        "--checked-on",
        metavar="DATE",
        type=date.fromisoformat,
        help="the day the figures were last checked (YYYY-MM-DD); default: today",
    )
    add_json_flag(parser, "print the result as one JSON object")
    parser.set_defaults(handler=run_import)


def _register_versions(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "versions",
        help="list every catalogue version, oldest first",
        description=(
            "List every catalogue version kept in the store, oldest first: when it was put in "
            "force, where from, its last-checked day, its procedure counts and fingerprint. "
            "The current one is marked."
        ),
    )
    add_json_flag(parser, "one JSON object per version")
    parser.set_defaults(handler=run_versions)


def run_list(args: argparse.Namespace) -> int:
    with contextlib.closing(open_store()) as store:
        version = ensure_catalogue(store, actor=cli_actor(), now=now_vn())
        procedures = list_procedures(store, args.search, include_inactive=args.all)
    if args.json:
        for procedure in procedures:
            emit(procedure_json(procedure))
        return EXIT_OK
    print(_header(version, args.lang))
    for procedure in procedures:
        print(_table_line(procedure, args.lang))
    return EXIT_OK


def procedure_json(procedure: Procedure) -> dict[str, Any]:
    return {
        "code": procedure.code,
        "agency_suffix": procedure.agency_suffix,
        "name_vi": procedure.name_vi,
        "name_en": procedure.name_en,
        "field": procedure.field,
        "processing_days": procedure.processing_days,
        "calendar_days": procedure.calendar_days,
        "same_day": procedure.same_day,
        "cutoff": procedure.cutoff.strftime("%H:%M") if procedure.cutoff else None,
        "fee_vnd": procedure.fee_vnd,
        "documents": list(procedure.documents),
        "confidence": procedure.confidence,
        "active": procedure.active,
        "catalogue_version": procedure.catalogue_version,
    }


def _header(version: CatalogueVersion, lang: str) -> str:
    params = {"version": str(version.version), "checked_on": version.checked_on or _NO_DATE}
    return message_for("CATALOGUE_HEADER", lang, params)


def _table_line(procedure: Procedure, lang: str) -> str:
    name = procedure.name_vi if lang == VI else procedure.name_en
    if not procedure.active:
        name = f"{_INACTIVE[lang]} {name}"
    fee = f"{procedure.fee_vnd:,}"
    return (
        f"{procedure.code}  {_period(procedure, lang):<{_PERIOD_WIDTH}}{fee:>{_FEE_WIDTH}}  {name}"
    )


def _period(procedure: Procedure, lang: str) -> str:
    if procedure.same_day:
        return _SAME_DAY[lang]
    if procedure.calendar_days:
        return _CALENDAR_DAYS[lang].format(n=procedure.calendar_days)
    return _DAYS[lang].format(n=procedure.processing_days)


def run_import(args: argparse.Namespace) -> int:
    with contextlib.closing(open_store()) as store:
        try:
            result = import_catalogue(
                store, Path(args.file), actor=cli_actor(), now=now_vn(), checked_on=args.checked_on
            )
        except CatalogueInvalidError as error:
            _report_rows(error, args)
            raise
    if args.json:
        emit({"ok": True, **_import_json(result)})
    else:
        print(_import_sentence(result, args.lang))
    return EXIT_OK


def _report_rows(error: CatalogueInvalidError, args: argparse.Namespace) -> None:
    """Every row problem on its own line (stderr; with --json also one object each on stdout)."""
    for row in error.errors:
        text = describe_row_error(row, args.lang)
        print(text, file=sys.stderr)
        if args.json:
            emit({"ok": False, "line": row.line, "column": row.column or None,
                  "reason": row.reason.value, "error": text})  # fmt: skip


def _import_json(result: CatalogueImport) -> dict[str, Any]:
    return {"created": result.created, **version_json(result.version)}


def _import_sentence(result: CatalogueImport, lang: str) -> str:
    version = result.version
    if not result.created:
        return message_for("CATALOGUE_UNCHANGED", lang, {"version": str(version.version)})
    params = {
        "version": str(version.version),
        "count": str(version.procedure_count),
        "active": str(version.active_count),
    }
    return message_for("CATALOGUE_IMPORTED", lang, params)


def run_versions(args: argparse.Namespace) -> int:
    with contextlib.closing(open_store()) as store:
        versions = catalogue_versions(store)
    for version in versions:
        if args.json:
            emit(version_json(version))
        else:
            print(_version_line(version))
    return EXIT_OK


def version_json(version: CatalogueVersion) -> dict[str, Any]:
    return {
        "version": version.version,
        "current": version.is_current,
        "imported_at": version.imported_at,
        "source": version.source,
        "checked_on": version.checked_on,
        "procedures": version.procedure_count,
        "active": version.active_count,
        "sha256": version.sha256,
    }


def _version_line(version: CatalogueVersion) -> str:
    mark = "*" if version.is_current else " "
    checked = version.checked_on or _NO_DATE
    counts = f"{version.procedure_count}/{version.active_count}"
    return (
        f"{mark} {version.version:>3}  {version.imported_at}  {checked:<10}  {counts:>7}  "
        f"{version.sha256[:12]}  {version.source}"
    )
