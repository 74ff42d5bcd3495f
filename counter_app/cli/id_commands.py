"""``counter-app id parse`` and ``counter-app id decode``: the ID-card reader for scripts and IT."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from counter_app.cli.chip_commands import register_chip, register_readers
from counter_app.cli.output import (
    Subparsers,
    emit,
    error_json,
    outcome_json,
    print_group_help,
    reading_json,
)
from counter_app.domain.id_card import parse_or_reject
from counter_app.domain.text import split_scans
from counter_app.domain.typed_identity import TYPED_FIELDS, read_typed_identity
from counter_app.errors import EXIT_ITEMS_FAILED, EXIT_OK, BadInputError
from counter_app.services.clock import today_vn
from counter_app.services.qr.decode import Decoder, ImageUnreadableError, load_image
from counter_app.services.qr.id_scan import NoQrFoundError, scan_id_card_image

STDIN = "-"


class NoInputError(BadInputError):
    code = "NO_INPUT"


class BadJsonLineError(BadInputError):
    code = "BAD_JSON"


def register(commands: Subparsers) -> None:
    group = commands.add_parser(
        "id",
        help="read chip ID card (CCCD / Căn cước) QR payloads and images",
        description="Read the QR code of a chip ID card: parse its text or decode it from images.",
    )
    group.set_defaults(handler=lambda args: print_group_help(group))
    sub = group.add_subparsers(title="commands", metavar="COMMAND")
    _register_parse(sub)
    _register_check(sub)
    _register_decode(sub)
    register_chip(sub)
    register_readers(sub)


def _register_parse(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "parse",
        help="parse ID-card QR payloads into JSON, one object per input line",
        description=(
            "Parse ID-card QR payloads. Each input line is one scan; one JSON object is printed "
            "per line, in order. Give '-' (or nothing, with a pipe) to read from standard input, "
            "so that personal data never sits on a command line. Exit status 0 when every line "
            "parsed without an error, 1 otherwise."
        ),
    )
    parser.add_argument("payload", nargs="?", default=None, metavar="PAYLOAD | -")
    _add_json_flag(parser)
    parser.set_defaults(handler=run_parse)


def _register_check(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "check",
        help="check identity details typed by hand (JSON lines on standard input)",
        description=(
            "Check an applicant's details typed by hand with the same rules as a scanned card. "
            "Reads one JSON object per line from standard input ('-'), with any of the keys "
            f"{', '.join(TYPED_FIELDS)}; dates as dd/MM/yyyy or ISO, sex as Nam/Nữ or "
            "male/female. Prints one JSON object per line with the keys of 'id parse'. Exit "
            "status 0 when every line passed without an error, 1 otherwise."
        ),
    )
    parser.add_argument("source", choices=[STDIN], metavar="-")
    _add_json_flag(parser)
    parser.set_defaults(handler=run_check)


def _register_decode(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "decode",
        help="decode the ID-card QR code in images and parse it",
        description=(
            "Decode the QR code in each image (PNG, JPEG, BMP…; '-' reads one image from standard "
            "input) and parse it as an ID card. Prints one JSON object per image with 'image' and "
            "'payload' beside the keys of 'id parse'. When an image holds several codes, the one "
            "that is an ID card is chosen. Exit status 0 when every image gave a clean reading, "
            "1 otherwise."
        ),
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE")
    parser.add_argument(
        "--decoder",
        choices=[d.value for d in Decoder],
        default=Decoder.ZXING.value,
        help="QR decoding library: zxing (default, faster and more robust) or zbar",
    )
    _add_json_flag(parser)
    parser.set_defaults(handler=run_decode)


def _add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        default=True,
        help="print JSON (always on for this command; accepted for uniformity with others)",
    )


def run_parse(args: argparse.Namespace) -> int:
    today = today_vn()
    scans = _payload_lines(args.payload)
    return _emit_each(outcome_json(parse_or_reject(scan, today=today), args.lang) for scan in scans)


def _emit_each(results: Iterable[dict[str, Any]]) -> int:
    """Print each result as soon as it is made: 0 when all were ok, 1 otherwise.

    Raises NoInputError when there was nothing at all to process.
    """
    count = failed = 0
    for result in results:
        count += 1
        failed += not result["ok"]
        emit(result)
    if count == 0:
        raise NoInputError()
    return EXIT_ITEMS_FAILED if failed else EXIT_OK


def _payload_lines(payload: str | None) -> Iterator[str]:
    """Scans from the argument, or from stdin line by line (a scanner pipe may stay open)."""
    if payload is not None and payload != STDIN:
        yield from split_scans(payload)
        return
    if payload is None and sys.stdin.isatty():
        raise NoInputError("give a payload, or '-' to read standard input")
    for raw in sys.stdin.buffer:
        # Undecodable bytes become U+FFFD, which the parser flags for retyping.
        yield from split_scans(raw.decode("utf-8", errors="replace"))


def run_check(args: argparse.Namespace) -> int:
    today = today_vn()
    return _emit_each(_check_line(line, today, args.lang) for line in _payload_lines(STDIN))


def _check_line(line: str, today: date, lang: str) -> dict[str, Any]:
    try:
        return reading_json(read_typed_identity(_json_object(line), today=today), lang)
    except BadJsonLineError as error:
        return error_json(error, lang)


def _json_object(line: str) -> dict[str, str | None]:
    """One line of typed details; only string (or null) values of the known keys are kept."""
    try:
        value = json.loads(line)
    except (json.JSONDecodeError, RecursionError):  # RecursionError: absurdly nested input
        raise BadJsonLineError() from None  # the message would quote the line
    if not isinstance(value, dict):
        raise BadJsonLineError()
    return {k: v for k, v in value.items() if k in TYPED_FIELDS and isinstance(v, str | None)}


def run_decode(args: argparse.Namespace) -> int:
    today = today_vn()
    decoder = Decoder(args.decoder)
    return _emit_each(
        _decode_one(name, decoder=decoder, today=today, lang=args.lang) for name in args.images
    )


def _decode_one(name: str, *, decoder: Decoder, today: date, lang: str) -> dict[str, Any]:
    try:
        image = load_image(io.BytesIO(sys.stdin.buffer.read()) if name == STDIN else name)
        scan = scan_id_card_image(image, today=today, decoder=decoder)
    except (ImageUnreadableError, NoQrFoundError) as error:
        # One bad picture fails that item only; a missing decoder library stops the command.
        return {"image": name, "payload": None, **error_json(error, lang)}
    return {"image": name, "payload": scan.payload, **outcome_json(scan.outcome, lang)}
