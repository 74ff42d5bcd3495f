"""JSON shapes the CLI prints (docs/CLI.md): one object per line, UTF-8, NFC text."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TypeAlias

from counter_app.domain.field_text import displayable
from counter_app.domain.findings import Finding, Severity
from counter_app.domain.id_card import IdCardReading, IdCardRejected
from counter_app.errors import EXIT_OK, BadInputError, CounterAppError
from counter_app.messages import message_for

_NOT_BLOCKING = (Severity.CONFIRM, Severity.WARN, Severity.INFO)
_ID_FIELDS = (
    "card_type",
    "id_number",
    "old_id_number",
    "full_name",
    "date_of_birth",
    "date_of_birth_precision",
    "sex",
    "address",
    "issue_date",
    "birth_registered_in",
    "source",
)


def add_force_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")


def emit(obj: dict[str, Any]) -> None:
    """Print one JSON object on its own line and flush, so a pipe sees each result at once.

    A control or format character inside a string (which JSON leaves raw above U+007F) is
    written as its ``\\uXXXX`` escape: the JSON means the same, a terminal shows it inert.
    """
    sys.stdout.write(displayable(json.dumps(obj, ensure_ascii=False)) + "\n")
    sys.stdout.flush()


def finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    return {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "field": finding.field,
        "message": message_for(finding.code.value, lang, finding.params),
    }


def reading_json(reading: IdCardReading, lang: str) -> dict[str, Any]:
    dob = reading.date_of_birth
    out: dict[str, Any] = {
        "ok": reading.ok,
        "card_type": reading.card_type.value,
        "id_number": reading.id_number,
        "old_id_number": reading.old_id_number,
        "full_name": reading.full_name,
        "date_of_birth": dob.iso() if dob else None,
        "date_of_birth_precision": dob.precision.value if dob else None,
        "sex": reading.sex.value if reading.sex else None,
        "address": reading.address,
        "issue_date": reading.issue_date.isoformat() if reading.issue_date else None,
        "birth_registered_in": reading.birth_registered_in,
        "source": reading.source.value,
        "extras": list(reading.extras),
        "warnings": reading.codes(*_NOT_BLOCKING),
        "findings": [finding_json(f, lang) for f in reading.findings],
    }
    error = reading.first_error
    if error is not None:
        out["error_code"] = error.code.value
        out["error"] = message_for(error.code.value, lang, error.params)
    return out


def error_json(error: CounterAppError, lang: str) -> dict[str, Any]:
    """A failed item: every ID key present and null, so consumers see one stable shape."""
    message = message_for(error.code, lang)
    out: dict[str, Any] = {"ok": False}
    out.update(dict.fromkeys(_ID_FIELDS))
    out.update(extras=[], warnings=[])
    out["findings"] = [
        {"code": error.code, "severity": Severity.ERROR.value, "field": None, "message": message}
    ]
    out.update(error_code=error.code, error=message)
    return out


def outcome_json(outcome: IdCardReading | IdCardRejected, lang: str) -> dict[str, Any]:
    if isinstance(outcome, IdCardReading):
        return reading_json(outcome, lang)
    return error_json(outcome, lang)


class BadDateError(BadInputError):
    """A date option is not YYYY-MM-DD."""

    code = "BAD_DATE"


# The argparse object that ``add_subparsers`` returns; every command module registers on one.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_json_flag(
    parser: argparse.ArgumentParser, help_text: str = "print JSON (one object per line)"
) -> None:
    parser.add_argument("--json", action="store_true", help=help_text)


def print_group_help(parser: argparse.ArgumentParser) -> int:
    """The handler of a command group given no sub-command: its help, exit 0."""
    parser.print_help()
    return EXIT_OK
