"""Options and helpers shared by the ``dossier`` commands that take or print a dossier."""

from __future__ import annotations

import argparse

from counter_app.cli.dossier_output import dossier_json, dossier_line
from counter_app.cli.numbers import BadOptionError, bounded_int
from counter_app.cli.output import emit

__all__ = ["BadOptionError", "add_changeable_options", "documents_from", "text"]
from counter_app.domain.dossier import DocumentReceived, Dossier
from counter_app.domain.text import collapse_spaces, nfc


def add_changeable_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--phone", default=None, help="phone for the receipt")
    p.add_argument("--email", default=None, help="email for the receipt")
    p.add_argument(
        "--document",
        action="append",
        default=None,
        metavar="NAME[:ORIG[:COPIES]]",
        help="a document received, with original and copy counts (repeatable)",
    )
    p.add_argument(
        "--sets",
        type=bounded_int("--sets", -(10**9), 10**9),
        default=None,
        help="number of sets (default 1)",
    )
    p.add_argument(
        "--fee",
        type=bounded_int("--fee", -(10**12), 10**12),
        default=None,
        help="fee in VND (default: the catalogue's)",
    )
    p.add_argument("--fee-exemption", default=None, help="the exemption reason, if exempt")
    p.add_argument("--note", default=None, help="a note")


def documents_from(specs: list[str]) -> tuple[DocumentReceived, ...]:
    return tuple(_document(spec) for spec in specs)


def _document(spec: str) -> DocumentReceived:
    """``NAME[:ORIGINALS[:COPIES]]``; a name may itself hold a colon (only numbers are counts)."""
    parts = spec.split(":")
    numbers: list[int] = []
    while len(parts) > 1 and len(numbers) < 2 and parts[-1].strip().isdigit():
        numbers.insert(0, int(parts.pop()))
    name = text(":".join(parts))
    if not name:
        raise BadOptionError("--document")
    originals, copies = [*numbers, 0][:2] if numbers else (0, 1)
    return DocumentReceived(name, originals=originals, copies=copies)


def text(value: str) -> str:
    return collapse_spaces(nfc(value))


def print_dossier(dossier: Dossier, args: argparse.Namespace) -> None:
    if args.json:
        emit(dossier_json(dossier, args.lang))
    else:
        print(dossier_line(dossier, args.lang))
