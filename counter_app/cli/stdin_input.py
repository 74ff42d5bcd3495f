"""Personal values read from standard input, never from the command line (``ps`` shows those).

One line, at most ``MAX_STDIN_CHARS``; JSON must be one object of strings (a nested or huge
document is a typed refusal, not a RecursionError or a long wait).
"""

from __future__ import annotations

import json
import sys

from counter_app.cli.dossier_options import BadOptionError

MAX_STDIN_CHARS = 1_000_000  # far above any dossier, far below what would stall the parser


def read_stdin_line(option: str) -> str:
    """One line of standard input without its line break; longer than the limit is refused."""
    line = sys.stdin.readline(MAX_STDIN_CHARS + 1)
    if len(line) > MAX_STDIN_CHARS:
        raise BadOptionError(option)
    return line.rstrip("\r\n")


def read_stdin_object(option: str) -> dict[str, str | None]:
    """One JSON object on one line: keys to strings (other values count as absent)."""
    try:
        data = json.loads(read_stdin_line(option))
    except (json.JSONDecodeError, RecursionError):
        raise BadOptionError(option) from None
    if not isinstance(data, dict):
        raise BadOptionError(option)
    return {str(k): v if isinstance(v, str) else None for k, v in data.items()}


def overlay(args: object, data: dict[str, str | None], names: dict[str, str]) -> None:
    """Set ``args.<attr>`` from ``data[key]`` for each ``key: attr`` given in the JSON."""
    for key, attr in names.items():
        value = data.get(key)
        if value is not None:
            setattr(args, attr, value)
