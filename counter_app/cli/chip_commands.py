"""``counter-app id chip``: read the ID card's chip with the keys from its QR or typed values."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from counter_app.chip.errors import ChipError, ChipSignatureError, ChipTamperedError
from counter_app.cli.output import Subparsers, emit, error_json, reading_json
from counter_app.cli.stdin_input import read_stdin_line, read_stdin_object
from counter_app.domain.id_card import parse_or_reject
from counter_app.domain.reading import IdCardReading
from counter_app.domain.typed_identity import read_typed_identity
from counter_app.errors import EXIT_ITEMS_FAILED, EXIT_OK, BadInputError
from counter_app.services.clock import today_vn

if TYPE_CHECKING:
    from counter_app.services.chip.identity import ChipIdentity

STDIN = "-"


class BadExpiryError(BadInputError):
    code = "CHIP_BAD_EXPIRY"


class QrNotAnIdCardError(BadInputError):
    code = "CHIP_QR_NOT_ID"


def register_chip(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "chip",
        help="read the card's chip (PC/SC reader) with the keys from its QR code",
        description=(
            "Read the chip of the ID card on a PC/SC reader: Basic Access Control with keys from "
            "the QR payload ('--qr -' reads it from standard input) or, without --qr, from one "
            "JSON object of typed values on standard input (id_number, date_of_birth, "
            "issue_date); then DG1, DG2, DG13 and EF.SOD under Secure Messaging, checked by "
            "passive authentication against the CSCA trust folder. Prints the keys of 'id parse' "
            "plus source, verification and portrait_sha256. Exit status 0 for a clean reading, "
            "1 for a reading with an error finding; a refused card exits with its error's status."
        ),
    )
    parser.add_argument(
        "--reader", type=int, default=None, metavar="N",
        help="reader number (0 is the first); default: the first reader with a card",
    )  # fmt: skip
    parser.add_argument(
        "--qr", choices=[STDIN], default=None, metavar="-",
        help="read the card's QR payload from standard input",
    )  # fmt: skip
    parser.add_argument(
        "--expiry", default=None, metavar="YYMMDD",
        help="the expiry printed on the card, when the derived ones fail",
    )  # fmt: skip
    parser.add_argument(
        "--json", action="store_true", default=True,
        help="print JSON (always on; accepted for uniformity)",
    )  # fmt: skip
    parser.set_defaults(handler=run_chip)


def register_readers(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "readers",
        help="list the PC/SC card readers and whether a card lies on each",
        description=(
            "List the PC/SC readers in the order 'id chip --reader N' numbers them, each with "
            "whether a card lies on it. Exit status 0; 3 with CHIP_NO_READER when there is no "
            "reader or no PC/SC service."
        ),
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per reader")
    parser.set_defaults(handler=run_readers)


def run_readers(args: argparse.Namespace) -> int:
    from counter_app.services.chip.pcsc import reader_states

    for number, (name, card) in enumerate(reader_states()):
        if args.json:
            emit({"reader": number, "name": name, "card_present": card})
        else:
            print(f"{number}  {name}  {'card' if card else '-'}")
    return EXIT_OK


def run_chip(args: argparse.Namespace) -> int:
    today = today_vn()
    # Imported here: the chip's crypto and ASN.1 libraries would slow every other command.
    from counter_app.services.chip.identity import read_identity

    start = _starting_identity(args, today)
    expiry = _expiry(args.expiry)
    try:
        identity = read_identity(start, today=today, expiry=expiry, reader_index=args.reader)
    except ChipError as error:
        emit(refused_json(error, args.lang))
        return error.exit_status
    result = chip_json(identity, args.lang)
    emit(result)
    return EXIT_OK if result["ok"] else EXIT_ITEMS_FAILED


def refused_json(error: ChipError, lang: str) -> dict[str, Any]:
    """The shape of 'id parse' with every field null; verification says why nothing is used."""
    failed = isinstance(error, ChipTamperedError | ChipSignatureError)
    out = error_json(error, lang)
    out.update(
        source="chip",
        verification="failed" if failed else None,
        portrait_sha256=None,
        is_passport=None,
    )
    return out


def chip_json(identity: ChipIdentity, lang: str) -> dict[str, Any]:
    out = reading_json(identity.reading, lang)
    out.update(
        source="chip",
        verification=identity.read.verification.value,
        portrait_sha256=identity.read.portrait_sha256,
        is_passport=identity.read.mrz.is_passport,
    )
    return out


def _starting_identity(args: argparse.Namespace, today: date) -> IdCardReading:
    if args.qr == STDIN:
        outcome = parse_or_reject(read_stdin_line("--qr"), today=today)
        if not isinstance(outcome, IdCardReading):
            raise QrNotAnIdCardError()
        return outcome
    return read_typed_identity(read_stdin_object("-"), today=today)


def _expiry(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%y%m%d").date()
    except ValueError:
        raise BadExpiryError() from None
